package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/store"
)

// testAppointmentReminders: an appointment's reminders, kept in its
// booking, are claimed once between two replicas, each with its person,
// language, booking, slot and moments as set; come back after an
// unacknowledged lease; are dropped when too late, cancelled or moved;
// and a reminder set again after a move survives the acknowledgement of
// the one claimed before it.
func testAppointmentReminders(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	a, b := open(t, url), open(t, url)
	rdb := raw(t, url)
	const coordinator = 900
	for user, lang := range map[int64]string{coordinator: "nl", 1: "ar"} {
		if err := a.SaveSession(ctx, user, spreekuurbot.Session{Lang: lang}); err != nil {
			t.Fatal(err)
		}
	}
	// Thirty residents, fifteen slots of two, each with the evening
	// before, an hour before and the coordinator's alarm a day on.
	type set struct {
		booking spreekuurbot.Booking
		begins  time.Time
	}
	var booked []set
	for i := range 30 {
		slot := slotAt(spreekuurbot.ClockTime(i/2*10), 2)
		bk, err := a.Book(ctx, fmt.Sprintf("rem-%d", i), spreekuurbot.Booking{UserID: int64(1 + i), Slot: slot, Lang: "ar"}, zone, bookNow)
		if err != nil {
			t.Fatal(err)
		}
		begins := slot.Begins(zone)
		evening := slot.Date.AddDays(-1).At(19*60, zone)
		for _, r := range []spreekuurbot.Reminder{
			{At: evening, Until: evening.Add(2 * time.Hour)},
			{At: begins.Add(-time.Hour), Until: begins},
			{At: bookNow.Add(24 * time.Hour), Until: begins, To: coordinator, Unconfirmed: true},
		} {
			r.Booking, r.Slot = bk.ID, slot.ID()
			to := bk.UserID
			if r.To != 0 {
				to = r.To
			}
			if err := a.AddReminder(ctx, to, r, bookNow); err != nil {
				t.Fatal(err)
			}
		}
		booked = append(booked, set{bk, begins})
	}
	if got, err := a.Export(ctx, 1, bookNow); err != nil || got.Reminders != 2 {
		t.Errorf("show my data: %d reminders (%v), want the resident's 2", got.Reminders, err)
	}
	if due, err := a.DueReminders(ctx, bookNow.Add(time.Hour), 50); err != nil || len(due) != 0 {
		t.Fatalf("an hour after booking: %+v (%v), want nothing due", due, err)
	}

	// A day on, the alarms: two replicas in batches of 7 claim each once.
	alarm := bookNow.Add(24 * time.Hour)
	var mu sync.Mutex
	claimed := map[string]spreekuurbot.DueReminder{}
	var wg sync.WaitGroup
	for _, s := range []*store.Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				due, err := s.DueReminders(ctx, alarm, 7)
				if err != nil {
					t.Error(err)
					return
				}
				if len(due) > 7 {
					t.Errorf("claimed %d in a batch of 7", len(due))
				}
				if len(due) == 0 {
					return
				}
				mu.Lock()
				for _, d := range due {
					if _, twice := claimed[d.ID]; twice {
						t.Errorf("reminder %s claimed twice", d.ID)
					}
					claimed[d.ID] = d
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(claimed) != len(booked) {
		t.Fatalf("%d alarms claimed, want %d", len(claimed), len(booked))
	}
	first := booked[0]
	want := spreekuurbot.DueReminder{UserID: coordinator, Lang: "nl", Reminder: spreekuurbot.Reminder{
		At: time.Unix(alarm.Unix(), 0), Until: time.Unix(first.begins.Unix(), 0), Booking: first.booking.ID, Slot: first.booking.Slot.ID(),
		To: coordinator, Unconfirmed: true,
	}}
	var unacked string
	for id, d := range claimed {
		if d.Booking == first.booking.ID {
			want.ID, unacked = id, id
			if d != want {
				t.Errorf("alarm\n got %+v\nwant %+v", d, want)
			}
			continue
		}
		if err := a.AckReminder(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if due, _ := b.DueReminders(ctx, alarm.Add(time.Minute), 50); len(due) != 0 {
		t.Errorf("%d reminders claimed again within the lease", len(due))
	}
	again, err := b.DueReminders(ctx, alarm.Add(store.ReminderLease+time.Second), 50)
	if err != nil || len(again) != 1 || again[0].Booking != first.booking.ID || !again[0].Unconfirmed {
		t.Fatalf("after the lease: %+v (%v), want the unacknowledged alarm again", again, err)
	}
	if err := b.AckReminder(ctx, again[0].ID); err != nil {
		t.Fatal(err)
	}
	// The first claim's acknowledgement comes late: nothing to undo.
	if err := a.AckReminder(ctx, unacked); err != nil {
		t.Fatal(err)
	}

	// The evening before, in the residents' language; the cancelled
	// booking's is not claimed.
	evening := thursday.AddDays(-1).At(19*60, zone)
	if err := a.Cancel(ctx, "cancel-2", 2, booked[1].booking.ID); err != nil {
		t.Fatal(err)
	}
	due, err := a.DueReminders(ctx, evening.Add(time.Minute), 50)
	if err != nil || len(due) != len(booked)-1 {
		t.Fatalf("the evening before: %d reminders (%v), want %d", len(due), err, len(booked)-1)
	}
	for _, d := range due {
		if d.Booking == booked[1].booking.ID {
			t.Errorf("a cancelled booking's reminder was claimed: %+v", d)
		}
		if d.Booking == first.booking.ID && (d.UserID != 1 || d.Lang != "ar" || d.Until.Sub(d.At) != 2*time.Hour || d.Unconfirmed || d.To != 0 || d.Slot != first.booking.Slot.ID()) {
			t.Errorf("evening reminder = %+v", d)
		}
		if err := a.AckReminder(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := a.Export(ctx, 1, bookNow); err != nil || got.Reminders != 1 {
		t.Errorf("show my data after the evening: %d reminders (%v), want 1", got.Reminders, err)
	}

	// An hour before: claimed, then the resident moves to the same hour
	// elsewhere and the flows set that time's reminder. The old claim's
	// acknowledgement leaves the new reminder.
	soon := first.begins.Add(-time.Hour)
	due, err = a.DueReminders(ctx, soon, 1)
	if err != nil || len(due) != 1 || due[0].Booking != first.booking.ID {
		t.Fatalf("an hour before: %+v (%v)", due, err)
	}
	elsewhere := first.booking.Slot
	elsewhere.Location = "stad-west"
	if err := a.Move(ctx, "move-1", 1, first.booking.ID, elsewhere, zone, soon); err != nil {
		t.Fatal(err)
	}
	if err := a.AddReminder(ctx, 1, spreekuurbot.Reminder{At: soon, Until: first.begins, Booking: first.booking.ID, Slot: elsewhere.ID()}, soon); err != nil {
		t.Fatal(err)
	}
	if err := a.AckReminder(ctx, due[0].ID); err != nil {
		t.Fatal(err)
	}
	due, err = b.DueReminders(ctx, soon.Add(time.Second), 50)
	if err != nil || len(due) != 1 || due[0].Slot != elsewhere.ID() {
		t.Fatalf("after the move: %+v (%v), want the new slot's reminder", due, err)
	}
	if err := b.AckReminder(ctx, due[0].ID); err != nil {
		t.Fatal(err)
	}

	// A booking moved to next week: the reminders of its old time are
	// gone with it.
	third := booked[2]
	nextWeek := third.booking.Slot
	nextWeek.Date = nextWeek.Date.AddDays(7)
	if err := a.Move(ctx, "move-3", 3, third.booking.ID, nextWeek, zone, soon); err != nil {
		t.Fatal(err)
	}
	due, err = a.DueReminders(ctx, third.begins.Add(-time.Hour), 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range due {
		if d.Booking == third.booking.ID {
			t.Errorf("a reminder of the time moved from was claimed: %+v", d)
		}
		if err := a.AckReminder(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
	}

	// After downtime past the last appointment, the hour-before reminders
	// not sent are dropped, not sent late, and the due set is empty.
	last := booked[len(booked)-1].begins
	if late, err := a.DueReminders(ctx, last.Add(time.Minute), 50); err != nil || len(late) != 0 {
		t.Errorf("after downtime: %d reminders sent late (%v)", len(late), err)
	}
	if n := rdb.ZCard(ctx, "{bk}:due").Val(); n != 0 {
		t.Errorf("%d bookings left in the due set", n)
	}
}
