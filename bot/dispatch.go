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
	perChat int // queued jobs a chat may have

	mu     sync.Mutex
	chats  map[int64]*chatQueue
	guards *chatLimiters
	wg     sync.WaitGroup
}

type chatQueue struct {
	jobs []func(context.Context)
}

// Flood guard: a person may send a short burst, then one update a second.
const (
	floodBurst = 5
	floodRate  = rate.Limit(1)
)

func newDispatcher(ctx context.Context, workers, perChat int, now func() time.Time, scale float64) *dispatcher {
	return &dispatcher{
		ctx: ctx, slots: make(chan struct{}, workers), now: now, perChat: perChat,
		chats: map[int64]*chatQueue{}, guards: newChatLimiters(floodRate*rate.Limit(scale), int(floodBurst*scale)),
	}
}

// admit reports whether the chat's flood guard lets another update in.
func (d *dispatcher) admit(chatID int64) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	g := d.guards.get(now, chatID)
	return g.AllowN(now, 1)
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
		job(d.ctx)
		<-d.slots
	}
}

// outside runs f, from within a job, without the job's worker slot: for
// waiting that is not this process's work (a letter read in its own
// pool, an album's pages gathered). The chat's later jobs still wait
// behind the job; other chats take the slot meanwhile.
func (d *dispatcher) outside(f func()) {
	<-d.slots
	defer func() { d.slots <- struct{}{} }()
	f()
}

// wait blocks until every queued job has run.
func (d *dispatcher) wait() { d.wg.Wait() }
