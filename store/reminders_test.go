package store_test

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
	"spreekuurbot/internal/testclock"
	"spreekuurbot/store"
)

func testSubscriptions(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	s := open(t, newRedis(t))
	now := testclock.Now()
	for _, u := range []int64{11, 12, 13} {
		if err := s.Subscribe(ctx, u, "haven", now); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Subscribe(ctx, 11, "poort", now); err != nil {
		t.Fatal(err)
	}
	if err := s.Unsubscribe(ctx, 12, "haven"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Subscribers(ctx, "haven", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0]+got[1] != 24 {
		t.Errorf("subscribers of haven = %v, want 11 and 13", got)
	}
	sess, err := s.Session(ctx, 11)
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Subs) != 2 {
		t.Errorf("user 11's session shows subscriptions %v", sess.Subs)
	}
	// A year on, the subscriptions have lapsed.
	if got, _ := s.Subscribers(ctx, "haven", now.Add(store.SubscriptionTTL+time.Hour)); len(got) != 0 {
		t.Errorf("lapsed subscribers still listed: %v", got)
	}
}

// testRemindersOnce: two replicas claiming at the same moment get each
// reminder once between them; an unacknowledged one comes back after its
// lease; one due long ago is dropped.
func testRemindersOnce(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	a, b := open(t, url), open(t, url)
	now := testclock.At(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	deadline := spreekuurbot.DateOf(now).AddDays(3)
	for i := int64(0); i < 40; i++ {
		if err := a.AddReminder(ctx, 100+i, spreekuurbot.Reminder{At: now.Add(-time.Duration(i) * time.Minute), Deadline: deadline, Node: "letter-bd-aanslag"}, now); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.SaveSession(ctx, 100, spreekuurbot.Session{Lang: "ti"}); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	claimed := map[string]int{}
	var wg sync.WaitGroup
	for _, s := range []*store.Store{a, b, a, b} {
		wg.Add(1)
		go func(s *store.Store) {
			defer wg.Done()
			due, err := s.DueReminders(ctx, now, 15)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, d := range due {
				claimed[d.ID]++
				if d.UserID == 100 && d.Lang != "ti" {
					t.Errorf("reminder for user 100 in %q, want their language ti", d.Lang)
				}
				if d.Deadline != deadline || d.Node != "letter-bd-aanslag" {
					t.Errorf("reminder = %+v", d)
				}
			}
		}(s)
	}
	wg.Wait()
	if len(claimed) != 40 {
		t.Errorf("%d reminders claimed, want 40", len(claimed))
	}
	for id, n := range claimed {
		if n != 1 {
			t.Errorf("reminder %s claimed %d times", id, n)
		}
	}
	var one string
	for id := range claimed {
		one = id
		break
	}
	for id := range claimed {
		if id != one {
			if err := a.AckReminder(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Within the lease nothing comes back; after it, the unacknowledged one.
	if due, _ := b.DueReminders(ctx, now.Add(time.Minute), 50); len(due) != 0 {
		t.Errorf("%d reminders claimed again within the lease", len(due))
	}
	due, err := b.DueReminders(ctx, now.Add(store.ReminderLease+time.Second), 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(due) != 1 || due[0].ID != one {
		t.Errorf("after the lease: %+v, want reminder %s again", due, one)
	}

	// Downtime: a reminder whose moment passed long ago is dropped.
	if err := a.AddReminder(ctx, 7, spreekuurbot.Reminder{At: now, Deadline: deadline, Node: "x"}, now); err != nil {
		t.Fatal(err)
	}
	if due, _ := a.DueReminders(ctx, now.Add(store.ReminderWindow+time.Hour), 50); len(due) != 0 {
		t.Errorf("a reminder %v late was sent: %+v", store.ReminderWindow+time.Hour, due)
	}
}

// testRemindersWrittenBefore: a reminder stored before records became one
// string (a hash of named fields, with the keyed hash) is still claimed
// with everything it said, next to one stored now, and acknowledging it
// removes it. A new record holds no keyed hash.
func testRemindersWrittenBefore(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	s, rdb := open(t, url), raw(t, url)
	now := testclock.At(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	at := now.Add(-time.Minute)
	until := now.Add(time.Hour)
	const oldUser, newUser = 301, 302
	for _, u := range []int64{oldUser, newUser} {
		if err := s.SaveSession(ctx, u, spreekuurbot.Session{Lang: "so"}); err != nil {
			t.Fatal(err)
		}
	}
	// As AddReminder wrote it before.
	const oldID = "00112233aabbccdd"
	if err := rdb.HSet(ctx, "{rem}:"+oldID, "user", oldUser, "node", "", "deadline", "", "hash", s.UserKey(oldUser),
		"until", until.Unix(), "booking", "b0", "slot", "stad-centrum.20261203.1000", "unconfirmed", "true").Err(); err != nil {
		t.Fatal(err)
	}
	if err := rdb.ZAdd(ctx, "{rem}:due", redis.Z{Score: float64(at.Unix()), Member: oldID}).Err(); err != nil {
		t.Fatal(err)
	}
	deadline := spreekuurbot.DateOf(now).AddDays(2)
	if err := s.AddReminder(ctx, newUser, spreekuurbot.Reminder{At: at, Until: until, Deadline: deadline, Node: "letter-cak"}, now); err != nil {
		t.Fatal(err)
	}
	due, err := s.DueReminders(ctx, now, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]spreekuurbot.DueReminder{}
	for _, d := range due {
		got[d.UserID] = d
	}
	want := map[int64]spreekuurbot.DueReminder{
		oldUser: {ID: oldID, UserID: oldUser, Lang: "so", Reminder: spreekuurbot.Reminder{At: time.Unix(at.Unix(), 0), Until: time.Unix(until.Unix(), 0),
			Booking: "b0", Slot: "stad-centrum.20261203.1000", Unconfirmed: true}},
		newUser: {ID: got[newUser].ID, UserID: newUser, Lang: "so", Reminder: spreekuurbot.Reminder{At: time.Unix(at.Unix(), 0), Until: time.Unix(until.Unix(), 0),
			Deadline: deadline, Node: "letter-cak"}},
	}
	if len(due) != 2 || !reflect.DeepEqual(got, want) {
		t.Errorf("claimed %+v\nwant %+v", got, want)
	}
	if rec, err := rdb.Get(ctx, "{rem}:"+got[newUser].ID).Result(); err != nil || strings.Contains(rec, s.UserKey(newUser)) {
		t.Errorf("the new record %q (%v) holds the keyed hash", rec, err)
	}
	for _, d := range due {
		if err := s.AckReminder(ctx, d.ID); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := rdb.Exists(ctx, "{rem}:"+oldID, "{rem}:"+got[newUser].ID).Result(); err != nil || n != 0 {
		t.Errorf("%d records left after acknowledging (%v)", n, err)
	}
	if due, err := s.DueReminders(ctx, now.Add(store.ReminderLease+time.Second), 10); err != nil || len(due) != 0 {
		t.Errorf("after acknowledging: %+v (%v)", due, err)
	}
}
