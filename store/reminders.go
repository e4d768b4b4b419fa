package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// Reminder keys share the hash tag {rem}, so the claiming script touches
// one cluster slot. A reminder holds the Telegram ID (to send it), the
// letter's node and its deadline: nothing from the letter itself.
//
// A reminder's record is one string, its fields in a fixed order and
// separated by '|' (none of them can hold one: numbers, IDs, a node's
// name, a compact date):
//
//	at|until|user|flags|booking|slot|node|deadline
//
// at and until in Unix seconds; flags "u" for a reminder sent only while
// no volunteer took the booking. The person's keyed hash is not stored:
// it follows from the user. Records written before (a hash of nine named
// fields, the keyed hash among them) are still read, and expire as they
// were written to.
const (
	dueKey = "{rem}:due" // sorted set: reminder ID by the moment it is due
	// ReminderLease is how long a claimed reminder is hidden from other
	// replicas; one not acknowledged by then (its sender died) is sent
	// again.
	ReminderLease = 2 * time.Minute
	// ReminderWindow is how late a reminder may still be sent: after
	// downtime, one whose moment passed longer ago is dropped, not sent
	// late.
	ReminderWindow = 6 * time.Hour
)

func reminderKey(id string) string { return "{rem}:" + id }

var _ spreekuurbot.Reminders = (*Store)(nil)

// AddReminder keeps r until it has been sent, and no longer than a day
// after the moment it may still be sent (its "until"). An appointment's
// reminder is kept in the booking (bookingreminders.go).
func (s *Store) AddReminder(ctx context.Context, userID int64, r spreekuurbot.Reminder, now time.Time) error {
	if r.Until.IsZero() {
		r.Until = r.At.Add(ReminderWindow)
	}
	if r.Booking != "" {
		return s.addBookingReminder(ctx, r)
	}
	raw := make([]byte, 8)
	if _, err := rand.Read(raw); err != nil {
		return fmt.Errorf("reminder id: %w", err)
	}
	id := hex.EncodeToString(raw)
	keep := time.Duration(ttlUntil(now, r.Until.Add(24*time.Hour))) * time.Second
	// The person's list first, in its own cluster slot: a reminder that
	// exists is always on it, so "delete my data" finds it even when the
	// second step fails.
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.SAdd(ctx, s.userRemindersKey(userID), id)
		p.Expire(ctx, s.userRemindersKey(userID), keep)
		return nil
	})
	if err != nil {
		return fmt.Errorf("add reminder: %w", err)
	}
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, reminderKey(id), reminderRecord(userID, r), keep)
		p.ZAdd(ctx, dueKey, redis.Z{Score: float64(r.At.Unix()), Member: id})
		return nil
	})
	if err != nil {
		return fmt.Errorf("add reminder: %w", err)
	}
	return nil
}

func (s *Store) userRemindersKey(userID int64) string { return "urem:" + s.UserKey(userID) }

// reminderRecord is a reminder's record as stored.
func reminderRecord(userID int64, r spreekuurbot.Reminder) string {
	flags := ""
	if r.Unconfirmed {
		flags = "u"
	}
	return strings.Join([]string{strconv.FormatInt(r.At.Unix(), 10), strconv.FormatInt(r.Until.Unix(), 10),
		strconv.FormatInt(userID, 10), flags, r.Booking, r.Slot, r.Node, r.Deadline.Compact()}, "|")
}

// claimReminders claims the reminders ARGV[3..] (read as due at ARGV[1],
// unix seconds; their records are KEYS[2..], the due set KEYS[1]): each
// one still due is leased until ARGV[2], so no other replica takes it
// meanwhile; one another replica claimed since the read is left alone;
// one past its "until" is dropped, not sent late. One script, so two
// replicas never claim the same reminder. The IDs come from a read just
// before, because a script must name every key it touches: on a Redis
// Cluster the node checks only the keys it is given.
var claimReminders = redis.NewScript(`
local now = tonumber(ARGV[1])
local out = {}
for i = 3, #ARGV do
  local id, rem = ARGV[i], KEYS[i - 1]
  local at = redis.call('ZSCORE', KEYS[1], id)
  if at and tonumber(at) <= now then
    -- r: user, node, deadline, keyed hash, until, booking, slot, at, unconfirmed
    local r = {}
    local kind = redis.call('TYPE', rem).ok
    if kind == 'string' then
      local f = {}
      for v in string.gmatch(redis.call('GET', rem) .. '|', '([^|]*)|') do table.insert(f, v) end
      r = {f[3], f[7], f[8], '', f[2], f[5], f[6], f[1], tostring(f[4] == 'u')}
    elseif kind == 'hash' then
      -- Written before records were strings.
      r = redis.call('HMGET', rem, 'user', 'node', 'deadline', 'hash', 'until', 'booking', 'slot', 'at', 'unconfirmed')
      if r[1] and not r[8] then
        r[8] = at
        redis.call('HSET', rem, 'at', r[8])
      end
    end
    if not r[1] or tonumber(r[5]) < now then
      redis.call('ZREM', KEYS[1], id)
      redis.call('DEL', rem)
    else
      redis.call('ZADD', KEYS[1], ARGV[2], id)
      table.insert(out, {id, r[1], r[2] or '', r[3] or '', r[4] or '', r[8], r[5], r[6] or '', r[7] or '', r[9] or 'false'})
    end
  end
end
return out
`)

// DueReminders claims up to limit reminders due at now, with the person's
// current language. Each must be acknowledged with AckReminder once sent.
func (s *Store) DueReminders(ctx context.Context, now time.Time, limit int) ([]spreekuurbot.DueReminder, error) {
	out, err := s.claimDue(ctx, bookingDueKey, now, limit, nil, s.claimInBookings)
	if err != nil {
		return nil, err
	}
	if out, err = s.claimDue(ctx, dueKey, now, limit, out, s.claim); err != nil {
		return nil, err
	}
	// Each person's language now, for all of them in one round trip.
	users := make([]int64, len(out))
	for i, d := range out {
		users[i] = d.UserID
	}
	langs, err := s.LanguagesOf(ctx, users)
	if err != nil {
		return nil, fmt.Errorf("reminder languages: %w", err)
	}
	for i := range out {
		out[i].Lang = langs[i]
	}
	return out, nil
}

// claimDue reads what is due at now in the sorted set due and claims it
// with claim, until out holds limit reminders or nothing is due. Another
// replica may claim some of what was read between the read and the
// claim, so it reads again; every round leases, drops or re-files what it
// read, so it ends.
func (s *Store) claimDue(ctx context.Context, due string, now time.Time, limit int, out []spreekuurbot.DueReminder,
	claim func(ctx context.Context, ids []string, now time.Time, want int) ([]spreekuurbot.DueReminder, error)) ([]spreekuurbot.DueReminder, error) {
	for len(out) < limit {
		want := limit - len(out)
		ids, err := s.rdb.ZRangeByScore(ctx, due, &redis.ZRangeBy{
			Min: "-inf", Max: strconv.FormatInt(now.Unix(), 10), Count: int64(want),
		}).Result()
		if err != nil {
			return nil, fmt.Errorf("due reminders in %s: %w", due, err)
		}
		if len(ids) == 0 {
			break
		}
		claimed, err := claim(ctx, ids, now, want)
		if err != nil {
			return nil, err
		}
		out = append(out, claimed...)
		if len(ids) < want {
			break
		}
	}
	return out, nil
}

// claim runs claimReminders on the reminders ids (each claimed with its
// own record: want is met by reading no more).
func (s *Store) claim(ctx context.Context, ids []string, now time.Time, _ int) ([]spreekuurbot.DueReminder, error) {
	keys := []string{dueKey}
	args := []any{now.Unix(), now.Add(ReminderLease).Unix()}
	for _, id := range ids {
		keys = append(keys, reminderKey(id))
		args = append(args, id)
	}
	res, err := claimReminders.Run(ctx, s.rdb, keys, args...).Slice()
	if err != nil {
		return nil, fmt.Errorf("claim reminders: %w", err)
	}
	out := make([]spreekuurbot.DueReminder, 0, len(res))
	for _, row := range res {
		f, ok := row.([]any)
		if !ok || len(f) != 10 {
			continue
		}
		str := func(i int) string { v, _ := f[i].(string); return v }
		user, err := strconv.ParseInt(str(1), 10, 64)
		if err != nil {
			continue
		}
		deadline, _ := spreekuurbot.ParseCompactDate(str(3))
		at, _ := strconv.ParseInt(str(5), 10, 64)
		until, _ := strconv.ParseInt(str(6), 10, 64)
		out = append(out, spreekuurbot.DueReminder{ID: str(0), UserID: user,
			Reminder: spreekuurbot.Reminder{At: time.Unix(at, 0), Until: time.Unix(until, 0), Deadline: deadline, Node: str(2), Booking: str(7), Slot: str(8), Unconfirmed: str(9) == "true"}})
	}
	return out, nil
}

// AckReminder forgets a reminder that has been sent.
func (s *Store) AckReminder(ctx context.Context, id string) error {
	if ok, err := s.ackBookingReminder(ctx, id); ok {
		return err
	}
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.ZRem(ctx, dueKey, id)
		p.Del(ctx, reminderKey(id))
		return nil
	})
	if err != nil {
		return fmt.Errorf("ack reminder: %w", err)
	}
	return nil
}
