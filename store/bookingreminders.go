package store

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// An appointment's reminders (the evening before, an hour before, a
// coordinator's alarm should nobody confirm it) live in the booking's own
// record, one field each, and the booking is in the due set once, at its
// soonest pending moment:
//
//	{bk}:due             sorted set: booking ID by its next reminder moment
//	{bk}:b:<id>          field r:<at>:<to> = <span>|<flags>|<lease>
//
// at in Unix seconds; to the Telegram ID of someone other than the
// resident (a coordinator), empty for the resident; span how many seconds
// after at it may still be sent; flags "u" for a reminder sent only while
// no volunteer took the booking; lease, once claimed, the Unix second
// until which it is hidden from other replicas.
//
// Kept apart, a reminder cost a record key, a place in a person's list and
// its own place in the due set: 400 bytes, three times per booking. Here
// they cost a field each and one place in the due set, are deleted with
// the booking (a cancel, a move, "delete my data") and are found through
// it. A booking deleted leaves its place in the due set until its moment,
// when the claim finds no record and drops it: nothing personal, a random
// ID and a time.
const bookingDueKey = "{bk}:due"

// bookingReminderLua is shared by the scripts that add, claim and
// acknowledge an appointment's reminders.
const bookingReminderLua = `
-- The moment a reminder field next needs attention: its lease's end once
-- claimed, else its moment; nil for a field that is no reminder.
local function reminderMoment(field, value)
  local at = string.match(field, '^r:(%d+):')
  if not at then return nil end
  local lease = string.match(value, '|(%d*)$')
  if lease and lease ~= '' then return tonumber(lease) end
  return tonumber(at)
end

-- Puts the booking in the due set at its soonest reminder, or takes it
-- out when none is left.
local function rescore(due, bk, id)
  local h = redis.call('HGETALL', bk)
  local soonest = nil
  for j = 1, #h, 2 do
    local m = reminderMoment(h[j], h[j + 1])
    if m and (not soonest or m < soonest) then soonest = m end
  end
  if soonest then
    redis.call('ZADD', due, soonest, id)
  else
    redis.call('ZREM', due, id)
  end
end
`

// addBookingReminder stores field ARGV[2] = ARGV[3] in booking ARGV[1]'s
// record KEYS[2], if the booking still exists, and files it in the due set
// KEYS[1].
var addBookingReminder = redis.NewScript(bookingReminderLua + `
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
rescore(KEYS[1], KEYS[2], ARGV[1])
return 1
`)

// claimBookingReminders claims, of the bookings ARGV[4..] (read as due at
// ARGV[1]; their records KEYS[2..], the due set KEYS[1]), up to ARGV[3]
// reminders due now: each is leased until ARGV[2], so no other replica
// takes it meanwhile. One past its last moment is dropped, not sent late;
// a booking whose record is gone leaves the due set. Each claimed reminder
// comes back as {booking, at, to, span, flags, lease, user, slot}.
var claimBookingReminders = redis.NewScript(bookingReminderLua + `
local now, lease, limit = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
local out = {}
for i = 4, #ARGV do
  local id, bk = ARGV[i], KEYS[i - 2]
  local due = redis.call('ZSCORE', KEYS[1], id)
  if due and tonumber(due) <= now then
    local h = redis.call('HGETALL', bk)
    local rec = {}
    for j = 1, #h, 2 do rec[h[j]] = h[j + 1] end
    for j = 1, #h, 2 do
      local field, value = h[j], h[j + 1]
      local m = reminderMoment(field, value)
      if m and m <= now then
        local at, to = string.match(field, '^r:(%d+):(%d*)$')
        local span, flags = string.match(value, '^(%d+)|(%a*)|')
        if not at or not span or tonumber(at) + tonumber(span) < now then
          redis.call('HDEL', bk, field)
        elseif #out < limit then
          redis.call('HSET', bk, field, span .. '|' .. flags .. '|' .. lease)
          table.insert(out, {id, at, to, span, flags, lease, rec.user or '', rec.slot or ''})
        end
      end
    end
    rescore(KEYS[1], bk, id)
  end
end
return out
`)

// ackBookingReminder forgets reminder field ARGV[2] of booking ARGV[1]
// (record KEYS[2], due set KEYS[1]) if it still carries the lease ARGV[3]
// it was claimed with: a field written since, by a move to the same hour,
// is a new reminder and stays.
var ackBookingReminder = redis.NewScript(bookingReminderLua + `
local value = redis.call('HGET', KEYS[2], ARGV[2])
if value and string.match(value, '|(%d*)$') == ARGV[3] then redis.call('HDEL', KEYS[2], ARGV[2]) end
rescore(KEYS[1], KEYS[2], ARGV[1])
return 1
`)

// addBookingReminder keeps r in its booking's record; nothing when the
// booking is gone.
func (s *Store) addBookingReminder(ctx context.Context, r spreekuurbot.Reminder) error {
	to := ""
	if r.To != 0 {
		to = strconv.FormatInt(r.To, 10)
	}
	flags := ""
	if r.Unconfirmed {
		flags = "u"
	}
	field := "r:" + strconv.FormatInt(r.At.Unix(), 10) + ":" + to
	value := strconv.FormatInt(max(r.Until.Unix()-r.At.Unix(), 0), 10) + "|" + flags + "|"
	if err := addBookingReminder.Run(ctx, s.rdb, []string{bookingDueKey, bookingKey(r.Booking)}, r.Booking, field, value).Err(); err != nil {
		return fmt.Errorf("add reminder to booking: %w", err)
	}
	return nil
}

// claimInBookings runs claimBookingReminders on the bookings ids,
// claiming up to want of their reminders.
func (s *Store) claimInBookings(ctx context.Context, ids []string, now time.Time, want int) ([]spreekuurbot.DueReminder, error) {
	keys := []string{bookingDueKey}
	args := []any{now.Unix(), now.Add(ReminderLease).Unix(), want}
	for _, id := range ids {
		keys = append(keys, bookingKey(id))
		args = append(args, id)
	}
	res, err := claimBookingReminders.Run(ctx, s.rdb, keys, args...).Slice()
	if err != nil {
		return nil, fmt.Errorf("claim appointment reminders: %w", err)
	}
	return bookingReminders(res), nil
}

// bookingReminders reads what claimBookingReminders answered.
func bookingReminders(rows []any) []spreekuurbot.DueReminder {
	out := make([]spreekuurbot.DueReminder, 0, len(rows))
	for _, row := range rows {
		f, ok := row.([]any)
		if !ok || len(f) != 8 {
			continue
		}
		str := func(i int) string { v, _ := f[i].(string); return v }
		at, err1 := strconv.ParseInt(str(1), 10, 64)
		span, err2 := strconv.ParseInt(str(3), 10, 64)
		to, err3 := strconv.ParseInt(cmp.Or(str(2), str(6)), 10, 64)
		if err1 != nil || err2 != nil || err3 != nil {
			continue
		}
		r := spreekuurbot.Reminder{At: time.Unix(at, 0), Until: time.Unix(at+span, 0), Booking: str(0), Slot: str(7), Unconfirmed: str(4) == "u"}
		if str(2) != "" {
			r.To = to
		}
		out = append(out, spreekuurbot.DueReminder{ID: bookingReminderID(str(0), str(1), str(2), str(5)), UserID: to, Reminder: r})
	}
	return out
}

// An appointment reminder's ID names its booking, its field and the lease
// it was claimed with, split by '/'; the other reminders' IDs are hex.
func bookingReminderID(booking, at, to, lease string) string {
	return booking + "/" + at + "/" + to + "/" + lease
}

// ackBookingReminder forgets the appointment reminder id, as
// bookingReminderID made it; false when id is no such ID.
func (s *Store) ackBookingReminder(ctx context.Context, id string) (bool, error) {
	parts := strings.Split(id, "/")
	if len(parts) != 4 {
		return false, nil
	}
	booking, field := parts[0], "r:"+parts[1]+":"+parts[2]
	if err := ackBookingReminder.Run(ctx, s.rdb, []string{bookingDueKey, bookingKey(booking)}, booking, field, parts[3]).Err(); err != nil {
		return true, fmt.Errorf("ack appointment reminder: %w", err)
	}
	return true, nil
}

// remindersIn counts the reminders for the resident in a booking's record
// (a coordinator's alarm is not theirs).
func remindersIn(record map[string]string) int {
	n := 0
	for field := range record {
		if strings.HasPrefix(field, "r:") && strings.HasSuffix(field, ":") {
			n++
		}
	}
	return n
}
