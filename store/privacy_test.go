package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"spreekuurbot"
)

// testForgetLeavesNothing: "delete my data" cancels the coming
// appointments, frees their places, and leaves no key about the person,
// also when one of their bookings has already expired.
func testForgetLeavesNothing(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	s := open(t, url)
	rdb := raw(t, url)
	const user, neighbour = 4242, 4343
	if err := s.SaveSession(ctx, user, spreekuurbot.Session{Lang: "ar", Conversation: []byte(`{"screen":"home"}`), Consented: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.Subscribe(ctx, user, "stad-centrum", bookNow); err != nil {
		t.Fatal(err)
	}
	if err := s.AddReminder(ctx, user, spreekuurbot.Reminder{At: bookNow.Add(time.Hour), Deadline: thursday, Node: "x"}, bookNow); err != nil {
		t.Fatal(err)
	}
	var booked []spreekuurbot.Booking
	for i, slot := range []spreekuurbot.Slot{slotAt(0, 2), slotAt(30, 2)} {
		b, err := s.Book(ctx, "f"+strconv.Itoa(i), spreekuurbot.Booking{UserID: user, Slot: slot, Topic: "lf", Lang: "ar"}, zone, bookNow)
		if err != nil {
			t.Fatal(err)
		}
		booked = append(booked, b)
	}
	if _, err := s.Book(ctx, "n", spreekuurbot.Booking{UserID: neighbour, Slot: slotAt(0, 2)}, zone, bookNow); err != nil {
		t.Fatal(err)
	}
	// The second booking's record expired on its own.
	if err := rdb.Del(ctx, "{bk}:b:"+booked[1].ID).Err(); err != nil {
		t.Fatal(err)
	}
	code, err := s.CreateInvite(ctx, []string{"haven-centrum"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Join(ctx, user, code); err != nil {
		t.Fatal(err)
	}

	cancelled, err := s.Forget(ctx, user, bookNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(cancelled) != 1 || cancelled[0].ID != booked[0].ID || cancelled[0].Topic != "lf" {
		t.Errorf("Forget cancelled %+v, want the first booking", cancelled)
	}
	if n, _ := s.Taken(ctx, slotAt(0, 2).ID()); n != 1 {
		t.Errorf("the shared slot holds %d, want the neighbour's 1", n)
	}
	if got, _ := s.Bookings(ctx, neighbour, bookNow); len(got) != 1 {
		t.Errorf("the neighbour's bookings: %+v", got)
	}
	hash := s.UserKey(user)
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if strings.Contains(k, hash) || strings.Contains(k, strconv.Itoa(user)) {
			t.Errorf("key %s is left after Forget", k)
		}
		if strings.HasPrefix(k, "{rem}:") && k != "{rem}:due" {
			t.Errorf("reminder %s is left", k)
		}
	}
	for _, id := range booked {
		if n := rdb.Exists(ctx, "{bk}:b:"+id.ID).Val(); n != 0 {
			t.Errorf("booking %s is left", id.ID)
		}
	}
	if vols, _ := s.VolunteersOf(ctx, "haven-centrum"); len(vols) != 0 {
		t.Errorf("still a volunteer: %+v", vols)
	}
	if rdb.HExists(ctx, "vol:number", strconv.Itoa(user)).Val() {
		t.Error("their volunteer number is left")
	}
}
