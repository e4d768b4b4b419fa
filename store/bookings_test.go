package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/internal/testclock"
	"spreekuurbot/store"
)

// The tests book on a Monday for the Thursday after, on the application's
// clock: testclock moves it away from Redis's in the shifted runs.
var (
	zone, _  = time.LoadLocation("Europe/Amsterdam")
	bookNow  = testclock.At(time.Date(2026, 11, 23, 10, 0, 0, 0, zone))
	thursday = spreekuurbot.DateOf(bookNow).AddDays(3)
)

func slotAt(minute spreekuurbot.ClockTime, capacity int) spreekuurbot.Slot {
	return spreekuurbot.Slot{Location: "stad-centrum", Date: thursday, Start: 13*60 + minute, Minutes: 30, Capacity: capacity}
}

// testNoDoubleBooking: hundreds of residents on two clients (as two
// replicas) race for one slot of capacity 2: exactly two get it.
func testNoDoubleBooking(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	replicas := []*store.Store{open(t, url), open(t, url)}
	slot := slotAt(0, 2)
	var ok, full atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 300; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s := replicas[i%2]
			_, err := s.Book(ctx, fmt.Sprint("req-", i), spreekuurbot.Booking{UserID: int64(1000 + i), Slot: slot, Topic: "letter", Lang: "nl"}, zone, bookNow)
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, spreekuurbot.ErrSlotFull):
				full.Add(1)
			default:
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	if ok.Load() != 2 || full.Load() != 298 {
		t.Errorf("%d booked, %d refused; want 2 and 298", ok.Load(), full.Load())
	}
	if n, _ := replicas[0].Taken(ctx, slot.ID()); n != 2 {
		t.Errorf("the slot holds %d bookings", n)
	}
}

// testLimitPerResident: one resident racing for five slots holds two.
func testLimitPerResident(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	replicas := []*store.Store{open(t, url), open(t, url)}
	var ok, limit atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, err := replicas[i%2].Book(ctx, fmt.Sprint("r", i), spreekuurbot.Booking{UserID: 7, Slot: slotAt(spreekuurbot.ClockTime(30*i), 3)}, zone, bookNow)
			switch {
			case err == nil:
				ok.Add(1)
			case errors.Is(err, spreekuurbot.ErrLimitReached):
				limit.Add(1)
			default:
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	if ok.Load() != spreekuurbot.MaxFutureBookings {
		t.Errorf("%d bookings for one resident, want %d (%d refused)", ok.Load(), spreekuurbot.MaxFutureBookings, limit.Load())
	}
	got, err := replicas[0].Bookings(ctx, 7, bookNow)
	if err != nil || len(got) != spreekuurbot.MaxFutureBookings {
		t.Errorf("Bookings = %v, %v", got, err)
	}
}

// testRetriedRequest: a command retried after a dropped connection books
// once.
func testRetriedRequest(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	s := open(t, newRedis(t))
	b := spreekuurbot.Booking{UserID: 8, Slot: slotAt(0, 2)}
	first, err := s.Book(ctx, "same", b, zone, bookNow)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.Book(ctx, "same", b, zone, bookNow)
	if err != nil || again.ID != first.ID {
		t.Fatalf("retry = %v, %v; want booking %s again", again.ID, err, first.ID)
	}
	if n, _ := s.Taken(ctx, b.Slot.ID()); n != 1 {
		t.Errorf("a retried booking fills %d places", n)
	}
	if err := s.Cancel(ctx, "c1", 8, first.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Cancel(ctx, "c1", 8, first.ID); err != nil {
		t.Errorf("a retried cancel: %v", err)
	}
	if n, _ := s.Taken(ctx, b.Slot.ID()); n != 0 {
		t.Errorf("after cancelling, the slot holds %d", n)
	}
}

// testOtherResidentsBooking: another resident's booking ID moves and
// cancels nothing.
func testOtherResidentsBooking(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	s := open(t, newRedis(t))
	mine, err := s.Book(ctx, "a", spreekuurbot.Booking{UserID: 1, Slot: slotAt(0, 1)}, zone, bookNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Cancel(ctx, "b", 2, mine.ID); !errors.Is(err, spreekuurbot.ErrNoSuchBooking) {
		t.Errorf("cancel by another resident: %v", err)
	}
	if err := s.Move(ctx, "c", 2, mine.ID, slotAt(30, 1), zone, bookNow); !errors.Is(err, spreekuurbot.ErrNoSuchBooking) {
		t.Errorf("move by another resident: %v", err)
	}
	if n, _ := s.Taken(ctx, mine.Slot.ID()); n != 1 {
		t.Errorf("the booking is gone")
	}
}

// testMovesAndCancelsUnderRace: residents in three slots race to move
// into one free place while others cancel; afterwards every booking sits
// in exactly one slot and no slot is over capacity.
func testMovesAndCancelsUnderRace(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	replicas := []*store.Store{open(t, url), open(t, url)}
	from := []spreekuurbot.Slot{slotAt(0, 20), slotAt(30, 20), slotAt(60, 20)}
	target := slotAt(90, 1)
	var bookings []spreekuurbot.Booking
	for i := 0; i < 60; i++ {
		b, err := replicas[0].Book(ctx, fmt.Sprint("b", i), spreekuurbot.Booking{UserID: int64(100 + i), Slot: from[i%3]}, zone, bookNow)
		if err != nil {
			t.Fatal(err)
		}
		bookings = append(bookings, b)
	}
	var moved atomic.Int32
	var wg sync.WaitGroup
	for i, b := range bookings {
		wg.Add(1)
		go func(i int, b spreekuurbot.Booking) {
			defer wg.Done()
			s := replicas[i%2]
			if i%4 == 0 {
				if err := s.Cancel(ctx, fmt.Sprint("c", i), b.UserID, b.ID); err != nil {
					t.Error(err)
				}
				return
			}
			err := s.Move(ctx, fmt.Sprint("m", i), b.UserID, b.ID, target, zone, bookNow)
			switch {
			case err == nil:
				moved.Add(1)
			case !errors.Is(err, spreekuurbot.ErrSlotFull):
				t.Error(err)
			}
		}(i, b)
	}
	wg.Wait()
	if moved.Load() != 1 {
		t.Errorf("%d moved into a slot with one place", moved.Load())
	}
	total := 0
	for _, sl := range append(from, target) {
		n, err := replicas[0].Taken(ctx, sl.ID())
		if err != nil {
			t.Fatal(err)
		}
		if n > sl.Capacity {
			t.Errorf("slot %s holds %d, capacity %d", sl.ID(), n, sl.Capacity)
		}
		total += n
	}
	if want := 60 - 15; total != want {
		t.Errorf("%d bookings in the slots, want %d (60 minus 15 cancelled), each in one slot", total, want)
	}
	for _, b := range bookings {
		got, err := replicas[1].Bookings(ctx, b.UserID, bookNow)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) > 1 {
			t.Errorf("resident %d holds %d bookings after a move", b.UserID, len(got))
		}
	}
}

// BenchmarkBooking measures a booking, a move and a cancel against a bare
// PING to the same redis-server in the same run, and bookings per second
// with 64 concurrent bookers on one slot-day. Each ratio is the median
// over batches of 50 (PINGs here are bimodal: a mean would follow the
// slow mode). The dates come from the clock: the slots are three days
// ahead of now.
func BenchmarkBooking(b *testing.B) {
	ctx := context.Background()
	url := redistest.URL(b)
	s := open(b, url)
	rdb := raw(b, url)
	// PINGs and operations alternate in small batches, so both see the
	// same machine load; the ratio is what the benchmark reports.
	now := time.Now()
	day := spreekuurbot.DateOf(now.In(zone)).AddDays(3)
	slotAt := func(minute spreekuurbot.ClockTime, capacity int) spreekuurbot.Slot {
		return spreekuurbot.Slot{Location: "stad-centrum", Date: day, Start: 13*60 + minute, Minutes: 30, Capacity: capacity}
	}
	var ping, book, move, cancel time.Duration
	var bookR, moveR, cancelR []float64
	timed := func(d *time.Duration, n int, op func(i int)) {
		began := time.Now()
		for i := 0; i < n; i++ {
			op(i)
		}
		*d = time.Since(began)
	}
	const batch = 50
	for done := 0; done < b.N; done += batch {
		n := min(batch, b.N-done)
		var made []spreekuurbot.Booking
		timed(&ping, n, func(int) { rdb.Ping(ctx) })
		timed(&book, n, func(i int) {
			bk, err := s.Book(ctx, fmt.Sprint("bench-", done+i), spreekuurbot.Booking{UserID: int64(done + i), Slot: slotAt(0, b.N+1)}, zone, now)
			if err != nil {
				b.Fatal(err)
			}
			made = append(made, bk)
		})
		timed(&move, n, func(i int) {
			if err := s.Move(ctx, fmt.Sprint("move-", done+i), made[i].UserID, made[i].ID, slotAt(30, b.N+1), zone, now); err != nil {
				b.Fatal(err)
			}
		})
		timed(&cancel, n, func(i int) {
			if err := s.Cancel(ctx, fmt.Sprint("cancel-", done+i), made[i].UserID, made[i].ID); err != nil {
				b.Fatal(err)
			}
		})
		bookR = append(bookR, float64(book)/float64(ping))
		moveR = append(moveR, float64(move)/float64(ping))
		cancelR = append(cancelR, float64(cancel)/float64(ping))
	}
	b.StopTimer()

	// 64 bookers at once on one slot-day: 16 slots of ample capacity.
	var next atomic.Int64
	var wg sync.WaitGroup
	began := time.Now()
	for w := 0; w < 64; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				if _, err := s.Book(ctx, fmt.Sprint("par-", i), spreekuurbot.Booking{UserID: 1e6 + i, Slot: slotAt(spreekuurbot.ClockTime(30*(i%16)), b.N+1)}, zone, now); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	parallel := time.Since(began)

	b.ReportMetric(median(bookR), "book-vs-ping")
	b.ReportMetric(median(moveR), "move-vs-ping")
	b.ReportMetric(median(cancelR), "cancel-vs-ping")
	b.ReportMetric(float64(b.N)/parallel.Seconds(), "bookings/s@64")
}

// testOnePlacePerSlot: a resident cannot take two places in one slot, by
// booking or by moving.
func testOnePlacePerSlot(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	s := open(t, newRedis(t))
	first, err := s.Book(ctx, "a", spreekuurbot.Booking{UserID: 9, Slot: slotAt(0, 3)}, zone, bookNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Book(ctx, "b", spreekuurbot.Booking{UserID: 9, Slot: slotAt(0, 3)}, zone, bookNow); !errors.Is(err, spreekuurbot.ErrSlotFull) {
		t.Errorf("a second place in the same slot: %v", err)
	}
	second, err := s.Book(ctx, "c", spreekuurbot.Booking{UserID: 9, Slot: slotAt(30, 3)}, zone, bookNow)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Move(ctx, "d", 9, second.ID, first.Slot, zone, bookNow); !errors.Is(err, spreekuurbot.ErrSlotFull) {
		t.Errorf("moving into a slot the resident holds: %v", err)
	}
}

// testDayBookingsAndMarks: a volunteer's day lists the bookings in the
// day's slots, with who took them and whether the resident came.
func testDayBookingsAndMarks(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	s := open(t, newRedis(t))
	a, err := s.Book(ctx, "a", spreekuurbot.Booking{UserID: 1, Slot: slotAt(0, 2), Topic: "lf", Lang: "ar"}, zone, bookNow)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Book(ctx, "b", spreekuurbot.Booking{UserID: 2, Slot: slotAt(30, 2), Topic: "db", Lang: "so"}, zone, bookNow); err != nil {
		t.Fatal(err)
	}
	if won, err := s.Claim(ctx, a.ID, 77); err != nil || !won {
		t.Fatalf("claim: %v %v", won, err)
	}
	if won, _ := s.Claim(ctx, a.ID, 78); won {
		t.Error("a second volunteer took a taken booking")
	}
	if err := s.MarkBooking(ctx, a.ID, "came"); err != nil {
		t.Fatal(err)
	}
	day, err := s.DayBookings(ctx, []string{slotAt(0, 2).ID(), slotAt(30, 2).ID(), slotAt(60, 2).ID()})
	if err != nil {
		t.Fatal(err)
	}
	if len(day) != 2 {
		t.Fatalf("%d bookings on the day", len(day))
	}
	for _, b := range day {
		if b.ID == a.ID && (b.Owner != 77 || b.Status != "came" || b.Lang != "ar") {
			t.Errorf("booking a = %+v", b)
		}
	}
	if err := s.MarkBooking(ctx, "0000000000000000", "came"); !errors.Is(err, spreekuurbot.ErrNoSuchBooking) {
		t.Errorf("marking a missing booking: %v", err)
	}
}

// testCancelWhileMoving: a booking moved back and forth by one replica
// while another cancels it ends cancelled, in no slot: the scripts read
// the booking's slot first and run again when a move got in between.
func testCancelWhileMoving(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	a, b := open(t, url), open(t, url)
	slots := []spreekuurbot.Slot{slotAt(0, 5), slotAt(30, 5)}
	for round := range 20 {
		user := int64(500 + round)
		bk, err := a.Book(ctx, fmt.Sprint("cwm-", round), spreekuurbot.Booking{UserID: user, Slot: slots[0]}, zone, bookNow)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				err := a.Move(ctx, fmt.Sprint("mv-", round, "-", i), user, bk.ID, slots[(i+1)%2], zone, bookNow)
				if err != nil && !errors.Is(err, spreekuurbot.ErrNoSuchBooking) {
					t.Error(err)
				}
			}
		}()
		if err := b.Cancel(ctx, fmt.Sprint("cx-", round), user, bk.ID); err != nil {
			t.Error(err)
		}
		wg.Wait()
		for _, sl := range slots {
			if n, _ := a.Taken(ctx, sl.ID()); n != 0 {
				t.Fatalf("round %d: slot %s holds %d after the cancel", round, sl.ID(), n)
			}
		}
	}
}
