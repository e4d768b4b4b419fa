package bot

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// dispatcher runs jobs one chat at a time, in the order they came, and
// different chats side by side on at most `workers` goroutines at once.
// A chat that floods is held back at the door: its extra updates are
// dropped, so it can neither starve the others nor make the bot write to it
// faster than Telegram allows.
type dispatcher struct {
	ctx     context.Context
	slots   chan struct{} // one token per worker
	now     func() time.Time
	perChat int     // queued jobs a chat may have
	scale   float64 // RateScale: the flood guard's limits are scaled

	mu     sync.Mutex
	chats  map[int64]*chatQueue
	guards *chatLimiters
	wg     sync.WaitGroup
}

type chatQueue struct {
	jobs []func(context.Context)
}

// Flood guard: a person may send a short burst, then one update a second.
// An update beyond that waits its turn, up to floodMaxWait; one that would
// wait longer is dropped. A person who presses quickly through a walk of
// screens (the bot answers a press in milliseconds) is slowed down, not
// ignored; one who floods still draws no more than one answer a second.
const (
	floodBurst   = 5
	floodRate    = rate.Limit(1)
	floodMaxWait = 5 * time.Second
)

func newDispatcher(ctx context.Context, workers, perChat int, now func() time.Time, scale float64) *dispatcher {
	return &dispatcher{
		ctx: ctx, slots: make(chan struct{}, workers), now: now, perChat: perChat, scale: scale,
		chats: map[int64]*chatQueue{}, guards: newChatLimiters(floodRate*rate.Limit(scale), int(floodBurst*scale)),
	}
}

// admit reports whether the chat's flood guard lets another update in,
// and how long it must wait before it is handled.
func (d *dispatcher) admit(chatID int64) (time.Duration, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	g := d.guards.get(now, chatID)
	r := g.ReserveN(now, 1)
	wait := r.DelayFrom(now)
	if !r.OK() || wait > time.Duration(float64(floodMaxWait)/d.scale) {
		r.CancelAt(now)
		return 0, false
	}
	return wait, true
}

// submit queues job behind the chat's earlier jobs. It reports false when
// the chat already has a full queue.
func (d *dispatcher) submit(chatID int64, job func(context.Context)) bool {
	d.mu.Lock()
	q, running := d.chats[chatID]
	if !running {
		q = &chatQueue{}
		d.chats[chatID] = q
	}
	if len(q.jobs) >= d.perChat {
		d.mu.Unlock()
		return false
	}
	q.jobs = append(q.jobs, job)
	d.mu.Unlock()
	if !running {
		d.wg.Add(1)
		go d.drain(chatID, q)
	}
	return true
}

// drain runs the chat's jobs until its queue is empty. It takes a worker
// slot per job, not per chat, so a busy chat takes turns with the others.
// A job answers the chat's person: what it sends there is an answer
// (send.go), and it gives its slot back while it waits (outside).
func (d *dispatcher) drain(chatID int64, q *chatQueue) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		if len(q.jobs) == 0 {
			delete(d.chats, chatID)
			d.mu.Unlock()
			return
		}
		job := q.jobs[0]
		q.jobs = q.jobs[1:]
		d.mu.Unlock()

		d.slots <- struct{}{}
		job(answering(context.WithValue(d.ctx, workerKey{}, d.slots), chatID))
		<-d.slots
	}
}

// workerKey marks a context that runs on one of a dispatcher's worker
// slots; its value is the dispatcher's slots.
type workerKey struct{}

// outside runs f, from within a job, without the job's worker slot: for
// waiting that is not this process's work (a moment to send, a retry's
// backoff, a letter read in its own pool, an album's pages gathered). It
// takes a slot again before it returns. The chat's later jobs still wait
// behind the job, as its drain keeps their order; other chats take the
// slot meanwhile. Outside a job (ctx not from a worker) f just runs.
func outside(ctx context.Context, f func()) {
	slots, ok := ctx.Value(workerKey{}).(chan struct{})
	if !ok {
		f()
		return
	}
	<-slots
	defer func() { slots <- struct{}{} }()
	f()
}

// wait blocks until every queued job has run.
func (d *dispatcher) wait() { d.wg.Wait() }
