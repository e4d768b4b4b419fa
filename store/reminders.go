package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot/flows"
)

// Reminder keys share the hash tag {rem}, so the claiming script touches
// one cluster slot. A reminder holds the Telegram ID (to send it), the
// letter's node and its deadline: nothing from the letter itself.
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

var _ flows.Reminders = (*Store)(nil)

// AddReminder keeps r until it has been sent, and no longer than a day
// after the deadline.
func (s *Store) AddReminder(ctx context.Context, userID int64, r flows.Reminder) error {
	raw := make([]byte, 8)
	if _, err := rand.Read(raw); err != nil {
		return fmt.Errorf("reminder id: %w", err)
	}
	id := hex.EncodeToString(raw)
	if r.Until.IsZero() {
		r.Until = r.At.Add(ReminderWindow)
	}
	expire := r.Until.Add(24 * time.Hour)
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, reminderKey(id), "user", userID, "node", r.Node, "deadline", r.Deadline.Compact(), "hash", s.UserKey(userID),
			"until", r.Until.Unix(), "booking", r.Booking, "slot", r.Slot, "unconfirmed", strconv.FormatBool(r.Unconfirmed))
		p.ExpireAt(ctx, reminderKey(id), expire)
		p.ZAdd(ctx, dueKey, redis.Z{Score: float64(r.At.Unix()), Member: id})
		p.SAdd(ctx, s.userRemindersKey(userID), id)
		p.ExpireAt(ctx, s.userRemindersKey(userID), expire)
		return nil
	})
	if err != nil {
		return fmt.Errorf("add reminder: %w", err)
	}
	return nil
}

func (s *Store) userRemindersKey(userID int64) string { return "urem:" + s.UserKey(userID) }

// claimReminders takes up to ARGV[3] reminders due at ARGV[1] (unix
// seconds): each is leased until ARGV[2], so no other replica takes it
// meanwhile; reminders past their "until" are dropped, not sent late. One
// script, so two replicas never claim the same reminder.
var claimReminders = redis.NewScript(`
local now = tonumber(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for i = 1, #due, 2 do
  local id = due[i]
  local r = redis.call('HMGET', '{rem}:' .. id, 'user', 'node', 'deadline', 'hash', 'until', 'booking', 'slot', 'at', 'unconfirmed')
  if not r[1] or tonumber(r[5]) < now then
    redis.call('ZREM', KEYS[1], id)
    redis.call('DEL', '{rem}:' .. id)
  else
    if not r[8] then
      r[8] = due[i + 1]
      redis.call('HSET', '{rem}:' .. id, 'at', r[8])
    end
    redis.call('ZADD', KEYS[1], ARGV[2], id)
    table.insert(out, {id, r[1], r[2], r[3], r[4], r[8], r[5], r[6], r[7], r[9] or 'false'})
  end
end
return out
`)

// DueReminders claims the reminders due at now, with the person's current
// language. Each must be acknowledged with AckReminder once sent.
func (s *Store) DueReminders(ctx context.Context, now time.Time, limit int) ([]flows.DueReminder, error) {
	res, err := claimReminders.Run(ctx, s.rdb, []string{dueKey},
		now.Unix(), now.Add(ReminderLease).Unix(), limit).Slice()
	if err != nil {
		return nil, fmt.Errorf("claim reminders: %w", err)
	}
	out := make([]flows.DueReminder, 0, len(res))
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
		deadline, _ := flows.ParseCompactDate(str(3))
		at, _ := strconv.ParseInt(str(5), 10, 64)
		until, _ := strconv.ParseInt(str(6), 10, 64)
		lang, err := s.rdb.Get(ctx, "lang:"+str(4)).Result()
		if err != nil && err != redis.Nil {
			return nil, fmt.Errorf("reminder language: %w", err)
		}
		out = append(out, flows.DueReminder{ID: str(0), UserID: user, Lang: lang,
			Reminder: flows.Reminder{At: time.Unix(at, 0), Until: time.Unix(until, 0), Deadline: deadline, Node: str(2), Booking: str(7), Slot: str(8), Unconfirmed: str(9) == "true"}})
	}
	return out, nil
}

// AckReminder forgets a reminder that has been sent.
func (s *Store) AckReminder(ctx context.Context, id string) error {
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
