package intent_test

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"spreekuurbot/intent"
)

// FuzzUnderstand: whatever a resident types, in whatever language, the
// matcher returns at most three different destinations that the data has,
// the same ones every time, and the same whether Latin letters are typed
// in capitals or not. Seeds: every phrase of typed.txt, and the corpus in
// testdata/fuzz/FuzzUnderstand (invalid UTF-8, marks alone, bidi and
// zero-width controls, mixed scripts, a long text).
func FuzzUnderstand(f *testing.F) {
	m := matcher(f)
	for _, p := range readPhrases(f, "testdata/typed.txt") {
		f.Add(p.lang, p.text)
	}
	known := m.Destinations()
	f.Fuzz(func(t *testing.T, lang, text string) {
		got := m.Understand(lang, text)
		if len(got) > intent.MaxResults {
			t.Fatalf("%d destinations: %q", len(got), got)
		}
		for i, to := range got {
			if _, ok := known[to]; !ok {
				t.Fatalf("destination %q is not in the data", to)
			}
			if slices.Contains(got[:i], to) {
				t.Fatalf("destination %q twice: %q", to, got)
			}
		}
		if again := m.Understand(lang, text); !slices.Equal(again, got) {
			t.Fatalf("twice the same text: %q, then %q", got, again)
		}
		if !utf8.ValidString(text) {
			return
		}
		upper := strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' {
				return r - 'a' + 'A'
			}
			return r
		}, text)
		if up := m.Understand(lang, upper); !slices.Equal(up, got) {
			t.Fatalf("%q gives %q, but %q gives %q", text, got, upper, up)
		}
	})
}
