package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"spreekuurbot/store"
)

// inboxTests are run against a single redis-server here and against a
// Redis Cluster by the cluster test: each takes an opener for a store on
// a fresh, empty Redis.
var inboxTests = []struct {
	name string
	run  func(t *testing.T, opener func(t *testing.T) *store.Store)
}{
	{"dedup", testInboxDedup},
	{"order", testInboxOrder},
	{"lease takeover", testInboxTakeover},
	{"pending redelivery", testInboxRedelivery},
	{"replicas", testInboxReplicas},
	{"bell", testInboxBell},
}

func runInboxTests(t *testing.T, opener func(t *testing.T) *store.Store) {
	for _, tt := range inboxTests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, opener) })
	}
}

// storeOn opens a store on an empty Redis of the test's own.
func storeOn(fresh newRedis) func(t *testing.T) *store.Store {
	return func(t *testing.T) *store.Store { return open(t, fresh(t)) }
}

// update is a stand-in for an update's JSON: the inbox keeps bytes.
func update(chat, id int64) []byte { return fmt.Appendf(nil, `{"update_id":%d,"chat":%d}`, id, chat) }

func add(t *testing.T, in *store.Inbox, chat, id int64) bool {
	t.Helper()
	added, err := in.Add(context.Background(), chat, id, update(chat, id))
	if err != nil {
		t.Fatal(err)
	}
	return added
}

// read reads partition p as owner until nothing is left unread.
func read(t *testing.T, in *store.Inbox, p int, owner string) (ids []string, updates []string) {
	t.Helper()
	for {
		got, err := in.Read(context.Background(), p, owner, 7)
		if err != nil {
			t.Fatal(err)
		}
		n := len(ids)
		for id, u := range got {
			ids, updates = append(ids, id), append(updates, string(u))
		}
		if len(ids) == n {
			return ids, updates
		}
	}
}

func claim(t *testing.T, in *store.Inbox, p int, owner string, ttl time.Duration) bool {
	t.Helper()
	ok, err := in.Claim(context.Background(), p, owner, ttl)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// testInboxDedup: an update posted twice (Telegram resends one it got no
// answer to, maybe to another replica) is queued once.
func testInboxDedup(t *testing.T, opener func(t *testing.T) *store.Store) {
	in := opener(t).Inbox()
	if !add(t, in, 42, 1) {
		t.Fatal("first update not added")
	}
	if add(t, in, 42, 1) {
		t.Error("the same update_id was added twice")
	}
	if !add(t, in, 42, 2) {
		t.Error("the next update was not added")
	}
	_, got := read(t, in, store.Partition(42), "a")
	if want := []string{string(update(42, 1)), string(update(42, 2))}; !slices.Equal(got, want) {
		t.Errorf("read %q, want %q", got, want)
	}
}

// testInboxOrder: each chat's updates come out of its partition in the
// order they went in, and only from its partition.
func testInboxOrder(t *testing.T, opener func(t *testing.T) *store.Store) {
	in := opener(t).Inbox()
	chats := []int64{7, 7 + store.InboxPartitions, 8}
	var id int64
	want := map[int][]string{}
	for range 30 {
		for _, c := range chats {
			id++
			add(t, in, c, id)
			p := store.Partition(c)
			want[p] = append(want[p], string(update(c, id)))
		}
	}
	if store.Partition(7) != store.Partition(7+store.InboxPartitions) || store.Partition(7) == store.Partition(8) {
		t.Fatal("chats fall in unexpected partitions")
	}
	for p := range in.Partitions() {
		if _, got := read(t, in, p, "a"); !slices.Equal(got, want[p]) {
			t.Errorf("partition %d: read %d updates %q…, want %d", p, len(got), got[:min(3, len(got))], len(want[p]))
		}
	}
}

// testInboxTakeover: a partition has one reader at a time; its lease
// moves when released, or when it runs out.
func testInboxTakeover(t *testing.T, opener func(t *testing.T) *store.Store) {
	in := opener(t).Inbox()
	ctx := context.Background()
	if !claim(t, in, 3, "a", time.Minute) || claim(t, in, 3, "b", time.Minute) {
		t.Fatal("a should hold partition 3 and b not")
	}
	if !claim(t, in, 4, "b", time.Minute) {
		t.Error("b cannot take another partition")
	}
	if err := in.Release(ctx, 3, "b"); err != nil {
		t.Fatal(err)
	}
	if claim(t, in, 3, "b", time.Minute) {
		t.Error("b released a's partition")
	}
	if err := in.Release(ctx, 3, "a"); err != nil {
		t.Fatal(err)
	}
	if !claim(t, in, 3, "b", time.Millisecond) {
		t.Error("b cannot take a released partition")
	}
	// b dies: it stops renewing, and the lease runs out.
	if !eventually(t, func() bool { return claim(t, in, 3, "c", time.Minute) }) {
		t.Error("c never took the partition of b, who stopped renewing")
	}
}

// testInboxRedelivery: what a reader read and did not acknowledge before it
// died is adopted by the next owner, in order, before anything new.
func testInboxRedelivery(t *testing.T, opener func(t *testing.T) *store.Store) {
	in := opener(t).Inbox()
	ctx := context.Background()
	const chat = 5
	p := store.Partition(chat)
	for id := int64(1); id <= 4; id++ {
		add(t, in, chat, id)
	}
	got, err := in.Read(ctx, p, "a", 3)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for id := range got {
		ids = append(ids, id)
	}
	if len(ids) != 3 {
		t.Fatalf("a read %d updates, want 3", len(ids))
	}
	if err := in.Ack(ctx, p, ids[0]); err != nil {
		t.Fatal(err)
	}
	add(t, in, chat, 5)

	// a dies with updates 2 and 3 in hand; b takes over.
	adopted, err := in.Adopt(ctx, p, "b")
	if err != nil {
		t.Fatal(err)
	}
	var redone []string
	for _, u := range adopted {
		redone = append(redone, string(u))
	}
	if want := []string{string(update(chat, 2)), string(update(chat, 3))}; !slices.Equal(redone, want) {
		t.Errorf("adopted %q, want %q", redone, want)
	}
	if _, fresh := read(t, in, p, "b"); !slices.Equal(fresh, []string{string(update(chat, 4)), string(update(chat, 5))}) {
		t.Errorf("after adopting, b read %q, want updates 4 and 5", fresh)
	}
	// What was handled is gone; adopting again (c after b) yields what b
	// had not acknowledged, and nothing twice.
	for id := range adopted {
		if err := in.Ack(ctx, p, id); err != nil {
			t.Fatal(err)
		}
	}
	again, err := in.Adopt(ctx, p, "c")
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, u := range again {
		left = append(left, string(u))
	}
	if !slices.Equal(left, []string{string(update(chat, 4)), string(update(chat, 5))}) {
		t.Errorf("c adopted %q, want updates 4 and 5 that b had not acknowledged", left)
	}
}

// testInboxReplicas: replicas count each other through their heartbeats.
func testInboxReplicas(t *testing.T, opener func(t *testing.T) *store.Store) {
	in := opener(t).Inbox()
	ctx := context.Background()
	beat := func(replica string, ttl time.Duration) int {
		t.Helper()
		n, err := in.Beat(ctx, replica, ttl)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := beat("a", time.Minute); n != 1 {
		t.Errorf("alone: %d replicas", n)
	}
	if n := beat("b", time.Millisecond); n != 2 {
		t.Errorf("with b: %d replicas", n)
	}
	if !eventually(t, func() bool { return beat("a", time.Minute) == 1 }) {
		t.Error("b's heartbeat never ran out")
	}
	beat("c", time.Minute)
	if err := in.Leave(ctx, "c"); err != nil {
		t.Fatal(err)
	}
	if n := beat("a", time.Minute); n != 1 {
		t.Errorf("after c left: %d replicas", n)
	}
}

// testInboxBell: adding an update rings the partition's bell for every
// listening replica.
func testInboxBell(t *testing.T, opener func(t *testing.T) *store.Store) {
	in := opener(t).Inbox()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	rung := make(chan int, 100)
	done := make(chan error, 1)
	go func() { done <- in.Listen(ctx, func(p int) { rung <- p }) }()
	// The subscription starts in the background: add until a ring comes.
	for id := int64(1); ; id++ {
		add(t, in, 9, id)
		select {
		case p := <-rung:
			// On a cluster, the bus may still bring an earlier test's ring.
			if p != store.Partition(9) {
				continue
			}
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Listen: %v", err)
			}
			return
		case <-ctx.Done():
			t.Fatal("no ring")
		case <-time.After(10 * time.Millisecond):
		}
	}
}
