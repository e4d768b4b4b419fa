package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

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
	// machine load; the ratio is the median over the batches.
	var ratios []float64
	for done := 0; done < b.N; done += 50 {
		n := min(50, b.N-done)
		began := time.Now()
		for i := 0; i < n; i++ {
			if err := rdb.Ping(ctx).Err(); err != nil {
				b.Fatal(err)
			}
		}
		ping := time.Since(began)
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
		ratios = append(ratios, time.Since(began).Seconds()/ping.Seconds())
	}
	b.ReportMetric(median(ratios), "vs-ping")
}

// BenchmarkEnqueue queues a broadcast to 20,000 residents and measures
// how long Redis is held by it, two ways. Redis' own SLOWLOG (every
// command logged with the time it held the server): step-max-ms is the
// longest step of a run and step-p95-ms the 95th percentile of the steps.
// A probe: another client PINGs without pause meanwhile; probe-max-ms is
// its longest wait. one-transaction-ms is the probe's longest wait while
// the same 20,000 deliveries go in one MULTI, as before, in the same run
// (SLOWLOG does not log an EXEC as one); vs-one-transaction is the ratio
// of the probes. Each figure is the median over the runs. On a loaded
// machine the server's thread can be taken off the CPU in the middle of
// a step, which both measures count.
func BenchmarkEnqueue(b *testing.B) {
	ctx := context.Background()
	srv := redistest.Start(b)
	s := open(b, srv.URL)
	rdb, probe := raw(b, srv.URL), raw(b, srv.URL)
	const recipients = 20_000
	langs := []string{"nl", "ar", "tr", "pl", "uk", "ti", "so", "en"}
	to := make([]spreekuurbot.Addressee, recipients)
	for i := range to {
		to[i] = spreekuurbot.Addressee{UserID: int64(7_000_000_000 + i), Lang: langs[i%len(langs)]}
	}
	for _, cmd := range [][]any{{"config", "set", "slowlog-log-slower-than", "0"}, {"config", "set", "slowlog-max-len", "100000"}} {
		if err := rdb.Do(ctx, cmd...).Err(); err != nil {
			b.Fatal(err)
		}
	}
	// steps reads the slow log since the last call: the time each script
	// run held the server.
	steps := func() []float64 {
		entries, err := rdb.SlowLogGet(ctx, -1).Result()
		if err != nil {
			b.Fatal(err)
		}
		if err := rdb.Do(ctx, "slowlog", "reset").Err(); err != nil {
			b.Fatal(err)
		}
		var out []float64
		for _, e := range entries {
			if len(e.Args) > 0 && strings.EqualFold(e.Args[0], "evalsha") {
				out = append(out, ms(e.Duration))
			}
		}
		return out
	}
	// probed runs work while another client PINGs, and returns the
	// longest PING.
	probed := func(work func()) float64 {
		done := make(chan struct{})
		longest := make(chan time.Duration)
		go func() {
			var top time.Duration
			for {
				select {
				case <-done:
					longest <- top
					return
				default:
				}
				began := time.Now()
				if err := probe.Ping(ctx).Err(); err != nil {
					b.Error(err)
				}
				top = max(top, time.Since(began))
			}
		}()
		work()
		close(done)
		return ms(<-longest)
	}
	var stepMax, stepP95, probeMax, oneTx []float64
	for i := range b.N {
		steps()
		bc := spreekuurbot.Broadcast{ID: fmt.Sprint("big-", i), Audience: spreekuurbot.AudienceAll, Template: spreekuurbot.TemplateFree, Text: "hallo", From: 9000, FromLang: "nl"}
		probeMax = append(probeMax, probed(func() {
			if err := s.Enqueue(ctx, bc, to); err != nil {
				b.Fatal(err)
			}
		}))
		st := steps()
		if len(st) < recipients/250 {
			b.Fatalf("%d steps logged", len(st))
		}
		slices.Sort(st)
		stepMax, stepP95 = append(stepMax, st[len(st)-1]), append(stepP95, st[len(st)*95/100])

		b.StopTimer()
		oneTx = append(oneTx, probed(func() {
			_, err := rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
				for _, a := range to {
					p.XAdd(ctx, &redis.XAddArgs{Stream: "{bc}:baseline", Values: []any{"b", bc.ID, "to", a.UserID, "lang", a.Lang, "bk", ""}})
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}))
		rdb.Del(ctx, "{bc}:baseline", "{bc}:q")
		b.StartTimer()
	}
	b.ReportMetric(median(stepMax), "step-max-ms")
	b.ReportMetric(median(stepP95), "step-p95-ms")
	b.ReportMetric(median(probeMax), "probe-max-ms")
	b.ReportMetric(median(oneTx), "one-transaction-ms")
	b.ReportMetric(median(probeMax)/median(oneTx), "vs-one-transaction")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// median is the middle of xs (the mean of the two middle ones for an even
// count).
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
