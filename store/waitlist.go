package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// The waitlist's keys share the bookings' hash tag {bk}: freeing a place
// and holding it for the first person waiting is one script, which on a
// Redis Cluster may touch one slot only.
//
//	{bk}:wait:<location>   sorted set "<telegram id>.<topic>" by the moment
//	                       they joined (application's clock); the raw ID,
//	                       since the bot writes to them on its own
//	{bk}:waiting:<hash>    hash location -> topic: the resident's places,
//	                       for "my appointments" and "delete my data";
//	                       lives WaitFor after their last join
//	{bk}:held              hash "<telegram id>" -> "<slot id>|<until>|<topic>":
//	                       the time held for that person (one at a time),
//	                       and what they waited for (holds made before the
//	                       topic was kept end at <until>)
//	{bk}:heldue            sorted set "<telegram id>" by the hold's end
//	{bk}:waitdue           sorted set "<location>|<telegram id>.<topic>" by
//	                       the moment they joined: the sweep drops entries
//	                       WaitFor old, so none outlives its 14 days
//
// A held time is also a member "h:<telegram id>" of its slot's set
// ({bk}:slot:<id>), so it counts against the capacity and the booking
// script needs no other check to keep it from others.
func waitKey(location string) string            { return "{bk}:wait:" + location }
func (s *Store) waitingKey(userID int64) string { return "{bk}:waiting:" + s.UserKey(userID) }

const (
	heldKey    = "{bk}:held"
	heldDueKey = "{bk}:heldue"
	waitDueKey = "{bk}:waitdue"
)

// holdKeep is how long a slot's set lives at least once it holds a time:
// the hold ends, or becomes a booking with its own expiry, well before.
const holdKeep = 2 * spreekuurbot.HoldFor

// waitLua is shared by the scripts that book, cancel, move, offer and
// release (bookings.go and below).
//
// heldFor tells whether the time held for uid is slotid's and still runs
// at now. unhold takes the hold out of its slot and the lists. offer holds
// the slot's free room (up to capacity, counting bookings and holds) for
// the first people waiting, skipping anyone who already holds a time and
// dropping entries older than since; each new hold ends at deadline. It
// returns "<slot id>|<telegram id>.<topic>" per hold. offered answers a
// script with "ok" and those.
const waitLua = `
local function heldFor(held, uid, slotid, now)
  local h = redis.call('HGET', held, uid)
  if not h then return false end
  local at, untl = string.match(h, '^([^|]*)|(%d+)')
  return at == slotid and tonumber(untl) > tonumber(now)
end
local function unhold(slot, held, due, uid)
  redis.call('SREM', slot, 'h:' .. uid)
  redis.call('HDEL', held, uid)
  redis.call('ZREM', due, uid)
end
local function offer(slot, wait, held, due, slotid, capacity, since, deadline, keep)
  local out = {}
  capacity = tonumber(capacity)
  if capacity <= 0 then return out end
  redis.call('ZREMRANGEBYSCORE', wait, '-inf', '(' .. since)
  for _, m in ipairs(redis.call('ZRANGE', wait, 0, -1)) do
    if redis.call('SCARD', slot) >= capacity then break end
    local uid = string.match(m, '^(%d+)%.')
    -- One time held per person: whoever holds one keeps their place in
    -- the queue for the next.
    if uid and redis.call('HEXISTS', held, uid) == 0 then
      redis.call('ZREM', wait, m)
      redis.call('SADD', slot, 'h:' .. uid)
      redis.call('HSET', held, uid, slotid .. '|' .. deadline .. '|' .. string.match(m, '^%d+%.(.*)$'))
      redis.call('ZADD', due, deadline, uid)
      table.insert(out, slotid .. '|' .. m)
    end
  end
  if #out > 0 and redis.call('TTL', slot) < tonumber(keep) then redis.call('EXPIRE', slot, keep) end
  return out
end
local function offered(out)
  if #out == 0 then return 'ok' end
  return 'ok ' .. table.concat(out, ' ')
end
`

// waitArgs gives, for the slot a cancel or a move frees, the waitlist's
// keys and offer's arguments (capacity, since, deadline, keep); none when
// the freed time is not to be offered.
type waitArgs func(slotID string) ([]string, []any)

func (w waitArgs) of(slotID string) ([]string, []any) {
	if w == nil {
		return nil, nil
	}
	return w(slotID)
}

// offerArgs offers a freed slot when open says it can still be booked.
func offerArgs(open spreekuurbot.OpenSlot, now time.Time) waitArgs {
	return func(slotID string) ([]string, []any) {
		slot, ok := parseSlotID(slotID)
		if !ok || open == nil {
			return nil, nil
		}
		if slot, ok = open(slot); !ok {
			return nil, nil
		}
		return []string{waitKey(slot.Location), heldKey, heldDueKey}, append([]any{slot.Capacity}, holdArgs(now)...)
	}
}

// holdArgs are offer's since, deadline and keep at now.
func holdArgs(now time.Time) []any {
	return []any{now.Add(-spreekuurbot.WaitFor).Unix(), now.Add(spreekuurbot.HoldFor).Unix(), int(holdKeep.Seconds())}
}

// offersOf reads a script's "ok <slot id>|<telegram id>.<topic> …".
func offersOf(res string, now time.Time) ([]spreekuurbot.Offer, error) {
	fields := strings.Fields(res)
	if len(fields) == 0 || fields[0] != "ok" {
		if res == "dup" {
			return nil, nil // the first run made the offers
		}
		return nil, fmt.Errorf("unexpected answer %q", res)
	}
	until := time.Unix(now.Add(spreekuurbot.HoldFor).Unix(), 0).In(now.Location())
	var out []spreekuurbot.Offer
	for _, f := range fields[1:] {
		slotID, member, _ := strings.Cut(f, "|")
		uid, topic, _ := strings.Cut(member, ".")
		slot, ok := parseSlotID(slotID)
		id, err := strconv.ParseInt(uid, 10, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("unexpected offer %q", f)
		}
		out = append(out, spreekuurbot.Offer{UserID: id, Slot: slot, Topic: topic, Until: until})
	}
	return out, nil
}

var _ spreekuurbot.Waitlist = (*Store)(nil)

// waitScript puts ARGV[1] on the waitlist KEYS[1] of place ARGV[2] for
// topic ARGV[3], unless they already wait there or wait for ARGV[6]
// places. KEYS[2] is their places, KEYS[3] the sweep's list; KEYS[4…] the
// waitlists of the places KEYS[2] held when the caller read it, named in
// ARGV[8…] as place, topic pairs.
// Entries that were offered or are older than ARGV[5] no longer count and
// are dropped. It answers 'stale' when the places changed since the read.
var waitScript = redis.NewScript(`
local wait, index = KEYS[1], KEYS[2]
local uid, loc, topic, since = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[5])
if redis.call('HLEN', index) ~= #KEYS - 3 then return 'stale' end
local live = 0
for i = 4, #KEYS do
  local l, t = ARGV[8 + (i - 4) * 2], ARGV[9 + (i - 4) * 2]
  if redis.call('HGET', index, l) ~= t then return 'stale' end
  local score = redis.call('ZSCORE', KEYS[i], uid .. '.' .. t)
  if score and tonumber(score) >= since then
    if l == loc then return 'already' end
    live = live + 1
  else
    redis.call('HDEL', index, l)
    if score then redis.call('ZREM', KEYS[i], uid .. '.' .. t) end
  end
end
if live >= tonumber(ARGV[6]) then return 'limit' end
redis.call('ZADD', wait, ARGV[4], uid .. '.' .. topic)
-- The sweep drops the entry after its 14 days; the list itself goes
-- twice that after the last join, should no sweep run.
redis.call('EXPIRE', wait, 2 * tonumber(ARGV[7]))
redis.call('ZADD', KEYS[3], ARGV[4], loc .. '|' .. uid .. '.' .. topic)
redis.call('HSET', index, loc, topic)
redis.call('EXPIRE', index, ARGV[7])
return 'ok'
`)

// Wait puts the resident on the place's waitlist, once; ErrWaitLimit when
// they already wait for MaxWaiting places.
func (s *Store) Wait(ctx context.Context, userID int64, location, topic string, now time.Time) error {
	index := s.waitingKey(userID)
	for range 10 {
		places, err := s.rdb.HGetAll(ctx, index).Result()
		if err != nil {
			return fmt.Errorf("wait at %s: %w", location, err)
		}
		keys := []string{waitKey(location), index, waitDueKey}
		args := []any{userID, location, topic, now.Unix(), now.Add(-spreekuurbot.WaitFor).Unix(), spreekuurbot.MaxWaiting, int(spreekuurbot.WaitFor.Seconds())}
		for loc, t := range places {
			keys = append(keys, waitKey(loc))
			args = append(args, loc, t)
		}
		res, err := waitScript.Run(ctx, s.rdb, keys, args...).Text()
		if err != nil {
			return fmt.Errorf("wait at %s: %w", location, err)
		}
		switch res {
		case "ok", "already":
			return nil
		case "limit":
			return spreekuurbot.ErrWaitLimit
		}
	}
	return fmt.Errorf("wait at %s: the places kept changing", location)
}

// leaveScript takes ARGV[1] off the waitlist KEYS[1] of place ARGV[2],
// out of their places KEYS[2] and the sweep's list KEYS[3].
var leaveScript = redis.NewScript(`
local t = redis.call('HGET', KEYS[2], ARGV[2])
if t then
  redis.call('ZREM', KEYS[1], ARGV[1] .. '.' .. t)
  redis.call('ZREM', KEYS[3], ARGV[2] .. '|' .. ARGV[1] .. '.' .. t)
end
redis.call('HDEL', KEYS[2], ARGV[2])
return 'ok'
`)

// Leave takes the resident off the place's waitlist.
func (s *Store) Leave(ctx context.Context, userID int64, location string) error {
	if err := leaveScript.Run(ctx, s.rdb, []string{waitKey(location), s.waitingKey(userID), waitDueKey}, userID, location).Err(); err != nil {
		return fmt.Errorf("leave %s: %w", location, err)
	}
	return nil
}

// Waiting lists the places the resident still waits for, longest first.
func (s *Store) Waiting(ctx context.Context, userID int64, now time.Time) ([]spreekuurbot.Waiting, error) {
	places, err := s.rdb.HGetAll(ctx, s.waitingKey(userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("read waitlists: %w", err)
	}
	scores := map[string]*redis.FloatCmd{}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for loc, topic := range places {
			scores[loc] = p.ZScore(ctx, waitKey(loc), strconv.FormatInt(userID, 10)+"."+topic)
		}
		return nil
	})
	if err != nil && err != redis.Nil {
		return nil, fmt.Errorf("read waitlists: %w", err)
	}
	since := now.Add(-spreekuurbot.WaitFor).Unix()
	var out []spreekuurbot.Waiting
	for loc, c := range scores {
		// An entry offered a time, or too old, no longer waits.
		if at, err := c.Result(); err == nil && int64(at) >= since {
			out = append(out, spreekuurbot.Waiting{Location: loc, Topic: places[loc], Since: time.Unix(int64(at), 0).In(now.Location())})
		}
	}
	slices.SortFunc(out, func(a, b spreekuurbot.Waiting) int {
		if c := a.Since.Compare(b.Since); c != 0 {
			return c
		}
		return strings.Compare(a.Location, b.Location)
	})
	return out, nil
}

// CancelAndOffer cancels the resident's booking and, in the same script,
// holds the freed place for the first person waiting at its place when
// open says the time can still be booked.
func (s *Store) CancelAndOffer(ctx context.Context, requestID string, userID int64, bookingID string, open spreekuurbot.OpenSlot, now time.Time) ([]spreekuurbot.Offer, error) {
	res, err := s.cancel(ctx, requestID, userID, bookingID, offerArgs(open, now))
	if err != nil {
		return nil, err
	}
	offers, err := offersOf(res, now)
	if err != nil {
		return nil, fmt.Errorf("cancel %s: %w", bookingID, err)
	}
	return offers, nil
}

// MoveAndOffer moves the resident's booking and, in the same script,
// holds the place it left for the first person waiting there.
func (s *Store) MoveAndOffer(ctx context.Context, requestID string, userID int64, bookingID string, to spreekuurbot.Slot, zone *time.Location, now time.Time, open spreekuurbot.OpenSlot) ([]spreekuurbot.Offer, error) {
	res, err := s.move(ctx, requestID, userID, bookingID, to, zone, now, offerArgs(open, now))
	if err != nil {
		return nil, err
	}
	offers, err := offersOf(res, now)
	if err != nil {
		return nil, fmt.Errorf("move %s: %w", bookingID, err)
	}
	return offers, nil
}

// offerScript holds the room of slots KEYS[4…] (ARGV[4…] as slot ID,
// capacity pairs) for the first people on the waitlist KEYS[3].
var offerScript = redis.NewScript(waitLua + `
local out = {}
for i = 4, #KEYS do
  local j = 4 + (i - 4) * 2
  for _, o in ipairs(offer(KEYS[i], KEYS[3], KEYS[1], KEYS[2], ARGV[j], ARGV[j + 1], ARGV[1], ARGV[2], ARGV[3])) do
    table.insert(out, o)
  end
end
return offered(out)
`)

// Offer holds the free room of the slots (each with its capacity now) for
// the first people waiting at their places, earliest slot first.
func (s *Store) Offer(ctx context.Context, slots []spreekuurbot.Slot, now time.Time) ([]spreekuurbot.Offer, error) {
	byPlace := map[string][]spreekuurbot.Slot{}
	var places []string
	for _, slot := range slots {
		if _, ok := byPlace[slot.Location]; !ok {
			places = append(places, slot.Location)
		}
		byPlace[slot.Location] = append(byPlace[slot.Location], slot)
	}
	var out []spreekuurbot.Offer
	for _, loc := range places {
		keys := []string{heldKey, heldDueKey, waitKey(loc)}
		args := holdArgs(now)
		for _, slot := range byPlace[loc] {
			keys = append(keys, slotKey(slot.ID()))
			args = append(args, slot.ID(), slot.Capacity)
		}
		res, err := offerScript.Run(ctx, s.rdb, keys, args...).Text()
		if err != nil {
			return nil, fmt.Errorf("offer at %s: %w", loc, err)
		}
		offers, err := offersOf(res, now)
		if err != nil {
			return nil, fmt.Errorf("offer at %s: %w", loc, err)
		}
		out = append(out, offers...)
	}
	return out, nil
}

// BookOffer books the time held for the resident, in one script with the
// checks of Book; ErrNoOffer when no such hold runs.
func (s *Store) BookOffer(ctx context.Context, requestID string, b spreekuurbot.Booking, zone *time.Location, now time.Time) (spreekuurbot.Booking, error) {
	return s.book(ctx, requestID, b, zone, now, heldKey, heldDueKey)
}

// releaseScript ends the hold of ARGV[1] on slot ARGV[2] (KEYS[1]) when
// it ran out by ARGV[3], or at once with ARGV[4] '1', and offers the
// place to the next on the waitlist KEYS[2] (ARGV[5…] as for offer). It
// answers 'none' when no such hold was there to end.
var releaseScript = redis.NewScript(waitLua + `
local slot, wait, held, due = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local uid, slotid = ARGV[1], ARGV[2]
local h = redis.call('HGET', held, uid)
if not h then
  redis.call('ZREM', due, uid)
  return 'none'
end
local at, untl = string.match(h, '^([^|]*)|(%d+)')
if at ~= slotid then return 'none' end
if ARGV[4] ~= '1' and tonumber(untl) > tonumber(ARGV[3]) then return 'none' end
unhold(slot, held, due, uid)
return offered(offer(slot, wait, held, due, slotid, unpack(ARGV, 5, 8)))
`)

// release ends userID's hold on slotID (at once with force) and offers
// the place on when open allows; false when there was no such hold.
func (s *Store) release(ctx context.Context, userID int64, slotID string, force bool, open spreekuurbot.OpenSlot, now time.Time) ([]spreekuurbot.Offer, bool, error) {
	slot, ok := parseSlotID(slotID)
	if !ok {
		return nil, false, nil
	}
	capacity := 0
	if open != nil {
		if live, ok := open(slot); ok {
			capacity = live.Capacity
		}
	}
	flag := "0"
	if force {
		flag = "1"
	}
	res, err := releaseScript.Run(ctx, s.rdb, []string{slotKey(slotID), waitKey(slot.Location), heldKey, heldDueKey},
		append([]any{userID, slotID, now.Unix(), flag, capacity}, holdArgs(now)...)...).Text()
	if err != nil {
		return nil, false, fmt.Errorf("release %s: %w", slotID, err)
	}
	if res == "none" {
		return nil, false, nil
	}
	offers, err := offersOf(res, now)
	if err != nil {
		return nil, false, fmt.Errorf("release %s: %w", slotID, err)
	}
	return offers, true, nil
}

// Held is the time held for the resident at now, if any.
func (s *Store) Held(ctx context.Context, userID int64, now time.Time) (spreekuurbot.Offer, bool, error) {
	h, err := s.rdb.HGet(ctx, heldKey, strconv.FormatInt(userID, 10)).Result()
	if errors.Is(err, redis.Nil) {
		return spreekuurbot.Offer{}, false, nil
	}
	if err != nil {
		return spreekuurbot.Offer{}, false, fmt.Errorf("read held time: %w", err)
	}
	f := strings.Split(h, "|")
	if len(f) != 3 {
		return spreekuurbot.Offer{}, false, nil
	}
	end, err := strconv.ParseInt(f[1], 10, 64)
	slot, ok := parseSlotID(f[0])
	if err != nil || !ok || end <= now.Unix() {
		return spreekuurbot.Offer{}, false, nil
	}
	return spreekuurbot.Offer{UserID: userID, Slot: slot, Topic: f[2], Until: time.Unix(end, 0).In(now.Location())}, true, nil
}

// heldSlot reads the slot held for the person ("" when none).
func (s *Store) heldSlot(ctx context.Context, userID int64) (string, error) {
	h, err := s.rdb.HGet(ctx, heldKey, strconv.FormatInt(userID, 10)).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read held time: %w", err)
	}
	slotID, _, _ := strings.Cut(h, "|")
	return slotID, nil
}

// DeclineOffer lets the time held for the resident go to the next person.
func (s *Store) DeclineOffer(ctx context.Context, userID int64, slotID string, open spreekuurbot.OpenSlot, now time.Time) ([]spreekuurbot.Offer, error) {
	offers, ok, err := s.release(ctx, userID, slotID, true, open, now)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, spreekuurbot.ErrNoOffer
	}
	return offers, nil
}

// expireBatch bounds the holds ended in one sweep.
const expireBatch = 100

// staleScript drops the entry ARGV[1] ("<telegram id>.<topic>") from the
// waitlist KEYS[1] if it joined before ARGV[2], and ARGV[3] from the
// sweep's list KEYS[2]; an entry that joined again since stays.
var staleScript = redis.NewScript(`
local at = redis.call('ZSCORE', KEYS[1], ARGV[1])
if at and tonumber(at) < tonumber(ARGV[2]) then redis.call('ZREM', KEYS[1], ARGV[1]) end
if not at or tonumber(at) < tonumber(ARGV[2]) then redis.call('ZREM', KEYS[2], ARGV[3]) end
return 'ok'
`)

// dropStale removes waitlist entries WaitFor old, which no longer count.
func (s *Store) dropStale(ctx context.Context, now time.Time) error {
	since := now.Add(-spreekuurbot.WaitFor).Unix()
	old, err := s.rdb.ZRangeByScore(ctx, waitDueKey, &redis.ZRangeBy{Min: "-inf", Max: "(" + strconv.FormatInt(since, 10), Count: expireBatch}).Result()
	if err != nil {
		return fmt.Errorf("old waitlist entries: %w", err)
	}
	for _, entry := range old {
		loc, member, _ := strings.Cut(entry, "|")
		if err := staleScript.Run(ctx, s.rdb, []string{waitKey(loc), waitDueKey}, member, since, entry).Err(); err != nil {
			return fmt.Errorf("drop an old waitlist entry: %w", err)
		}
	}
	return nil
}

// ExpireOffers ends the holds whose time ran out by now, each passing its
// place to the next person waiting, and drops waitlist entries WaitFor
// old. Two replicas sweeping at once end each hold once: the script ends
// only a hold that is still there.
func (s *Store) ExpireOffers(ctx context.Context, open spreekuurbot.OpenSlot, now time.Time) (expired, offered []spreekuurbot.Offer, err error) {
	if err := s.dropStale(ctx, now); err != nil {
		return nil, nil, err
	}
	due, err := s.rdb.ZRangeByScore(ctx, heldDueKey, &redis.ZRangeBy{Min: "-inf", Max: strconv.FormatInt(now.Unix(), 10), Count: expireBatch}).Result()
	if err != nil {
		return nil, nil, fmt.Errorf("due holds: %w", err)
	}
	for _, uid := range due {
		userID, err := strconv.ParseInt(uid, 10, 64)
		if err != nil {
			continue
		}
		slotID, err := s.heldSlot(ctx, userID)
		if err != nil {
			return nil, nil, err
		}
		if slotID == "" {
			// Ended meanwhile (booked, declined, or by another replica).
			if err := s.rdb.ZRem(ctx, heldDueKey, uid).Err(); err != nil {
				return nil, nil, fmt.Errorf("due holds: %w", err)
			}
			continue
		}
		offers, ok, err := s.release(ctx, userID, slotID, false, open, now)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			slot, _ := parseSlotID(slotID)
			expired = append(expired, spreekuurbot.Offer{UserID: userID, Slot: slot})
			offered = append(offered, offers...)
		}
	}
	return expired, offered, nil
}

// ForgetWaiting takes the resident off every waitlist and passes a time
// held for them on (when open allows).
func (s *Store) ForgetWaiting(ctx context.Context, userID int64, open spreekuurbot.OpenSlot, now time.Time) ([]spreekuurbot.Offer, error) {
	slotID, err := s.heldSlot(ctx, userID)
	if err != nil {
		return nil, err
	}
	var offers []spreekuurbot.Offer
	if slotID != "" {
		if offers, _, err = s.release(ctx, userID, slotID, true, open, now); err != nil {
			return nil, err
		}
	}
	places, err := s.rdb.HKeys(ctx, s.waitingKey(userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("forget waitlists: %w", err)
	}
	for _, loc := range places {
		if err := s.Leave(ctx, userID, loc); err != nil {
			return nil, err
		}
	}
	if err := s.rdb.Del(ctx, s.waitingKey(userID)).Err(); err != nil {
		return nil, fmt.Errorf("forget waitlists: %w", err)
	}
	return offers, nil
}
