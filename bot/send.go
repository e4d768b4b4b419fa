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
// no burst, so no 1-second window ever holds more than 30.
const (
	globalRate  = rate.Limit(30)
	globalBurst = 1
	chatRate    = rate.Limit(1)
	chatBurst   = 3
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

// errBlocked says the person blocked the bot or deleted their account:
// there is no point in sending to them again.
var errBlocked = errors.New("chat blocked the bot")

// sender pushes every message through one set of limits and one retry
// policy, so no code path can flood Telegram.
type sender struct {
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
	metrics *Metrics

	global *rate.Limiter
	chats  *chatLimiters

	mu          sync.Mutex
	pausedUntil time.Time // set by a 429: the whole bot waits
}

func newSender(now func() time.Time, sleep func(context.Context, time.Duration) error, m *Metrics, scale float64) *sender {
	return &sender{now: now, sleep: sleep, metrics: m,
		global: rate.NewLimiter(globalRate*rate.Limit(scale), int(globalBurst*scale)),
		chats:  newChatLimiters(chatRate*rate.Limit(scale), int(chatBurst*scale))}
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
			wait := min(time.Duration(tooMany.RetryAfter)*time.Second, maxRetryAfter)
			s.pause(wait)
			continue
		case errors.Is(err, tgbot.ErrorForbidden):
			s.metrics.sends.WithLabelValues(method, "blocked").Inc()
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

func (s *sender) pause(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if until := s.now().Add(d); until.After(s.pausedUntil) {
		s.pausedUntil = until
	}
}

// wait blocks until the call may go: after any 429 pause, within the
// overall rate and, for messages, within the chat's rate.
func (s *sender) wait(ctx context.Context, chatID int64, perChat bool) error {
	s.mu.Lock()
	now := s.now()
	delay := s.pausedUntil.Sub(now)
	at := now.Add(max(delay, 0))
	if perChat {
		l := s.chats.get(now, chatID)
		if d := l.ReserveN(at, 1).DelayFrom(at); d > 0 {
			at = at.Add(d)
		}
	}
	if d := s.global.ReserveN(at, 1).DelayFrom(at); d > 0 {
		at = at.Add(d)
	}
	s.mu.Unlock()
	if d := at.Sub(now); d > 0 {
		return s.sleep(ctx, d)
	}
	return nil
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
