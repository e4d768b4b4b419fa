package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// ConsentTTL is how long a resident's agreement to what a booking stores
// is remembered; after it, the next booking asks again.
const ConsentTTL = 365 * 24 * time.Hour

var _ spreekuurbot.Privacy = (*Store)(nil)

func (s *Store) consentKey(userID int64) string { return "consent:" + s.UserKey(userID) }

// Export gathers everything stored about the person.
func (s *Store) Export(ctx context.Context, userID int64, now time.Time) (spreekuurbot.DataExport, error) {
	var lang, consent *redis.StringCmd
	var subs, rems *redis.StringSliceCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		lang = p.Get(ctx, s.languageKey(userID))
		consent = p.Get(ctx, s.consentKey(userID))
		subs = p.SMembers(ctx, s.userSubsKey(userID))
		rems = p.SMembers(ctx, s.userRemindersKey(userID))
		return nil
	})
	if err != nil && err != redis.Nil {
		return spreekuurbot.DataExport{}, fmt.Errorf("export: %w", err)
	}
	// Every booking still kept, past ones included.
	bookings, reminders, err := s.bookingsFrom(ctx, userID, time.Unix(0, 0))
	if err != nil {
		return spreekuurbot.DataExport{}, err
	}
	for _, id := range rems.Val() {
		n, err := s.rdb.Exists(ctx, reminderKey(id)).Result()
		if err != nil {
			return spreekuurbot.DataExport{}, fmt.Errorf("export reminders: %w", err)
		}
		reminders += int(n)
	}
	return spreekuurbot.DataExport{
		Lang: lang.Val(), Subscriptions: subs.Val(), Bookings: bookings,
		Reminders: reminders, Consented: consent.Val() != "",
	}, nil
}

// forgetBookings cancels every booking of the resident whose key is
// KEYS[1], freeing the places, and returns {id, slot, topic, lang,
// minutes} of the ones that had not yet begun at ARGV[1]. Booking i's
// record is KEYS[2i] and its slot KEYS[2i+1], read by the caller as
// ARGV[2i] (the ID) and ARGV[2i+1] (the slot ID, empty when the record is
// gone): a script must name every key it touches. It answers 'stale' when
// a booking, move or cancel got in between that read and the script.
var forgetBookings = redis.NewScript(`
local n = (#KEYS - 1) / 2
if redis.call('ZCARD', KEYS[1]) ~= n then return 'stale' end
for i = 1, n do
  if redis.call('ZSCORE', KEYS[1], ARGV[2 * i]) == false then return 'stale' end
  if (redis.call('HGET', KEYS[2 * i], 'slot') or '') ~= ARGV[2 * i + 1] then return 'stale' end
end
local cancelled = {}
for i = 1, n do
  local id, bk, slot = ARGV[2 * i], KEYS[2 * i], KEYS[2 * i + 1]
  local start = tonumber(redis.call('ZSCORE', KEYS[1], id))
  local b = redis.call('HMGET', bk, 'slot', 'topic', 'lang', 'minutes')
  if b[1] then
    redis.call('SREM', slot, id)
    if start >= tonumber(ARGV[1]) then
      table.insert(cancelled, {id, b[1], b[2] or '', b[3] or '', b[4] or '0'})
    end
  end
  redis.call('DEL', bk)
end
redis.call('DEL', KEYS[1])
return cancelled
`)

// Forget cancels the person's appointments and deletes every key about
// them: waitlists, session, language, consent, subscriptions, reminders and, for a
// volunteer, their locations. Each step is idempotent, so a retry after a
// failure finishes the job. It returns the coming appointments it
// cancelled.
func (s *Store) Forget(ctx context.Context, userID int64, now time.Time) ([]spreekuurbot.Booking, error) {
	// The flows pass a held time on first (ForgetWaiting); whatever is
	// left of the waitlists goes here.
	if _, err := s.ForgetWaiting(ctx, userID, nil, now); err != nil {
		return nil, err
	}
	rows, err := s.forgetBookings(ctx, userID, now)
	if err != nil {
		return nil, err
	}
	var cancelled []spreekuurbot.Booking
	for _, row := range rows {
		f, ok := row.([]any)
		if !ok || len(f) != 5 {
			continue
		}
		str := func(i int) string { v, _ := f[i].(string); return v }
		slot, ok := parseSlotID(str(1))
		if !ok {
			continue
		}
		slot.Minutes, _ = strconv.Atoi(str(4))
		cancelled = append(cancelled, spreekuurbot.Booking{ID: str(0), UserID: userID, Slot: slot, Topic: str(2), Lang: str(3)})
	}
	subs, err := s.rdb.SMembers(ctx, s.userSubsKey(userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("forget subscriptions: %w", err)
	}
	rems, err := s.rdb.SMembers(ctx, s.userRemindersKey(userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("forget reminders: %w", err)
	}
	locs, err := s.LocationsOf(ctx, userID)
	if err != nil {
		return nil, err
	}
	// What the person's own lists point at goes first, the lists after:
	// on a Redis Cluster the two may sit on different nodes, and a retry
	// after a failure in between must still find everything.
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, loc := range subs {
			p.ZRem(ctx, subscribersKey(loc), strconv.FormatInt(userID, 10))
		}
		for _, id := range rems {
			p.ZRem(ctx, dueKey, id)
			p.Del(ctx, reminderKey(id))
		}
		for _, loc := range locs {
			p.SRem(ctx, locationVolunteersKey(loc), strconv.FormatInt(userID, 10))
		}
		p.SRem(ctx, allVolunteersKey, strconv.FormatInt(userID, 10))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("forget: %w", err)
	}
	// One DEL per key: the keys are in different cluster slots.
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range []string{s.sessionKey(userID), s.languageKey(userID), s.consentKey(userID), s.userSubsKey(userID),
			s.userRemindersKey(userID), volunteerKey(userID), volunteerNameKey(userID), spokenKey(userID), s.blockedKey(userID)} {
			p.Del(ctx, k)
		}
		p.HDel(ctx, volunteerNumbersKey, strconv.FormatInt(userID, 10))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("forget: %w", err)
	}
	return cancelled, nil
}

// forgetBookings reads the resident's bookings and their slots, then runs
// the forgetBookings script on them; again when the script finds that
// something changed in between.
func (s *Store) forgetBookings(ctx context.Context, userID int64, now time.Time) ([]any, error) {
	userKey := s.userBookingsKey(userID)
	for range 10 {
		ids, err := s.rdb.ZRange(ctx, userKey, 0, -1).Result()
		if err != nil {
			return nil, fmt.Errorf("forget bookings: %w", err)
		}
		slots := make([]*redis.StringCmd, len(ids))
		_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, id := range ids {
				slots[i] = p.HGet(ctx, bookingKey(id), "slot")
			}
			return nil
		})
		if err != nil && err != redis.Nil {
			return nil, fmt.Errorf("forget bookings: %w", err)
		}
		keys := []string{userKey}
		args := []any{now.Unix()}
		for i, id := range ids {
			slotID, err := slots[i].Result()
			if err != nil && err != redis.Nil {
				return nil, fmt.Errorf("forget bookings: %w", err)
			}
			keys = append(keys, bookingKey(id), slotKey(slotID))
			args = append(args, id, slotID)
		}
		res, err := forgetBookings.Run(ctx, s.rdb, keys, args...).Result()
		if err != nil && err != redis.Nil {
			return nil, fmt.Errorf("forget bookings: %w", err)
		}
		if res == "stale" {
			continue
		}
		rows, _ := res.([]any)
		return rows, nil
	}
	return nil, errors.New("forget bookings: they kept changing")
}
