package store_test

import (
	"context"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/internal/redistest"
)

// BenchmarkSession measures what every update costs the store (load and
// save a session: two round trips) against a bare PING round trip to the
// same redis-server in the same run; vs-ping is the ratio.
func BenchmarkSession(b *testing.B) {
	ctx := context.Background()
	url := redistest.URL(b)
	s := open(b, url)
	rdb := raw(b, url)
	sess := spreekuurbot.Session{Lang: "ar", Conversation: []byte(`{"screen":"help","back":["home"],"seq":12}`)}

	// PINGs and sessions alternate in small batches, so both see the same
	// machine load.
	var ping, took time.Duration
	for done := 0; done < b.N; done += 50 {
		n := min(50, b.N-done)
		began := time.Now()
		for i := 0; i < n; i++ {
			if err := rdb.Ping(ctx).Err(); err != nil {
				b.Fatal(err)
			}
		}
		ping += time.Since(began)
		began = time.Now()
		for i := 0; i < n; i++ {
			user := int64((done + i) % 1000)
			if _, err := s.Session(ctx, user); err != nil {
				b.Fatal(err)
			}
			if err := s.SaveSession(ctx, user, sess); err != nil {
				b.Fatal(err)
			}
		}
		took += time.Since(began)
	}
	b.ReportMetric(took.Seconds()/ping.Seconds(), "vs-ping")
}
