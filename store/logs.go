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
//	{log}:undo:<id>   who may undo it (keyed hash) and until when
var logKeys = undoable{tag: "{log}"}

var _ spreekuurbot.Logs = (*Store)(nil)

// AddLog stores e once per request ID and returns its ID.
func (s *Store) AddLog(ctx context.Context, requestID string, userID int64, e spreekuurbot.LogEntry) (string, error) {
	e.ID = newID()
	data, err := json.Marshal(e)
	if err != nil {
		return "", fmt.Errorf("encode log: %w", err)
	}
	id, err := s.addUndoable(ctx, logKeys, requestID, userID, e.ID, data, e.Time, "")
	if err != nil {
		return "", fmt.Errorf("add log: %w", err)
	}
	return id, nil
}

// UndoLog takes a log back within spreekuurbot.UndoWindow; after it, or for
// someone else's log, it returns spreekuurbot.ErrUndoTooLate.
func (s *Store) UndoLog(ctx context.Context, userID int64, id string, now time.Time) error {
	if err := s.undo(ctx, logKeys, userID, id, now); err != nil {
		return fmt.Errorf("undo log: %w", err)
	}
	return nil
}

// undoable names the keys of records a volunteer can take back for
// spreekuurbot.UndoWindow after saving them (a help request's log, a
// street's counts), all under one hash tag so a script may touch them
// together in a cluster: a hash per year, the record a request made, and
// who may undo a record until when. A kind may keep a set beside its
// records (the streets typed so far) that each save adds to.
type undoable struct{ tag, set string }

func (u undoable) year(y int) string       { return u.tag + ":" + strconv.Itoa(y) }
func (u undoable) request(r string) string { return u.tag + ":req:" + r }
func (u undoable) undo(id string) string   { return u.tag + ":undo:" + id }

// addUndoableScript stores record ARGV[1] (ARGV[2]) in the year's hash
// KEYS[1] unless request KEYS[2] made one already, whose ID it returns
// instead. KEYS[3] remembers who may undo it, until when (ARGV[3]), for
// ARGV[4] seconds; KEYS[4], when given, is a set that gains ARGV[5].
var addUndoableScript = redis.NewScript(`
local prev = redis.call('GET', KEYS[2])
if prev then return prev end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SET', KEYS[3], ARGV[3], 'EX', ARGV[4])
redis.call('SET', KEYS[2], ARGV[1], 'EX', 86400)
if KEYS[4] then redis.call('SADD', KEYS[4], ARGV[5]) end
return ARGV[1]
`)

// addUndoable stores a record once per request, saved by userID at the
// moment at, and returns the ID of the record the request made. The
// kind's set, if it keeps one, gains member.
func (s *Store) addUndoable(ctx context.Context, u undoable, requestID string, userID int64, id string, data []byte, at time.Time, member string) (string, error) {
	keys := []string{u.year(at.Year()), u.request(requestID), u.undo(id)}
	args := []any{id, data, undoBy(s.UserKey(userID), at.Add(spreekuurbot.UndoWindow)), int(spreekuurbot.UndoWindow.Seconds())}
	if u.set != "" {
		keys = append(keys, u.set)
		args = append(args, member)
	}
	return addUndoableScript.Run(ctx, s.rdb, keys, args...).Text()
}

// undoBy is who may undo a record and until when, on the application's
// clock: the key's own expiry only tidies up.
func undoBy(userKey string, until time.Time) string {
	return userKey + "|" + strconv.FormatInt(until.UnixMilli(), 10)
}

// undoScript removes record ARGV[1] from the year's hash KEYS[1] or the
// year before's, KEYS[3], if KEYS[2] says this volunteer (ARGV[2]) may
// still undo it at ARGV[3].
var undoScript = redis.NewScript(`
local who, deadline = string.match(redis.call('GET', KEYS[2]) or '', '^(.*)|(%d+)$')
if who ~= ARGV[2] or tonumber(deadline) < tonumber(ARGV[3]) then return 0 end
for _, key in ipairs({KEYS[1], KEYS[3]}) do redis.call('HDEL', key, ARGV[1]) end
redis.call('DEL', KEYS[2])
return 1
`)

// undo takes a record back within spreekuurbot.UndoWindow; after it, or
// for someone else's record, it returns spreekuurbot.ErrUndoTooLate.
func (s *Store) undo(ctx context.Context, u undoable, userID int64, id string, now time.Time) error {
	// The record is in this year's hash, or last year's just after New Year.
	n, err := undoScript.Run(ctx, s.rdb,
		[]string{u.year(now.Year()), u.undo(id), u.year(now.Year() - 1)},
		id, s.UserKey(userID), now.UnixMilli()).Int()
	if err != nil {
		return err
	}
	if n == 0 {
		return spreekuurbot.ErrUndoTooLate
	}
	return nil
}

// Logs returns the year's logs.
func (s *Store) Logs(ctx context.Context, year int) ([]spreekuurbot.LogEntry, error) {
	all, err := s.rdb.HGetAll(ctx, logKeys.year(year)).Result()
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
