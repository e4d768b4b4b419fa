package letters_test

import (
	"testing"
	"time"

	"spreekuurbot/internal/lettertest"
	"spreekuurbot/letters"
)

// TestSetText: the synthetic letters' own text (as a perfect reader reads
// it) gives each letter's node, urgency and deadline. The photo pipeline
// is measured on the same set in package ocr.
func TestSetText(t *testing.T) {
	r, err := letters.New()
	if err != nil {
		t.Fatal(err)
	}
	today := time.Date(2027, time.June, 1, 0, 0, 0, 0, time.UTC)
	for _, l := range lettertest.Set(1, 2*lettertest.Kinds()) {
		t.Run(l.Name, func(t *testing.T) {
			res := r.Recognise(l.Text(), today)
			if res.Node != l.Node {
				t.Errorf("node %q, want %q; candidates %v\n%s", res.Node, l.Node, res.Candidates, l.Text())
			}
			if l.Urgent && !res.Urgent {
				t.Errorf("not urgent")
			}
			if !res.Deadline.Equal(l.Deadline) {
				t.Errorf("deadline %v, want %v (dated %v, want %v)\n%s", res.Deadline, l.Deadline, res.Dated, l.Dated, l.Text())
			}
		})
	}
}
