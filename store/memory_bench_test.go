package store_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
	"spreekuurbot/internal/redistest"
)

// memoryCount is how many sessions and bookings the memory benchmark
// stores, so that Redis' fixed costs and its allocator's steps wash out of
// the figure per item.
const memoryCount = 10_000

// BenchmarkMemory reports what Redis holds per active chat session and per
// booking, each two ways: the MEMORY USAGE of the keys one session or one
// booking writes (B/session-keys, B/booking-keys), and the growth of
// used_memory over 10,000 of them divided by 10,000 (B/session,
// B/booking), which also counts the key dictionaries and expiry tables.
// Sessions go through SaveSession and bookings through Book, against a
// private redis-server. The work is the same whatever b.N: the figures,
// not the time, are the result.
func BenchmarkMemory(b *testing.B) {
	ctx := context.Background()
	srv := redistest.Start(b) // never REDIS_URL: other data would blur used_memory
	s := open(b, srv.URL)
	rdb := raw(b, srv.URL)

	// A resident half-way through booking, after sharing their location,
	// as the flows encode it: a screen, the way back, the three nearest
	// places; the language and the consent are kept beside it.
	session := spreekuurbot.Session{
		Lang: "ar", Consented: true,
		Conversation: []byte(`{"screen":"book","back":["home","near"],"seq":23,"near":[{"l":"stad-centrum","km":0.8},{"l":"haven-centrum","km":2.4},{"l":"buiten-centrum","km":5.1}]}`),
	}
	sessionKeys := func(user int64) []string {
		h := s.UserKey(user)
		return []string{"sess:" + h, "lang:" + h, "consent:" + h}
	}
	if err := s.SaveSession(ctx, 1, session); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(memoryUsage(b, rdb, sessionKeys(1))), "B/session-keys")
	perSession := usedMemoryGrowth(b, rdb, func(i int) error {
		return s.SaveSession(ctx, int64(1000+i), session)
	})
	b.ReportMetric(perSession, "B/session")

	// Bookings as the city makes them: a resident each, two places per
	// half hour, eight locations, 16 times a day, from tomorrow on (the
	// keys expire 30 days after the appointment, so the dates are real).
	first := time.Now().AddDate(0, 0, 1)
	locations := []string{"stad-centrum", "stad-west", "haven-centrum", "buiten-centrum", "poort", "hout", "nobelhorst", "pampus"}
	slot := func(i int) spreekuurbot.Slot {
		place := i / 2 // two bookings per slot
		day := first.AddDate(0, 0, place/(16*len(locations)))
		return spreekuurbot.Slot{
			Location: locations[place%len(locations)],
			Date:     spreekuurbot.Date{Year: day.Year(), Month: day.Month(), Day: day.Day()},
			Start:    spreekuurbot.ClockTime(9*60 + 30*((place/len(locations))%16)),
			Minutes:  30, Capacity: 2,
		}
	}
	book := func(user int64, req string, sl spreekuurbot.Slot) (spreekuurbot.Booking, error) {
		return s.Book(ctx, req, spreekuurbot.Booking{UserID: user, Slot: sl, Topic: "lf", Lang: "ar"}, zone, time.Now())
	}
	// One booking alone in a slot of its own: its record, the resident's
	// list, the request's outcome and the slot's set.
	// A place of its own, so no date in the generated range can fill it.
	alone := spreekuurbot.Slot{Location: "alone", Date: spreekuurbot.DateOf(first), Start: 10 * 60, Minutes: 30, Capacity: 2}
	bk, err := book(2, "alone", alone)
	if err != nil {
		b.Fatal(err)
	}
	keys := []string{"{bk}:b:" + bk.ID, "{bk}:user:" + s.UserKey(2), "{bk}:req:alone", "{bk}:slot:" + alone.ID()}
	b.ReportMetric(float64(memoryUsage(b, rdb, keys)), "B/booking-keys")
	perBooking := usedMemoryGrowth(b, rdb, func(i int) error {
		_, err := book(int64(100_000+i), "mem-"+strconv.Itoa(i), slot(i))
		return err
	})
	b.ReportMetric(perBooking, "B/booking")
	b.ReportMetric(0, "ns/op")
}

// bookingsAll is how many bookings BenchmarkBookingMemory makes: enough
// that the sets they share (the due reminders, a coordinator's list)
// weigh per booking what they weigh in a city.
const bookingsAll = 2_000

// BenchmarkBookingMemory reports what one booking costs in Redis with
// everything it creates, as a booking press does: the record, the slot's
// set, the resident's list, the request's outcome, the reminders (the
// evening before, an hour before, and the coordinator's alarm should no
// volunteer confirm it) in the booking's record with its place in the due
// set, and the notices to two volunteers. Telegram IDs have ten digits,
// as people's do now. B/booking-all is the sum of MEMORY USAGE
// (every element counted) over every key in the server, divided by the
// number of bookings; B/booking-used the growth of used_memory, which
// also counts the key dictionaries and expiry tables. The goal is 1 KiB.
// The dates come from the clock: bookings start tomorrow.
func BenchmarkBookingMemory(b *testing.B) {
	ctx := context.Background()
	srv := redistest.Start(b)
	s := open(b, srv.URL)
	rdb := raw(b, srv.URL)
	const coordinator = 6_120_000_000
	volunteers := []int64{6_110_000_001, 6_110_000_002}
	now := time.Now()
	first := now.AddDate(0, 0, 1)
	locations := []string{"stad-centrum", "stad-west", "haven-centrum", "buiten-centrum", "poort", "hout", "nobelhorst", "pampus"}
	before := usedMemory(b, rdb)
	for i := range bookingsAll {
		place := i / 2 // two bookings per slot
		day := first.AddDate(0, 0, place/(16*len(locations)))
		sl := spreekuurbot.Slot{
			Location: locations[place%len(locations)],
			Date:     spreekuurbot.DateOf(day),
			Start:    spreekuurbot.ClockTime(9*60 + 30*((place/len(locations))%16)),
			Minutes:  30, Capacity: 2,
		}
		user := int64(7_000_000_000 + i)
		req := fmt.Sprintf("%024x", 0xb00c0000+i) // as the flows make them: 12 bytes in hex
		bk, err := s.Book(ctx, req, spreekuurbot.Booking{UserID: user, Slot: sl, Topic: "lf", Lang: "ar"}, zone, now)
		if err != nil {
			b.Fatal(err)
		}
		begins := sl.Begins(zone)
		evening := begins.AddDate(0, 0, -1).Add(-time.Duration(begins.Hour()-19) * time.Hour)
		for _, r := range []struct {
			to int64
			r  spreekuurbot.Reminder
		}{
			{user, spreekuurbot.Reminder{At: evening, Until: evening.Add(2 * time.Hour)}},
			{user, spreekuurbot.Reminder{At: begins.Add(-time.Hour), Until: begins}},
			{coordinator, spreekuurbot.Reminder{At: now.Add(24 * time.Hour), Until: begins, To: coordinator, Unconfirmed: true}},
		} {
			r.r.Booking, r.r.Slot = bk.ID, sl.ID()
			if err := s.AddReminder(ctx, r.to, r.r, now); err != nil {
				b.Fatal(err)
			}
		}
		for j, v := range volunteers {
			if err := s.Notified(ctx, bk.ID, v, 1000+i*2+j, "nl"); err != nil {
				b.Fatal(err)
			}
		}
	}
	var sum int64
	byPrefix := map[string]int64{}
	iter := rdb.Scan(ctx, 0, "*", 1000).Iterator()
	for iter.Next(ctx) {
		n, err := rdb.MemoryUsage(ctx, iter.Val(), 0).Result()
		if err != nil {
			b.Fatal(err)
		}
		sum += n
		if testing.Verbose() {
			prefix := iter.Val()
			if i := strings.LastIndexByte(prefix, ':'); i > 0 {
				prefix = prefix[:i]
			}
			byPrefix[prefix] += n
		}
	}
	for p, n := range byPrefix {
		b.Logf("%-12s %6.0f B/booking", p, float64(n)/bookingsAll)
	}
	if err := iter.Err(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(sum)/bookingsAll, "B/booking-all")
	b.ReportMetric(float64(usedMemory(b, rdb)-before)/bookingsAll, "B/booking-used")
	b.ReportMetric(0, "ns/op")
}

// memoryUsage sums MEMORY USAGE over keys, every element counted.
func memoryUsage(b *testing.B, rdb redis.UniversalClient, keys []string) int64 {
	b.Helper()
	var sum int64
	for _, k := range keys {
		n, err := rdb.MemoryUsage(context.Background(), k, 0).Result()
		if err != nil {
			b.Fatalf("MEMORY USAGE %s: %v", k, err)
		}
		sum += n
	}
	return sum
}

// usedMemoryGrowth runs add memoryCount times, from 16 goroutines, and
// returns the growth of Redis' used_memory per call.
func usedMemoryGrowth(b *testing.B, rdb redis.UniversalClient, add func(i int) error) float64 {
	b.Helper()
	before := usedMemory(b, rdb)
	const workers = 16
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < memoryCount; i += workers {
				if err := add(i); err != nil {
					errs <- fmt.Errorf("item %d: %w", i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	return float64(usedMemory(b, rdb)-before) / memoryCount
}

func usedMemory(b *testing.B, rdb redis.UniversalClient) int64 {
	b.Helper()
	info, err := rdb.Info(context.Background(), "memory").Result()
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(info, "\r\n") {
		if v, ok := strings.CutPrefix(line, "used_memory:"); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				b.Fatalf("used_memory %q: %v", v, err)
			}
			return n
		}
	}
	b.Fatalf("no used_memory in INFO memory:\n%s", info)
	return 0
}
