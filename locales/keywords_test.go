package locales_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"spreekuurbot/flows"
	"spreekuurbot/locales"
)

// TestKeywordsChecked: every language needs its keywords file, with the
// source language's destinations, no others, each with words.
func TestKeywordsChecked(t *testing.T) {
	tests := []struct {
		name   string
		breaks func(fsys fstest.MapFS)
		want   string
	}{
		{"a language without the file", func(fsys fstest.MapFS) { delete(fsys, "keywords.de.toml") },
			`locales/keywords.de.toml: the words residents type are missing`},
		{"a destination missing", func(fsys fstest.MapFS) { edit(fsys, "keywords.de.toml", dropKey("letter-bd =")) },
			`locales/keywords.de.toml: destination "letter-bd" is missing`},
		{"a destination the source lacks", func(fsys fstest.MapFS) {
			edit(fsys, "keywords.de.toml", func(s string) string { return s + "\nletter-extra = [\"x\"]\n" })
		}, `keywords.de.toml:`},
		{"no words", func(fsys fstest.MapFS) {
			edit(fsys, "keywords.de.toml", func(s string) string {
				return strings.Replace(s, `letter-dw = [`, `letter-dw = [] #`, 1)
			})
		}, `"letter-dw" has no words`},
		{"a table instead of words", func(fsys fstest.MapFS) {
			edit(fsys, "keywords.de.toml", func(s string) string { return s + "\n[letter-more]\nx = [\"y\"]\n" })
		}, `want: destination = ["word", "a phrase"]`},
		{"a file for a language the bot does not speak", func(fsys fstest.MapFS) {
			fsys["keywords.fr.toml"] = fsys["keywords.de.toml"]
		}, `keywords.fr.toml: there is no fr.toml`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := withLanguage(t, "de")
			tt.breaks(fsys)
			c, err := locales.LoadFS(fsys, "locales")
			if err == nil {
				err = c.Check(messages(t))
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func edit(fsys fstest.MapFS, name string, f func(string) string) {
	fsys[name] = &fstest.MapFile{Data: []byte(f(string(fsys[name].Data)))}
}

func dropKey(prefix string) func(string) string {
	return func(s string) string { return dropLine(s, prefix) }
}

// TestKeywordsReachEveryPlace: residents can type their way to every
// sender and every kind of letter of the letter tree, to Woningnet, and
// to the screens of the home menu.
func TestKeywordsReachEveryPlace(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	trees, err := flows.BuiltinTrees()
	if err != nil {
		t.Fatal(err)
	}
	// "I don't know" and "none of these" are what nobody types.
	want := []string{"woningnet", "/spreekuur", "/book", "/appointments", "/privacy", "/forget", "/language"}
	for _, tr := range trees {
		if tr.ID != "letter" {
			continue
		}
		for _, n := range tr.Nodes {
			if n.ID != "letter-word" && n.ID != "letter-w-none" {
				want = append(want, n.ID)
			}
		}
	}
	for _, set := range c.Keywords() {
		var have []string
		for _, d := range set.Destinations {
			have = append(have, d.To)
		}
		for _, to := range want {
			if !slices.Contains(have, to) {
				t.Errorf("keywords.%s.toml: no words for %q", set.Lang, to)
			}
		}
	}
	if n := len(c.Keywords()); n != len(c.Languages()) {
		t.Errorf("%d keywords files for %d languages", n, len(c.Languages()))
	}
}
