package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// SubscriptionTTL is how long a subscription to a location's news lasts;
// subscribing again renews it.
const SubscriptionTTL = 365 * 24 * time.Hour

var _ spreekuurbot.Subscriptions = (*Store)(nil)

func (s *Store) userSubsKey(userID int64) string { return "usub:" + s.UserKey(userID) }

// subscribersKey holds a location's subscribers. It is the one place a raw
// Telegram ID is stored: a broadcast must know where to send. The score is
// the moment the subscription lapses.
func subscribersKey(locationID string) string { return "subs:{loc:" + locationID + "}" }

// Subscribe records that the person wants news of the location. The
// person's list and the location's are in different cluster slots, so
// they are written one after the other, the person's first: a
// subscription is always on their list, for "delete my data" to find,
// even when the second write fails.
func (s *Store) Subscribe(ctx context.Context, userID int64, locationID string, now time.Time) error {
	until := now.Add(SubscriptionTTL)
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.SAdd(ctx, s.userSubsKey(userID), locationID)
		p.Expire(ctx, s.userSubsKey(userID), SubscriptionTTL)
		return nil
	})
	if err == nil {
		err = s.rdb.ZAdd(ctx, subscribersKey(locationID), redis.Z{Score: float64(until.Unix()), Member: userID}).Err()
	}
	if err != nil {
		return fmt.Errorf("subscribe to %s: %w", locationID, err)
	}
	return nil
}

// Unsubscribe stops the news of the location to the person: the
// location's list first, the person's after, for the same reason.
func (s *Store) Unsubscribe(ctx context.Context, userID int64, locationID string) error {
	err := s.rdb.ZRem(ctx, subscribersKey(locationID), userID).Err()
	if err == nil {
		err = s.rdb.SRem(ctx, s.userSubsKey(userID), locationID).Err()
	}
	if err != nil {
		return fmt.Errorf("unsubscribe from %s: %w", locationID, err)
	}
	return nil
}

// Subscribers lists the people whose subscription to the location has not
// lapsed at now, and forgets the lapsed ones.
func (s *Store) Subscribers(ctx context.Context, locationID string, now time.Time) ([]int64, error) {
	key := subscribersKey(locationID)
	cut := strconv.FormatInt(now.Unix(), 10)
	var members *redis.StringSliceCmd
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.ZRemRangeByScore(ctx, key, "-inf", "("+cut)
		members = p.ZRangeByScore(ctx, key, &redis.ZRangeBy{Min: cut, Max: "+inf"})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("subscribers of %s: %w", locationID, err)
	}
	ids := make([]int64, 0, len(members.Val()))
	for _, m := range members.Val() {
		id, err := strconv.ParseInt(m, 10, 64)
		if err == nil {
			ids = append(ids, id)
		}
	}
	return ids, nil
}
