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
}

// Broadcaster decides what a claimed delivery says and what the
// coordinator sees of the progress (package flows).
type Broadcaster interface {
	Delivery(ctx context.Context, d spreekuurbot.Delivery) (flows.Outgoing, bool, error)
	Delivered(ctx context.Context, d spreekuurbot.Delivery, outcome spreekuurbot.Outcome) (*flows.ProgressNote, error)
	ProgressShown(ctx context.Context, broadcastID string, messageID int) error
}

const (
	// deliveryBatch is how many deliveries a sender takes at once: few, so
	// a sender that stops leaves little for the others to take over.
	deliveryBatch = 8
	// defaultQueueWait is how long one read waits for new deliveries.
	defaultQueueWait = 2 * time.Second
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
			if err := b.deliver(ctx, d); err != nil {
				b.log.Warn("broadcast delivery", "broadcast", d.Broadcast, "err", err)
				_ = sleepContext(ctx, time.Second)
			}
		}
	}
}

// deliver claims one delivery, sends what the flows make of it and
// records how it ended. An error leaves it queued, to be tried again.
func (b *Bot) deliver(ctx context.Context, d spreekuurbot.Delivery) error {
	send, err := b.cfg.Broadcasts.BeginDelivery(ctx, b.cfg.Consumer, d)
	if err != nil || !send {
		return err
	}
	// Shutdown stops the wait for a moment to send (a long 429 included)
	// and leaves the delivery queued for the next start; what was sent is
	// recorded even while shutting down.
	outcome, err := b.sendDelivery(ctx, d)
	if err != nil {
		return err
	}
	ctx = context.WithoutCancel(ctx)
	b.metrics.deliveries.WithLabelValues(string(outcome)).Inc()
	note, err := b.cfg.Broadcaster.Delivered(ctx, d, outcome)
	if err != nil {
		return err
	}
	if note != nil {
		b.showProgress(ctx, note)
	}
	return nil
}

// sendDelivery sends the delivery, worded by the flows, as broadcast
// traffic. An error means the message could not be worded (storage
// failed) or shutdown came first: it is to be sent again.
func (b *Bot) sendDelivery(ctx context.Context, d spreekuurbot.Delivery) (spreekuurbot.Outcome, error) {
	out, ok, err := b.cfg.Broadcaster.Delivery(ctx, d)
	if err != nil {
		return "", err
	}
	if !ok {
		return spreekuurbot.OutcomeSkipped, nil
	}
	if b.blocked(ctx, out.To.UserID) {
		return spreekuurbot.OutcomeBlocked, nil
	}
	err = b.reply(withBulk(ctx), incoming{chatID: out.To.UserID, event: flows.Event{UserID: out.To.UserID}}, out.To.Lang, out.Reply)
	switch {
	case err == nil:
		return spreekuurbot.OutcomeSent, nil
	case ctx.Err() != nil:
		return "", ctx.Err() // shutting down: not known to be sent, queued still
	case errors.Is(err, errBlocked):
		return spreekuurbot.OutcomeBlocked, nil
	default:
		b.logSendError("broadcast", out.To.UserID, err)
		return spreekuurbot.OutcomeFailed, nil
	}
}

// showProgress shows the coordinator how far the broadcast is: a new
// message the first time, edits after that, the final count at the end.
func (b *Bot) showProgress(ctx context.Context, note *flows.ProgressNote) {
	to := incoming{chatID: note.To.UserID, event: flows.Event{UserID: note.To.UserID}, messageID: note.Edit}
	if note.Edit > 0 {
		if err := b.reply(ctx, to, note.To.Lang, note.Reply); err != nil {
			b.logSendError("broadcast progress", note.To.UserID, err)
		}
		return
	}
	id, err := b.replySent(ctx, to, note.To.Lang, note.Reply)
	if err != nil {
		b.logSendError("broadcast progress", note.To.UserID, err)
		return
	}
	if note.Record {
		if err := b.cfg.Broadcaster.ProgressShown(ctx, note.Broadcast, id); err != nil {
			b.log.Warn("record progress message", "err", err)
		}
	}
}
