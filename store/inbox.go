package store

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// The inbox is the durable queue between the webhook and the handlers.
// Telegram posts an update to whichever replica its load balancer picks; that
// replica adds it here and only then answers 200, so an acknowledged update
// survives the replica. The queue is split into InboxPartitions partitions by
// chat, and each partition is read by one replica at a time, the holder of
// its lease, so one chat's updates are handled in the order they came, by
// one replica.
//
// Keys of partition k, all in the cluster slot of the hash tag {in:k}, so
// the adding script touches one slot:
//
//	{in:k}:q          stream of updates, field "u": the update as Telegram sent it
//	{in:k}:seen:<id>  an update_id already queued, kept a day: Telegram resends
//	                  an update it had no answer to, and gives up after a day
//	{in:k}:lease      the replica reading the partition (lease.go)
//
// and for all partitions:
//
//	{in}:replicas     sorted set: replica → when its heartbeat runs out
//	{in}:bell         Pub/Sub channel: the partition of every update added
//
// The stream holds messages people sent, so an entry is deleted as soon as
// it has been handled; what is left in a stream is exactly what is not yet
// handled.
const (
	// InboxPartitions is how many partitions the inbox has. Every replica
	// must agree on it: changing it moves chats between partitions, so
	// change it only with the inbox empty.
	InboxPartitions = 16
	// SeenTTL is how long an update_id is remembered to drop a resent
	// update.
	SeenTTL    = 24 * time.Hour
	inboxGroup = "bot"
	bellKey    = "{in}:bell"
	replicaKey = "{in}:replicas"
)

// Inbox is the durable, partitioned queue of webhook updates.
type Inbox struct {
	rdb redis.UniversalClient
	s   *Store
}

// Inbox returns the store's inbox.
func (s *Store) Inbox() *Inbox { return &Inbox{rdb: s.rdb, s: s} }

// Partitions is the number of partitions.
func (*Inbox) Partitions() int { return InboxPartitions }

// Partition is the partition of a chat's updates.
func Partition(chatID int64) int { return int(uint64(chatID) % InboxPartitions) }

func partitionTag(p int) string { return "in:" + strconv.Itoa(p) }
func streamKey(p int) string    { return "{" + partitionTag(p) + "}:q" }
func seenKey(p int, id int64) string {
	return "{" + partitionTag(p) + "}:seen:" + strconv.FormatInt(id, 10)
}

// addUpdate queues ARGV[1] on the stream KEYS[2] unless its update_id was
// seen (KEYS[1], set for ARGV[2] ms), then rings the bell with the
// partition ARGV[3]. One script: the check and the add cannot be split by a
// replica dying between them, nor raced by the same update posted to two
// replicas. 1: added; 0: seen before.
var addUpdate = redis.NewScript(`
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) then
  return 0
end
redis.call('XADD', KEYS[2], '*', 'u', ARGV[1])
redis.call('PUBLISH', ARGV[4], ARGV[3])
return 1
`)

// Add queues an update of the chat unless an update with the same
// update_id was queued within SeenTTL. It reports whether it was added.
func (in *Inbox) Add(ctx context.Context, chatID, updateID int64, update []byte) (bool, error) {
	p := Partition(chatID)
	added, err := addUpdate.Run(ctx, in.rdb, []string{seenKey(p, updateID), streamKey(p)},
		update, SeenTTL.Milliseconds(), p, bellKey).Int()
	if err != nil {
		return false, fmt.Errorf("queue update: %w", err)
	}
	return added == 1, nil
}

// Claim takes or renews owner's lease on partition p for ttl. Only the
// holder reads the partition.
func (in *Inbox) Claim(ctx context.Context, p int, owner string, ttl time.Duration) (bool, error) {
	return in.s.TakeLease(ctx, partitionTag(p), owner, ttl)
}

// Release gives partition p up at once, for another replica to take. The
// updates owner read and did not acknowledge stay pending for the next
// owner to adopt.
func (in *Inbox) Release(ctx context.Context, p int, owner string) error {
	return in.s.ReleaseLease(ctx, partitionTag(p), owner)
}

// Adopt makes owner the reader of every update of partition p that was read
// but not acknowledged, by a replica that died or gave the partition up, and
// returns them in the order they came (their stream IDs and the updates).
// A new owner adopts before it reads new updates: all of them came before
// any update not read yet. Afterwards, readers left without pending updates
// are forgotten.
func (in *Inbox) Adopt(ctx context.Context, p int, owner string) (iter.Seq2[string, []byte], error) {
	key := streamKey(p)
	var adopted []redis.XMessage
	err := in.withGroup(ctx, key, func() error {
		adopted = adopted[:0]
		for start := "0-0"; ; {
			msgs, next, err := in.rdb.XAutoClaim(ctx, &redis.XAutoClaimArgs{
				Stream: key, Group: inboxGroup, Consumer: owner, MinIdle: 0, Start: start, Count: 100,
			}).Result()
			if err != nil {
				return err
			}
			adopted = append(adopted, msgs...)
			if next == "0-0" || next == "" {
				return nil
			}
			start = next
		}
	})
	if err != nil {
		return nil, fmt.Errorf("adopt pending updates of partition %d: %w", p, err)
	}
	readers, err := in.rdb.XInfoConsumers(ctx, key, inboxGroup).Result()
	if err != nil {
		return nil, fmt.Errorf("list readers of partition %d: %w", p, err)
	}
	for _, r := range readers {
		if r.Name != owner && r.Pending == 0 {
			if err := in.rdb.XGroupDelConsumer(ctx, key, inboxGroup, r.Name).Err(); err != nil {
				return nil, fmt.Errorf("forget reader of partition %d: %w", p, err)
			}
		}
	}
	return entries(adopted), nil
}

// Read returns up to max updates of partition p that nobody has read yet,
// in the order they came, without waiting. Each stays pending for owner
// until Ack.
func (in *Inbox) Read(ctx context.Context, p int, owner string, max int) (iter.Seq2[string, []byte], error) {
	key := streamKey(p)
	var msgs []redis.XMessage
	err := in.withGroup(ctx, key, func() error {
		streams, err := in.rdb.XReadGroup(ctx, &redis.XReadGroupArgs{
			Group: inboxGroup, Consumer: owner, Streams: []string{key, ">"}, Count: int64(max), Block: -1,
		}).Result()
		if errors.Is(err, redis.Nil) {
			return nil
		}
		for _, s := range streams {
			msgs = append(msgs, s.Messages...)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read partition %d: %w", p, err)
	}
	return entries(msgs), nil
}

// Ack forgets a handled update: it leaves the pending list and the stream.
func (in *Inbox) Ack(ctx context.Context, p int, id string) error {
	key := streamKey(p)
	_, err := in.rdb.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
		pipe.XAck(ctx, key, inboxGroup, id)
		pipe.XDel(ctx, key, id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("acknowledge update of partition %d: %w", p, err)
	}
	return nil
}

// beat records that ARGV[1] is alive for ARGV[2] ms more, by the Redis
// server's clock (the replicas' clocks may disagree), forgets replicas whose
// heartbeat ran out, and returns how many are alive.
var beat = redis.NewScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZCARD', KEYS[1])
`)

// Beat says that replica is alive for ttl more and returns how many
// replicas are: each takes its share of the partitions.
func (in *Inbox) Beat(ctx context.Context, replica string, ttl time.Duration) (int, error) {
	n, err := beat.Run(ctx, in.rdb, []string{replicaKey}, replica, max(ttl.Milliseconds(), 1)).Int()
	if err != nil {
		return 0, fmt.Errorf("replica heartbeat: %w", err)
	}
	return n, nil
}

// Leave says that replica stops, so the others take its share at once.
func (in *Inbox) Leave(ctx context.Context, replica string) error {
	if err := in.rdb.ZRem(ctx, replicaKey, replica).Err(); err != nil {
		return fmt.Errorf("replica leaves: %w", err)
	}
	return nil
}

// Listen calls ring with the partition of every update added, by any
// replica, until ctx ends: the holder of that partition reads it at once
// instead of at its next look. It returns early, with an error, when Redis
// cannot be reached; the caller listens again. A ring can be lost (Pub/Sub
// does not queue), so readers also look now and then without one.
func (in *Inbox) Listen(ctx context.Context, ring func(partition int)) error {
	sub := in.rdb.Subscribe(ctx, bellKey)
	defer sub.Close()
	if _, err := sub.Receive(ctx); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("listen for updates: %w", err)
	}
	ch := sub.Channel()
	for {
		select {
		case <-ctx.Done():
			return nil
		case m, ok := <-ch:
			if !ok {
				return errors.New("listen for updates: subscription closed")
			}
			if p, err := strconv.Atoi(m.Payload); err == nil {
				ring(p)
			}
		}
	}
}

// withGroup runs cmd, and when the stream or its reader group does not
// exist (a first start, or Redis came back empty) creates them and runs it
// once more. The group starts at the stream's beginning: handled updates
// are deleted, so whatever is in the stream still needs handling.
func (in *Inbox) withGroup(ctx context.Context, key string, cmd func() error) error {
	err := cmd()
	if err == nil || !strings.HasPrefix(err.Error(), "NOGROUP") {
		return err
	}
	if err := in.rdb.XGroupCreateMkStream(ctx, key, inboxGroup, "0").Err(); err != nil && !strings.HasPrefix(err.Error(), "BUSYGROUP") {
		return fmt.Errorf("create reader group: %w", err)
	}
	return cmd()
}

// entries yields the stream IDs and updates of msgs; an entry deleted while
// it was pending has no update and is yielded with a nil one, for the
// caller to acknowledge.
func entries(msgs []redis.XMessage) iter.Seq2[string, []byte] {
	return func(yield func(string, []byte) bool) {
		for _, m := range msgs {
			var update []byte
			if u, ok := m.Values["u"].(string); ok {
				update = []byte(u)
			}
			if !yield(m.ID, update) {
				return
			}
		}
	}
}
