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
// a second to one chat, with short bursts tolerated. Messages are counted
// 29.75 a second with no burst: 30 intervals last 1,008.4 ms, of which
// catchUp takes 4 ms and the network may take the rest (a message delayed
// up to 4.4 ms more than the one before), and a broadcast still runs at
// 29.75 a second. Exactly 1/30 s would let a microsecond's jitter put 31
// messages in one window.
const globalInterval = time.Second * 100 / 2975

// An answer to a person is counted at the next moment of the overall
// schedule, and goes no earlier: like every message it goes at most
// catchUp after its moment and never before, so even with answers no
// second holds 31. When the next moment is near (a broadcast is running:
// up to two intervals ahead) the answer waits for it; when it lies further
// ahead than maxAnswerWait (a crowd pressing at once) the answer goes at
// once regardless: a person waits for Telegram, not for the bot's own
// pacing, and a 429 decides.
const maxAnswerWait = 2 * globalInterval

// catchUp is how far the overall schedule may reach back for time no one
// used (the broadcast sender came late for its moment: a slow reply from
// Telegram, a busy machine): such a message goes at once, counted at a
// moment at most this long before. 30 intervals less catchUp still last a
// second (1,008.4 ms - 4 ms), so no second holds 31 messages, and 4.4 ms
// are left for the network.
const catchUp = 4 * time.Millisecond

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
// it hands out moments to send, one interval apart; counts the answers to
// people at the next moment, ahead of the paced messages that ask after
// them; and holds every replica's sends when Telegram asks the bot to
// wait.
type SendGate interface {
	ReserveSend(ctx context.Context, now time.Time, interval, catchUp time.Duration) (time.Time, error)
	CountSend(ctx context.Context, now time.Time, interval, catchUp time.Duration) (counted, pausedUntil time.Time, err error)
	PauseSends(ctx context.Context, now, until time.Time) error
}

// sendKind is how Telegram counts a call against its limits.
type sendKind int

const (
	// message is a new message in a chat: counted overall and per chat.
	message sendKind = iota
	// edit changes a message the chat already has: counted overall; the
	// chat's limit is on new messages.
	edit
	// notMessage is a call that sends no message (a button's answer, the
	// command menu): Telegram counts it in neither limit.
	notMessage
)

// sendClass is whose turn a call waits for.
type sendClass int

const (
	// answer: the reply to a person's own action, in their chat, while
	// their update is handled. It takes the next moment of the overall
	// limit, ahead of any paced or bulk message still to ask for one
	// (maxAnswerWait), after a 429's pause and, for a new message, the
	// chat's own limit: a person waits at most two intervals for a
	// broadcast, not for its backlog.
	answer sendClass = iota
	// paced: what the bot sends on its own, or to someone else than the
	// person it answers (notices to volunteers, reminders, progress):
	// it waits for its moment under the overall limit, before bulk.
	paced
	// bulk: broadcast messages; they wait while paced messages wait.
	bulk
)

// bulkKey marks a context whose sends are broadcast traffic: they wait
// while replies to people's own actions are waiting.
type bulkKey struct{}

func withBulk(ctx context.Context) context.Context { return context.WithValue(ctx, bulkKey{}, true) }

func isBulk(ctx context.Context) bool { b, _ := ctx.Value(bulkKey{}).(bool); return b }

// answeringKey marks a context that handles a person's own update: what
// it sends to that person's chat answers them.
type answeringKey struct{}

func answering(ctx context.Context, chatID int64) context.Context {
	return context.WithValue(ctx, answeringKey{}, chatID)
}

func classOf(ctx context.Context, chatID int64) sendClass {
	if isBulk(ctx) {
		return bulk
	}
	if to, ok := ctx.Value(answeringKey{}).(int64); ok && to == chatID {
		return answer
	}
	return paced
}

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
	// lets a paced message go: moments are handed out one interval apart,
	// in order, whatever order the callers ask in.
	nextGlobal time.Time
	chats      *chatLimiters
	groups     *chatLimiters
	// gate, when set, replaces nextGlobal with a limit shared by replicas.
	gate     SendGate
	interval time.Duration
	catchUp  time.Duration
	// maxWait is maxAnswerWait, scaled.
	maxWait time.Duration
	// onBlocked is told of each chat that blocked the bot.
	onBlocked func(chatID int64)

	mu          sync.Mutex
	pausedUntil time.Time // set by a 429: the whole bot waits
	gateDownAt  time.Time // the shared limit last failed to answer
	// urgent counts paced messages waiting for their moment; calm is
	// closed when none is, and broadcast sends wait for it.
	urgent int
	calm   chan struct{}
}

func newSender(now func() time.Time, sleep func(context.Context, time.Duration) error, m *Metrics, scale float64) *sender {
	calm := make(chan struct{})
	close(calm)
	return &sender{now: now, sleep: sleep, metrics: m, calm: calm,
		interval: time.Duration(float64(globalInterval) / scale),
		catchUp:  time.Duration(float64(catchUp) / scale),
		maxWait:  time.Duration(float64(maxAnswerWait) / scale),
		chats:    newChatLimiters(chatRate*rate.Limit(scale), int(chatBurst*scale)),
		groups:   newChatLimiters(groupRate*rate.Limit(scale), int(groupBurst*scale))}
}

// do runs call for chatID within the limits, retrying as the error
// deserves; kind says how Telegram counts the call.
func (s *sender) do(ctx context.Context, method string, chatID int64, kind sendKind, call func(context.Context) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		if werr := s.wait(ctx, chatID, kind); werr != nil {
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
			if kind != notMessage && s.onBlocked != nil {
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
			var werr error
			outside(ctx, func() { werr = s.sleep(ctx, backoff(attempt)) })
			if werr != nil {
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

// wait blocks until the call may go: after any 429 pause; for a new
// message, within the chat's rate; for a paced or bulk message, at its
// moment under the overall rate. Bulk traffic first waits until no paced
// message is waiting. An answer to a person takes the next moment and
// waits for it when it is near (maxAnswerWait). A dispatcher worker that
// waits gives its slot to another chat meanwhile.
func (s *sender) wait(ctx context.Context, chatID int64, kind sendKind) error {
	class := classOf(ctx, chatID)
	overall := kind != notMessage
	urgent := class == paced && overall
	s.mu.Lock()
	for class == bulk && s.urgent > 0 {
		calm := s.calm
		s.mu.Unlock()
		select {
		case <-calm:
		case <-ctx.Done():
			return ctx.Err()
		}
		s.mu.Lock()
	}
	if urgent {
		if s.urgent == 0 {
			s.calm = make(chan struct{})
		}
		s.urgent++
	}
	now := s.now()
	at := later(now, s.pausedUntil)
	if kind == message {
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
	if overall && class != answer {
		at = s.reserveGlobal(ctx, now, at)
	}
	if urgent {
		s.urgent--
		if s.urgent == 0 {
			close(s.calm)
		}
	}
	s.mu.Unlock()
	if overall && class == answer {
		counted, paused := s.countAnswer(ctx, at)
		at = later(at, paused)
		if wait := counted.Sub(at); wait > 0 && wait <= s.maxWait {
			at = at.Add(wait)
		}
	}
	if d := at.Sub(now); d > 0 {
		var err error
		outside(ctx, func() { err = s.sleep(ctx, d) })
		return err
	}
	return nil
}

// reserveGlobal takes the next moment under the overall limit at or after
// at: the replicas' shared one when it answers, else this process's own.
// s.mu is held.
func (s *sender) reserveGlobal(ctx context.Context, now, at time.Time) time.Time {
	if s.gateUsable(now) {
		gctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), gateTimeout)
		shared, err := s.gate.ReserveSend(gctx, at, s.interval, s.catchUp)
		cancel()
		if err == nil {
			return shared
		}
		s.gateDownAt = now
	}
	moment := later(at.Add(-s.catchUp), s.nextGlobal)
	s.nextGlobal = moment.Add(s.interval)
	return later(at, moment)
}

// countAnswer counts an answer that goes about at in the overall limit,
// at the next moment, so the paced messages of every replica move one
// interval back, and returns that moment and until when another replica's
// 429 holds every send (zero when none does).
func (s *sender) countAnswer(ctx context.Context, at time.Time) (counted, paused time.Time) {
	s.mu.Lock()
	gate := s.gateUsable(s.now())
	s.mu.Unlock()
	if gate {
		gctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), gateTimeout)
		counted, paused, err := s.gate.CountSend(gctx, at, s.interval, s.catchUp)
		cancel()
		if err == nil {
			return counted, paused
		}
		s.gateFailed(s.now())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	counted = later(at.Add(-s.catchUp), s.nextGlobal)
	s.nextGlobal = counted.Add(s.interval)
	return counted, time.Time{}
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
