package bot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	tgbot "github.com/go-telegram/bot"
	"golang.org/x/time/rate"
)

// Telegram's limits on a bot's messages: about 30 a second overall and one
// a second to one chat, with short bursts tolerated. The overall limit has
// no burst and 1.2 ms to spare per message (3.5% below 30 a second), so
// no 1-second window holds more than 30 even when the network delays one
// message by up to 36 ms and not the next.
const globalInterval = time.Second/30 + 1200*time.Microsecond

const (
	chatRate  = rate.Limit(1)
	chatBurst = 3
	// A group (a negative chat ID) may get 20 messages a minute: a burst
	// of 3 and 17 more spread over the minute.
	groupRate  = rate.Limit(17.0 / 60)
	groupBurst = 3
)

// Retry policy: a 429 names its own wait; 5xx and network errors back off
// exponentially, with jitter, a bounded number of times.
const (
	maxAttempts = 4
	baseBackoff = 500 * time.Millisecond
	maxBackoff  = 8 * time.Second
	// maxRetryAfter bounds a 429's wait for a reply to a person; Telegram
	// can ask for minutes, and by then the reply is worth little.
	maxRetryAfter = 5 * time.Minute
)

// gateRetry is how long the sender keeps to its own rate limit after the
// shared one in Redis failed to answer, so a Redis outage does not slow
// every reply by a timeout; gateTimeout bounds one question to it.
const (
	gateRetry   = 5 * time.Second
	gateTimeout = 250 * time.Millisecond
)

// SendGate shares Telegram's overall rate limit among the bot's replicas:
// it hands out moments to send, one interval apart, and holds every
// replica's sends when Telegram asks the bot to wait.
type SendGate interface {
	ReserveSend(ctx context.Context, now time.Time, interval time.Duration) (time.Time, error)
	PauseSends(ctx context.Context, now, until time.Time) error
}

// bulkKey marks a context whose sends are broadcast traffic: they wait
// while replies to people's own actions are waiting.
type bulkKey struct{}

func withBulk(ctx context.Context) context.Context { return context.WithValue(ctx, bulkKey{}, true) }

func isBulk(ctx context.Context) bool { b, _ := ctx.Value(bulkKey{}).(bool); return b }

// errBlocked says the person blocked the bot or deleted their account:
// there is no point in sending to them again.
var errBlocked = errors.New("chat blocked the bot")

// sender pushes every message through one set of limits and one retry
// policy, so no code path can flood Telegram.
type sender struct {
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	metrics *Metrics

	// nextGlobal is the first moment this process's own overall limit
	// lets a message go: moments are handed out one interval apart, in
	// order, whatever order the callers ask in.
	nextGlobal time.Time
	chats      *chatLimiters
	groups     *chatLimiters
	// gate, when set, replaces nextGlobal with a limit shared by replicas.
	gate     SendGate
	interval time.Duration
	// onBlocked is told of each chat that blocked the bot.
	onBlocked func(chatID int64)

	mu          sync.Mutex
	pausedUntil time.Time // set by a 429: the whole bot waits
	gateDownAt  time.Time // the shared limit last failed to answer
	// urgent counts replies waiting for their moment; calm is closed when
	// none is, and broadcast sends wait for it.
	urgent int
	calm   chan struct{}
}

func newSender(now func() time.Time, sleep func(context.Context, time.Duration) error, m *Metrics, scale float64) *sender {
	calm := make(chan struct{})
	close(calm)
	return &sender{now: now, sleep: sleep, metrics: m, calm: calm,
		interval: time.Duration(float64(globalInterval) / scale),
		chats:    newChatLimiters(chatRate*rate.Limit(scale), int(chatBurst*scale)),
		groups:   newChatLimiters(groupRate*rate.Limit(scale), int(groupBurst*scale))}
}

// do runs call for chatID within the limits, retrying as the error
// deserves. perChat is false for calls that are not messages to the chat
// (answering a button press), which Telegram does not count.
func (s *sender) do(ctx context.Context, method string, chatID int64, perChat bool, call func(context.Context) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		if werr := s.wait(ctx, chatID, perChat); werr != nil {
			return werr
		}
		err = call(ctx)
		if err == nil {
			s.metrics.sends.WithLabelValues(method, "ok").Inc()
			return nil
		}
		var tooMany *tgbot.TooManyRequestsError
		switch {
		case errors.As(err, &tooMany):
			s.metrics.sends.WithLabelValues(method, "rate_limited").Inc()
			wait := time.Duration(tooMany.RetryAfter) * time.Second
			if isBulk(ctx) {
				// A broadcast waits as long and as often as Telegram
				// asks: the same message goes once it may, however late.
				attempt--
			} else {
				wait = min(wait, maxRetryAfter)
			}
			s.pause(ctx, wait)
			continue
		case errors.Is(err, tgbot.ErrorForbidden):
			s.metrics.sends.WithLabelValues(method, "blocked").Inc()
			if perChat && s.onBlocked != nil {
				s.onBlocked(chatID)
			}
			return fmt.Errorf("%s: %w: %w", method, errBlocked, err)
		case errors.Is(err, tgbot.ErrorBadRequest), errors.Is(err, tgbot.ErrorUnauthorized),
			errors.Is(err, tgbot.ErrorNotFound), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
			// The same request would fail the same way.
			s.metrics.sends.WithLabelValues(method, "failed").Inc()
			return fmt.Errorf("%s: %w", method, err)
		}
		// 5xx, timeouts, dropped connections: worth another try.
		s.metrics.sends.WithLabelValues(method, "retry").Inc()
		if attempt < maxAttempts {
			if werr := s.sleep(ctx, backoff(attempt)); werr != nil {
				return werr
			}
		}
	}
	s.metrics.sends.WithLabelValues(method, "failed").Inc()
	return fmt.Errorf("%s: giving up after %d attempts: %w", method, maxAttempts, err)
}

// backoff is the wait before attempt+1: exponential with full jitter.
func backoff(attempt int) time.Duration {
	d := min(baseBackoff<<(attempt-1), maxBackoff)
	return d/2 + rand.N(d/2+1)
}

// pause holds every send for d, in this process and, through the gate,
// in the other replicas.
func (s *sender) pause(ctx context.Context, d time.Duration) {
	s.mu.Lock()
	now := s.now()
	until := now.Add(d)
	if until.After(s.pausedUntil) {
		s.pausedUntil = until
	}
	gate := s.gateUsable(now)
	s.mu.Unlock()
	if gate {
		gctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), gateTimeout)
		defer cancel()
		if err := s.gate.PauseSends(gctx, now, until); err != nil {
			s.gateFailed(now)
		}
	}
}

func (s *sender) gateUsable(now time.Time) bool {
	return s.gate != nil && now.Sub(s.gateDownAt) >= gateRetry
}

func (s *sender) gateFailed(now time.Time) {
	s.mu.Lock()
	s.gateDownAt = now
	s.mu.Unlock()
}

// wait blocks until the call may go: after any 429 pause, within the
// overall rate and, for messages, within the chat's rate. Broadcast
// traffic first waits until no reply is waiting.
func (s *sender) wait(ctx context.Context, chatID int64, perChat bool) error {
	bulk := isBulk(ctx)
	s.mu.Lock()
	for bulk && s.urgent > 0 {
		calm := s.calm
		s.mu.Unlock()
		select {
		case <-calm:
		case <-ctx.Done():
			return ctx.Err()
		}
		s.mu.Lock()
	}
	if !bulk {
		if s.urgent == 0 {
			s.calm = make(chan struct{})
		}
		s.urgent++
	}
	now := s.now()
	delay := s.pausedUntil.Sub(now)
	at := now.Add(max(delay, 0))
	if perChat {
		l := s.chats.get(now, chatID)
		if d := l.ReserveN(at, 1).DelayFrom(at); d > 0 {
			at = at.Add(d)
		}
		if chatID < 0 {
			g := s.groups.get(now, chatID)
			if d := g.ReserveN(at, 1).DelayFrom(at); d > 0 {
				at = at.Add(d)
			}
		}
	}
	at = s.reserveGlobal(ctx, now, at)
	if !bulk {
		s.urgent--
		if s.urgent == 0 {
			close(s.calm)
		}
	}
	s.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		return s.sleep(ctx, d)
	}
	return nil
}

// reserveGlobal takes the next moment under the overall limit at or after
// at: the replicas' shared one when it answers, else this process's own.
// s.mu is held.
func (s *sender) reserveGlobal(ctx context.Context, now, at time.Time) time.Time {
	if s.gateUsable(now) {
		gctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), gateTimeout)
		shared, err := s.gate.ReserveSend(gctx, at, s.interval)
		cancel()
		if err == nil {
			return shared
		}
		s.gateDownAt = now
	}
	at = later(at, s.nextGlobal)
	s.nextGlobal = at.Add(s.interval)
	return at
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// sleepContext waits for d or until ctx ends.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// notModified recognises Telegram's refusal to edit a message into what it
// already says: the screen is right, so it is no error.
func notModified(err error) bool {
	return errors.Is(err, tgbot.ErrorBadRequest) && strings.Contains(err.Error(), "message is not modified")
}
