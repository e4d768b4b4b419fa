package flows_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"spreekuurbot/flows"
)

func TestBuiltinTrees(t *testing.T) {
	trees, err := flows.BuiltinTrees()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*flows.Tree{}
	for _, tr := range trees {
		byID[tr.ID] = tr
	}
	letters := byID["letter"]
	if letters == nil || byID["woningnet"] == nil {
		t.Fatalf("trees %v: want letter and woningnet", trees)
	}
	// Every urgent sign the desks name has an answer that says "go today".
	urgent := map[flows.Referral]int{}
	for _, n := range letters.Nodes {
		if n.Urgent != "" {
			urgent[n.Urgent]++
		}
	}
	if urgent[flows.ReferDebts] < 3 || urgent[flows.ReferLegal] < 1 {
		t.Errorf("urgent answers %v: want dwangbevel, bailiff and cut-off (debts) and eviction (legal)", urgent)
	}
}

func TestTreeChecks(t *testing.T) {
	const good = `tree = "t"
root = "t"

[[node]]
id = "t"
text = ["q"]
options = [{ label = "a", to = "t-a" }, { label = "b", to = "t-b" }]

[[node]]
id = "t-a"
text = ["answer_a"]
source = "x (checked 2026-11-23)"

[[node]]
id = "t-b"
text = ["answer_b"]
urgent = "debts"
source = "x (checked 2026-11-23)"
`
	tests := []struct {
		name, from, to, want string
	}{
		{"dead end", `to = "t-b"`, `to = "t-c"`, `t.toml:4: node "t": option "b" leads to "t-c", which is not a node`},
		{"unreachable", `{ label = "b", to = "t-b" }`, `{ label = "b", to = "t-a" }`, `t.toml:14: node "t-b" cannot be reached`},
		{"no source", "source = \"x (checked 2026-11-23)\"\n\n[[node]]", "source = \"x\"\n\n[[node]]", `t.toml:9: answer "t-a" needs a source`},
		{"bad id", `id = "t-a"`, `id = "T A"`, `node id "T A"`},
		{"duplicate", `id = "t-b"`, `id = "t-a"`, `node "t-a" is defined twice`},
		{"one option", `options = [{ label = "a", to = "t-a" }, { label = "b", to = "t-b" }]`, `options = [{ label = "a", to = "t-a" }]`, "has 1 options"},
		{"bad referral", `urgent = "debts"`, `urgent = "police"`, `urgent "police"`},
		{"unknown key", `urgent = "debts"`, `urgency = "debts"`, `unknown key "node.urgency"`},
		{"no root", `root = "t"`, `root = "x"`, `root "x" is not a node`},
	}
	if _, err := flows.LoadTrees(fstest.MapFS{"t.toml": {Data: []byte(good)}}, "content"); err != nil {
		t.Fatalf("the good tree: %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(good, tt.from) {
				t.Fatalf("%q not in the good tree", tt.from)
			}
			bad := strings.Replace(good, tt.from, tt.to, 1)
			_, err := flows.LoadTrees(fstest.MapFS{"t.toml": {Data: []byte(bad)}}, "content")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
	twice := fstest.MapFS{"t.toml": {Data: []byte(good)}, "u.toml": {Data: []byte(strings.ReplaceAll(good, `tree = "t"`, `tree = "u"`))}}
	if _, err := flows.LoadTrees(twice, "content"); err == nil || !strings.Contains(err.Error(), "is also in content/t.toml") {
		t.Errorf("a node id in two trees: %v", err)
	}
}
