package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"io/fs"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// run runs a program with stdin as its standard input and returns its
// standard output. Standard error is kept only to say why it failed: with
// Tesseract it never holds the text.
func (r *Reader) run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	// One thread per page: the Reader's workers share the cores out.
	cmd.Env = append(cmd.Environ(), "OMP_THREAD_LIMIT=1")
	// Once killed, do not wait long for pipes a child of it may hold.
	cmd.WaitDelay = 500 * time.Millisecond
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Start()
	if err == nil {
		// Reading yields to answering: a busy core serves the bot first.
		lowerPriority(cmd.Process.Pid)
		err = cmd.Wait()
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%s: %w", name, context.Cause(ctx))
	}
	if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s is not installed", ErrUnavailable, name)
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return nil, fmt.Errorf("%s: %w: %s", name, err, msg)
	}
	return stdout.Bytes(), nil
}

// tesseract reads a cleaned-up page. The page goes in as PGM, which
// Tesseract's image library reads without any decoding work.
func (r *Reader) tesseract(ctx context.Context, g *image.Gray) (string, error) {
	w, h := g.Bounds().Dx(), g.Bounds().Dy()
	header := "P5\n" + strconv.Itoa(w) + " " + strconv.Itoa(h) + "\n255\n"
	pgm := make([]byte, 0, len(header)+w*h)
	pgm = append(pgm, header...)
	for y := range h {
		pgm = append(pgm, g.Pix[y*g.Stride:y*g.Stride+w]...)
	}
	out, err := r.run(ctx, pgm, r.cfg.Tesseract, "stdin", "stdout",
		"-l", r.cfg.Lang,
		"--psm", "3",
		// The text size is what counts; this keeps Tesseract from
		// guessing a resolution and saying so on standard error.
		"--dpi", "300",
		// Letters are dark on light: skip trying every line inverted.
		"-c", "tessedit_do_invert=0",
	)
	if err != nil {
		return "", fmt.Errorf("ocr page: %w", err)
	}
	return string(out), nil
}
