package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"spreekuurbot"
)

// Huisbezoek counts, one hash per year, and the streets typed so far (a
// street name is public, not personal):
//
//	{hb}:<year>      hash: visit ID -> the counts as JSON
//	{hb}:streets     set of street names
//	{hb}:req:<req>   the visit a request made, for a save pressed twice
//	{hb}:undo:<id>   who may undo it (keyed hash) and until when
var visitKeys = undoable{tag: "{hb}", set: "{hb}:streets"}

var _ spreekuurbot.Visits = (*Store)(nil)

// AddVisit stores a street's counts once per request ID and returns their
// ID.
func (s *Store) AddVisit(ctx context.Context, requestID string, userID int64, v spreekuurbot.Visit) (string, error) {
	v.ID = newID()
	data, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode visit: %w", err)
	}
	id, err := s.addUndoable(ctx, visitKeys, requestID, userID, v.ID, data, v.Time, v.Street)
	if err != nil {
		return "", fmt.Errorf("add visit: %w", err)
	}
	return id, nil
}

// UndoVisit takes a street's counts back within spreekuurbot.UndoWindow;
// after it, or for someone else's counts, it returns
// spreekuurbot.ErrUndoTooLate. The street stays offered.
func (s *Store) UndoVisit(ctx context.Context, userID int64, id string, now time.Time) error {
	if err := s.undo(ctx, visitKeys, userID, id, now); err != nil {
		return fmt.Errorf("undo visit: %w", err)
	}
	return nil
}

// Streets lists the streets typed before, alphabetically.
func (s *Store) Streets(ctx context.Context) ([]string, error) {
	list, err := s.rdb.SMembers(ctx, visitKeys.set).Result()
	if err != nil {
		return nil, fmt.Errorf("streets: %w", err)
	}
	sort.Strings(list)
	return list, nil
}

// Visits returns the year's huisbezoek counts.
func (s *Store) Visits(ctx context.Context, year int) ([]spreekuurbot.Visit, error) {
	all, err := s.rdb.HGetAll(ctx, visitKeys.year(year)).Result()
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
