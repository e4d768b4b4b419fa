package bot_test

import (
	"slices"
	"testing"
	"time"
)

// BenchmarkRepliesWhileReading: how long another chat waits for its reply
// while ten letters are read, against the same with nothing read,
// interleaved round by round, with the real Tesseract. Reading has its
// own pool (one page per core, each Tesseract niced) and gives up the
// dispatcher's slot while it reads, so the ratio stays near 1.
func BenchmarkRepliesWhileReading(b *testing.B) {
	reader := letterReader(b)
	photo := letterSample(b, 7).Photo
	h := start(b, options{letters: reader, scale: 100})
	const other, pings, photos = 99, 5, 10
	h.text(other, "nl", "/start")
	got := len(h.messages(other, 1))
	ping := func() time.Duration {
		t0 := time.Now()
		h.text(other, "nl", "/help")
		got++
		h.messages(other, got)
		return time.Since(t0)
	}
	var idle, reading []time.Duration
	answered := map[int64]int{}
	for i := 0; b.Loop(); i++ {
		for range pings {
			idle = append(idle, ping())
		}
		for c := int64(1); c <= photos; c++ {
			h.sendPhoto(c, "nl", photo, "")
		}
		for range pings {
			reading = append(reading, ping())
		}
		for c := int64(1); c <= photos; c++ {
			answered[c]++
			h.messages(c, answered[c])
		}
	}
	median := func(d []time.Duration) time.Duration {
		s := slices.Clone(d)
		slices.Sort(s)
		return s[len(s)/2]
	}
	b.ReportMetric(float64(median(idle).Microseconds())/1000, "ms-reply-idle")
	b.ReportMetric(float64(median(reading).Microseconds())/1000, "ms-reply-reading")
	b.ReportMetric(float64(median(reading))/float64(median(idle)), "reading/idle")
	b.ReportMetric(0, "ns/op")
}
