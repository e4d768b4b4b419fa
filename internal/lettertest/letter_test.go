package lettertest

import (
	"strings"
	"testing"
)

// TestSet: the set is the same from the same seed, every letter has a
// resident and a BSN of its own (so a privacy test can look for them),
// the BSN passes the eleven-test, there are at least 12 kinds, and each
// letter fits on one page.
func TestSet(t *testing.T) {
	a, b := Set(Seed, Size), Set(Seed, Size)
	names, bsns, kinds := map[string]bool{}, map[string]bool{}, map[string]bool{}
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range a {
		if l.Text() != b[i].Text() || !l.Deadline.Equal(b[i].Deadline) {
			t.Fatalf("letter %d differs between two runs with the same seed", i)
		}
		if names[l.Resident] || bsns[l.BSN] {
			t.Errorf("%s: resident %q or BSN %s is on another letter too", l.Name, l.Resident, l.BSN)
		}
		names[l.Resident], bsns[l.BSN], kinds[l.Kind] = true, true, true
		sum := 0
		for j, c := range l.BSN {
			w := 9 - j
			if j == 8 {
				w = -1
			}
			sum += w * int(c-'0')
		}
		if len(l.BSN) != 9 || sum%11 != 0 {
			t.Errorf("%s: BSN %s fails the eleven-test", l.Name, l.BSN)
		}
		if !strings.Contains(l.Text(), l.BSN) || l.Node == "" || !l.Deadline.IsZero() && !l.Deadline.After(l.Dated) {
			t.Errorf("%s: BSN not on the letter, no node, or deadline %v not after %v", l.Name, l.Deadline, l.Dated)
		}
		if _, err := r.Page(l); err != nil {
			t.Error(err)
		}
	}
	if len(kinds) < 12 {
		t.Errorf("%d kinds of letter, want at least 12", len(kinds))
	}
}
