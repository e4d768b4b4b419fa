package flows

import (
	"strings"
	"testing"

	"spreekuurbot"
)

// TestEachClaimOnce: every screen kind, action code and command belongs to
// one flow; a list where two flows claim the same is refused at start-up,
// not found at run time.
func TestEachClaimOnce(t *testing.T) {
	list := theFlows()
	h, err := build(list)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range list {
		if names[f.name] {
			t.Errorf("flow %q is listed twice", f.name)
		}
		names[f.name] = true
		for _, s := range f.screens {
			if s.draw == nil {
				t.Errorf("flow %s: screen %q draws nothing", f.name, s.kind)
			}
		}
	}
	if len(h.screens) == 0 || len(h.actions) == 0 || len(h.commands) == 0 {
		t.Fatalf("empty tables: %d screens, %d actions, %d commands", len(h.screens), len(h.actions), len(h.commands))
	}
	tests := []struct {
		name string
		dup  flow
		want string
	}{
		{"screen", flow{name: "dup", screens: []screen{{kind: string(ScreenHome), draw: drawHome}}}, "screen home"},
		{"action", flow{name: "dup", actions: []action{{codes: []string{actionBook}}}}, "action " + actionBook},
		{"command", flow{name: "dup", commands: []command{{Command: Command{Name: "book"}}}}, "command book"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := build(append(theFlows(), tt.dup))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("a second %s: %v, want an error naming %q", tt.name, err, tt.want)
			}
		})
	}
}

// TestCommandMenuOrder: the menu lists the commands in the order of the
// flows, residents' first.
func TestCommandMenuOrder(t *testing.T) {
	var got []string
	for _, c := range Commands(spreekuurbot.Coordinator) { // every command
		got = append(got, c.Name)
	}
	want := "start help language spreekuur book appointments privacy forget broadcast stats huisbezoek log slots today invite volunteers mylanguages"
	if strings.Join(got, " ") != want {
		t.Errorf("coordinator's menu:\n %s\nwant\n %s", strings.Join(got, " "), want)
	}
}
