package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/store"
)

// openAll lets every slot be offered, as the flows do for a coming time
// on an open day.
func openAll(s spreekuurbot.Slot) (spreekuurbot.Slot, bool) {
	s.Capacity, s.Minutes = 2, 30
	return s, true
}

// fill books every place of slot with residents from first on.
func fill(t *testing.T, s *store.Store, slot spreekuurbot.Slot, first int64) []spreekuurbot.Booking {
	t.Helper()
	var out []spreekuurbot.Booking
	for i := range int64(slot.Capacity) {
		b, err := s.Book(context.Background(), fmt.Sprint("fill-", slot.ID(), "-", i), spreekuurbot.Booking{UserID: first + i, Slot: slot, Topic: "lf", Lang: "nl"}, zone, bookNow)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func offeredTo(offers []spreekuurbot.Offer) []int64 {
	var ids []int64
	for _, o := range offers {
		ids = append(ids, o.UserID)
	}
	return ids
}

// testWaitlistEntries: one entry per resident and place, at most two
// places, gone after 14 days, when left, and with "delete my data".
func testWaitlistEntries(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	s := open(t, url)
	const user = 500
	for _, loc := range []string{"stad-centrum", "haven-centrum", "stad-centrum"} {
		if err := s.Wait(ctx, user, loc, "lf", bookNow); err != nil {
			t.Fatal(loc, err)
		}
	}
	if err := s.Wait(ctx, user, "poort", "lf", bookNow); !errors.Is(err, spreekuurbot.ErrWaitLimit) {
		t.Errorf("a third place: %v, want ErrWaitLimit", err)
	}
	w, err := s.Waiting(ctx, user, bookNow.Add(time.Hour))
	if err != nil || len(w) != 2 || w[0].Location != "haven-centrum" || w[1].Location != "stad-centrum" || w[0].Topic != "lf" {
		t.Fatalf("waiting %+v, %v; want both places", w, err)
	}
	if err := s.Leave(ctx, user, "haven-centrum"); err != nil {
		t.Fatal(err)
	}
	if err := s.Wait(ctx, user, "poort", "tx", bookNow); err != nil {
		t.Errorf("after leaving one: %v", err)
	}
	// 14 days on the application's clock: the entries no longer count.
	later := bookNow.Add(spreekuurbot.WaitFor + time.Minute)
	if w, _ := s.Waiting(ctx, user, later); len(w) != 0 {
		t.Errorf("after 14 days still waiting: %+v", w)
	}
	if err := s.Wait(ctx, user, "haven-centrum", "lf", later); err != nil {
		t.Errorf("after 14 days: %v", err)
	}
	if err := s.Wait(ctx, user, "stad-centrum", "lf", later); err != nil {
		t.Errorf("after 14 days, again: %v", err)
	}
	if _, err := s.Forget(ctx, user, later); err != nil {
		t.Fatal(err)
	}
	if w, _ := s.Waiting(ctx, user, later); len(w) != 0 {
		t.Errorf("after delete my data still waiting: %+v", w)
	}
	rdb := raw(t, url)
	// Nobody else joins or leaves: the sweep still drops an entry after
	// its 14 days, and the list would expire should no sweep run.
	const quiet = 600
	if err := s.Wait(ctx, quiet, "buiten-centrum", "db", bookNow); err != nil {
		t.Fatal(err)
	}
	if ttl := rdb.TTL(ctx, "{bk}:wait:buiten-centrum").Val(); ttl <= 0 || ttl > 2*spreekuurbot.WaitFor {
		t.Errorf("the waitlist lives %v", ttl)
	}
	if _, _, err := s.ExpireOffers(ctx, openAll, bookNow.Add(spreekuurbot.WaitFor-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n := rdb.ZCard(ctx, "{bk}:wait:buiten-centrum").Val(); n != 1 {
		t.Errorf("before its 14 days the entry was dropped (%d left)", n)
	}
	if _, _, err := s.ExpireOffers(ctx, openAll, bookNow.Add(spreekuurbot.WaitFor+time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n := rdb.Exists(ctx, "{bk}:wait:buiten-centrum").Val(); n != 0 {
		t.Errorf("after its 14 days the entry is still kept")
	}
	for _, loc := range []string{"stad-centrum", "haven-centrum", "poort"} {
		members, err := rdb.ZRange(ctx, "{bk}:wait:"+loc, 0, -1).Result()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range members {
			if strings.HasPrefix(m, fmt.Sprint(user, ".")) {
				t.Errorf("after delete my data, %s still holds %s", loc, m)
			}
		}
	}
	for _, m := range rdb.ZRange(ctx, "{bk}:waitdue", 0, -1).Val() {
		if strings.Contains(m, fmt.Sprint("|", user, ".")) {
			t.Errorf("after delete my data, the sweep's list still holds %s", m)
		}
	}
}

// testWaitlistOffer: a cancelled place goes to the first person waiting
// and only to them; it is theirs to book for 30 minutes; declined or run
// out, it goes to the next.
func testWaitlistOffer(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	s := open(t, url)
	slot := slotAt(0, 2)
	booked := fill(t, s, slot, 100)
	for i, user := range []int64{201, 202, 203} {
		if err := s.Wait(ctx, user, slot.Location, "tx", bookNow.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	offers, err := s.CancelAndOffer(ctx, "c1", 100, booked[0].ID, openAll, bookNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(offers) != 1 || offers[0].UserID != 201 || offers[0].Slot.ID() != slot.ID() || offers[0].Topic != "tx" || !offers[0].Until.Equal(bookNow.Add(30*time.Minute)) {
		t.Fatalf("offers %+v; want the slot to 201 until 30 minutes on", offers)
	}
	// "My appointments" shows it to 201 alone, until it ends.
	held := func(user int64, at time.Time) (spreekuurbot.Offer, bool) {
		t.Helper()
		o, ok, err := s.Held(ctx, user, at)
		if err != nil {
			t.Fatal(err)
		}
		return o, ok
	}
	if o, ok := held(201, bookNow.Add(29*time.Minute)); !ok || o.Slot.ID() != slot.ID() || o.Topic != "tx" || !o.Until.Equal(offers[0].Until) || o.UserID != 201 {
		t.Errorf("the time held for 201: %+v, %v", o, ok)
	}
	if _, ok := held(201, bookNow.Add(30*time.Minute)); ok {
		t.Error("the time held for 201 shown after its end")
	}
	if o, ok := held(202, bookNow); ok {
		t.Errorf("202 is shown 201's time: %+v", o)
	}
	// The held place counts: nobody else books it.
	if n, _ := s.Taken(ctx, slot.ID()); n != 2 {
		t.Errorf("the slot counts %d, want 2 (a booking and the hold)", n)
	}
	if _, err := s.Book(ctx, "other", spreekuurbot.Booking{UserID: 300, Slot: slot}, zone, bookNow); !errors.Is(err, spreekuurbot.ErrSlotFull) {
		t.Errorf("another resident booking the held place: %v", err)
	}
	if _, err := s.BookOffer(ctx, "o-202", spreekuurbot.Booking{UserID: 202, Slot: slot, Topic: "tx"}, zone, bookNow); !errors.Is(err, spreekuurbot.ErrNoOffer) {
		t.Errorf("202 booking 201's offer: %v", err)
	}
	// 201 declines: 202 is offered it.
	if _, err := s.DeclineOffer(ctx, 202, slot.ID(), openAll, bookNow); !errors.Is(err, spreekuurbot.ErrNoOffer) {
		t.Errorf("202 declining 201's offer: %v", err)
	}
	offers, err = s.DeclineOffer(ctx, 201, slot.ID(), openAll, bookNow.Add(time.Minute))
	if err != nil || !slices.Equal(offeredTo(offers), []int64{202}) {
		t.Fatalf("after 201 declined: %+v, %v; want 202", offers, err)
	}
	// 202 lets it run out: at 29 minutes nothing ends, at 31 it goes to 203.
	if expired, offered, err := s.ExpireOffers(ctx, openAll, bookNow.Add(30*time.Minute)); err != nil || len(expired)+len(offered) != 0 {
		t.Errorf("before the end: %+v %+v %v", expired, offered, err)
	}
	expired, offered, err := s.ExpireOffers(ctx, openAll, bookNow.Add(32*time.Minute))
	if err != nil || !slices.Equal(offeredTo(expired), []int64{202}) || !slices.Equal(offeredTo(offered), []int64{203}) {
		t.Fatalf("after 31 minutes: expired %+v, offered %+v, %v", expired, offered, err)
	}
	if _, err := s.BookOffer(ctx, "o-202b", spreekuurbot.Booking{UserID: 202, Slot: slot, Topic: "tx"}, zone, bookNow.Add(32*time.Minute)); !errors.Is(err, spreekuurbot.ErrNoOffer) {
		t.Errorf("202 booking after the end: %v", err)
	}
	b, err := s.BookOffer(ctx, "o-203", spreekuurbot.Booking{UserID: 203, Slot: slot, Topic: "tx", Lang: "ar"}, zone, bookNow.Add(33*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Taken(ctx, slot.ID()); n != 2 {
		t.Errorf("after booking the offer the slot counts %d, want 2", n)
	}
	if o, ok := held(203, bookNow.Add(33*time.Minute)); ok {
		t.Errorf("a time booked is still shown as held: %+v", o)
	}
	mine, _ := s.Bookings(ctx, 203, bookNow)
	if len(mine) != 1 || mine[0].ID != b.ID {
		t.Errorf("203's bookings %+v", mine)
	}
	// Nobody waits any more: a cancel frees the place for anyone.
	offers, err = s.CancelAndOffer(ctx, "c2", 101, booked[1].ID, openAll, bookNow)
	if err != nil || len(offers) != 0 {
		t.Errorf("with nobody waiting: %+v, %v", offers, err)
	}
	if n, _ := s.Taken(ctx, slot.ID()); n != 1 {
		t.Errorf("the freed place still counts: %d", n)
	}
}

// testWaitlistLimitAndMove: booking an offer keeps the limit of two
// coming appointments, and a moved appointment's old place is offered.
func testWaitlistLimitAndMove(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	s := open(t, newRedis(t))
	full, other := slotAt(0, 1), slotAt(60, 1)
	booked := fill(t, s, full, 100)
	const waiter = 400
	if err := s.Wait(ctx, waiter, full.Location, "lf", bookNow); err != nil {
		t.Fatal(err)
	}
	for i, at := range []spreekuurbot.Slot{slotAt(120, 2), slotAt(150, 2)} {
		if _, err := s.Book(ctx, fmt.Sprint("w", i), spreekuurbot.Booking{UserID: waiter, Slot: at}, zone, bookNow); err != nil {
			t.Fatal(err)
		}
	}
	offers, err := s.MoveAndOffer(ctx, "m1", 100, booked[0].ID, other, zone, bookNow, openAll)
	if err != nil || !slices.Equal(offeredTo(offers), []int64{waiter}) || offers[0].Slot.ID() != full.ID() {
		t.Fatalf("move: %+v, %v; want the old slot to %d", offers, err, waiter)
	}
	if _, err := s.BookOffer(ctx, "o1", spreekuurbot.Booking{UserID: waiter, Slot: full}, zone, bookNow); !errors.Is(err, spreekuurbot.ErrLimitReached) {
		t.Errorf("booking an offer with two appointments: %v", err)
	}
	// The hold stays theirs while they free one of their appointments.
	mine, _ := s.Bookings(ctx, waiter, bookNow)
	if err := s.Cancel(ctx, "free", waiter, mine[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BookOffer(ctx, "o2", spreekuurbot.Booking{UserID: waiter, Slot: full}, zone, bookNow.Add(10*time.Minute)); err != nil {
		t.Errorf("booking the offer after cancelling one: %v", err)
	}
	// A capacity added by a coordinator is offered too.
	if err := s.Wait(ctx, 401, full.Location, "lf", bookNow); err != nil {
		t.Fatal(err)
	}
	bigger := full
	bigger.Capacity = 2
	offers, err = s.Offer(ctx, []spreekuurbot.Slot{other, bigger}, bookNow)
	if err != nil || !slices.Equal(offeredTo(offers), []int64{401}) || offers[0].Slot.ID() != full.ID() {
		t.Errorf("capacity added: %+v, %v; want %s to 401", offers, err, full.ID())
	}
}

// testWaitlistRaces: on two store clients (two replicas), every booking
// of four full slots is cancelled at once while 40 waiting residents
// wait and 40 others try to book the same slots. Every freed place is
// offered to exactly one person, the first in line, nobody twice; no slot
// ever counts more than its capacity, bookings and holds together; no
// new booking slips in between a cancel and its offer. Then every hold
// runs out while both replicas sweep: each goes to the next in line once.
func testWaitlistRaces(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	replicas := []*store.Store{open(t, url), open(t, url)}
	rdb := raw(t, url)
	var slots []spreekuurbot.Slot
	var booked []spreekuurbot.Booking
	for i := range 4 {
		slot := slotAt(spreekuurbot.ClockTime(30*i), 2)
		slots = append(slots, slot)
		booked = append(booked, fill(t, replicas[0], slot, int64(100+10*i))...)
	}
	const waiters = 40
	var wg sync.WaitGroup
	for i := range waiters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := replicas[i%2].Wait(ctx, int64(1000+i), slots[0].Location, "lf", bookNow.Add(time.Duration(i)*time.Second)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()

	// Watch every slot while the races run.
	stop := make(chan struct{})
	var over atomic.Int32
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for {
			select {
			case <-stop:
				return
			default:
			}
			for _, slot := range slots {
				if n, err := rdb.SCard(ctx, "{bk}:slot:"+slot.ID()).Result(); err == nil && n > 2 {
					over.Add(1)
				}
			}
		}
	}()

	var mu sync.Mutex
	var offers []spreekuurbot.Offer
	var sneaked atomic.Int32
	for i, b := range booked {
		wg.Add(2)
		go func() {
			defer wg.Done()
			got, err := replicas[i%2].CancelAndOffer(ctx, fmt.Sprint("cancel-", i), b.UserID, b.ID, openAll, bookNow)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			offers = append(offers, got...)
			mu.Unlock()
		}()
		go func() {
			defer wg.Done()
			for j := range 5 {
				_, err := replicas[(i+1)%2].Book(ctx, fmt.Sprint("new-", i, "-", j), spreekuurbot.Booking{UserID: int64(5000 + 10*i + j), Slot: b.Slot}, zone, bookNow)
				switch {
				case err == nil:
					sneaked.Add(1)
				case !errors.Is(err, spreekuurbot.ErrSlotFull):
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	<-watched
	if n := over.Load(); n > 0 {
		t.Errorf("a slot counted more than its capacity %d times", n)
	}
	if n := sneaked.Load(); n > 0 {
		t.Errorf("%d new bookings got a place that was being offered", n)
	}
	checkOffers := func(offers []spreekuurbot.Offer, first int64) {
		t.Helper()
		ids := offeredTo(offers)
		slices.Sort(ids)
		want := make([]int64, len(booked))
		for i := range want {
			want[i] = first + int64(i)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("offered to %v; want each of the next %d in line once: %v", ids, len(want), want)
		}
		for _, slot := range slots {
			members, err := rdb.SMembers(ctx, "{bk}:slot:"+slot.ID()).Result()
			if err != nil {
				t.Fatal(err)
			}
			holds := 0
			for _, m := range members {
				if strings.HasPrefix(m, "h:") {
					holds++
				}
			}
			if len(members) != 2 || holds != 2 {
				t.Errorf("slot %s holds %v; want two holds and nothing else", slot.ID(), members)
			}
		}
	}
	checkOffers(offers, 1000)

	// The holds run out; both replicas sweep at once.
	later := bookNow.Add(31 * time.Minute)
	var expired []spreekuurbot.Offer
	offers = nil
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, o, err := replicas[i%2].ExpireOffers(ctx, openAll, later)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			expired, offers = append(expired, e...), append(offers, o...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(expired) != len(booked) {
		t.Errorf("%d holds ended, want %d", len(expired), len(booked))
	}
	checkOffers(offers, 1000+int64(len(booked)))
}
