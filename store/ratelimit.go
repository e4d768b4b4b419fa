package store

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// sendRateKey holds the moment (in microseconds) from which the next
// message to Telegram may go, for every replica of the bot: Telegram
// counts a bot's messages, not a process's.
const sendRateKey = "{rate}:send"

// sendPauseKey holds the moment (in microseconds) until which Telegram
// asked the bot to send nothing, after a 429; it expires then.
const sendPauseKey = "{rate}:pause"

// reserveScript hands out send slots one interval apart (a GCRA without
// burst): the caller sends at the returned moment, not before. The moments
// come from the callers' clock, so tests can run it on a virtual one.
//
// A schedule that fell behind (no one sent at its moments) catches up by
// at most catchUp (ARGV[3]): the moment it counts may lie that far in the
// past, and the message goes at once, so a sender a few milliseconds late
// loses no share of the limit.
var reserveScript = redis.NewScript(`
local now, interval, catchUp = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local at = tonumber(redis.call('GET', KEYS[1]) or '0')
if at < now - catchUp then at = now - catchUp end
local nextAt = at + interval
redis.call('SET', KEYS[1], string.format('%.0f', nextAt), 'PX', math.max(math.floor((nextAt - now) / 1000), 0) + 60000)
if at < now then at = now end
return string.format('%.0f', at)
`)

// ReserveSend returns the moment, at or after now, at which this replica
// may send its next message, keeping all replicas together at most one
// message per interval, counted on a schedule that catches up time no one
// used by at most catchUp.
func (s *Store) ReserveSend(ctx context.Context, now time.Time, interval, catchUp time.Duration) (time.Time, error) {
	// Rounded up: a microsecond short, 30 sends would fit in one second.
	micros := (interval + time.Microsecond - 1) / time.Microsecond
	at, err := reserveScript.Run(ctx, s.rdb, []string{sendRateKey}, now.UnixMicro(), int64(micros), catchUp.Microseconds()).Int64()
	if err != nil {
		return time.Time{}, fmt.Errorf("reserve send: %w", err)
	}
	return time.UnixMicro(at), nil
}

// countScript counts a message that goes without waiting its turn (an
// answer to a person) at the next moment, so the messages that wait for
// theirs make room for it, and returns that moment and the moment until
// which sends are paused ('0' when they are not).
var countScript = redis.NewScript(`
local now, interval, catchUp = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local at = tonumber(redis.call('GET', KEYS[1]) or '0')
if at < now - catchUp then at = now - catchUp end
local nextAt = at + interval
redis.call('SET', KEYS[1], string.format('%.0f', nextAt), 'PX', math.max(math.floor((nextAt - now) / 1000), 0) + 60000)
return {string.format('%.0f', at), redis.call('GET', KEYS[2]) or '0'}
`)

// CountSend counts a message that this replica sends about now in the
// limit all replicas share, at the next moment (up to catchUp in the past
// when the schedule fell behind), and returns that moment and until when
// Telegram asked the bot to wait (zero when it did not, or no longer).
func (s *Store) CountSend(ctx context.Context, now time.Time, interval, catchUp time.Duration) (counted, pausedUntil time.Time, err error) {
	micros := (interval + time.Microsecond - 1) / time.Microsecond
	res, err := countScript.Run(ctx, s.rdb, []string{sendRateKey, sendPauseKey}, now.UnixMicro(), int64(micros), catchUp.Microseconds()).Int64Slice()
	if err != nil {
		return time.Time{}, time.Time{}, fmt.Errorf("count send: %w", err)
	}
	if len(res) != 2 {
		return time.Time{}, time.Time{}, fmt.Errorf("count send: %d values, want 2", len(res))
	}
	if res[1] > now.UnixMicro() {
		pausedUntil = time.UnixMicro(res[1])
	}
	return time.UnixMicro(res[0]), pausedUntil, nil
}

// pauseScript moves the next send to `until` at the earliest, and says
// until when every send waits.
var pauseScript = redis.NewScript(`
local untilAt, now = tonumber(ARGV[1]), tonumber(ARGV[2])
local ttl = math.floor((untilAt - now) / 1000)
local at = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilAt > at then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl + 60000)
end
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if untilAt > paused and ttl > 0 then
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ttl)
end
return 1
`)

// PauseSends holds every replica's sends until `until`: Telegram asked the
// bot, not one process, to wait.
func (s *Store) PauseSends(ctx context.Context, now, until time.Time) error {
	if err := pauseScript.Run(ctx, s.rdb, []string{sendRateKey, sendPauseKey}, until.UnixMicro(), now.UnixMicro()).Err(); err != nil {
		return fmt.Errorf("pause sends: %w", err)
	}
	return nil
}
