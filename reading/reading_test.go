package reading_test

import (
	"bytes"
	"context"
	"image"
	"image/draw"
	"image/png"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/flows"
	"spreekuurbot/internal/lettertest"
	"spreekuurbot/letters"
	"spreekuurbot/ocr"
	"spreekuurbot/reading"
)

func almere(t testing.TB) *time.Location {
	t.Helper()
	zone, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	return zone
}

func newReader(t testing.TB, cfg ocr.Config) *reading.Reader {
	t.Helper()
	rec, err := letters.New()
	if err != nil {
		t.Fatal(err)
	}
	return reading.New(ocr.New(cfg), rec, almere(t))
}

// available skips a test that needs Tesseract where it is not installed
// (.ci/run installs it).
func available(t *testing.T, r *reading.Reader) {
	t.Helper()
	if err := r.Available(context.Background()); err != nil {
		t.Skipf("photo reading not tested: %v (apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils)", err)
	}
}

// sample is letter i of the project's synthetic set.
func sample(t *testing.T, i int) lettertest.Sample {
	t.Helper()
	set, err := lettertest.Build(lettertest.Seed, i+1)
	if err != nil {
		t.Fatal(err)
	}
	return set[i]
}

// TestReadLetters reads letters of the synthetic set as a resident sends
// them, with the real Tesseract: the answer node, the urgent sign, the
// deadline printed in the letter.
func TestReadLetters(t *testing.T) {
	if raceEnabled {
		t.Skip("reads three pages with Tesseract: run without -race (make test-letters)")
	}
	r := newReader(t, ocr.Config{})
	available(t, r)
	tests := []struct {
		name  string
		index int
		form  func(lettertest.Sample) []byte
	}{
		{"a phone photo of a CJIB dwangbevel", 7, func(s lettertest.Sample) []byte { return s.Photo }},
		{"a PDF of a Belastingdienst aanslag", 0, func(s lettertest.Sample) []byte { return s.TextPDF }},
		{"a scanned PDF of an eviction", 26, func(s lettertest.Sample) []byte { return s.ScannedPDF }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sample(t, tt.index)
			now := s.Deadline.AddDate(0, 0, -10)
			got, err := r.Read(context.Background(), [][]byte{tt.form(s)}, now)
			if err != nil {
				t.Fatal(err)
			}
			first := got.Node
			if got.Outcome == flows.LetterUnsure && len(got.Candidates) > 0 {
				first = got.Candidates[0] // asked, with the right answer first
			}
			if first != s.Node {
				t.Errorf("read %+v: want %s first", got, s.Node)
			}
			if want := spreekuurbot.DateOf(s.Deadline.In(almere(t))); got.Deadline != want {
				t.Errorf("deadline %s, want %s", got.Deadline, want)
			}
		})
	}
}

// TestReadOutcomes: what cannot be read is an outcome the resident gets
// a line for, never an error.
func TestReadOutcomes(t *testing.T) {
	now := time.Date(2026, time.December, 7, 10, 0, 0, 0, almere(t))
	t.Run("no Tesseract on this server", func(t *testing.T) {
		r := newReader(t, ocr.Config{Tesseract: "/nonexistent/tesseract", Pdftotext: "/nonexistent/pdftotext"})
		png := sampleOrSynthetic(t)
		got, err := r.Read(context.Background(), [][]byte{png}, now)
		if err != nil || got.Outcome != flows.LetterUnavailable {
			t.Errorf("got %+v, %v; want unavailable", got, err)
		}
	})
	t.Run("a file over the size limit", func(t *testing.T) {
		r := newReader(t, ocr.Config{MaxBytes: 100})
		got, err := r.Read(context.Background(), [][]byte{make([]byte, 101)}, now)
		if err != nil || got.Outcome != flows.LetterTooLarge {
			t.Errorf("got %+v, %v; want too large", got, err)
		}
	})
	t.Run("not an image", func(t *testing.T) {
		r := newReader(t, ocr.Config{})
		got, err := r.Read(context.Background(), [][]byte{[]byte("this is no photo of a letter")}, now)
		if err != nil || got.Outcome != flows.LetterUnreadable {
			t.Errorf("got %+v, %v; want unreadable", got, err)
		}
	})
	t.Run("the caller gave up", func(t *testing.T) {
		r := newReader(t, ocr.Config{})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := r.Read(ctx, [][]byte{sampleOrSynthetic(t)}, now); err == nil {
			t.Error("no error for a cancelled read")
		}
	})
}

// sampleOrSynthetic is a small white page as a PNG.
func sampleOrSynthetic(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 120, 160))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRecognised: the answer when it stands out, the likely ones (an
// urgent sign's first) when it does not, nothing when nothing was found;
// an urgent sign is never lost.
func TestRecognised(t *testing.T) {
	zone := almere(t)
	r := reading.New(nil, nil, zone)
	deadline := time.Date(2026, time.December, 14, 0, 0, 0, 0, zone)
	tests := []struct {
		name string
		res  letters.Result
		want flows.LetterReading
	}{
		{"sure", letters.Result{Node: "letter-bd-aanslag", Confident: true, Dates: letters.Dates{Deadline: deadline}},
			flows.LetterReading{Outcome: flows.LetterRead, Node: "letter-bd-aanslag", Deadline: spreekuurbot.Date{Year: 2026, Month: 12, Day: 14}}},
		{"sure, with an urgent sign", letters.Result{Node: "letter-bd-aanmaning", Confident: true, Signs: []letters.Sign{{Name: "dwangbevel", Node: "letter-bd-dwangbevel"}}},
			flows.LetterReading{Outcome: flows.LetterRead, Node: "letter-bd-aanmaning", Urgent: "letter-bd-dwangbevel"}},
		{"sure of the urgent answer itself", letters.Result{Node: "letter-bd-dwangbevel", Confident: true, Signs: []letters.Sign{{Name: "dwangbevel", Node: "letter-bd-dwangbevel"}}},
			flows.LetterReading{Outcome: flows.LetterRead, Node: "letter-bd-dwangbevel"}},
		{"unsure of an urgent answer: it comes first", letters.Result{Node: "letter-huur-ontruim", Signs: []letters.Sign{{Name: "deurwaarder", Node: "letter-dw-brief"}},
			Candidates: []letters.Candidate{{Node: "letter-huur-ontruim", Urgent: true}, {Node: "letter-dw-brief", Urgent: true}}},
			flows.LetterReading{Outcome: flows.LetterUnsure, Urgent: "letter-dw-brief", Candidates: []string{"letter-huur-ontruim", "letter-dw-brief"}}},
		{"unsure: the sign's answer first", letters.Result{Node: "letter-dw-incasso", Signs: []letters.Sign{{Name: "deurwaarder", Node: "letter-dw-brief"}},
			Candidates: []letters.Candidate{{Node: "letter-dw-incasso"}, {Node: "letter-dw-brief"}, {Node: "letter-huur-achter"}, {Node: "letter-en-achter"}}},
			flows.LetterReading{Outcome: flows.LetterUnsure, Urgent: "letter-dw-brief", Candidates: []string{"letter-dw-brief", "letter-dw-incasso", "letter-huur-achter"}}},
		{"only a sign", letters.Result{Signs: []letters.Sign{{Name: "ontruiming", Node: "letter-huur-ontruim"}}},
			flows.LetterReading{Outcome: flows.LetterUnsure, Urgent: "letter-huur-ontruim", Candidates: []string{"letter-huur-ontruim"}}},
		{"nothing", letters.Result{}, flows.LetterReading{Outcome: flows.LetterUnreadable}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Recognised(tt.res)
			if got.Outcome != tt.want.Outcome || got.Node != tt.want.Node || got.Urgent != tt.want.Urgent ||
				got.Deadline != tt.want.Deadline || len(got.Candidates) != len(tt.want.Candidates) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got.Candidates {
				if got.Candidates[i] != tt.want.Candidates[i] {
					t.Fatalf("got %+v, want %+v", got, tt.want)
				}
			}
		})
	}
}
