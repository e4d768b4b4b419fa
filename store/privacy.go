package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot/flows"
)

// ConsentTTL is how long a resident's agreement to what a booking stores
// is remembered; after it, the next booking asks again.
const ConsentTTL = 365 * 24 * time.Hour

var _ flows.Privacy = (*Store)(nil)

func (s *Store) consentKey(userID int64) string { return "consent:" + s.UserKey(userID) }

// Export gathers everything stored about the person.
func (s *Store) Export(ctx context.Context, userID int64, now time.Time) (flows.DataExport, error) {
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
		return flows.DataExport{}, fmt.Errorf("export: %w", err)
	}
	// Every booking still kept, past ones included.
	bookings, err := s.Bookings(ctx, userID, time.Unix(0, 0))
	if err != nil {
		return flows.DataExport{}, err
	}
	reminders := 0
	for _, id := range rems.Val() {
		n, err := s.rdb.Exists(ctx, reminderKey(id)).Result()
		if err != nil {
			return flows.DataExport{}, fmt.Errorf("export reminders: %w", err)
		}
		reminders += int(n)
	}
	return flows.DataExport{
		Lang: lang.Val(), Subscriptions: subs.Val(), Bookings: bookings,
		Reminders: reminders, Consented: consent.Val() != "",
	}, nil
}

// forgetBookings cancels every booking of the resident whose key is
// KEYS[1], freeing the places, and returns {id, slot, topic, lang} of the
// ones that had not yet begun at ARGV[1].
var forgetBookings = redis.NewScript(`
local ids = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local cancelled = {}
for i = 1, #ids, 2 do
  local id, start = ids[i], tonumber(ids[i + 1])
  local b = redis.call('HMGET', '{bk}:b:' .. id, 'slot', 'topic', 'lang', 'minutes')
  if b[1] then
    redis.call('SREM', '{bk}:slot:' .. b[1], id)
    if start >= tonumber(ARGV[1]) then
      table.insert(cancelled, {id, b[1], b[2] or '', b[3] or '', b[4] or '0'})
    end
  end
  redis.call('DEL', '{bk}:b:' .. id)
end
redis.call('DEL', KEYS[1])
return cancelled
`)

// Forget cancels the person's appointments and deletes every key about
// them: session, language, consent, subscriptions, reminders and, for a
// volunteer, their locations. Each step is idempotent, so a retry after a
// failure finishes the job. It returns the coming appointments it
// cancelled.
func (s *Store) Forget(ctx context.Context, userID int64, now time.Time) ([]flows.Booking, error) {
	rows, err := forgetBookings.Run(ctx, s.rdb, []string{s.userBookingsKey(userID)}, now.Unix()).Slice()
	if err != nil && err != redis.Nil {
		return nil, fmt.Errorf("forget bookings: %w", err)
	}
	var cancelled []flows.Booking
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
		cancelled = append(cancelled, flows.Booking{ID: str(0), UserID: userID, Slot: slot, Topic: str(2), Lang: str(3)})
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
		p.Del(ctx, s.sessionKey(userID), s.languageKey(userID), s.consentKey(userID), s.userSubsKey(userID),
			s.userRemindersKey(userID), volunteerKey(userID), volunteerNameKey(userID), spokenKey(userID))
		p.SRem(ctx, allVolunteersKey, strconv.FormatInt(userID, 10))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("forget: %w", err)
	}
	return cancelled, nil
}
