package intent

import (
	"strings"
	"testing"

	"spreekuurbot/flows"
	"spreekuurbot/locales"
)

// builtin is the Matcher on the data built into the binary.
func builtin(b *testing.B) *Matcher {
	b.Helper()
	c, err := locales.Load()
	if err != nil {
		b.Fatal(err)
	}
	trees, err := flows.BuiltinTrees()
	if err != nil {
		b.Fatal(err)
	}
	m, err := New(c.Keywords(), flows.Ancestors(trees))
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkUnderstand: one typed message to its destinations, against the
// least any matcher must do with it, folding it into words (baseline). The
// ratio is what comparing with the data of two languages adds.
func BenchmarkUnderstand(b *testing.B) {
	m := builtin(b)
	texts := []struct{ lang, text string }{
		{"nl", "ik heb een dwangbeval van de belastingdienst gekregen, wat moet ik doen"},
		{"ar", "وصلتني رسالة إخلاء من البيت"},
		{"uk", "мене хочуть виселити з квартири"},
		{"pl", strings.Repeat("zaległości w czynszu ", 30)},
	}
	var base, full float64
	b.Run("baseline", func(b *testing.B) {
		for b.Loop() {
			for _, tt := range texts {
				words(fold(tt.text))
			}
		}
		base = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("understand", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, tt := range texts {
				m.Understand(tt.lang, tt.text)
			}
		}
		full = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		if base > 0 {
			b.ReportMetric(full/base, "x-folding")
		}
		b.ReportMetric(full/float64(len(texts))/1e3, "µs/message")
	})
}
