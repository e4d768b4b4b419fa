package intent_test

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"spreekuurbot/flows"
	"spreekuurbot/intent"
	"spreekuurbot/locales"
)

// matcher is the Matcher on the keywords and the trees built into the
// binary, as main builds it.
func matcher(t testing.TB) *intent.Matcher {
	t.Helper()
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	trees, err := flows.BuiltinTrees()
	if err != nil {
		t.Fatal(err)
	}
	m, err := intent.New(c.Keywords(), flows.Ancestors(trees))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// phrase is one line of testdata/typed.txt.
type phrase struct {
	lang, want, text string
	line             int
}

func readPhrases(t testing.TB, name string) []phrase {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []phrase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 3 {
			t.Fatalf("%s:%d: want: language, destination, text", name, n)
		}
		// The text is the rest of the line after the first two fields.
		rest := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(strings.TrimPrefix(line, fields[0])), fields[1]))
		out = append(out, phrase{lang: fields[0], want: fields[1], text: rest, line: n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestTyped measures the matcher on the phrases residents type: the first
// destination must be the expected one for 95 % of testdata/typed.txt
// (at least 200 phrases, 25 in every language of the locale files) and
// for 85 % of testdata/typed-heldout.txt, which was never used to tune
// the keywords. The scores are printed per language.
func TestTyped(t *testing.T) {
	m := matcher(t)
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		file      string
		min       int     // phrases in all
		perLang   int     // phrases in each language
		threshold float64 // percent right
	}{
		{"testdata/typed.txt", 200, 25, 95},
		{"testdata/typed-heldout.txt", 70, 8, 85},
	} {
		t.Run(strings.TrimSuffix(strings.TrimPrefix(tt.file, "testdata/"), ".txt"), func(t *testing.T) {
			right, total := measure(t, m, tt.file, c.Languages(), tt.perLang)
			if total < tt.min {
				t.Errorf("%d phrases, want at least %d", total, tt.min)
			}
			if pct := 100 * float64(right) / float64(total); pct < tt.threshold {
				t.Errorf("%.1f %% right, want at least %.0f %%", pct, tt.threshold)
			}
		})
	}
}

// measure runs the phrases of file through m and logs the score per
// language; every expected destination must be one the data has.
func measure(t *testing.T, m *intent.Matcher, file string, languages []string, perLang int) (right, total int) {
	t.Helper()
	known := m.Destinations()
	phrases := readPhrases(t, file)
	type tally struct{ right, inThree, total int }
	per := map[string]*tally{}
	var langs []string
	all := &tally{}
	for _, p := range phrases {
		if _, ok := known[p.want]; !ok {
			t.Errorf("%s:%d: %q is not a destination of the keywords", file, p.line, p.want)
			continue
		}
		if per[p.lang] == nil {
			per[p.lang] = &tally{}
			langs = append(langs, p.lang)
		}
		got := m.Understand(p.lang, p.text)
		for _, tl := range []*tally{per[p.lang], all} {
			tl.total++
			if len(got) > 0 && got[0] == p.want {
				tl.right++
			}
			if slices.Contains(got, p.want) {
				tl.inThree++
			}
		}
		if len(got) == 0 || got[0] != p.want {
			t.Logf("%s:%d: %s %q → %v, want %s first", file, p.line, p.lang, p.text, got, p.want)
		}
	}
	for _, lang := range languages {
		if per[lang] == nil || per[lang].total < perLang {
			t.Errorf("%s: fewer than %d phrases in %s", lang, perLang, file)
		}
	}
	pct := func(n, of int) float64 { return 100 * float64(n) / float64(of) }
	var report strings.Builder
	for _, lang := range langs {
		tl := per[lang]
		fmt.Fprintf(&report, "%s: %d of %d first (%.1f %%), %d among the buttons\n", lang, tl.right, tl.total, pct(tl.right, tl.total), tl.inThree)
	}
	fmt.Fprintf(&report, "all: %d of %d first (%.1f %%), %d among the buttons (%.1f %%)", all.right, all.total, pct(all.right, all.total), all.inThree, pct(all.inThree, all.total))
	t.Log("\n" + report.String())
	return all.right, all.total
}
