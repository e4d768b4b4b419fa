package bot

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
)

// virtualClock is a clock whose sleep moves time forward instead of
// waiting, for one goroutine at a time.
type virtualClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *virtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *virtualClock) Sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return nil
}

// TestSenderPacing sends through the sender on a virtual clock and checks
// the moments of the calls against Telegram's limits: no 1-second window
// holds more than 30 messages overall or more than the burst plus one to
// a chat, and no minute more than 20 to a group.
func TestSenderPacing(t *testing.T) {
	tests := []struct {
		name       string
		chats      int
		perChat    int
		maxPerSec  int
		minSeconds float64
	}{
		{"one chat", 1, 20, chatBurst + 1, 20 - chatBurst - 1},
		{"many chats", 300, 1, 30, (300 - 30) / 30.0},
		{"few chats, many messages", 5, 20, 30, (100 - 5*chatBurst) / 5.0},
		{"one group", -1, 40, chatBurst + 1, (40 - groupBurst - 1) * 60 / 17.0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &virtualClock{now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
			s := newSender(clock.Now, clock.Sleep, NewMetrics(nil), 1)
			start := clock.Now()
			var at []time.Time
			perChat := map[int64][]time.Time{}
			for i := 0; i < tt.perChat; i++ {
				for _, c := range chatIDs(tt.chats) {
					err := s.do(context.Background(), "sendMessage", c, message, func(context.Context) error {
						at = append(at, clock.Now())
						perChat[c] = append(perChat[c], clock.Now())
						return nil
					})
					if err != nil {
						t.Fatal(err)
					}
				}
			}
			if peak := peakPerSecond(at); peak > tt.maxPerSec {
				t.Errorf("%d messages in one second overall", peak)
			}
			if peak := peakPer(at, time.Minute); tt.chats < 0 && peak > 20 {
				t.Errorf("%d messages to a group in one minute", peak)
			}
			for c, times := range perChat {
				if peak := peakPerSecond(times); peak > chatBurst+1 {
					t.Errorf("chat %d: %d messages in one second", c, peak)
				}
			}
			if took := clock.Now().Sub(start).Seconds(); took < tt.minSeconds {
				t.Errorf("%d messages took %.1fs, want at least %.1fs", len(at), took, tt.minSeconds)
			}
		})
	}
}

// chatIDs are n private chats, or for n < 0 one group.
func chatIDs(n int) []int64 {
	if n < 0 {
		return []int64{-100123}
	}
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	return ids
}

func peakPerSecond(times []time.Time) int { return peakPer(times, time.Second) }

func peakPer(times []time.Time, window time.Duration) int {
	peak := 0
	for i := range times {
		n := 0
		for j := i; j < len(times) && times[j].Sub(times[i]) < window; j++ {
			n++
		}
		peak = max(peak, n)
	}
	return peak
}

func TestSenderRetries(t *testing.T) {
	server := fmt.Errorf("error response from telegram for method sendMessage, 502 Bad Gateway")
	tests := []struct {
		name     string
		errs     []error // returned by the attempts in turn; nil after them
		calls    int
		wantErr  error
		minSleep time.Duration
	}{
		{"ok", nil, 1, nil, 0},
		{"5xx then ok", []error{server, server}, 3, nil, baseBackoff / 2},
		{"5xx gives up", []error{server, server, server, server, server}, maxAttempts, server, 0},
		{"429 waits", []error{&tgbot.TooManyRequestsError{Message: "too many", RetryAfter: 3}}, 2, nil, 3 * time.Second},
		{"403 stops", []error{fmt.Errorf("%w, Forbidden: bot was blocked by the user", tgbot.ErrorForbidden)}, 1, errBlocked, 0},
		{"400 stops", []error{fmt.Errorf("%w, Bad Request: chat not found", tgbot.ErrorBadRequest)}, 1, tgbot.ErrorBadRequest, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &virtualClock{now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
			s := newSender(clock.Now, clock.Sleep, NewMetrics(nil), 1)
			start := clock.Now()
			calls := 0
			err := s.do(context.Background(), "sendMessage", 1, message, func(context.Context) error {
				calls++
				if calls <= len(tt.errs) {
					return tt.errs[calls-1]
				}
				return nil
			})
			if calls != tt.calls {
				t.Errorf("%d calls, want %d", calls, tt.calls)
			}
			if (tt.wantErr == nil) != (err == nil) || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if waited := clock.Now().Sub(start); waited < tt.minSleep {
				t.Errorf("waited %v, want at least %v", waited, tt.minSleep)
			}
		})
	}
}

// steppedClock is a clock the test moves forward in steps; Sleep blocks
// until the clock has reached its end, as time would.
type steppedClock struct {
	mu   sync.Mutex
	cond *sync.Cond
	now  time.Time
	// sleeping holds the end of each Sleep under way.
	sleeping map[*time.Time]bool
}

func newSteppedClock(start time.Time) *steppedClock {
	c := &steppedClock{now: start, sleeping: map[*time.Time]bool{}}
	c.cond = sync.NewCond(&c.mu)
	return c
}

func (c *steppedClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *steppedClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	until := c.now.Add(d)
	c.sleeping[&until] = true
	c.cond.Broadcast()
	for c.now.Before(until) && ctx.Err() == nil {
		c.cond.Wait()
	}
	delete(c.sleeping, &until)
	c.cond.Broadcast()
	return ctx.Err()
}

// Advance moves the clock, then waits until n goroutines sleep towards a
// later moment: whatever was due by the new time has happened.
func (c *steppedClock) Advance(d time.Duration, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.cond.Broadcast()
	for {
		ahead := 0
		for until := range c.sleeping {
			if until.After(c.now) {
				ahead++
			}
		}
		if ahead >= n {
			return
		}
		c.cond.Wait()
	}
}

// TestRepliesBeforeBroadcast: while a broadcast sends as fast as the
// overall limit allows, an answer to a person's own action takes the next
// moment, ahead of the broadcast's backlog (at most the one broadcast
// message already given its moment, and its own), and a
// message the bot sends on its own (a notice to a volunteer) waits for at
// most about one broadcast message too. Either way the broadcast makes
// room: together they use the overall limit, no more and not much less.
func TestRepliesBeforeBroadcast(t *testing.T) {
	tests := []struct {
		name    string
		ctx     func(chat int64) context.Context
		maxWait func(s *sender) time.Duration
	}{
		{"answer", func(chat int64) context.Context { return answering(context.Background(), chat) },
			func(s *sender) time.Duration { return 2 * s.interval }},
		// The notice's own slot, and the broadcast message reserved before.
		{"notice", func(int64) context.Context { return context.Background() },
			func(s *sender) time.Duration { return 2 * s.interval }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newSteppedClock(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
			var replyWait time.Duration
			sleep := func(ctx context.Context, d time.Duration) error {
				if isBulk(ctx) {
					return clock.Sleep(ctx, d)
				}
				replyWait = d // only the test's goroutine sends replies
				return nil
			}
			s := newSender(clock.Now, sleep, NewMetrics(nil), 1)
			began := clock.Now()
			ctx, stop := context.WithCancel(context.Background())
			done := make(chan struct{})
			sent := 0
			go func() {
				defer close(done)
				for i := int64(10_000); ctx.Err() == nil; i++ {
					if s.do(withBulk(ctx), "sendMessage", i, message, func(context.Context) error { sent++; return nil }) != nil {
						return
					}
				}
			}()
			const replies = 40
			for i := range replies {
				// A while of broadcasting, a millisecond at a time; then a
				// person writes.
				for range 97 {
					clock.Advance(time.Millisecond, 1)
				}
				replyWait = 0
				chat := int64(1 + i)
				if err := s.do(tt.ctx(chat), "sendMessage", chat, message, func(context.Context) error { return nil }); err != nil {
					t.Fatal(err)
				}
				if replyWait > tt.maxWait(s) {
					t.Errorf("reply %d waited %v behind the broadcast; at most %v expected", i, replyWait, tt.maxWait(s))
				}
			}
			took := clock.Now().Sub(began)
			stop()
			clock.cond.Broadcast() // wake the broadcast to see it has ended
			<-done
			// The broadcast's message in flight when it stopped may or may
			// not have gone.
			budget := int(took / s.interval)
			if total := sent + replies; total < budget-2 || total > budget+2 {
				t.Errorf("%d broadcast messages and %d replies in %v; the limit allows %d", sent, replies, took, budget)
			}
		})
	}
}

// pausedGate is a shared limit in which another replica got a 429.
type pausedGate struct{ until time.Time }

func (g pausedGate) ReserveSend(_ context.Context, now time.Time, _, _ time.Duration) (time.Time, error) {
	return later(now, g.until), nil
}

func (g pausedGate) CountSend(_ context.Context, now time.Time, _, _ time.Duration) (time.Time, time.Time, error) {
	return now, g.until, nil
}

func (g pausedGate) PauseSends(context.Context, time.Time, time.Time) error { return nil }

// downGate is a shared limit that cannot be reached: Redis is down.
type downGate struct{}

var errDown = errors.New("redis down")

func (downGate) ReserveSend(context.Context, time.Time, time.Duration, time.Duration) (time.Time, error) {
	return time.Time{}, errDown
}

func (downGate) CountSend(context.Context, time.Time, time.Duration, time.Duration) (time.Time, time.Time, error) {
	return time.Time{}, time.Time{}, errDown
}

func (downGate) PauseSends(context.Context, time.Time, time.Time) error { return errDown }

// TestAnswersHonourPauses: an answer to a person goes at once, but not
// while Telegram asked the bot to wait, in this replica or another.
func TestAnswersHonourPauses(t *testing.T) {
	start := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		setup func(s *sender)
		kind  sendKind
		want  time.Duration
	}{
		{"nothing paused", func(*sender) {}, edit, 0},
		{"this replica's 429", func(s *sender) { s.pause(context.Background(), 3*time.Second) }, edit, 3 * time.Second},
		{"another replica's 429", func(s *sender) { s.gate = pausedGate{until: start.Add(5 * time.Second)} }, edit, 5 * time.Second},
		{"button answer, this replica's 429", func(s *sender) { s.pause(context.Background(), 3*time.Second) }, notMessage, 3 * time.Second},
		{"shared limit unreachable", func(s *sender) { s.gate = downGate{} }, edit, 0},
		{"shared limit unreachable, 429", func(s *sender) { s.gate = downGate{}; s.pause(context.Background(), 2*time.Second) }, edit, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &virtualClock{now: start}
			s := newSender(clock.Now, clock.Sleep, NewMetrics(nil), 1)
			tt.setup(s)
			err := s.do(answering(context.Background(), 1), "editMessageText", 1, tt.kind, func(context.Context) error { return nil })
			if err != nil {
				t.Fatal(err)
			}
			if waited := clock.Now().Sub(start); waited != tt.want {
				t.Errorf("waited %v, want %v", waited, tt.want)
			}
		})
	}
}

// TestCeilingCatchesUp: a broadcast whose sends now and then come later
// than their moment (a slow reply from Telegram, a busy machine), with
// answers to a person between them, still uses at least 29.5 of the 30
// messages a second, and no second on the virtual clock holds more than
// 30 messages, answers included: the schedule catches up the time it
// lost, by at most catchUp, and an answer goes no earlier than the moment
// it is counted at.
func TestCeilingCatchesUp(t *testing.T) {
	clock := &virtualClock{now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	s := newSender(clock.Now, clock.Sleep, NewMetrics(nil), 1)
	start := clock.Now()
	var all []time.Time
	send := func(ctx context.Context, chat int64, kind sendKind, took time.Duration) {
		t.Helper()
		err := s.do(ctx, "sendMessage", chat, kind, func(context.Context) error {
			all = append(all, clock.Now())
			return clock.Sleep(context.Background(), took)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	person := answering(context.Background(), 1)
	for i := range 900 {
		// Most sends come back in 2 ms; every tenth takes 40 ms, 6.4 ms
		// more than the interval.
		took := 2 * time.Millisecond
		if i%10 == 9 {
			took = 40 * time.Millisecond
		}
		send(withBulk(context.Background()), int64(1000+i), message, took)
		if i%7 == 6 {
			send(person, 1, edit, 2*time.Millisecond)
		}
	}
	if peak := peakPerSecond(all); peak > 30 {
		t.Errorf("%d messages in one second", peak)
	}
	elapsed := all[len(all)-1].Sub(start).Seconds()
	if perSec := float64(len(all)-1) / elapsed; perSec < 29.5 {
		t.Errorf("%d messages in %.1fs: %.2f a second, want at least 29.5", len(all), elapsed, perSec)
	}
}
