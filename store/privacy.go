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
// KEYS[1], freeing the places, and returns the IDs of the slots freed.
var forgetBookings = redis.NewScript(`
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local freed = {}
for _, id in ipairs(ids) do
  local slot = redis.call('HGET', '{bk}:b:' .. id, 'slot')
  if slot then
    redis.call('SREM', '{bk}:slot:' .. slot, id)
    table.insert(freed, slot)
  end
  redis.call('DEL', '{bk}:b:' .. id)
end
redis.call('DEL', KEYS[1])
return freed
`)

// Forget cancels the person's appointments and deletes every key about
// them: session, language, consent, subscriptions and reminders. Each
// step is idempotent, so a retry after a failure finishes the job.
func (s *Store) Forget(ctx context.Context, userID int64, now time.Time) error {
	if err := forgetBookings.Run(ctx, s.rdb, []string{s.userBookingsKey(userID)}).Err(); err != nil && err != redis.Nil {
		return fmt.Errorf("forget bookings: %w", err)
	}
	subs, err := s.rdb.SMembers(ctx, s.userSubsKey(userID)).Result()
	if err != nil {
		return fmt.Errorf("forget subscriptions: %w", err)
	}
	rems, err := s.rdb.SMembers(ctx, s.userRemindersKey(userID)).Result()
	if err != nil {
		return fmt.Errorf("forget reminders: %w", err)
	}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, loc := range subs {
			p.ZRem(ctx, subscribersKey(loc), strconv.FormatInt(userID, 10))
		}
		for _, id := range rems {
			p.ZRem(ctx, dueKey, id)
			p.Del(ctx, reminderKey(id))
		}
		p.Del(ctx, s.sessionKey(userID), s.languageKey(userID), s.consentKey(userID), s.userSubsKey(userID), s.userRemindersKey(userID))
		return nil
	})
	if err != nil {
		return fmt.Errorf("forget: %w", err)
	}
	return nil
}
