package letters

import (
	"testing"

	"spreekuurbot/flows"
)

// TestTree holds recognise.toml to the letter tree it points into: every
// node it names is an answer node of the tree with the same urgency, the
// fallback is an answer too, and every answer node that is a kind of
// letter is covered. This is the one place that knows the tree's package:
// if flows moves, only this import changes.
func TestTree(t *testing.T) {
	trees, err := flows.BuiltinTrees()
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]*flows.Node{}
	for _, tr := range trees {
		if tr.ID != "letter" {
			continue
		}
		for _, n := range tr.Nodes {
			if n.IsAnswer() {
				answers[n.ID] = n
			}
		}
	}
	if len(answers) == 0 {
		t.Fatal("no letter tree with answer nodes")
	}
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := answers[r.fallback]; !ok {
		t.Errorf("fallback %q is not an answer node of the letter tree", r.fallback)
	}
	covered := map[string]bool{r.fallback: true}
	for _, n := range r.nodes {
		covered[n.id] = true
		a, ok := answers[n.id]
		switch {
		case !ok:
			t.Errorf("recognise.toml names %q, which is not an answer node of the letter tree", n.id)
		case n.urgent != (a.Urgent != ""):
			t.Errorf("node %q: urgent = %v in recognise.toml, but the tree says urgent = %q", n.id, n.urgent, a.Urgent)
		}
	}
	for id := range answers {
		if !covered[id] {
			t.Errorf("answer node %q is not covered by recognise.toml", id)
		}
	}
}
