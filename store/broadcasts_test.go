package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/internal/testclock"
	"spreekuurbot/store"
)

// addressees are n recipients in turn reading Dutch, Arabic and Polish.
func addressees(n int) []spreekuurbot.Addressee {
	langs := []string{"nl", "ar", "pl"}
	to := make([]spreekuurbot.Addressee, n)
	for i := range to {
		to[i] = spreekuurbot.Addressee{UserID: int64(5000 + i), Lang: langs[i%len(langs)]}
	}
	return to
}

// drain plays a sender: it takes deliveries until the queue is empty and
// records each it was told to send. stopAfter > 0 makes it die (stop
// without finishing) after beginning that many.
func drain(t *testing.T, s *store.Store, consumer string, sent func(spreekuurbot.Delivery), stopAfter int) (finals int) {
	t.Helper()
	ctx := context.Background()
	begun := 0
	for {
		batch, err := s.NextDeliveries(ctx, consumer, 8, 10*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		if len(batch) == 0 {
			return finals
		}
		for _, d := range batch {
			ok, err := s.BeginDelivery(ctx, consumer, d)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				continue
			}
			sent(d)
			if begun++; stopAfter > 0 && begun == stopAfter {
				return finals // dies between sending and recording
			}
			u, err := s.FinishDelivery(ctx, d, spreekuurbot.OutcomeSent, testclock.Now(), time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if u.Final {
				finals++
			}
		}
	}
}

// testBroadcastQueue: two senders drain one broadcast side by side; each
// recipient is sent to once, the counts add up, the final count is shown
// once, and queueing the same broadcast again adds nothing.
func testBroadcastQueue(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	a, b := open(t, url), open(t, url)
	bc := spreekuurbot.Broadcast{ID: "b1", Audience: spreekuurbot.AudienceAll, Template: spreekuurbot.TemplateFree, Text: "hallo", From: 9000, FromLang: "nl"}
	// More than two steps of queueing, requested four times at once (a
	// retry while the first is under way): each recipient once.
	to := addressees(450)
	var queueing sync.WaitGroup
	for i := range 4 {
		queueing.Add(1)
		go func() {
			defer queueing.Done()
			if err := []*store.Store{a, b}[i%2].Enqueue(ctx, bc, to); err != nil {
				t.Error(err)
			}
		}()
	}
	queueing.Wait()
	got, err := b.Broadcast(ctx, "b1")
	if err != nil || got.Text != "hallo" || got.ID != "b1" || got.From != 9000 {
		t.Fatalf("Broadcast = %+v, %v", got, err)
	}
	var mu sync.Mutex
	count := map[int64]int{}
	langs := map[int64]string{}
	sent := func(d spreekuurbot.Delivery) {
		mu.Lock()
		defer mu.Unlock()
		count[d.To.UserID]++
		langs[d.To.UserID] = d.To.Lang
	}
	var wg sync.WaitGroup
	finals := make([]int, 2)
	for i, s := range []*store.Store{a, b} {
		wg.Add(1)
		go func() { defer wg.Done(); finals[i] = drain(t, s, fmt.Sprint("sender-", i), sent, 0) }()
	}
	wg.Wait()
	for _, r := range to {
		if count[r.UserID] != 1 || langs[r.UserID] != r.Lang {
			t.Errorf("user %d: sent %d times in %q", r.UserID, count[r.UserID], langs[r.UserID])
		}
	}
	if len(count) != len(to) {
		t.Errorf("%d recipients sent to, want %d", len(count), len(to))
	}
	if finals[0]+finals[1] != 1 {
		t.Errorf("final count shown %d times", finals[0]+finals[1])
	}
	p, err := a.BroadcastProgress(ctx, "b1")
	if err != nil || p.Total != len(to) || p.Sent != len(to) || p.Done() != len(to) {
		t.Errorf("progress = %+v, %v", p, err)
	}
	// A finished broadcast keeps its counts, not its recipients' IDs.
	if n := raw(t, url).Exists(ctx, "{bc}:s:b1").Val(); n != 0 {
		t.Error("the finished broadcast still keeps its recipients' statuses")
	}
}

// testBroadcastResume: a sender dies right after sending, before
// recording it, at each point of a broadcast in turn; restarted under the
// same name it resumes, and only the one delivery in flight goes twice.
func testBroadcastResume(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	s := open(t, newRedis(t))
	to := addressees(20)
	if err := s.Enqueue(ctx, spreekuurbot.Broadcast{ID: "b2", Audience: spreekuurbot.AudienceAll, Template: spreekuurbot.TemplateFree, Text: "x"}, to); err != nil {
		t.Fatal(err)
	}
	count := map[int64]int{}
	sent := func(d spreekuurbot.Delivery) { count[d.To.UserID]++ }
	crashes := 0
	for drain(t, s, "host-1", sent, 3) == 0 {
		crashes++
		if crashes > len(to) {
			t.Fatal("the broadcast never finished")
		}
		if p, _ := s.BroadcastProgress(ctx, "b2"); p.Done() == p.Total {
			break
		}
	}
	twice := 0
	for _, r := range to {
		switch n := count[r.UserID]; {
		case n == 0:
			t.Errorf("user %d lost", r.UserID)
		case n == 2:
			twice++
		case n > 2:
			t.Errorf("user %d sent to %d times", r.UserID, n)
		}
	}
	if twice > crashes {
		t.Errorf("%d recipients got it twice after %d crashes", twice, crashes)
	}
	if p, _ := s.BroadcastProgress(ctx, "b2"); p.Sent != len(to) {
		t.Errorf("progress = %+v", p)
	}
}

// testBroadcastTakeover: deliveries left by a sender that never comes
// back go to another sender once they have been idle long enough; the
// first, should it wake, finds them gone.
func testBroadcastTakeover(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	dead, alive := open(t, url), open(t, url)
	alive.SetClaimIdle(50 * time.Millisecond)
	to := addressees(10)
	if err := dead.Enqueue(ctx, spreekuurbot.Broadcast{ID: "b3", Audience: spreekuurbot.AudienceAll, Template: spreekuurbot.TemplateFree, Text: "x"}, to); err != nil {
		t.Fatal(err)
	}
	taken, err := dead.NextDeliveries(ctx, "pod-a", 4, time.Millisecond)
	if err != nil || len(taken) != 4 {
		t.Fatalf("first batch: %d, %v", len(taken), err)
	}
	// The four the dead sender holds come free once Redis has seen them
	// idle for the claim time, on its own clock: drain until they have.
	count := map[int64]int{}
	eventually(t, func() bool {
		drain(t, alive, "pod-b", func(d spreekuurbot.Delivery) { count[d.To.UserID]++ }, 0)
		return len(count) == len(to)
	})
	for _, r := range to {
		if count[r.UserID] != 1 {
			t.Errorf("user %d sent %d times", r.UserID, count[r.UserID])
		}
	}
	if ok, err := dead.BeginDelivery(ctx, "pod-a", taken[0]); ok || err != nil {
		t.Errorf("the dead sender may still send: %v, %v", ok, err)
	}
}

// testSendGate: two replicas reserving moments at once never get two
// closer than the interval, so together they stay under 30 a second in
// every window; a pause holds both.
func testSendGate(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	replicas := []*store.Store{open(t, url), open(t, url)}
	interval := time.Second / 30
	start := testclock.At(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	var mu sync.Mutex
	var all []time.Time
	var wg sync.WaitGroup
	for _, s := range replicas {
		wg.Add(1)
		go func() {
			defer wg.Done()
			now := start
			for range 150 {
				at, err := s.ReserveSend(ctx, now, interval, 0)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				all = append(all, at)
				mu.Unlock()
				now = at // the replica sends at its moment, then asks again
			}
		}()
	}
	wg.Wait()
	slices.SortFunc(all, func(a, b time.Time) int { return a.Compare(b) })
	for i := 1; i < len(all); i++ {
		if gap := all[i].Sub(all[i-1]); gap < interval-time.Microsecond {
			t.Fatalf("sends %d and %d only %v apart", i-1, i, gap)
		}
	}
	for i := range all {
		n := 0
		for j := i; j < len(all) && all[j].Sub(all[i]) < time.Second; j++ {
			n++
		}
		if n > 30 {
			t.Fatalf("%d sends in the second from %v", n, all[i])
		}
	}
	if took := all[len(all)-1].Sub(start); took < 9*time.Second {
		t.Errorf("300 sends took %v, want about 10 s", took)
	}
	last := all[len(all)-1]
	until := last.Add(time.Minute)
	if err := replicas[0].PauseSends(ctx, last, until); err != nil {
		t.Fatal(err)
	}
	if at, err := replicas[1].ReserveSend(ctx, last, interval, 0); err != nil || at.Before(until) {
		t.Errorf("after a pause until %v the next send is at %v (%v)", until, at, err)
	}
	// An answer that goes at once hears of the other replica's pause,
	// and no longer once it is over.
	if _, paused, err := replicas[1].CountSend(ctx, last, interval, 0); err != nil || !paused.Equal(until) {
		t.Errorf("during a pause until %v an answer hears %v (%v)", until, paused, err)
	}
	after := until.Add(time.Hour)
	if _, paused, err := replicas[1].CountSend(ctx, after, interval, 0); err != nil || !paused.IsZero() {
		t.Errorf("after the pause an answer hears %v (%v)", paused, err)
	}
	// It takes its room from the moments the others wait for.
	first, err1 := replicas[0].ReserveSend(ctx, after, interval, 0)
	counted, _, err2 := replicas[1].CountSend(ctx, after, interval, 0)
	next, err3 := replicas[0].ReserveSend(ctx, after, interval, 0)
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	if gap := next.Sub(first); gap < 2*interval-time.Microsecond {
		t.Errorf("an answer counted between two moments left them %v apart, want two intervals", gap)
	}
	if d := counted.Sub(first); d < interval-time.Microsecond || d > interval+time.Microsecond {
		t.Errorf("the answer was counted %v after the moment before it, want one interval", d)
	}

	// A schedule that fell behind catches up at most catchUp: a replica
	// 3 ms late for its moment sends at once and the next moment is one
	// interval after the one it missed; 10 ms late, it gets 4 ms back
	// (moments in whole microseconds, the interval rounded up).
	const catchUp = 4 * time.Millisecond
	// After an idle hour the first moment is counted catchUp back; the
	// second is the first that lies ahead.
	base := after.Add(time.Hour)
	_, err1 = replicas[0].ReserveSend(ctx, base, interval, catchUp)
	m0, err2 := replicas[0].ReserveSend(ctx, base, interval, catchUp)
	if want := base.Add(interval - catchUp); errors.Join(err1, err2) != nil || m0.Sub(want).Abs() > 5*time.Microsecond {
		t.Fatalf("second moment %v (%v), want %v", m0, errors.Join(err1, err2), want)
	}
	for _, tt := range []struct {
		late, lost time.Duration
	}{{3 * time.Millisecond, 0}, {10 * time.Millisecond, 6 * time.Millisecond}} {
		missed := m0.Add(interval)
		got, err := replicas[1].ReserveSend(ctx, missed.Add(tt.late), interval, catchUp)
		if err != nil || got.Sub(missed.Add(tt.late)).Abs() > 5*time.Microsecond {
			t.Errorf("%v late: moment %v (%v), want at once, %v", tt.late, got, err, missed.Add(tt.late))
		}
		m0, err = replicas[0].ReserveSend(ctx, got, interval, catchUp)
		if want := missed.Add(tt.lost).Add(interval); err != nil || m0.Sub(want).Abs() > 5*time.Microsecond {
			t.Errorf("%v late: the next moment %v (%v), want %v", tt.late, m0, err, want)
		}
	}
}

// testChatBlocked: someone who blocked the bot is marked and leaves every
// audience, until they write to the bot again.
func testChatBlocked(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	s := open(t, newRedis(t))
	for _, loc := range []string{"haven", "poort"} {
		for _, u := range []int64{21, 22} {
			if err := s.Subscribe(ctx, u, loc, testclock.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.ChatBlocked(ctx, 21); err != nil {
		t.Fatal(err)
	}
	if blocked, err := s.Blocked(ctx, 21); err != nil || !blocked {
		t.Errorf("21 not marked blocked: %v", err)
	}
	if blocked, err := s.Blocked(ctx, 22); err != nil || blocked {
		t.Errorf("22 marked blocked: %v", err)
	}
	for _, loc := range []string{"haven", "poort"} {
		subs, err := s.Subscribers(ctx, loc, testclock.Now())
		if err != nil || !slices.Equal(subs, []int64{22}) {
			t.Errorf("%s: subscribers %v, %v", loc, subs, err)
		}
	}
	if err := s.SaveSession(ctx, 22, spreekuurbot.Session{Lang: "so"}); err != nil {
		t.Fatal(err)
	}
	// Writing to the bot again unblocks it.
	if err := s.SaveSession(ctx, 21, spreekuurbot.Session{Lang: "nl"}); err != nil {
		t.Fatal(err)
	}
	if blocked, err := s.Blocked(ctx, 21); err != nil || blocked {
		t.Errorf("21 still marked blocked after writing: %v", err)
	}
	langs, err := s.LanguagesOf(ctx, []int64{22, 23})
	if err != nil || !slices.Equal(langs, []string{"so", ""}) {
		t.Errorf("LanguagesOf = %v, %v", langs, err)
	}
}

// TestBroadcastExpired: deliveries whose broadcast expired while they
// waited (Redis kept the queue through a long downtime) are dropped, not
// tried for ever.
func TestBroadcastExpired(t *testing.T) {
	ctx := context.Background()
	url := redistest.URL(t)
	s := open(t, url)
	if err := s.Enqueue(ctx, spreekuurbot.Broadcast{ID: "old", Audience: spreekuurbot.AudienceAll, Template: spreekuurbot.TemplateFree, Text: "x"}, addressees(3)); err != nil {
		t.Fatal(err)
	}
	if err := raw(t, url).Del(ctx, "{bc}:b:old").Err(); err != nil {
		t.Fatal(err)
	}
	sent := 0
	drain(t, s, "host-1", func(spreekuurbot.Delivery) { sent++ }, 0)
	if sent != 0 {
		t.Errorf("%d deliveries of an expired broadcast sent", sent)
	}
	if n, err := raw(t, url).XLen(ctx, "{bc}:q").Result(); err != nil || n != 0 {
		t.Errorf("queue holds %d entries (%v)", n, err)
	}
}
