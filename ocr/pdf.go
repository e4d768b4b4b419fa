package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// A page with fewer letters than this in its text layer is taken as a
// scan and read by OCR.
const minTextLetters = 40

// rasterSide is the long side, in pixels, a scanned PDF page is
// rasterised to (A4 at 150 dpi), whatever size the PDF says the page is;
// the clean-up then scales it to the text size Tesseract reads best.
const rasterSide = 1754

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)\s*$`)

// readPDF returns a PDF's text: the text layer where there is one, OCR
// for pages that are only an image.
func (r *Reader) readPDF(ctx context.Context, file []byte) (string, error) {
	pages, err := r.textLayer(ctx, file)
	if err != nil {
		return "", err
	}
	for i, p := range pages {
		if letterCount(p) >= minTextLetters {
			continue
		}
		text, err := r.ocrPDFPage(ctx, file, i+1)
		if err != nil {
			return "", fmt.Errorf("page %d: %w", i+1, err)
		}
		pages[i] = text
	}
	return strings.Join(pages, "\f"), nil
}

// textLayer returns the text of each page of a PDF, after checking its
// page count.
func (r *Reader) textLayer(ctx context.Context, file []byte) ([]string, error) {
	ctx, done, err := r.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	info, err := r.run(ctx, file, r.cfg.Pdfinfo, "-")
	if err != nil {
		return nil, unreadable(err)
	}
	m := pagesLine.FindSubmatch(info)
	if m == nil {
		return nil, fmt.Errorf("%w: no page count", ErrUnsupported)
	}
	n, _ := strconv.Atoi(string(m[1]))
	if n > r.cfg.MaxPages {
		return nil, fmt.Errorf("%w: %d pages, at most %d", ErrTooManyPages, n, r.cfg.MaxPages)
	}
	out, err := r.run(ctx, file, r.cfg.Pdftotext, "-layout", "-enc", "UTF-8", "-f", "1", "-l", strconv.Itoa(n), "-", "-")
	if err != nil {
		return nil, unreadable(err)
	}
	pages := strings.Split(string(out), "\f")
	return pages[:min(len(pages), n)], nil
}

// unreadable marks a poppler failure as a file that cannot be read,
// unless the cause was the server (not installed, out of time).
func unreadable(err error) error {
	if errors.Is(err, ErrUnavailable) || errors.Is(err, ErrTimeout) || errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%w: %v", ErrUnsupported, err)
}

// ocrPDFPage rasterises one page to PNG on standard output (no file) and
// reads it like a photo.
func (r *Reader) ocrPDFPage(ctx context.Context, file []byte, page int) (string, error) {
	ctx, done, err := r.acquire(ctx)
	if err != nil {
		return "", err
	}
	defer done()
	p := strconv.Itoa(page)
	out, err := r.run(ctx, file, r.cfg.Pdftoppm, "-f", p, "-l", p, "-scale-to", strconv.Itoa(rasterSide), "-gray", "-png", "-")
	if err != nil {
		return "", fmt.Errorf("rasterise: %w", err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(out))
	if err != nil {
		return "", fmt.Errorf("%w: rasterised page: %v", ErrUnsupported, err)
	}
	if cfg.Width*cfg.Height > r.cfg.MaxPixels {
		return "", fmt.Errorf("%w: page of %d×%d pixels", ErrTooLarge, cfg.Width, cfg.Height)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		return "", fmt.Errorf("%w: rasterised page: %v", ErrUnsupported, err)
	}
	return r.tesseract(ctx, clean(img, r.steps))
}

func letterCount(s string) int {
	n := 0
	for _, c := range s {
		if unicode.IsLetter(c) {
			n++
		}
	}
	return n
}
