package intent_test

import (
	"strings"
	"testing"

	"spreekuurbot/intent"
)

// BenchmarkUnderstand: one typed message to its destinations, against the
// least any matcher must do with it, folding it into words (baseline), for
// short messages as residents type them and for the longest text compared
// (48 words). The ratio is what comparing with the data adds.
func BenchmarkUnderstand(b *testing.B) {
	m := matcher(b)
	cases := []struct {
		name  string
		texts [][2]string // language, text
	}{
		{"short", [][2]string{
			{"nl", "ik heb een dwangbeval van de belastingdienst gekregen"},
			{"ar", "وصلتني رسالة إخلاء من البيت"},
			{"uk", "мене хочуть виселити з квартири"},
			{"tr", "randevu almak istiyorum"},
		}},
		{"long", [][2]string{{"pl", strings.Repeat("zaległości w czynszu ", 16)}}},
	}
	for _, c := range cases {
		var base float64
		b.Run(c.name+"/baseline", func(b *testing.B) {
			for b.Loop() {
				for _, tt := range c.texts {
					intent.FoldWords(tt[1])
				}
			}
			base = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		})
		b.Run(c.name+"/understand", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, tt := range c.texts {
					m.Understand(tt[0], tt[1])
				}
			}
			full := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			if base > 0 {
				b.ReportMetric(full/base, "x-folding")
			}
			b.ReportMetric(full/float64(len(c.texts))/1e3, "µs/message")
		})
	}
}
