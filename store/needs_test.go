package store_test

import (
	"context"
	"slices"
	"testing"

	"spreekuurbot"
)

// testBookingNeeds: what a resident answered at booking (someone comes
// along, a volunteer who speaks their language) comes back with the
// booking for the volunteers, the resident and a move; a booking without
// answers keeps no field for them; the answers go with the booking.
func testBookingNeeds(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	s := open(t, url)
	both, err := s.Book(ctx, "both", spreekuurbot.Booking{UserID: 1, Slot: slotAt(0, 2), Topic: "lf", Lang: "ar", Company: true, OwnLanguage: true}, zone, bookNow)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := s.Book(ctx, "plain", spreekuurbot.Booking{UserID: 2, Slot: slotAt(0, 2), Topic: "db", Lang: "nl"}, zone, bookNow)
	if err != nil {
		t.Fatal(err)
	}
	company, err := s.Book(ctx, "company", spreekuurbot.Booking{UserID: 3, Slot: slotAt(30, 2), Topic: "db", Lang: "so", Company: true}, zone, bookNow)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]bool{both.ID: {true, true}, plain.ID: {false, false}, company.ID: {true, false}}
	check := func(where string, b spreekuurbot.Booking) {
		t.Helper()
		if w, ok := want[b.ID]; !ok || b.Company != w[0] || b.OwnLanguage != w[1] {
			t.Errorf("%s: booking %s has company %v, own language %v; want %v", where, b.ID, b.Company, b.OwnLanguage, want[b.ID])
		}
	}
	for _, id := range []string{both.ID, plain.ID, company.ID} {
		b, _, err := s.BookingByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		check("BookingByID", b)
	}
	day, err := s.DayBookings(ctx, []string{slotAt(0, 2).ID(), slotAt(30, 2).ID()})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range day {
		check("DayBookings", b.Booking)
	}
	if err := s.Move(ctx, "move", 1, both.ID, slotAt(60, 2), zone, bookNow); err != nil {
		t.Fatal(err)
	}
	mine, err := s.Bookings(ctx, 1, bookNow)
	if err != nil || len(mine) != 1 {
		t.Fatalf("the resident's bookings: %v %v", mine, err)
	}
	check("after a move", mine[0])

	rdb := raw(t, url)
	if fields := rdb.HKeys(ctx, "{bk}:b:"+plain.ID).Val(); len(fields) == 0 || slices.Contains(fields, "needs") {
		t.Errorf("a booking without answers stores the fields %v", fields)
	}
	if ttl := rdb.TTL(ctx, "{bk}:b:"+both.ID).Val(); ttl <= 0 {
		t.Errorf("the answers' record has no expiry (%v)", ttl)
	}
	if _, err := s.Forget(ctx, 1, bookNow); err != nil {
		t.Fatal(err)
	}
	if n := rdb.Exists(ctx, "{bk}:b:"+both.ID).Val(); n != 0 {
		t.Error("the answers outlive a forgotten booking")
	}
}
