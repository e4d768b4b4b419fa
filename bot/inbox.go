package bot

import (
	"context"
	"encoding/json"
	"hash/fnv"
	"iter"
	"slices"
	"sync"
	"time"

	"github.com/go-telegram/bot/models"
)

// Inbox is the durable queue of webhook updates, split into partitions by
// chat; store.Inbox implements it. Any replica adds to it; each partition
// is read by one replica at a time, the holder of its lease.
type Inbox interface {
	Partitions() int
	// Add queues an update unless its update_id was queued before; it
	// reports whether it was added.
	Add(ctx context.Context, chatID, updateID int64, update []byte) (bool, error)
	// Claim takes or renews owner's lease on a partition.
	Claim(ctx context.Context, partition int, owner string, ttl time.Duration) (bool, error)
	Release(ctx context.Context, partition int, owner string) error
	// Adopt moves to owner the partition's updates that were read but not
	// acknowledged, and returns them (stream ID, update) in order.
	Adopt(ctx context.Context, partition int, owner string) (iter.Seq2[string, []byte], error)
	// Read returns up to max updates nobody has read yet, in order.
	Read(ctx context.Context, partition int, owner string, max int) (iter.Seq2[string, []byte], error)
	// Ack forgets a handled update.
	Ack(ctx context.Context, partition int, id string) error
	// Beat says replica is alive for ttl more; it returns how many are.
	Beat(ctx context.Context, replica string, ttl time.Duration) (int, error)
	Leave(ctx context.Context, replica string) error
	// Listen calls ring with the partition of every update added, until
	// ctx ends or Redis fails.
	Listen(ctx context.Context, ring func(partition int)) error
}

// inboxReader reads this replica's share of the inbox partitions and hands
// their updates to the dispatcher, which keeps each chat's order.
//
// How a chat's updates stay in order, once each, across replicas:
//
//   - A chat's updates all go to one partition, and a partition is read by
//     the one replica holding its lease, in stream order; the dispatcher
//     handles one chat's updates one after the other.
//   - An update is acknowledged (deleted from Redis) after it was handled.
//     A replica that gets a partition first adopts what earlier holders
//     read and did not acknowledge, in order, before it reads anything new:
//     everything read comes before everything not yet read.
//   - Replicas share the partitions: each takes its share (partitions over
//     live replicas, counted by heartbeats) and hands over the rest, after
//     the updates it has in hand are done. A replica shutting down finishes
//     its updates in hand, then gives its partitions up at once.
//
// The window: a replica that dies (or stalls past its lease, or loses
// Redis) with updates in hand, handled or not, leaves them unacknowledged;
// the next holder handles them again, up to perChatQueue per partition.
// A person may then get an answer twice, or a button pressed twice is
// refused as stale. A stalled replica that wakes up after its lease has
// moved may still finish its updates in hand alongside the new holder; it
// reads nothing more once its lease may have run out.
type inboxReader struct {
	b     *Bot
	inbox Inbox
	name  string
	ttl   time.Duration
	// first is where this replica starts looking for free partitions, so
	// that replicas starting together try different ones first.
	first int
	wake  chan struct{} // a partition may have something to read

	stopLeases context.CancelFunc
	leasesDone chan struct{}

	mu    sync.Mutex
	parts []partitionState
}

// partitionState is what this replica knows of one partition.
type partitionState struct {
	held bool // this replica holds the lease
	// until is when the lease surely still runs: the start of its last
	// renewal plus the time to live. Past it nothing more is read.
	until    time.Time
	adopted  bool // earlier holders' pending updates are taken over
	handover bool // beyond this replica's share: read no more, release when idle
	reading  bool // the reader is reading it now
	dirty    bool // may have updates to read
	backlog  []queuedUpdate
	inHand   int      // handed to the dispatcher, not yet acknowledged
	unacked  []string // handled, but acknowledging failed: tried again
}

type queuedUpdate struct {
	id     string
	update []byte
}

func newInboxReader(b *Bot) *inboxReader {
	h := fnv.New32a()
	h.Write([]byte(b.replica))
	n := b.cfg.Inbox.Partitions()
	return &inboxReader{
		b: b, inbox: b.cfg.Inbox, name: b.replica, ttl: b.cfg.LeaseTTL,
		first: int(h.Sum32() % uint32(n)), wake: make(chan struct{}, 1),
		parts: make([]partitionState, n),
	}
}

// run reads until ctx ends. The leases are kept after that, until close.
func (r *inboxReader) run(ctx context.Context) {
	leaseCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	r.stopLeases, r.leasesDone = stop, make(chan struct{})
	go func() {
		defer close(r.leasesDone)
		r.keepLeases(ctx, leaseCtx)
	}()
	listening := make(chan struct{})
	go func() {
		defer close(listening)
		r.listen(ctx)
	}()
	r.read(ctx)
	<-listening
}

// close gives up the partitions and says this replica leaves, once the
// updates in hand are done (or cut off).
func (r *inboxReader) close() {
	if r == nil {
		return
	}
	r.stopLeases()
	<-r.leasesDone
	ctx, cancel := context.WithTimeout(context.Background(), leaseReleaseTimeout)
	defer cancel()
	for p := range r.parts {
		r.retryAcks(ctx, p)
		r.mu.Lock()
		held := r.parts[p].held
		r.parts[p] = partitionState{}
		r.mu.Unlock()
		if held {
			if err := r.inbox.Release(ctx, p, r.name); err != nil {
				r.b.log.Warn("release inbox partition", "partition", p, "err", err)
			}
		}
	}
	if err := r.inbox.Leave(ctx, r.name); err != nil {
		r.b.log.Warn("leave inbox", "err", err)
	}
}

// poke wakes the reader.
func (r *inboxReader) poke() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// ring marks a partition as having something to read.
func (r *inboxReader) ring(p int) {
	if p < 0 || p >= len(r.parts) {
		return
	}
	r.mu.Lock()
	r.parts[p].dirty = true
	r.mu.Unlock()
	r.poke()
}

func (r *inboxReader) ringAll() {
	r.mu.Lock()
	for p := range r.parts {
		r.parts[p].dirty = true
	}
	r.mu.Unlock()
	r.poke()
}

// listen turns the inbox's bell into rings until ctx ends.
func (r *inboxReader) listen(ctx context.Context) {
	retry := time.NewTicker(r.ttl / 3)
	defer retry.Stop()
	for ctx.Err() == nil {
		if err := r.inbox.Listen(ctx, r.ring); err != nil {
			r.b.log.Warn("listen for updates", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-retry.C:
		}
		// Rings were lost while not listening.
		r.ringAll()
	}
}

// read reads the partitions that rang until ctx ends; every second, or
// sooner with a short lease, it looks at all of them, for rings lost.
func (r *inboxReader) read(ctx context.Context) {
	look := time.NewTicker(min(time.Second, r.ttl/3))
	defer look.Stop()
	for {
		for p := range r.parts {
			r.readPartition(ctx, p)
		}
		select {
		case <-ctx.Done():
			return
		case <-r.wake:
		case <-look.C:
			r.ringAll()
		}
	}
}

// readPartition hands the partition's waiting updates to the dispatcher,
// as many as it has room for.
func (r *inboxReader) readPartition(ctx context.Context, p int) {
	r.mu.Lock()
	st := &r.parts[p]
	if !st.dirty || !st.held || st.handover || !time.Now().Before(st.until) {
		r.mu.Unlock()
		return
	}
	if !st.adopted && st.inHand > 0 {
		// Adopting takes this replica's own pending updates too: wait
		// until those in hand are done, done() rings.
		r.mu.Unlock()
		return
	}
	st.dirty, st.reading = false, true
	adopted := st.adopted
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		st.reading = false
		r.mu.Unlock()
	}()

	r.retryAcks(ctx, p)
	if !adopted {
		got, err := r.inbox.Adopt(ctx, p, r.name)
		if err != nil {
			r.logReadError("adopt", p, err)
			return
		}
		r.mu.Lock()
		for id, u := range got {
			// Handled already, only its acknowledgement is due.
			if !slices.Contains(st.unacked, id) {
				st.backlog = append(st.backlog, queuedUpdate{id, u})
			}
		}
		st.adopted = true
		r.mu.Unlock()
	}
	for {
		r.mu.Lock()
		free := perChatQueue - st.inHand
		n := min(max(free, 0), len(st.backlog))
		batch := slices.Clone(st.backlog[:n])
		st.backlog = st.backlog[n:]
		r.mu.Unlock()
		if free <= 0 {
			return // done() rings when there is room again
		}
		if len(batch) == 0 {
			got, err := r.inbox.Read(ctx, p, r.name, free)
			if err != nil {
				r.logReadError("read", p, err)
				return
			}
			for id, u := range got {
				batch = append(batch, queuedUpdate{id, u})
			}
			if len(batch) == 0 {
				return
			}
		}
		for _, q := range batch {
			r.submit(ctx, p, q)
		}
	}
}

func (r *inboxReader) logReadError(what string, p int, err error) {
	r.mu.Lock()
	r.parts[p].dirty = true // look again at the next round
	r.mu.Unlock()
	r.b.log.Warn(what+" inbox partition", "partition", p, "err", err)
}

// submit hands one update to the dispatcher, converted as long polling
// converts it; it is acknowledged once handled.
func (r *inboxReader) submit(ctx context.Context, p int, q queuedUpdate) {
	var u models.Update
	if q.update == nil || json.Unmarshal(q.update, &u) != nil {
		r.ack(p, q.id) // deleted while pending, or not an update: nothing to do
		return
	}
	in, ok := convert(&u)
	if !ok {
		r.ack(p, q.id)
		return
	}
	r.b.metrics.updates.WithLabelValues(in.event.Kind.String()).Inc()
	r.b.letterAlbums.note(in.chatID, in.letter)
	r.mu.Lock()
	r.parts[p].inHand++
	r.mu.Unlock()
	job := func(ctx context.Context) {
		r.b.handle(ctx, in)
		// Cut off by the end of the shutdown grace period, it may not
		// have been answered: left for the next holder.
		if ctx.Err() == nil {
			r.ack(p, q.id)
		}
		r.done(p)
	}
	// A partition has at most perChatQueue updates in hand, so no chat's
	// queue can be full; this is for the day that changes.
	if !r.b.dispatch.submit(in.chatID, job) {
		r.b.metrics.dropped.WithLabelValues("queue_full").Inc()
		r.b.letterAlbums.leave(in.chatID, in.letter)
		r.b.release(ctx, in)
		r.ack(p, q.id)
		r.done(p)
	}
}

// done frees the room of a handled update.
func (r *inboxReader) done(p int) {
	r.mu.Lock()
	r.parts[p].inHand--
	r.mu.Unlock()
	r.ring(p)
}

// ackTimeout bounds one acknowledgement; one that fails is tried again.
const ackTimeout = 5 * time.Second

func (r *inboxReader) ack(p int, id string) {
	ctx, cancel := context.WithTimeout(context.Background(), ackTimeout)
	defer cancel()
	if err := r.inbox.Ack(ctx, p, id); err != nil {
		r.b.log.Warn("acknowledge update", "partition", p, "err", err)
		r.mu.Lock()
		r.parts[p].unacked = append(r.parts[p].unacked, id)
		r.mu.Unlock()
	}
}

// retryAcks acknowledges the handled updates whose acknowledgement failed.
func (r *inboxReader) retryAcks(ctx context.Context, p int) {
	r.mu.Lock()
	ids := r.parts[p].unacked
	r.parts[p].unacked = nil
	r.mu.Unlock()
	for i, id := range ids {
		if err := r.inbox.Ack(ctx, p, id); err != nil {
			r.mu.Lock()
			r.parts[p].unacked = append(r.parts[p].unacked, ids[i:]...)
			r.mu.Unlock()
			return
		}
	}
}

// keepLeases renews this replica's partitions every third of the lease's
// time to live, and takes or hands over partitions to hold its share,
// until leaseCtx ends. Once ctx has ended it only renews: the updates in
// hand are being finished.
func (r *inboxReader) keepLeases(ctx, leaseCtx context.Context) {
	t := time.NewTicker(r.ttl / 3)
	defer t.Stop()
	for {
		r.balance(leaseCtx, ctx.Err() == nil)
		select {
		case <-leaseCtx.Done():
			return
		case <-t.C:
		}
	}
}

// balance renews the leases held and, when taking is true, moves this
// replica towards its share of the partitions.
func (r *inboxReader) balance(ctx context.Context, taking bool) {
	live, beatErr := r.inbox.Beat(ctx, r.name, r.ttl)
	if beatErr != nil && ctx.Err() == nil {
		r.b.log.Warn("inbox heartbeat", "err", beatErr)
	}
	for p := range r.parts {
		r.mu.Lock()
		held := r.parts[p].held
		r.mu.Unlock()
		if !held {
			continue
		}
		start := time.Now()
		ok, err := r.inbox.Claim(ctx, p, r.name, r.ttl)
		r.mu.Lock()
		st := &r.parts[p]
		switch {
		case err != nil:
			// Not renewed: reading stops when the lease may have run out.
		case !ok:
			r.b.log.Warn("inbox partition lost", "partition", p, "replica", r.name)
			*st = partitionState{inHand: st.inHand, unacked: st.unacked}
		default:
			if !start.Before(st.until) {
				// The lease may have run out before this renewal took
				// it again, and another replica may have read the
				// partition meanwhile: what Redis holds is the truth,
				// adopt it again.
				st.adopted, st.backlog = false, nil
			}
			st.until = start.Add(r.ttl)
		}
		r.mu.Unlock()
	}
	if beatErr != nil || !taking {
		return
	}
	share := (len(r.parts) + live - 1) / max(live, 1)
	r.handOver(ctx, share)
	r.take(ctx, share)
}

// handOver marks the partitions beyond this replica's share, and releases
// those whose updates in hand are done.
func (r *inboxReader) handOver(ctx context.Context, share int) {
	var release []int
	r.mu.Lock()
	keeping := 0
	for p := range r.parts {
		st := &r.parts[p]
		if st.held {
			keeping++
			st.handover = keeping > share
		}
		if st.held && st.handover && st.inHand == 0 && !st.reading {
			release = append(release, p)
			*st = partitionState{unacked: st.unacked}
		}
	}
	r.mu.Unlock()
	for _, p := range release {
		if err := r.inbox.Release(ctx, p, r.name); err != nil {
			r.b.log.Warn("release inbox partition", "partition", p, "err", err)
		}
	}
}

// take claims free partitions until this replica holds its share. A
// partition whose earlier updates this replica still has in hand waits:
// adopting now would take those again.
func (r *inboxReader) take(ctx context.Context, share int) {
	r.mu.Lock()
	keeping := 0
	for _, st := range r.parts {
		if st.held {
			keeping++
		}
	}
	r.mu.Unlock()
	for i := range r.parts {
		if keeping >= share {
			return
		}
		p := (r.first + i) % len(r.parts)
		r.mu.Lock()
		busy := r.parts[p].held || r.parts[p].inHand > 0
		r.mu.Unlock()
		if busy {
			continue
		}
		start := time.Now()
		ok, err := r.inbox.Claim(ctx, p, r.name, r.ttl)
		if err != nil {
			r.b.log.Warn("claim inbox partition", "partition", p, "err", err)
			return
		}
		if !ok {
			continue
		}
		keeping++
		r.mu.Lock()
		r.parts[p] = partitionState{held: true, until: start.Add(r.ttl), dirty: true, unacked: r.parts[p].unacked}
		r.mu.Unlock()
		r.poke()
	}
}
