// Package ocr reads the text of a letter from a photo or a PDF. Photos and
// scanned pages are read by Tesseract (Debian's tesseract-ocr with the
// Dutch data, tesseract-ocr-nld) after a clean-up in Go; PDFs with a text
// layer are read by pdftotext, and their scanned pages rasterised by
// pdftoppm (both poppler-utils). The programs run as subprocesses on
// standard input and output, so the Go binary stays pure Go.
//
// A letter carries a name, an address, a BSN and amounts: the file and its
// text stay in memory, no temporary file is written, and nothing of them
// is logged.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // photos
	_ "image/png"  // screenshots and scans
	"runtime"
	"strings"
	"time"

	_ "golang.org/x/image/webp" // photos from some phones and apps
)

// Errors a caller turns into a message for the resident (errors.Is).
var (
	// ErrUnavailable: Tesseract with the Dutch language, or poppler, is
	// not installed on this server.
	ErrUnavailable = errors.New("ocr: not available on this server")
	// ErrTooLarge: the file, or the image in it, is larger than allowed.
	ErrTooLarge = errors.New("ocr: file too large")
	// ErrTooManyPages: the PDF has more pages than allowed.
	ErrTooManyPages = errors.New("ocr: too many pages")
	// ErrUnsupported: the file is not an image or a PDF that can be read.
	ErrUnsupported = errors.New("ocr: not a readable image or PDF")
	// ErrTimeout: reading took longer than allowed.
	ErrTimeout = errors.New("ocr: reading took too long")
)

// Config bounds a Reader. The zero value of a field takes its default.
type Config struct {
	// Lang is Tesseract's language; default "nld".
	Lang string
	// Workers is how many pages are read at a time; default one per
	// core but one (at least one), so that a core is left for answering
	// the other chats: the clean-up of a page runs in this process and
	// would take every core from the Go scheduler. A page waits for a
	// free worker (or for its context).
	Workers int
	// Timeout bounds the work on one page (or one PDF's text layer) once
	// a worker has it; default 20 s. The wait for a worker is bounded
	// by the caller's context only.
	Timeout time.Duration
	// MaxBytes is the largest file accepted; default 20 MB (Telegram's
	// own limit for a bot's download).
	MaxBytes int
	// MaxPixels is the largest image accepted, in pixels; default 50
	// million (a 12-megapixel phone photo is well within).
	MaxPixels int
	// MaxPages is the largest PDF accepted, in pages; default 6.
	MaxPages int
	// Steps is the clean-up of photos; default DefaultSteps.
	Steps *Steps
	// Programs, by name or path; defaults "tesseract", "pdftotext",
	// "pdftoppm", "pdfinfo", looked up on PATH when run.
	Tesseract, Pdftotext, Pdftoppm, Pdfinfo string
}

// Reader reads letters. It bounds how many pages are read at once, so
// photos never take every core from the rest of the bot; it is safe for
// concurrent use.
type Reader struct {
	cfg   Config
	steps Steps
	slots chan struct{}
}

// New returns a Reader with cfg's limits.
func New(cfg Config) *Reader {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defs := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	def(&cfg.Workers, max(1, runtime.NumCPU()-1))
	def(&cfg.MaxBytes, 20<<20)
	def(&cfg.MaxPixels, 50_000_000)
	def(&cfg.MaxPages, 6)
	if cfg.Timeout <= 0 {
		cfg.Timeout = 20 * time.Second
	}
	defs(&cfg.Lang, "nld")
	defs(&cfg.Tesseract, "tesseract")
	defs(&cfg.Pdftotext, "pdftotext")
	defs(&cfg.Pdftoppm, "pdftoppm")
	defs(&cfg.Pdfinfo, "pdfinfo")
	steps := DefaultSteps
	if cfg.Steps != nil {
		steps = *cfg.Steps
	}
	return &Reader{cfg: cfg, steps: steps, slots: make(chan struct{}, cfg.Workers)}
}

// Read returns the text of a photo (JPEG, PNG, WebP) or a PDF, pages
// separated by a form feed.
func (r *Reader) Read(ctx context.Context, file []byte) (string, error) {
	if len(file) > r.cfg.MaxBytes {
		return "", fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(file), r.cfg.MaxBytes)
	}
	if bytes.HasPrefix(bytes.TrimLeft(file[:min(len(file), 1024)], "\x00\t\r\n "), []byte("%PDF-")) {
		return r.readPDF(ctx, file)
	}
	return r.ReadImage(ctx, file)
}

// ReadImage returns the text of a photo or a scan: decoded, cleaned up
// and read by Tesseract.
func (r *Reader) ReadImage(ctx context.Context, file []byte) (string, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(file))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	if cfg.Width*cfg.Height > r.cfg.MaxPixels || cfg.Width <= 0 || cfg.Height <= 0 {
		return "", fmt.Errorf("%w: %d×%d pixels", ErrTooLarge, cfg.Width, cfg.Height)
	}
	ctx, done, err := r.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer done()
	img, _, err := image.Decode(bytes.NewReader(file))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	return r.tesseract(ctx, clean(img, r.steps))
}

// acquire waits for a free worker and returns the context of the work,
// bounded by Timeout, and the function that ends it and frees the worker.
func (r *Reader) acquire(ctx context.Context) (context.Context, func(), error) {
	select {
	case r.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, fmt.Errorf("wait for a free OCR worker: %w", context.Cause(ctx))
	}
	work, cancel := context.WithTimeoutCause(ctx, r.cfg.Timeout, ErrTimeout)
	return work, func() { cancel(); <-r.slots }, nil
}

// Available reports whether this server can read photos and PDFs: nil, or
// an error wrapping ErrUnavailable that says what is missing.
func (r *Reader) Available(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := r.run(ctx, nil, r.cfg.Tesseract, "--list-langs")
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrUnavailable, r.cfg.Tesseract, err)
	}
	found := false
	for line := range strings.SplitSeq(string(out), "\n") {
		found = found || strings.TrimSpace(line) == r.cfg.Lang
	}
	if !found {
		return fmt.Errorf("%w: tesseract has no language %q (install tesseract-ocr-%s)", ErrUnavailable, r.cfg.Lang, r.cfg.Lang)
	}
	for _, p := range []string{r.cfg.Pdftotext, r.cfg.Pdftoppm, r.cfg.Pdfinfo} {
		if _, err := r.run(ctx, nil, p, "-v"); err != nil {
			return fmt.Errorf("%w: %s (poppler-utils): %v", ErrUnavailable, p, err)
		}
	}
	return nil
}
