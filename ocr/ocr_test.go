package ocr_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"spreekuurbot/letters"
	"spreekuurbot/ocr"
)

func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pdfPages(t testing.TB, n int) []byte {
	t.Helper()
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetFont("Helvetica", "", 12)
	for range n {
		pdf.AddPage()
		pdf.Cell(40, 10, "Aanmaning. Betaal binnen 14 dagen na de dagtekening van deze brief.")
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestLimits: files the bot cannot or will not read get an error a
// caller can name to the resident, before any program runs.
func TestLimits(t *testing.T) {
	r := ocr.New(ocr.Config{MaxBytes: 1 << 20, MaxPixels: 1000 * 1000, MaxPages: 2})
	tests := []struct {
		name string
		file []byte
		want error
	}{
		{"too many bytes", make([]byte, 1<<20+1), ocr.ErrTooLarge},
		{"too many pixels", pngOf(t, 2000, 1000), ocr.ErrTooLarge},
		{"not an image", []byte("hello, this is a text file"), ocr.ErrUnsupported},
		{"a broken PDF", []byte("%PDF-1.4\nnot really"), ocr.ErrUnsupported},
		{"too many pages", pdfPages(t, 3), ocr.ErrTooManyPages},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.HasPrefix(string(tt.file), "%PDF") {
				if _, err := exec.LookPath("pdfinfo"); err != nil {
					t.Skip("poppler-utils not installed")
				}
			}
			_, err := r.Read(context.Background(), tt.file)
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestUnavailable: without Tesseract the Reader says so, as
// ErrUnavailable, both when checked and when asked to read.
func TestUnavailable(t *testing.T) {
	r := ocr.New(ocr.Config{Tesseract: filepath.Join(t.TempDir(), "no-tesseract")})
	if err := r.Available(context.Background()); !errors.Is(err, ocr.ErrUnavailable) {
		t.Errorf("Available = %v, want ErrUnavailable", err)
	}
	if _, err := r.Read(context.Background(), pngOf(t, 100, 100)); !errors.Is(err, ocr.ErrUnavailable) {
		t.Errorf("Read = %v, want ErrUnavailable", err)
	}
}

// fakeTesseract writes a stand-in for tesseract that notes how many
// copies of itself run at once (one file per running copy in dir), takes
// its time, and prints a fixed text.
func fakeTesseract(t *testing.T, dir string, sleep string) string {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	path := filepath.Join(t.TempDir(), "tesseract")
	script := `#!/bin/sh
cat >/dev/null
ls "` + dir + `" | wc -l >> "` + dir + `.counts"
touch "` + dir + `/$$"
sleep ` + sleep + `
rm "` + dir + `/$$"
echo "Dwangbevel"
`
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestWorkers: however many photos come in at once, no more pages are
// read at a time than the Reader has workers.
func TestWorkers(t *testing.T) {
	running := filepath.Join(t.TempDir(), "running")
	if err := os.Mkdir(running, 0o755); err != nil {
		t.Fatal(err)
	}
	r := ocr.New(ocr.Config{Workers: 2, Tesseract: fakeTesseract(t, running, "0.2")})
	page := pngOf(t, 200, 200)
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			if text, err := r.Read(context.Background(), page); err != nil || !strings.Contains(text, "Dwangbevel") {
				t.Errorf("Read = %q, %v", text, err)
			}
		})
	}
	wg.Wait()
	counts, err := os.ReadFile(running + ".counts")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range strings.Fields(string(counts)) {
		// Each copy counts the others running when it starts.
		if c != "0" && c != "1" {
			t.Errorf("a page started while %s others ran; at most 1 other with 2 workers", c)
		}
	}
}

// TestTimeout: a page that takes too long ends with ErrTimeout, and the
// worker is free again.
func TestTimeout(t *testing.T) {
	running := filepath.Join(t.TempDir(), "running")
	if err := os.Mkdir(running, 0o755); err != nil {
		t.Fatal(err)
	}
	r := ocr.New(ocr.Config{Workers: 1, Timeout: 100 * time.Millisecond, Tesseract: fakeTesseract(t, running, "5")})
	for range 2 {
		if _, err := r.Read(context.Background(), pngOf(t, 100, 100)); !errors.Is(err, ocr.ErrTimeout) {
			t.Fatalf("Read = %v, want ErrTimeout", err)
		}
	}
}

// TestNothingLeftBehind: reading a photo and a scanned PDF writes no
// file: the letter, with a name and a BSN on it, stays in memory.
func TestNothingLeftBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("reads two pages")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	r := reader(t, ocr.Config{})
	s := sample(t, 3)
	for _, file := range [][]byte{s.Photo, s.ScannedPDF} {
		if _, err := r.Read(context.Background(), file); err != nil {
			t.Fatal(err)
		}
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("reading left %d files in the temporary directory, e.g. %s", len(left), left[0].Name())
	}
}

// BenchmarkReadPage reads one letter page to its answer node: clean-up,
// Tesseract, recognition; a clean scan (PNG) and a phone photo (JPEG).
// The baseline, run in the same benchmark, is starting Tesseract bare
// (tesseract --version): the ratio says what a page costs beyond starting
// a process.
func BenchmarkReadPage(b *testing.B) {
	r := reader(b, ocr.Config{Workers: 1})
	rec, err := letters.New()
	if err != nil {
		b.Fatal(err)
	}
	s := sample(b, 3)
	today := time.Date(2027, time.June, 1, 0, 0, 0, 0, time.UTC)
	for _, page := range []struct {
		name string
		file []byte
	}{{"clean", s.Clean}, {"photo", s.Photo}} {
		b.Run(page.name, func(b *testing.B) {
			var base time.Duration
			const baseRuns = 5
			for range baseRuns {
				start := time.Now()
				if err := exec.Command("tesseract", "--version").Run(); err != nil {
					b.Fatal(err)
				}
				base += time.Since(start)
			}
			base /= baseRuns
			b.ResetTimer()
			for b.Loop() {
				text, err := r.Read(context.Background(), page.file)
				if err != nil {
					b.Fatal(err)
				}
				if res := rec.Recognise(text, today); res.Node != s.Node {
					b.Fatalf("node %q, want %q", res.Node, s.Node)
				}
			}
			perPage := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(float64(perPage.Nanoseconds()), "ns/page")
			b.ReportMetric(float64(perPage)/float64(base), "x-bare-tesseract")
		})
	}
}
