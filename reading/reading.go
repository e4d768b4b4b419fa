// Package reading reads a letter for the conversation: the text of its
// pages (package ocr), what that text says (package letters), and of that
// only what the flows need (flows.LetterReading): an answer node, the
// likely ones, an urgent sign, a deadline. The pages and their text stay
// in memory for the length of one call; nothing is kept, logged or
// counted but the outcome.
package reading

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"spreekuurbot"
	"spreekuurbot/flows"
	"spreekuurbot/letters"
	"spreekuurbot/ocr"
)

// Reader turns the pages of a letter into what the flows answer.
type Reader struct {
	ocr  *ocr.Reader
	rec  *letters.Recogniser
	zone *time.Location
}

// maxLikely is how many likely answers an unsure reading offers.
const maxLikely = 3

// New returns a Reader reading with o and recognising with rec; dates are
// Almere's (zone).
func New(o *ocr.Reader, rec *letters.Recogniser, zone *time.Location) *Reader {
	return &Reader{ocr: o, rec: rec, zone: zone}
}

// Available reports whether this server can read photos and PDFs: nil, or
// an error that says what is missing.
func (r *Reader) Available(ctx context.Context) error { return r.ocr.Available(ctx) }

// Read reads a letter from its files (photos, one per page, or one PDF)
// as of now. Limits, unreadable files and a server without Tesseract are
// outcomes, not errors; the error is only the caller's context ending.
func (r *Reader) Read(ctx context.Context, files [][]byte, now time.Time) (flows.LetterReading, error) {
	var pages []string
	for _, f := range files {
		text, err := r.ocr.Read(ctx, f)
		switch {
		case err == nil:
			pages = append(pages, text)
		case ctx.Err() != nil:
			return flows.LetterReading{}, fmt.Errorf("read a letter: %w", context.Cause(ctx))
		case errors.Is(err, ocr.ErrUnavailable):
			return flows.LetterReading{Outcome: flows.LetterUnavailable}, nil
		case errors.Is(err, ocr.ErrTooLarge), errors.Is(err, ocr.ErrTooManyPages):
			return flows.LetterReading{Outcome: flows.LetterTooLarge}, nil
		default:
			// Not an image or a PDF, or too slow to read: another page may
			// still say enough.
		}
	}
	if len(pages) == 0 {
		return flows.LetterReading{Outcome: flows.LetterUnreadable}, nil
	}
	return r.Recognised(r.rec.Recognise(strings.Join(pages, "\f"), now.In(r.zone))), nil
}

// Recognised turns what the letter's text says into what the flows
// answer: the answer when it stands out, else the likely answers (an
// urgent sign's own answer first), else nothing.
func (r *Reader) Recognised(res letters.Result) flows.LetterReading {
	out := flows.LetterReading{Outcome: flows.LetterUnreadable}
	if !res.Deadline.IsZero() {
		out.Deadline = spreekuurbot.DateOf(res.Deadline.In(r.zone))
	}
	// The first sign's answer carries the referral when the answer is not
	// urgent itself: a letter with an urgent sign is never answered as
	// not urgent.
	if len(res.Signs) > 0 {
		out.Urgent = res.Signs[0].Node
	}
	switch {
	case res.Node != "" && res.Confident:
		out.Outcome, out.Node = flows.LetterRead, res.Node
		if out.Urgent == res.Node {
			out.Urgent = ""
		}
	default:
		var likely []string
		// The best node first when it is urgent itself; then the signs'
		// answers; then the rest by score.
		for _, c := range res.Candidates {
			if c.Node == res.Node && c.Urgent {
				likely = append(likely, c.Node)
			}
		}
		for _, s := range res.Signs {
			likely = append(likely, s.Node)
		}
		for _, c := range res.Candidates {
			likely = append(likely, c.Node)
		}
		likely = compactKeepOrder(likely)
		likely = likely[:min(len(likely), maxLikely)]
		if len(likely) > 0 {
			out.Outcome, out.Candidates = flows.LetterUnsure, likely
		}
	}
	return out
}

// compactKeepOrder drops repeats, keeping each first place.
func compactKeepOrder(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
