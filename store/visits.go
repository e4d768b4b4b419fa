package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// Huisbezoek counts, one hash per year, and the streets typed so far (a
// street name is public, not personal):
//
//	{hb}:<year>      hash: visit ID -> the counts as JSON
//	{hb}:streets     set of street names
//	{hb}:req:<req>   a save already done, for a save pressed twice
func visitYearKey(year int) string { return "{hb}:" + strconv.Itoa(year) }

const streetsKey = "{hb}:streets"

var _ spreekuurbot.Visits = (*Store)(nil)

var addVisitScript = redis.NewScript(`
if redis.call('SET', KEYS[2], '1', 'NX', 'EX', 86400) == false then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[3])
return 1
`)

// AddVisit stores a street's counts once per request ID.
func (s *Store) AddVisit(ctx context.Context, requestID string, v spreekuurbot.Visit) error {
	v.ID = newID()
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode visit: %w", err)
	}
	err = addVisitScript.Run(ctx, s.rdb, []string{visitYearKey(v.Time.Year()), "{hb}:req:" + requestID, streetsKey}, v.ID, data, v.Street).Err()
	if err != nil {
		return fmt.Errorf("add visit: %w", err)
	}
	return nil
}

// Streets lists the streets typed before, alphabetically.
func (s *Store) Streets(ctx context.Context) ([]string, error) {
	list, err := s.rdb.SMembers(ctx, streetsKey).Result()
	if err != nil {
		return nil, fmt.Errorf("streets: %w", err)
	}
	sort.Strings(list)
	return list, nil
}

// Visits returns the year's huisbezoek counts.
func (s *Store) Visits(ctx context.Context, year int) ([]spreekuurbot.Visit, error) {
	all, err := s.rdb.HGetAll(ctx, visitYearKey(year)).Result()
	if err != nil {
		return nil, fmt.Errorf("read visits %d: %w", year, err)
	}
	out := make([]spreekuurbot.Visit, 0, len(all))
	for _, raw := range all {
		var v spreekuurbot.Visit
		if json.Unmarshal([]byte(raw), &v) == nil {
			out = append(out, v)
		}
	}
	return out, nil
}
