package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// Booking keys share the hash tag {bk}: booking checks a slot's capacity
// and a resident's limit in one script, and on a Redis Cluster a script
// may only touch one slot. A city's bookings fit one shard many times over.
//
//	{bk}:slot:<slot id>   set of booking IDs in that slot
//	{bk}:user:<hash>      sorted set of the resident's booking IDs by start
//	{bk}:b:<id>           hash: user, slot, topic, lang, and needs ("c"
//	                      someone comes along, "l" a volunteer who speaks
//	                      the resident's language, "cl" both) only when the
//	                      resident said so; its reminders
//	                      (bookingreminders.go)
//	{bk}:req:<request>    the outcome of a request, for retries
//	{bk}:due              the bookings by their next reminder; the
//	                      reminders are fields of the record
//	                      (bookingreminders.go)
//
// The waitlist's keys (waitlist.go) share the tag: a held time is a member
// h:<user> of its slot's set, so it counts against the capacity.
const (
	// BookingKeep is how long a booking is kept after its appointment.
	BookingKeep = 30 * 24 * time.Hour
	// requestKeep is how long a request's outcome is remembered, so a
	// retried command changes nothing the second time.
	requestKeep = 24 * time.Hour
)

func slotKey(slotID string) string                   { return "{bk}:slot:" + slotID }
func bookingKey(id string) string                    { return "{bk}:b:" + id }
func requestKey(req string) string                   { return "{bk}:req:" + req }
func (s *Store) userBookingsKey(userID int64) string { return "{bk}:user:" + s.UserKey(userID) }

// bookScript books ARGV[1] (booking ID) into the slot if the request is
// new, the slot has room (ARGV[2] capacity), and the resident holds fewer
// than ARGV[3] appointments after ARGV[4] (now); all in one step, so no
// interleaving can overbook. Its keys live ARGV[6] seconds more. It
// answers {"ok"|"dup"|"full"|"limit", id}, or "gone" when, with the
// waitlist's keys KEYS[5] and KEYS[6], no time is held for the resident.
var bookScript = redis.NewScript(waitLua + `
local slot, user, req, bk = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, capacity, limit, now, start, keep = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5], tonumber(ARGV[6])
local prev = redis.call('GET', req)
if prev then return {'dup', prev} end
-- With the waitlist's keys, this books the time held for the resident
-- (waitlist.go), and only that: the hold's place becomes the booking's.
local held = #KEYS > 4 and heldFor(KEYS[5], ARGV[7], ARGV[8], now)
if #KEYS > 4 and not held then return {'gone', ''} end
-- Past appointments stay in the resident's set until it expires; only
-- coming ones count against the limit.
if redis.call('ZCOUNT', user, now, '+inf') >= limit then return {'limit', ''} end
if held then unhold(slot, KEYS[5], KEYS[6], ARGV[7]) end
if redis.call('SCARD', slot) >= capacity then return {'full', ''} end
-- One resident, one place per slot.
for _, mine in ipairs(redis.call('ZRANGEBYSCORE', user, now, '+inf')) do
  if redis.call('SISMEMBER', slot, mine) == 1 then return {'full', ''} end
end
redis.call('SADD', slot, id)
redis.call('EXPIRE', slot, keep)
redis.call('ZADD', user, start, id)
-- The resident's set lives as long as their latest booking.
if redis.call('TTL', user) < keep then redis.call('EXPIRE', user, keep) end
redis.call('HSET', bk, 'user', ARGV[7], 'slot', ARGV[8], 'topic', ARGV[9], 'lang', ARGV[10], 'minutes', ARGV[11])
if ARGV[13] ~= '' then redis.call('HSET', bk, 'needs', ARGV[13]) end
redis.call('EXPIRE', bk, keep)
redis.call('SET', req, id, 'EX', ARGV[12])
return {'ok', id}
`)

// Book makes an appointment in slot for the resident, once per request ID.
// It returns ErrSlotFull or ErrLimitReached when it cannot.
func (s *Store) Book(ctx context.Context, requestID string, b spreekuurbot.Booking, zone *time.Location, now time.Time) (spreekuurbot.Booking, error) {
	return s.book(ctx, requestID, b, zone, now)
}

// book is Book; with the waitlist's keys of held times (waitlist.go) it
// books the time held for the resident, and only that.
func (s *Store) book(ctx context.Context, requestID string, b spreekuurbot.Booking, zone *time.Location, now time.Time, held ...string) (spreekuurbot.Booking, error) {
	b.ID = newID()
	start := b.Slot.Begins(zone)
	res, err := bookScript.Run(ctx, s.rdb,
		append([]string{slotKey(b.Slot.ID()), s.userBookingsKey(b.UserID), requestKey(requestID), bookingKey(b.ID)}, held...),
		b.ID, b.Slot.Capacity, spreekuurbot.MaxFutureBookings, now.Unix(), start.Unix(), ttlUntil(now, start.Add(BookingKeep)),
		b.UserID, b.Slot.ID(), b.Topic, b.Lang, b.Slot.Minutes, int(requestKeep.Seconds()), needsOf(b),
	).StringSlice()
	if err != nil {
		return spreekuurbot.Booking{}, fmt.Errorf("book %s: %w", b.Slot.ID(), err)
	}
	switch res[0] {
	case "ok":
		return b, nil
	case "dup":
		b.ID = res[1]
		return b, nil
	case "full":
		return spreekuurbot.Booking{}, spreekuurbot.ErrSlotFull
	case "limit":
		return spreekuurbot.Booking{}, spreekuurbot.ErrLimitReached
	case "gone":
		return spreekuurbot.Booking{}, spreekuurbot.ErrNoOffer
	}
	return spreekuurbot.Booking{}, fmt.Errorf("book %s: unexpected answer %v", b.Slot.ID(), res)
}

// cancelScript removes booking ARGV[1] of the resident whose key is
// KEYS[2] from its slot KEYS[4], which the caller read as ARGV[3]; another
// resident's booking ID does nothing. It answers 'moved:<slot>' when the
// booking changed slot since that read.
var cancelScript = redis.NewScript(waitLua + `
local bk, user, req, slot = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
if redis.call('GET', req) then return 'dup' end
if redis.call('ZSCORE', user, ARGV[1]) == false then return 'none' end
local at = redis.call('HGET', bk, 'slot')
if at and at ~= ARGV[3] then return 'moved:' .. at end
if at then redis.call('SREM', slot, ARGV[1]) end
redis.call('ZREM', user, ARGV[1])
redis.call('DEL', bk)
redis.call('SET', req, 'cancelled', 'EX', ARGV[2])
-- With the waitlist's keys, the freed place is held for the first person
-- waiting, in this same step (waitlist.go).
if #KEYS > 4 then return offered(offer(slot, KEYS[5], KEYS[6], KEYS[7], ARGV[3], unpack(ARGV, 4, 7))) end
return 'ok'
`)

// Cancel frees the resident's booking, once per request ID. A booking that
// is not theirs gives ErrNoSuchBooking.
func (s *Store) Cancel(ctx context.Context, requestID string, userID int64, bookingID string) error {
	_, err := s.cancel(ctx, requestID, userID, bookingID, nil)
	return err
}

// cancel is Cancel; with wait (waitlist.go) it also holds the freed place
// for the first person waiting, and answers "ok <offers>".
func (s *Store) cancel(ctx context.Context, requestID string, userID int64, bookingID string, wait waitArgs) (string, error) {
	res, err := s.inSlot(ctx, bookingID, func(slotID string) (string, error) {
		keys, args := wait.of(slotID)
		return cancelScript.Run(ctx, s.rdb,
			append([]string{bookingKey(bookingID), s.userBookingsKey(userID), requestKey(requestID), slotKey(slotID)}, keys...),
			append([]any{bookingID, int(requestKeep.Seconds()), slotID}, args...)...).Text()
	})
	if err != nil {
		return "", fmt.Errorf("cancel %s: %w", bookingID, err)
	}
	if res == "none" {
		return "", spreekuurbot.ErrNoSuchBooking
	}
	return res, nil
}

// inSlot runs script with the slot the booking is in now ("" when the
// booking is gone). A Lua script must name every key it touches, since a
// Redis Cluster checks only those, so the slot is read first; when a move
// got in between, the script answers "moved:<slot>" and runs again with
// that slot.
func (s *Store) inSlot(ctx context.Context, bookingID string, script func(slotID string) (string, error)) (string, error) {
	slotID, err := s.rdb.HGet(ctx, bookingKey(bookingID), "slot").Result()
	if err != nil && err != redis.Nil {
		return "", fmt.Errorf("read slot: %w", err)
	}
	for range 20 {
		res, err := script(slotID)
		now, moved := strings.CutPrefix(res, "moved:")
		if err != nil || !moved {
			return res, err
		}
		slotID = now
	}
	return "", errors.New("the booking kept moving")
}

// moveScript moves booking ARGV[1] from its slot KEYS[5] (read by the
// caller as ARGV[8]) to slot KEYS[4] if it has room: the old slot is
// released only when the new one is taken, so the resident never holds
// none or two. The new slot and the booking live ARGV[5] seconds more. It
// answers 'moved:<slot>' when the booking changed slot since that read.
var moveScript = redis.NewScript(waitLua + `
local bk, user, req, newslot, oldslot = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local id = ARGV[1]
if redis.call('GET', req) then return 'dup' end
if redis.call('ZSCORE', user, id) == false then return 'none' end
local old = redis.call('HGET', bk, 'slot')
if not old then return 'none' end
if old == ARGV[3] then return 'ok' end
if old ~= ARGV[8] then return 'moved:' .. old end
if redis.call('SCARD', newslot) >= tonumber(ARGV[2]) then return 'full' end
for _, mine in ipairs(redis.call('ZRANGE', user, 0, -1)) do
  if redis.call('SISMEMBER', newslot, mine) == 1 then return 'full' end
end
redis.call('SREM', oldslot, id)
redis.call('SADD', newslot, id)
redis.call('EXPIRE', newslot, ARGV[5])
redis.call('ZADD', user, ARGV[4], id)
redis.call('HSET', bk, 'slot', ARGV[3], 'minutes', ARGV[7])
-- The reminders were for the old time; the flows set the new time's.
-- (The due set finds out at the old moment, or when they are set.)
for _, field in ipairs(redis.call('HKEYS', bk)) do
  if string.sub(field, 1, 2) == 'r:' then redis.call('HDEL', bk, field) end
end
redis.call('EXPIRE', bk, ARGV[5])
-- The resident's set lives as long as their latest booking.
if redis.call('TTL', user) < tonumber(ARGV[5]) then redis.call('EXPIRE', user, ARGV[5]) end
redis.call('SET', req, 'moved', 'EX', ARGV[6])
-- With the waitlist's keys, the place left is held for the first person
-- waiting, in this same step (waitlist.go).
if #KEYS > 5 then return offered(offer(oldslot, KEYS[6], KEYS[7], KEYS[8], ARGV[8], unpack(ARGV, 9, 12))) end
return 'ok'
`)

// Move puts the resident's booking into another slot, once per request ID.
func (s *Store) Move(ctx context.Context, requestID string, userID int64, bookingID string, to spreekuurbot.Slot, zone *time.Location, now time.Time) error {
	_, err := s.move(ctx, requestID, userID, bookingID, to, zone, now, nil)
	return err
}

// move is Move; with wait (waitlist.go) it also holds the place left for
// the first person waiting, and answers "ok <offers>".
func (s *Store) move(ctx context.Context, requestID string, userID int64, bookingID string, to spreekuurbot.Slot, zone *time.Location, now time.Time, wait waitArgs) (string, error) {
	start := to.Begins(zone)
	res, err := s.inSlot(ctx, bookingID, func(from string) (string, error) {
		keys, args := wait.of(from)
		return moveScript.Run(ctx, s.rdb,
			append([]string{bookingKey(bookingID), s.userBookingsKey(userID), requestKey(requestID), slotKey(to.ID()), slotKey(from)}, keys...),
			append([]any{bookingID, to.Capacity, to.ID(), start.Unix(), ttlUntil(now, start.Add(BookingKeep)), int(requestKeep.Seconds()), to.Minutes, from}, args...)...,
		).Text()
	})
	if err != nil {
		return "", fmt.Errorf("move %s: %w", bookingID, err)
	}
	switch res {
	case "none":
		return "", spreekuurbot.ErrNoSuchBooking
	case "full":
		return "", spreekuurbot.ErrSlotFull
	}
	return res, nil
}

var _ spreekuurbot.Bookings = (*Store)(nil)

// TakenMany counts the bookings in each slot, in one round trip.
func (s *Store) TakenMany(ctx context.Context, slotIDs []string) (map[string]int, error) {
	cmds := make([]*redis.IntCmd, len(slotIDs))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range slotIDs {
			cmds[i] = p.SCard(ctx, slotKey(id))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count slots: %w", err)
	}
	out := make(map[string]int, len(slotIDs))
	for i, id := range slotIDs {
		out[id] = int(cmds[i].Val())
	}
	return out, nil
}

// Taken counts the bookings in a slot.
func (s *Store) Taken(ctx context.Context, slotID string) (int, error) {
	n, err := s.rdb.SCard(ctx, slotKey(slotID)).Result()
	if err != nil {
		return 0, fmt.Errorf("count %s: %w", slotID, err)
	}
	return int(n), nil
}

// Bookings lists the resident's appointments that start after now.
func (s *Store) Bookings(ctx context.Context, userID int64, now time.Time) ([]spreekuurbot.Booking, error) {
	out, _, err := s.bookingsFrom(ctx, userID, now)
	return out, err
}

// bookingsFrom lists the resident's appointments that start after from,
// and counts the reminders they hold for the resident.
func (s *Store) bookingsFrom(ctx context.Context, userID int64, from time.Time) ([]spreekuurbot.Booking, int, error) {
	ids, err := s.rdb.ZRangeByScore(ctx, s.userBookingsKey(userID), &redis.ZRangeBy{Min: strconv.FormatInt(from.Unix(), 10), Max: "+inf"}).Result()
	if err != nil {
		return nil, 0, fmt.Errorf("list bookings: %w", err)
	}
	records, err := s.bookingRecords(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	var out []spreekuurbot.Booking
	reminders := 0
	for i, id := range ids {
		if b, _, ok := bookingOf(id, records[i]); ok {
			out = append(out, b)
			reminders += remindersIn(records[i])
		}
	}
	return out, reminders, nil
}

// bookingRecords reads the records of the bookings ids in one round trip;
// a record that is gone is empty.
func (s *Store) bookingRecords(ctx context.Context, ids []string) ([]map[string]string, error) {
	cmds := make([]*redis.MapStringStringCmd, len(ids))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range ids {
			cmds[i] = p.HGetAll(ctx, bookingKey(id))
		}
		return nil
	})
	if err != nil && err != redis.Nil {
		return nil, fmt.Errorf("get bookings: %w", err)
	}
	out := make([]map[string]string, len(ids))
	for i, c := range cmds {
		out[i] = c.Val()
	}
	return out, nil
}

// bookingOf reads a booking's record, with the volunteer who took it (0
// when nobody has); false when the record is gone.
func bookingOf(id string, h map[string]string) (spreekuurbot.Booking, int64, bool) {
	slot, ok := parseSlotID(h["slot"])
	if !ok {
		return spreekuurbot.Booking{}, 0, false
	}
	slot.Minutes, _ = strconv.Atoi(h["minutes"])
	user, _ := strconv.ParseInt(h["user"], 10, 64)
	owner, _ := strconv.ParseInt(h["owner"], 10, 64)
	needs := h["needs"]
	return spreekuurbot.Booking{ID: id, UserID: user, Slot: slot, Topic: h["topic"], Lang: h["lang"],
		Company: strings.Contains(needs, "c"), OwnLanguage: strings.Contains(needs, "l")}, owner, true
}

// needsOf is what the resident answered at booking, as the record keeps
// it: two booleans in at most two letters, "" when neither.
func needsOf(b spreekuurbot.Booking) string {
	needs := ""
	if b.Company {
		needs += "c"
	}
	if b.OwnLanguage {
		needs += "l"
	}
	return needs
}

func parseSlotID(id string) (spreekuurbot.Slot, bool) {
	// <location>.<yyyymmdd>.<hhmm>; location IDs hold no dots.
	if len(id) < 15 || id[len(id)-5] != '.' || id[len(id)-14] != '.' {
		return spreekuurbot.Slot{}, false
	}
	d, ok := spreekuurbot.ParseCompactDate(id[len(id)-13 : len(id)-5])
	hhmm, err := strconv.Atoi(id[len(id)-4:])
	if !ok || err != nil {
		return spreekuurbot.Slot{}, false
	}
	return spreekuurbot.Slot{Location: id[:len(id)-14], Date: d, Start: spreekuurbot.ClockTime(hhmm/100*60 + hhmm%100)}, true
}

func newID() string {
	raw := make([]byte, 8)
	rand.Read(raw)
	return hex.EncodeToString(raw)
}

// BookingByID reads any booking, with the volunteer who confirmed it (0
// when nobody has). The flows check who may see it.
func (s *Store) BookingByID(ctx context.Context, id string) (spreekuurbot.Booking, int64, error) {
	h, err := s.rdb.HGetAll(ctx, bookingKey(id)).Result()
	if err != nil {
		return spreekuurbot.Booking{}, 0, fmt.Errorf("get booking: %w", err)
	}
	b, owner, ok := bookingOf(id, h)
	if !ok {
		return spreekuurbot.Booking{}, 0, spreekuurbot.ErrNoSuchBooking
	}
	return b, owner, nil
}

// claimScript gives the booking to the first volunteer who confirms it.
var claimScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
return redis.call('HSETNX', KEYS[1], 'owner', ARGV[1])
`)

// Claim makes volunteerID the one who takes the booking, if nobody has:
// the first to confirm wins, however many press at once.
func (s *Store) Claim(ctx context.Context, bookingID string, volunteerID int64) (bool, error) {
	n, err := claimScript.Run(ctx, s.rdb, []string{bookingKey(bookingID)}, volunteerID).Int()
	if err != nil {
		return false, fmt.Errorf("claim %s: %w", bookingID, err)
	}
	if n < 0 {
		return false, spreekuurbot.ErrNoSuchBooking
	}
	return n == 1, nil
}

// notifiedKey holds, per booking, which message told which volunteer of
// it, so the others' messages can be changed once someone takes it.
func notifiedKey(bookingID string) string { return "{bk}:ntf:" + bookingID }

// Notified records the message that told a volunteer of a booking.
func (s *Store) Notified(ctx context.Context, bookingID string, chatID int64, messageID int, lang string) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, notifiedKey(bookingID), strconv.FormatInt(chatID, 10), strconv.Itoa(messageID)+":"+lang)
		p.Expire(ctx, notifiedKey(bookingID), BookingKeep+spreekuurbot.BookingDays*24*time.Hour)
		return nil
	})
	if err != nil {
		return fmt.Errorf("record notice: %w", err)
	}
	return nil
}

// NotifiedMessages lists the messages that told volunteers of a booking.
func (s *Store) NotifiedMessages(ctx context.Context, bookingID string) ([]spreekuurbot.SentMessage, error) {
	all, err := s.rdb.HGetAll(ctx, notifiedKey(bookingID)).Result()
	if err != nil {
		return nil, fmt.Errorf("read notices: %w", err)
	}
	var out []spreekuurbot.SentMessage
	for chat, v := range all {
		id, lang, _ := strings.Cut(v, ":")
		chatID, err1 := strconv.ParseInt(chat, 10, 64)
		msgID, err2 := strconv.Atoi(id)
		if err1 == nil && err2 == nil {
			out = append(out, spreekuurbot.SentMessage{To: spreekuurbot.Recipient{UserID: chatID, Lang: lang}, MessageID: msgID})
		}
	}
	return out, nil
}

// DayBookings reads the bookings in the given slots, with who took each
// and how it went, for a volunteer's /today.
func (s *Store) DayBookings(ctx context.Context, slotIDs []string) ([]spreekuurbot.DeskBooking, error) {
	// Two round trips, however many slots and bookings: the members of
	// every slot, then every record.
	members := make([]*redis.StringSliceCmd, len(slotIDs))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, slotID := range slotIDs {
			members[i] = p.SMembers(ctx, slotKey(slotID))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("day's slots: %w", err)
	}
	var ids []string
	for _, m := range members {
		ids = append(ids, m.Val()...)
	}
	records, err := s.bookingRecords(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []spreekuurbot.DeskBooking
	for i, id := range ids {
		if b, owner, ok := bookingOf(id, records[i]); ok { // else cancelled meanwhile
			out = append(out, spreekuurbot.DeskBooking{Booking: b, Owner: owner, Status: records[i]["status"]})
		}
	}
	return out, nil
}

// MarkBooking records whether the resident came ("came" or "noshow").
func (s *Store) MarkBooking(ctx context.Context, id, status string) error {
	n, err := s.rdb.Exists(ctx, bookingKey(id)).Result()
	if err != nil {
		return fmt.Errorf("mark %s: %w", id, err)
	}
	if n == 0 {
		return spreekuurbot.ErrNoSuchBooking
	}
	if err := s.rdb.HSet(ctx, bookingKey(id), "status", status).Err(); err != nil {
		return fmt.Errorf("mark %s: %w", id, err)
	}
	return nil
}
