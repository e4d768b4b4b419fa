package ocr_test

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"spreekuurbot/internal/lettertest"
	"spreekuurbot/letters"
	"spreekuurbot/ocr"
)

var stepsFlag = flag.Bool("steps", false, "TestSteps: measure each clean-up step on the photos (minutes)")

// The goals of issue 17 on the synthetic set.
const (
	goalClean    = 0.95
	goalPhone    = 0.90
	goalDeadline = 0.90
)

// today is after every letter of the set, as when a resident sends it.
var today = time.Date(2027, time.June, 1, 0, 0, 0, 0, time.UTC)

// reader returns a Reader, or skips the test when Tesseract with Dutch is
// not installed here (.ci/run installs it).
func reader(t testing.TB, cfg ocr.Config) *ocr.Reader {
	t.Helper()
	r := ocr.New(cfg)
	if err := r.Available(context.Background()); err != nil {
		t.Skipf("photo reading not measured: %v (apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils)", err)
	}
	return r
}

var buildSet = sync.OnceValues(func() ([]lettertest.Sample, error) {
	return lettertest.Build(lettertest.Seed, lettertest.Size)
})

// sample is letter i of the set, built alone: each letter has its own
// random source, so it is the same as in the whole set, at a fraction of
// the cost (the race detector slows the rendering a lot).
func sample(t testing.TB, i int) lettertest.Sample {
	t.Helper()
	set, err := lettertest.Build(lettertest.Seed, i+1)
	if err != nil {
		t.Fatal(err)
	}
	return set[i]
}

func testSet(t testing.TB) []lettertest.Sample {
	t.Helper()
	set, err := buildSet()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// form is one way a letter reaches the bot.
type form struct {
	name string
	file func(lettertest.Sample) []byte
	// every says which letters to read in this form: every n-th.
	every int
}

var forms = []form{
	{"clean scan (PNG)", func(s lettertest.Sample) []byte { return s.Clean }, 1},
	{"phone photo (JPEG)", func(s lettertest.Sample) []byte { return s.Photo }, 1},
	{"PDF with text", func(s lettertest.Sample) []byte { return s.TextPDF }, 1},
	{"scanned PDF", func(s lettertest.Sample) []byte { return s.ScannedPDF }, 8},
}

// score is how one form of the set was recognised.
type score struct {
	letters, node, urgent, urgentRight, deadlines, deadlineRight, falseUrgent, notUrgent int
	misses                                                                               []string
	// elapsed is the time the set took times the workers: the time a
	// page takes on one core.
	elapsed time.Duration
}

func (s score) nodeRate() float64 { return ratio(s.node, s.letters) }
func (s score) urgentRate() float64 {
	return ratio(s.urgentRight, s.urgent)
}
func (s score) deadlineRate() float64 { return ratio(s.deadlineRight, s.deadlines) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s score) String() string {
	return fmt.Sprintf("answer node %d/%d (%.1f %%), urgent recognised %d/%d (%.0f %%), deadline exact %d/%d (%.1f %%), not-urgent letters called urgent %d/%d, %.2f s/page",
		s.node, s.letters, 100*s.nodeRate(), s.urgentRight, s.urgent, 100*s.urgentRate(),
		s.deadlineRight, s.deadlines, 100*s.deadlineRate(), s.falseUrgent, s.notUrgent,
		s.elapsed.Seconds()/float64(max(s.letters, 1)))
}

// measure reads every letter of the set in form f and scores the result.
func measure(t *testing.T, r *ocr.Reader, workers int, rec *letters.Recogniser, set []lettertest.Sample, f form) score {
	t.Helper()
	var (
		mu    sync.Mutex
		s     score
		g     errgroup.Group
		start = time.Now()
	)
	for i, l := range set {
		if i%f.every != 0 {
			continue
		}
		g.Go(func() error {
			text, err := r.Read(context.Background(), f.file(l))
			if err != nil {
				return fmt.Errorf("%s %s: %w", f.name, l.Name, err)
			}
			res := rec.Recognise(text, today)
			mu.Lock()
			defer mu.Unlock()
			s.letters++
			miss := ""
			if res.Node == l.Node {
				s.node++
			} else {
				miss += fmt.Sprintf(" node %q (want %q)", res.Node, l.Node)
			}
			if l.Urgent {
				s.urgent++
				if res.Urgent {
					s.urgentRight++
				} else {
					miss += " not urgent"
				}
			} else {
				s.notUrgent++
				if res.Urgent {
					s.falseUrgent++
				}
			}
			if !l.Deadline.IsZero() {
				s.deadlines++
				if res.Deadline.Equal(l.Deadline) {
					s.deadlineRight++
				} else {
					miss += fmt.Sprintf(" deadline %s (want %s)", res.Deadline.Format(time.DateOnly), l.Deadline.Format(time.DateOnly))
				}
			}
			if miss != "" {
				s.misses = append(s.misses, l.Name+":"+miss)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	s.elapsed = time.Since(start) * time.Duration(workers)
	return s
}

// TestSet reads the synthetic set in every form and holds the pipeline
// (clean-up, Tesseract, recognition) to the goals: the right answer node
// for 95 % of clean letters and 90 % of phone photos, every urgent letter
// urgent, the deadline exact in 90 %.
func TestSet(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("reads about 150 pages; measured without -short and -race: make test-letters")
	}
	// Every core reads: this measures the reading, not its share of a
	// busy bot.
	r := reader(t, ocr.Config{Workers: runtime.NumCPU()})
	rec, err := letters.New()
	if err != nil {
		t.Fatal(err)
	}
	set := testSet(t)
	start := time.Now()
	for _, f := range forms {
		s := measure(t, r, runtime.NumCPU(), rec, set, f)
		t.Logf("%-20s %s", f.name+":", s)
		for _, m := range s.misses {
			t.Logf("    %s", m)
		}
		goal := goalClean
		if f.name == "phone photo (JPEG)" {
			goal = goalPhone
		}
		if s.nodeRate() < goal {
			t.Errorf("%s: right answer node for %.1f %% of letters, goal %.0f %%", f.name, 100*s.nodeRate(), 100*goal)
		}
		if s.urgentRight != s.urgent {
			t.Errorf("%s: %d of %d urgent letters not called urgent", f.name, s.urgent-s.urgentRight, s.urgent)
		}
		if s.deadlineRate() < goalDeadline {
			t.Errorf("%s: deadline exact for %.1f %%, goal %.0f %%", f.name, 100*s.deadlineRate(), 100*goalDeadline)
		}
	}
	t.Logf("whole set read in %s", time.Since(start).Round(100*time.Millisecond))
}

// TestSteps (go test ./ocr -run TestSteps -steps -v -timeout 30m)
// measures what each clean-up step adds on the phone photos, each left
// out in turn; the README's table comes from here.
func TestSteps(t *testing.T) {
	if !*stepsFlag {
		t.Skip("run with -steps")
	}
	rec, err := letters.New()
	if err != nil {
		t.Fatal(err)
	}
	set := testSet(t)
	d := ocr.DefaultSteps
	variants := []struct {
		name  string
		steps ocr.Steps
	}{
		{"none (grey only)", ocr.Steps{}},
		{"default", d},
		{"without flatten", with(d, func(s *ocr.Steps) { s.Flatten = false })},
		{"without deskew", with(d, func(s *ocr.Steps) { s.Deskew = false })},
		{"without scaling", with(d, func(s *ocr.Steps) { s.XHeight = 0 })},
		{"x-height 15 px", with(d, func(s *ocr.Steps) { s.XHeight = 15 })},
		{"x-height 25 px", with(d, func(s *ocr.Steps) { s.XHeight = 25 })},
	}
	for _, v := range variants {
		r := reader(t, ocr.Config{Steps: &v.steps, Workers: runtime.NumCPU()})
		s := measure(t, r, runtime.NumCPU(), rec, set, forms[1])
		t.Logf("%-18s %s", v.name, s)
	}
}

func with(s ocr.Steps, change func(*ocr.Steps)) ocr.Steps {
	change(&s)
	return s
}
