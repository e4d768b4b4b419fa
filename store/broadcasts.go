package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// The broadcast queue is one Redis stream read through a consumer group,
// so a message read by a sender that then dies stays pending and is sent
// by the next one. Every key shares the {bc} hash tag: each script touches
// the stream, a broadcast's counts and its per-recipient status together,
// in one cluster slot.
//
//	{bc}:q        stream of deliveries: b (broadcast ID), to, lang, bk
//	{bc}:b:<id>   hash: the broadcast (spec), its counts, how many of its
//	              deliveries are queued, its progress message
//	{bc}:s:<id>   hash: recipient → status ("s" being sent, or an outcome);
//	              deleted when the last delivery ends
//
// Delivery is at least once: Telegram cannot deduplicate. A recipient's
// status is written before and after each send, so only the one send in
// flight when a sender dies can go out twice.
const (
	broadcastQueue = "{bc}:q"
	senderGroup    = "senders"
	statusSending  = "s"
)

// BroadcastTTL is how long a broadcast's counts and the statuses of its
// recipients (their Telegram IDs) are kept after it was queued.
const BroadcastTTL = 14 * 24 * time.Hour

// DefaultClaimIdle is how long a delivery may sit with a sender that
// stopped before another sender takes it over.
const DefaultClaimIdle = 60 * time.Second

// SetClaimIdle changes DefaultClaimIdle for this client, for tests that
// play a sender dying.
func (s *Store) SetClaimIdle(d time.Duration) { s.claimIdle = d }

func broadcastKey(id string) string { return "{bc}:b:" + id }
func statusKey(id string) string    { return "{bc}:s:" + id }

var _ spreekuurbot.Broadcasts = (*Store)(nil)

// LanguagesOf gives each person's chosen language, "" where unknown.
func (s *Store) LanguagesOf(ctx context.Context, userIDs []int64) ([]string, error) {
	out := make([]string, len(userIDs))
	if len(userIDs) == 0 {
		return out, nil
	}
	cmds := make([]*redis.StringCmd, len(userIDs))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, id := range userIDs {
			cmds[i] = p.Get(ctx, s.languageKey(id))
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("languages: %w", err)
	}
	for i, c := range cmds {
		out[i] = c.Val()
	}
	return out, nil
}

// enqueueChunk is how many deliveries one step of Enqueue adds: few
// enough that no step holds Redis for more than a fraction of a
// millisecond (BenchmarkEnqueue), however large the audience.
const enqueueChunk = 200

// createBroadcastScript keeps a new broadcast's spec and counts, with
// 'queued' (how many of its deliveries are in the stream) at 0. For a
// broadcast already there it answers how many are queued: a broadcast
// kept before deliveries were queued in steps has all of them queued.
var createBroadcastScript = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then
  return tonumber(redis.call('HGET', KEYS[1], 'queued') or redis.call('HGET', KEYS[1], 'total'))
end
redis.call('HSET', KEYS[1], 'spec', ARGV[1], 'total', ARGV[2], 'pchat', ARGV[3], 'queued', 0)
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 0
`)

// queueChunkScript adds the deliveries ARGV[3..] (to, lang, booking by
// threes) of broadcast ARGV[2] to the stream, if exactly ARGV[1] are
// queued so far; it answers how many are queued after. Two senders of the
// same request (a retry) thus never queue one delivery twice.
var queueChunkScript = redis.NewScript(`
local queued = tonumber(redis.call('HGET', KEYS[1], 'queued') or '-1')
if queued ~= tonumber(ARGV[1]) then return queued end
for i = 3, #ARGV, 3 do
  redis.call('XADD', KEYS[2], '*', 'b', ARGV[2], 'to', ARGV[i], 'lang', ARGV[i + 1], 'bk', ARGV[i + 2])
  queued = queued + 1
end
redis.call('HSET', KEYS[1], 'queued', queued)
return queued
`)

// Enqueue queues b for every addressee, once per b.ID, in steps of
// enqueueChunk deliveries, so a city-wide broadcast never holds Redis
// (and every reply waiting on it) for long. A retried request, or one
// cut off half-way, finds how far the broadcast got and queues the rest;
// the addressees must come in the same order, as the flows list them.
func (s *Store) Enqueue(ctx context.Context, b spreekuurbot.Broadcast, to []spreekuurbot.Addressee) error {
	if b.ID == "" || strings.ContainsAny(b.ID, ":{}") {
		return fmt.Errorf("enqueue broadcast: bad ID %q", b.ID)
	}
	spec, err := json.Marshal(b)
	if err != nil {
		return fmt.Errorf("enqueue broadcast: %w", err)
	}
	if err := s.ensureGroup(ctx); err != nil {
		return err
	}
	keys := []string{broadcastKey(b.ID), broadcastQueue}
	queued, err := createBroadcastScript.Run(ctx, s.rdb, keys[:1], spec, len(to), b.From, int(BroadcastTTL.Seconds())).Int()
	if err != nil {
		return fmt.Errorf("enqueue broadcast: %w", err)
	}
	args := make([]any, 0, 2+3*enqueueChunk)
	for queued < len(to) {
		chunk := to[queued:min(queued+enqueueChunk, len(to))]
		args = append(args[:0], queued, b.ID)
		for _, a := range chunk {
			args = append(args, a.UserID, a.Lang, a.Booking)
		}
		next, err := queueChunkScript.Run(ctx, s.rdb, keys, args...).Int()
		if err != nil {
			return fmt.Errorf("enqueue broadcast: %d of %d queued: %w", queued, len(to), err)
		}
		if next < queued {
			return fmt.Errorf("enqueue broadcast: gone after %d of %d", queued, len(to))
		}
		queued = next
	}
	return nil
}

// ensureGroup creates the consumer group, from the start of the stream so
// nothing queued before is missed. A Redis that restarted empty has lost
// it, so senders call this again when Redis says NOGROUP.
func (s *Store) ensureGroup(ctx context.Context) error {
	err := s.rdb.XGroupCreateMkStream(ctx, broadcastQueue, senderGroup, "0").Err()
	if err != nil && !strings.HasPrefix(err.Error(), "BUSYGROUP") {
		return fmt.Errorf("broadcast queue group: %w", err)
	}
	return nil
}

// NextDeliveries hands sender consumer up to n deliveries: first those it
// read before and did not finish (it restarted under the same name), then
// those a stopped sender left for DefaultClaimIdle, then new ones, waiting up to
// block for them.
func (s *Store) NextDeliveries(ctx context.Context, consumer string, n int, block time.Duration) ([]spreekuurbot.Delivery, error) {
	read := func(id string, block time.Duration) ([]redis.XMessage, error) {
		res, err := s.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{
			Group: senderGroup, Consumer: consumer, Streams: []string{broadcastQueue, id}, Count: int64(n), Block: block,
		}).Result()
		if errors.Is(err, redis.Nil) || len(res) == 0 {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return res[0].Messages, nil
	}
	msgs, err := read("0", -1)
	if err == nil && len(msgs) == 0 {
		msgs, _, err = s.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{
			Stream: broadcastQueue, Group: senderGroup, Consumer: consumer, MinIdle: s.claimIdleOrDefault(), Start: "0-0", Count: int64(n),
		}).Result()
	}
	if err == nil && len(msgs) == 0 {
		msgs, err = read(">", block)
	}
	if err != nil {
		if strings.HasPrefix(err.Error(), "NOGROUP") {
			return nil, s.ensureGroup(ctx)
		}
		return nil, fmt.Errorf("read broadcast queue: %w", err)
	}
	out := make([]spreekuurbot.Delivery, 0, len(msgs))
	for _, m := range msgs {
		d, ok := deliveryOf(m)
		if !ok {
			// Deleted or malformed: nothing to send, nothing to keep.
			s.rdb.XAck(ctx, broadcastQueue, senderGroup, m.ID)
			continue
		}
		out = append(out, d)
	}
	return out, nil
}

func (s *Store) claimIdleOrDefault() time.Duration {
	if s.claimIdle > 0 {
		return s.claimIdle
	}
	return DefaultClaimIdle
}

func deliveryOf(m redis.XMessage) (spreekuurbot.Delivery, bool) {
	str := func(k string) string { v, _ := m.Values[k].(string); return v }
	to, err := strconv.ParseInt(str("to"), 10, 64)
	if err != nil || str("b") == "" {
		return spreekuurbot.Delivery{}, false
	}
	return spreekuurbot.Delivery{Entry: m.ID, Broadcast: str("b"), To: spreekuurbot.Addressee{UserID: to, Lang: str("lang"), Booking: str("bk")}}, true
}

// Broadcast reads a queued broadcast.
func (s *Store) Broadcast(ctx context.Context, id string) (spreekuurbot.Broadcast, error) {
	raw, err := s.rdb.HGet(ctx, broadcastKey(id), "spec").Bytes()
	if err != nil {
		return spreekuurbot.Broadcast{}, fmt.Errorf("broadcast %s: %w", id, err)
	}
	var b spreekuurbot.Broadcast
	if err := json.Unmarshal(raw, &b); err != nil {
		return spreekuurbot.Broadcast{}, fmt.Errorf("broadcast %s: %w", id, err)
	}
	b.ID = id
	return b, nil
}

// beginScript marks a delivery as being sent, if the sender still owns it
// and it has not ended: "lost" (another sender took it over), "done" (it
// ended before, or its broadcast expired while Redis kept the queue, say
// after long downtime; acknowledged now), "new", or "s" (it was being sent
// when a sender died: send again).
var beginScript = redis.NewScript(`
local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
if #p == 0 or p[1][2] ~= ARGV[2] then return 'lost' end
local st = redis.call('HGET', KEYS[2], ARGV[4])
if (st and st ~= 's') or redis.call('EXISTS', KEYS[3]) == 0 then
  redis.call('XACK', KEYS[1], ARGV[1], ARGV[3])
  redis.call('XDEL', KEYS[1], ARGV[3])
  return 'done'
end
redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
redis.call('HSET', KEYS[2], ARGV[4], 's')
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return st or 'new'
`)

// BeginDelivery reports whether d should be sent now.
func (s *Store) BeginDelivery(ctx context.Context, consumer string, d spreekuurbot.Delivery) (bool, error) {
	res, err := beginScript.Run(ctx, s.rdb, []string{broadcastQueue, statusKey(d.Broadcast), broadcastKey(d.Broadcast)},
		senderGroup, consumer, d.Entry, d.To.UserID, BroadcastTTL.Milliseconds()).Text()
	if err != nil {
		return false, fmt.Errorf("begin delivery: %w", err)
	}
	return res == "new" || res == statusSending, nil
}

// finishScript records a delivery's outcome once, acknowledges it, and
// returns the counts: total, sent, blocked, failed, skipped; then what to
// do with the coordinator's progress message: 0 nothing, 1 show progress,
// 2 show the final count; and that message's ID ("" none yet: this sender
// sends it; "0" another sender is sending it).
var finishScript = redis.NewScript(`
local st = redis.call('HGET', KEYS[2], ARGV[3])
if not st or st == 's' then
  redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
  redis.call('HINCRBY', KEYS[3], ARGV[4], 1)
end
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
local m = redis.call('HMGET', KEYS[3], 'total', 'ok', 'blocked', 'failed', 'skipped', 'pat', 'pmsg')
local c = {}
for i = 1, 6 do c[i] = tonumber(m[i]) or 0 end
local now, every = tonumber(ARGV[5]), tonumber(ARGV[6])
local show = 0
if c[2] + c[3] + c[4] + c[5] >= c[1] then
  if redis.call('HSETNX', KEYS[3], 'done', ARGV[5]) == 1 then
    show = 2
    -- Every delivery has ended: the recipients' statuses, their Telegram
    -- IDs, are not needed any more. The counts stay.
    redis.call('DEL', KEYS[2])
  end
elseif now - c[6] >= every then
  redis.call('HSET', KEYS[3], 'pat', ARGV[5])
  show = 1
end
local pmsg = m[7] or ''
if show > 0 and pmsg == '' then redis.call('HSET', KEYS[3], 'pmsg', '0') end
return {c[1], c[2], c[3], c[4], c[5], show, pmsg}
`)

// FinishDelivery records how d ended and acknowledges it. The progress
// message is due at most every `every`.
func (s *Store) FinishDelivery(ctx context.Context, d spreekuurbot.Delivery, outcome spreekuurbot.Outcome, now time.Time, every time.Duration) (spreekuurbot.ProgressUpdate, error) {
	res, err := finishScript.Run(ctx, s.rdb, []string{broadcastQueue, statusKey(d.Broadcast), broadcastKey(d.Broadcast)},
		senderGroup, d.Entry, d.To.UserID, string(outcome), now.UnixMilli(), every.Milliseconds()).Slice()
	if err != nil {
		return spreekuurbot.ProgressUpdate{}, fmt.Errorf("finish delivery: %w", err)
	}
	num := func(i int) int { n, _ := res[i].(int64); return int(n) }
	u := spreekuurbot.ProgressUpdate{Progress: spreekuurbot.Progress{Total: num(0), Sent: num(1), Blocked: num(2), Failed: num(3), Skipped: num(4)}}
	u.Show, u.Final = num(5) > 0, num(5) == 2
	pmsg, _ := res[6].(string)
	u.New = pmsg == ""
	u.MessageID, _ = strconv.Atoi(pmsg)
	return u, nil
}

// SetProgressMessage records the coordinator's progress message, to edit
// it later.
func (s *Store) SetProgressMessage(ctx context.Context, broadcastID string, messageID int) error {
	if err := s.rdb.HSet(ctx, broadcastKey(broadcastID), "pmsg", messageID).Err(); err != nil {
		return fmt.Errorf("progress message: %w", err)
	}
	return nil
}

// BroadcastProgress reads a broadcast's counts.
func (s *Store) BroadcastProgress(ctx context.Context, id string) (spreekuurbot.Progress, error) {
	m, err := s.rdb.HMGet(ctx, broadcastKey(id), "total", "ok", "blocked", "failed", "skipped").Result()
	if err != nil {
		return spreekuurbot.Progress{}, fmt.Errorf("broadcast progress: %w", err)
	}
	n := func(i int) int { v, _ := m[i].(string); x, _ := strconv.Atoi(v); return x }
	return spreekuurbot.Progress{Total: n(0), Sent: n(1), Blocked: n(2), Failed: n(3), Skipped: n(4)}, nil
}

// BlockedTTL is how long a chat that blocked the bot stays marked, unless
// the person writes to the bot again first.
const BlockedTTL = 90 * 24 * time.Hour

func (s *Store) blockedKey(userID int64) string { return "blocked:" + s.UserKey(userID) }

// ChatBlocked marks someone who blocked the bot or deleted their account,
// and forgets their news subscriptions: the bot writes to them no more
// until they write to it.
func (s *Store) ChatBlocked(ctx context.Context, userID int64) error {
	if err := s.rdb.Set(ctx, s.blockedKey(userID), "1", BlockedTTL).Err(); err != nil {
		return fmt.Errorf("mark blocked chat: %w", err)
	}
	locs, err := s.rdb.SMembers(ctx, s.userSubsKey(userID)).Result()
	if err != nil {
		return fmt.Errorf("blocked chat's subscriptions: %w", err)
	}
	for _, l := range locs {
		if err := s.Unsubscribe(ctx, userID, l); err != nil {
			return err
		}
	}
	return nil
}

// Blocked reports whether the chat blocked the bot and has not written to
// it since.
func (s *Store) Blocked(ctx context.Context, userID int64) (bool, error) {
	n, err := s.rdb.Exists(ctx, s.blockedKey(userID)).Result()
	if err != nil {
		return false, fmt.Errorf("blocked chat: %w", err)
	}
	return n > 0, nil
}
