package store_test

import (
	"context"
	"errors"
	"net"
	"net/url"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
	"spreekuurbot/internal/redistest"
)

// TestSentinel runs the store's tests, unchanged, through a Redis
// Sentinel URL (a master, one replica, one sentinel), so the store works
// on go-redis' failover client; then it stops the master and checks that
// the same store, not reopened, follows the sentinel to the promoted
// replica. The subtests share one setup, the master flushed before each,
// and the failover comes last since it changes the setup.
func TestSentinel(t *testing.T) {
	sentinelURL := redistest.Sentinel(t)
	u, err := url.Parse(sentinelURL)
	if err != nil {
		t.Fatal(err)
	}
	admin := redis.NewFailoverClient(&redis.FailoverOptions{MasterName: redistest.SentinelMaster, SentinelAddrs: []string{u.Host}})
	t.Cleanup(func() { admin.Close() })
	fresh := func(t testing.TB) string {
		t.Helper()
		if err := admin.FlushAll(context.Background()).Err(); err != nil {
			t.Fatalf("flush master: %v", err)
		}
		return sentinelURL
	}
	tests := append(storeTests(fresh), storeTest{"Failover", func(t *testing.T) { testSentinelFailover(t, fresh(t), u.Host) }})
	for _, tt := range tests {
		t.Run(tt.name, tt.run)
	}
}

// testSentinelFailover: a booking made before the master stops is read
// back after the sentinel has promoted the replica, and the slot's count
// holds there, through the store opened before the failover.
func testSentinelFailover(t *testing.T, sentinelURL, sentinelAddr string) {
	ctx := context.Background()
	s := open(t, sentinelURL)
	slot := slotAt(0, 2)
	before, err := s.Book(ctx, "before", spreekuurbot.Booking{UserID: 1, Slot: slot, Topic: "letter", Lang: "nl"}, zone, bookNow)
	if err != nil {
		t.Fatal(err)
	}

	sentinel := redis.NewSentinelClient(&redis.Options{Addr: sentinelAddr})
	t.Cleanup(func() { sentinel.Close() })
	oldMaster := masterAddr(t, sentinel)
	master := redis.NewClient(&redis.Options{Addr: oldMaster, MaxRetries: -1})
	t.Cleanup(func() { master.Close() })
	// Redis replicates after it answers: a write the replica has not yet
	// got is lost with the master. That is Redis' promise, not the
	// store's, so the test waits for the replica before it stops the
	// master.
	if n, err := master.Wait(ctx, 1, 5*time.Second).Result(); err != nil || n != 1 {
		t.Fatalf("WAIT 1 = %d, %v; want the replica to have the booking", n, err)
	}
	// NOW: no waiting for replicas, as a crash would not. The server
	// closes the connection instead of answering.
	if err := master.Do(ctx, "SHUTDOWN", "NOSAVE", "NOW").Err(); err == nil {
		t.Fatal("SHUTDOWN answered; the master is still running")
	}

	var newMaster string
	if !eventually(t, func() bool {
		newMaster = masterAddr(t, sentinel)
		return newMaster != oldMaster
	}) {
		t.Fatalf("the sentinel still names %s as the master", oldMaster)
	}
	t.Logf("failover from %s to %s", oldMaster, newMaster)

	got, _, err := s.BookingByID(ctx, before.ID)
	if err != nil || got.UserID != 1 || got.Slot.ID() != slot.ID() {
		t.Fatalf("after failover BookingByID = %+v, %v; want the booking made before", got, err)
	}
	if _, err := s.Book(ctx, "after", spreekuurbot.Booking{UserID: 2, Slot: slot, Topic: "letter", Lang: "ar"}, zone, bookNow); err != nil {
		t.Fatalf("book after failover: %v", err)
	}
	// The slot holds two: the count made on the old master carried over.
	if _, err := s.Book(ctx, "third", spreekuurbot.Booking{UserID: 3, Slot: slot, Topic: "letter", Lang: "so"}, zone, bookNow); !errors.Is(err, spreekuurbot.ErrSlotFull) {
		t.Fatalf("third booking of a slot for two: %v, want %v", err, spreekuurbot.ErrSlotFull)
	}
	if n, err := s.Taken(ctx, slot.ID()); err != nil || n != 2 {
		t.Errorf("Taken = %d, %v; want 2", n, err)
	}
}

// masterAddr asks the sentinel which server is the master now.
func masterAddr(t *testing.T, sentinel *redis.SentinelClient) string {
	t.Helper()
	addr, err := sentinel.GetMasterAddrByName(context.Background(), redistest.SentinelMaster).Result()
	if err != nil || len(addr) != 2 {
		t.Fatalf("get-master-addr-by-name = %v, %v", addr, err)
	}
	return net.JoinHostPort(addr[0], addr[1])
}
