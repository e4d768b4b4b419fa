package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// Logs of handled help requests, one hash per year under the hash tag
// {log}: the figures are recomputed from these records, so nothing is
// counted twice or lost to a counter going wrong.
//
//	{log}:<year>      hash: log ID -> the entry as JSON (no name, no chat ID)
//	{log}:req:<req>   the log a request made, for a save pressed twice
//	{log}:undo:<id>   the volunteer (keyed hash) who may undo it, for 10 minutes
func logYearKey(year int) string    { return "{log}:" + strconv.Itoa(year) }
func logRequestKey(r string) string { return "{log}:req:" + r }
func logUndoKey(id string) string   { return "{log}:undo:" + id }

var _ spreekuurbot.Logs = (*Store)(nil)

var addLogScript = redis.NewScript(`
local prev = redis.call('GET', KEYS[2])
if prev then return prev end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SET', KEYS[3], ARGV[3], 'EX', ARGV[4])
redis.call('SET', KEYS[2], ARGV[1], 'EX', 86400)
return ARGV[1]
`)

// AddLog stores e once per request ID and returns its ID.
func (s *Store) AddLog(ctx context.Context, requestID string, userID int64, e spreekuurbot.LogEntry) (string, error) {
	e.ID = newID()
	data, err := json.Marshal(e)
	if err != nil {
		return "", fmt.Errorf("encode log: %w", err)
	}
	id, err := addLogScript.Run(ctx, s.rdb,
		[]string{logYearKey(e.Time.Year()), logRequestKey(requestID), logUndoKey(e.ID)},
		e.ID, data, s.UserKey(userID), int(spreekuurbot.UndoWindow.Seconds())).Text()
	if err != nil {
		return "", fmt.Errorf("add log: %w", err)
	}
	return id, nil
}

// undoLogScript removes log ARGV[1] if KEYS[2] says this volunteer (ARGV[2])
// made it less than ten minutes ago.
var undoLogScript = redis.NewScript(`
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
for _, key in ipairs({KEYS[1], KEYS[3]}) do redis.call('HDEL', key, ARGV[1]) end
redis.call('DEL', KEYS[2])
return 1
`)

// UndoLog takes a log back within spreekuurbot.UndoWindow; after it, or for
// someone else's log, it returns spreekuurbot.ErrUndoTooLate.
func (s *Store) UndoLog(ctx context.Context, userID int64, id string, now time.Time) error {
	// The log is in this year's hash, or last year's just after New Year.
	n, err := undoLogScript.Run(ctx, s.rdb,
		[]string{logYearKey(now.Year()), logUndoKey(id), logYearKey(now.Year() - 1)},
		id, s.UserKey(userID)).Int()
	if err != nil {
		return fmt.Errorf("undo log: %w", err)
	}
	if n == 0 {
		return spreekuurbot.ErrUndoTooLate
	}
	return nil
}

// Logs returns the year's logs.
func (s *Store) Logs(ctx context.Context, year int) ([]spreekuurbot.LogEntry, error) {
	all, err := s.rdb.HGetAll(ctx, logYearKey(year)).Result()
	if err != nil {
		return nil, fmt.Errorf("read logs %d: %w", year, err)
	}
	out := make([]spreekuurbot.LogEntry, 0, len(all))
	for _, raw := range all {
		var e spreekuurbot.LogEntry
		if err := json.Unmarshal([]byte(raw), &e); err != nil {
			continue
		}
		out = append(out, e)
	}
	return out, nil
}
