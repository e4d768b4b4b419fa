package bot

import (
	"context"
	"errors"
	"time"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// Reminders hands out the reminders that are due, each to one replica at a
// time, and forgets those that were sent.
type Reminders interface {
	DueReminders(ctx context.Context, now time.Time, limit int) ([]spreekuurbot.DueReminder, error)
	AckReminder(ctx context.Context, id string) error
}

// Notices turns a due reminder into the message to send (false: no longer
// worth sending, its appointment was cancelled or moved), and remembers
// the messages that told volunteers of a booking, to change them later.
type Notices interface {
	Reminder(ctx context.Context, r spreekuurbot.DueReminder) (flows.Outgoing, bool, error)
	Notified(ctx context.Context, bookingID string, chatID int64, messageID int, lang string) error
	NotifiedMessages(ctx context.Context, bookingID string) ([]spreekuurbot.SentMessage, error)
	// ExpiredOffers passes on the freed times held for a waiting resident
	// whose 30 minutes ran out, and words what to send about them.
	ExpiredOffers(ctx context.Context) ([]flows.Outgoing, error)
}

// reminderBatch bounds the reminders claimed at once: each claimed one is
// leased, so a replica takes no more than it sends before the lease ends.
const reminderBatch = 50

// sendReminders sends due reminders every `every` until ctx ends.
func (b *Bot) sendReminders(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		b.remindOnce(ctx)
		b.passOffers(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// remindOnce claims and sends the reminders due now.
func (b *Bot) remindOnce(ctx context.Context) {
	due, err := b.cfg.Reminders.DueReminders(ctx, b.cfg.Now(), reminderBatch)
	if err != nil {
		if ctx.Err() == nil {
			b.log.Warn("claim reminders", "err", err)
		}
		return
	}
	for _, d := range due {
		out, ok, err := b.cfg.Notices.Reminder(ctx, d)
		if err != nil {
			b.log.Warn("prepare reminder", "err", err)
			continue
		}
		// Nobody to read it: the person blocked the bot.
		ok = ok && !b.blocked(ctx, d.UserID)
		if ok {
			in := incoming{chatID: out.To.UserID, event: flows.Event{UserID: out.To.UserID}}
			// A claimed reminder is finished even when shutdown begins,
			// within the grace period: cut off mid-send, it could go out
			// twice.
			sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.cfg.ShutdownGrace)
			err = b.reply(sendCtx, in, out.To.Lang, out.Reply)
			cancel()
		}
		if err != nil && !errors.Is(err, errBlocked) {
			// Not acknowledged: when the lease ends, a replica tries again.
			b.logSendError("reminder", d.UserID, err)
			continue
		}
		// Acknowledge even while shutting down: it was sent.
		if err := b.cfg.Reminders.AckReminder(context.WithoutCancel(ctx), d.ID); err != nil {
			b.log.Warn("acknowledge reminder", "err", err)
		}
		if ok {
			b.metrics.reminders.Inc()
		}
	}
}

// passOffers sends what the waitlist's expired holds bring: the person
// who let a time pass is told, and the next person waiting is offered it.
// It runs with the reminders, under their lease; the store ends each hold
// once whichever replica sweeps.
func (b *Bot) passOffers(ctx context.Context) {
	outs, err := b.cfg.Notices.ExpiredOffers(ctx)
	if err != nil {
		if ctx.Err() == nil {
			b.log.Warn("expire offers", "err", err)
		}
		return
	}
	for _, out := range outs {
		b.notify(ctx, "offer", out)
	}
}
