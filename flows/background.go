package flows

import (
	"context"
	"fmt"
	"sync"

	"spreekuurbot"
)

// What the bot sends on its own, decided here: the transport only claims
// the work (a due reminder, a queued delivery), sends what these functions
// return and acknowledges it.

// Reminder words a due reminder for the person it is for, in their
// language. It reports false when the reminder is no longer worth sending:
// its appointment was cancelled or moved, or someone took it.
func (e *Engine) Reminder(ctx context.Context, r spreekuurbot.DueReminder) (Outgoing, bool, error) {
	if err := e.refreshLatest(ctx); err != nil {
		return Outgoing{}, false, err
	}
	reply, ok, err := e.ReminderReply(ctx, r)
	if err != nil || !ok {
		return Outgoing{}, false, err
	}
	return Outgoing{To: spreekuurbot.Recipient{UserID: r.UserID, Lang: e.languages.Or(r.Lang)}, Reply: reply}, true, nil
}

// Delivery words a claimed broadcast delivery for its addressee, in their
// language. It reports false when there is nothing to send: the addressee
// left the audience since it was queued, or a closure notice's
// appointment was moved or cancelled.
func (e *Engine) Delivery(ctx context.Context, d spreekuurbot.Delivery) (Outgoing, bool, error) {
	if err := e.refreshLatest(ctx); err != nil {
		return Outgoing{}, false, err
	}
	b, err := e.broadcast(ctx, d.Broadcast)
	if err != nil {
		return Outgoing{}, false, fmt.Errorf("delivery: %w", err)
	}
	reply, ok, err := e.BroadcastReply(ctx, b, d.To)
	if err != nil || !ok {
		return Outgoing{}, false, err
	}
	return Outgoing{To: spreekuurbot.Recipient{UserID: d.To.UserID, Lang: e.languages.Or(d.To.Lang)}, Reply: reply}, true, nil
}

// ProgressNote is what the coordinator who sent a broadcast is to see
// now: a new message, or an edit of message Edit. Record asks the
// transport to pass the new message's ID to ProgressShown, so the next
// note edits it.
type ProgressNote struct {
	Outgoing
	Broadcast string
	Edit      int
	Record    bool
}

// Delivered counts how a delivery ended and says what the coordinator is
// to see now, if anything: the progress at most every ProgressEvery, and
// the final count once.
func (e *Engine) Delivered(ctx context.Context, d spreekuurbot.Delivery, outcome spreekuurbot.Outcome) (*ProgressNote, error) {
	u, err := e.cfg.Deliveries.FinishDelivery(ctx, d, outcome, e.cfg.Now(), e.cfg.ProgressEvery)
	if err != nil || !u.Show {
		return nil, err
	}
	b, err := e.broadcast(ctx, d.Broadcast)
	if err != nil {
		return nil, fmt.Errorf("progress: %w", err)
	}
	if b.From == 0 {
		return nil, nil
	}
	note := &ProgressNote{
		Outgoing:  Outgoing{To: spreekuurbot.Recipient{UserID: b.From, Lang: e.languages.Or(b.FromLang)}, Reply: ProgressReply(u.Progress)},
		Broadcast: d.Broadcast,
	}
	switch {
	case u.MessageID > 0:
		note.Edit = u.MessageID
		note.Reply.Edit = true
	case u.New || u.Final:
		// Final without a message: the sender of the first one has not
		// recorded it yet; the count still reaches the coordinator.
		note.Record = u.New && !u.Final
	default:
		return nil, nil // another sender is sending the first message
	}
	return note, nil
}

// ProgressShown records the message that shows a broadcast's progress,
// so later notes edit it.
func (e *Engine) ProgressShown(ctx context.Context, broadcastID string, messageID int) error {
	if err := e.cfg.Deliveries.SetProgressMessage(ctx, broadcastID, messageID); err != nil {
		return fmt.Errorf("record progress message: %w", err)
	}
	return nil
}

// specs keeps the broadcasts being sent: a broadcast does not change once
// queued, and each of its deliveries needs it, so it is read from the
// store once per broadcast, not once per message.
type specs struct {
	mu     sync.Mutex
	recent [8]spreekuurbot.Broadcast
	next   int
}

// broadcast reads a queued broadcast, from the few kept in memory when it
// is one of them.
func (e *Engine) broadcast(ctx context.Context, id string) (spreekuurbot.Broadcast, error) {
	c := &e.specs
	c.mu.Lock()
	for _, b := range c.recent {
		if b.ID == id && id != "" {
			c.mu.Unlock()
			return b, nil
		}
	}
	c.mu.Unlock()
	b, err := e.cfg.Deliveries.Broadcast(ctx, id)
	if err != nil {
		return b, err
	}
	c.mu.Lock()
	c.recent[c.next] = b
	c.next = (c.next + 1) % len(c.recent)
	c.mu.Unlock()
	return b, nil
}
