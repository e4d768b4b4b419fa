package bot

import (
	"context"
	"errors"
	"os"
	"strconv"
	"time"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// BroadcastQueue is the durable queue of broadcast deliveries: each is
// handed to one sender, stays with it until finished, and moves to
// another sender when this one stops.
type BroadcastQueue interface {
	NextDeliveries(ctx context.Context, consumer string, n int, block time.Duration) ([]spreekuurbot.Delivery, error)
	BeginDelivery(ctx context.Context, consumer string, d spreekuurbot.Delivery) (bool, error)
	FinishDelivery(ctx context.Context, d spreekuurbot.Delivery, outcome spreekuurbot.Outcome, now time.Time, every time.Duration) (spreekuurbot.ProgressUpdate, error)
	SetProgressMessage(ctx context.Context, broadcastID string, messageID int) error
	Broadcast(ctx context.Context, id string) (spreekuurbot.Broadcast, error)
}

// Broadcaster words a broadcast for one recipient.
type Broadcaster interface {
	BroadcastReply(ctx context.Context, b spreekuurbot.Broadcast, to spreekuurbot.Addressee) (flows.Reply, bool, error)
}

const (
	// deliveryBatch is how many deliveries a sender takes at once: few, so
	// a sender that stops leaves little for the others to take over.
	deliveryBatch = 8
	// defaultQueueWait is how long one read waits for new deliveries.
	defaultQueueWait = 2 * time.Second
	// defaultProgressEvery spaces the edits of a coordinator's progress
	// message: Telegram limits edits like messages.
	defaultProgressEvery = 5 * time.Second
)

// defaultConsumer names this process in the queue. A stable name (the
// host's) lets a restarted process resume its own deliveries at once;
// others are taken over after store.DefaultClaimIdle.
func defaultConsumer() string {
	if host, err := os.Hostname(); err == nil && host != "" {
		return host
	}
	return "sender-" + strconv.Itoa(os.Getpid())
}

// sendBroadcasts sends queued deliveries, one at a time, until ctx ends.
// One at a time is the guarantee: when the process dies, only the one
// delivery in flight can reach its recipient twice.
func (b *Bot) sendBroadcasts(ctx context.Context) {
	specs := map[string]spreekuurbot.Broadcast{}
	for ctx.Err() == nil {
		batch, err := b.cfg.Broadcasts.NextDeliveries(ctx, b.cfg.Consumer, deliveryBatch, b.cfg.QueueWait)
		if err != nil {
			if ctx.Err() == nil {
				b.log.Warn("read broadcast queue", "err", err)
				_ = sleepContext(ctx, time.Second)
			}
			continue
		}
		for _, d := range batch {
			if ctx.Err() != nil {
				return // the rest stays queued for this sender's next start
			}
			if err := b.deliver(ctx, d, specs); err != nil {
				b.log.Warn("broadcast delivery", "broadcast", d.Broadcast, "err", err)
				_ = sleepContext(ctx, time.Second)
			}
		}
	}
}

// deliver sends one delivery and records how it ended. An error leaves it
// queued, to be tried again.
func (b *Bot) deliver(ctx context.Context, d spreekuurbot.Delivery, specs map[string]spreekuurbot.Broadcast) error {
	q := b.cfg.Broadcasts
	send, err := q.BeginDelivery(ctx, b.cfg.Consumer, d)
	if err != nil || !send {
		return err
	}
	spec, ok := specs[d.Broadcast]
	if !ok {
		if spec, err = q.Broadcast(ctx, d.Broadcast); err != nil {
			return err
		}
		specs[d.Broadcast] = spec
	}
	// Shutdown stops the wait for a moment to send (a long 429 included)
	// and leaves the delivery queued for the next start; what was sent is
	// recorded even while shutting down.
	outcome, err := b.sendDelivery(ctx, spec, d)
	if err != nil {
		return err
	}
	ctx = context.WithoutCancel(ctx)
	b.metrics.deliveries.WithLabelValues(string(outcome)).Inc()
	u, err := q.FinishDelivery(ctx, d, outcome, b.cfg.Now(), b.cfg.ProgressEvery)
	if err != nil {
		return err
	}
	if u.Show {
		b.showProgress(ctx, spec, u)
	}
	return nil
}

// sendDelivery sends the broadcast to one recipient in their language, as
// broadcast traffic. An error means the message could not be worded
// (storage failed) or shutdown came first: it is to be sent again.
func (b *Bot) sendDelivery(ctx context.Context, spec spreekuurbot.Broadcast, d spreekuurbot.Delivery) (spreekuurbot.Outcome, error) {
	reply, ok, err := b.cfg.Broadcaster.BroadcastReply(ctx, spec, d.To)
	if err != nil {
		return "", err
	}
	if !ok {
		return spreekuurbot.OutcomeSkipped, nil
	}
	if b.blocked(ctx, d.To.UserID) {
		return spreekuurbot.OutcomeBlocked, nil
	}
	lang := b.langs.Or(d.To.Lang)
	err = b.reply(withBulk(ctx), incoming{chatID: d.To.UserID, event: flows.Event{UserID: d.To.UserID}}, lang, reply)
	switch {
	case err == nil:
		return spreekuurbot.OutcomeSent, nil
	case ctx.Err() != nil:
		return "", ctx.Err() // shutting down: not known to be sent, queued still
	case errors.Is(err, errBlocked):
		return spreekuurbot.OutcomeBlocked, nil
	default:
		b.logSendError("broadcast", d.To.UserID, err)
		return spreekuurbot.OutcomeFailed, nil
	}
}

// showProgress shows the coordinator how far the broadcast is: a new
// message the first time, edits after that, the final count at the end.
func (b *Bot) showProgress(ctx context.Context, spec spreekuurbot.Broadcast, u spreekuurbot.ProgressUpdate) {
	if spec.From == 0 {
		return
	}
	lang := b.langs.Or(spec.FromLang)
	reply := flows.ProgressReply(u.Progress)
	to := incoming{chatID: spec.From, event: flows.Event{UserID: spec.From}}
	switch {
	case u.MessageID > 0:
		to.messageID = u.MessageID
		reply.Edit = true
		if err := b.reply(ctx, to, lang, reply); err != nil {
			b.logSendError("broadcast progress", spec.From, err)
		}
	case u.New || u.Final:
		// Final without a message: the sender of the first one has not
		// recorded it yet; the count still reaches the coordinator.
		id, err := b.replySent(ctx, to, lang, reply)
		if err != nil {
			b.logSendError("broadcast progress", spec.From, err)
			return
		}
		if u.New && !u.Final {
			if err := b.cfg.Broadcasts.SetProgressMessage(ctx, spec.ID, id); err != nil {
				b.log.Warn("record progress message", "err", err)
			}
		}
	}
}
