package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/store"
)

func open(t testing.TB, url string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// raw is a plain client beside the store, to look at or spoil its keys: a
// cluster client for a cluster URL (one with addr=), a failover client for
// a Sentinel URL.
func raw(t testing.TB, url string) redis.UniversalClient {
	t.Helper()
	var c redis.UniversalClient
	if rest, ok := strings.CutPrefix(url, "redis+sentinel"); ok {
		opts, err := redis.ParseFailoverURL("redis" + rest)
		if err != nil {
			t.Fatal(err)
		}
		c = redis.NewFailoverClient(opts)
	} else if strings.Contains(url, "addr=") {
		opts, err := redis.ParseClusterURL(url)
		if err != nil {
			t.Fatal(err)
		}
		c = redis.NewClusterClient(opts)
	} else {
		opts, err := redis.ParseURL(url)
		if err != nil {
			t.Fatal(err)
		}
		c = redis.NewClient(opts)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func testSessionRoundTrip(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	s := open(t, url)

	empty, err := s.Session(ctx, 42)
	if err != nil {
		t.Fatal(err)
	}
	if empty.Lang != "" || len(empty.Conversation) != 0 {
		t.Errorf("new user has session %+v", empty)
	}
	want := spreekuurbot.Session{Lang: "ar", Conversation: []byte(`{"screen":"help","back":["home"],"seq":7}`)}
	if err := s.SaveSession(ctx, 42, want); err != nil {
		t.Fatal(err)
	}
	// A second client, as a second replica would be, sees the same.
	got, err := open(t, url).Session(ctx, 42)
	if err != nil {
		t.Fatal(err)
	}
	if got.Lang != want.Lang || string(got.Conversation) != string(want.Conversation) {
		t.Errorf("session = %+v, want %+v", got, want)
	}
	if other, _ := s.Session(ctx, 43); other.Lang != "" {
		t.Errorf("user 43 sees user 42's language %q", other.Lang)
	}
}

// testKeysArePrivate: no raw Telegram ID in any key or value, and every
// key about a person expires.
func testKeysArePrivate(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	s := open(t, url)
	const userID = 987654321
	if err := s.SaveSession(ctx, userID, spreekuurbot.Session{Lang: "so", Conversation: []byte(`{"screen":"home","seq":1}`)}); err != nil {
		t.Fatal(err)
	}
	rdb := raw(t, url)
	keys, err := rdb.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if k == "meta:secret" {
			continue
		}
		if strings.Contains(k, "987654321") {
			t.Errorf("key %q holds the raw user ID", k)
		}
		if v, _ := rdb.Get(ctx, k).Result(); strings.Contains(v, "987654321") {
			t.Errorf("value of %q holds the raw user ID", k)
		}
		ttl, err := rdb.TTL(ctx, k).Result()
		if err != nil {
			t.Fatal(err)
		}
		if ttl <= 0 || ttl > store.LanguageTTL {
			t.Errorf("key %q expires in %v", k, ttl)
		}
	}
	if ttl := rdb.TTL(ctx, "sess:"+s.UserKey(userID)).Val(); ttl > store.SessionTTL || ttl < store.SessionTTL-time.Minute {
		t.Errorf("session TTL = %v, want about %v", ttl, store.SessionTTL)
	}
}

// testSecretSharedByReplicas: two stores opened on one server sign with
// the same secret, so a button drawn by one replica works on the other.
func testSecretSharedByReplicas(t *testing.T, newRedis newRedis) {
	url := newRedis(t)
	a, b := open(t, url), open(t, url)
	if string(a.Secret()) != string(b.Secret()) {
		t.Fatal("replicas have different secrets")
	}
	if a.UserKey(1) == a.UserKey(2) {
		t.Fatal("different users share a key")
	}
}

func TestRedisDown(t *testing.T) {
	ctx := context.Background()
	srv := redistest.Start(t)
	s := open(t, srv.URL)
	srv.Stop()
	if err := s.Ping(ctx); err == nil {
		t.Error("Ping succeeds with Redis stopped")
	}
	if _, err := s.Session(ctx, 1); err == nil {
		t.Error("Session succeeds with Redis stopped")
	}
}

// TestExpiryOnTheApplicationsClock: a key lives as long as the application's
// clock says, however far that clock is from Redis's: the store sends the
// time left, never a moment (package comment).
func TestExpiryOnTheApplicationsClock(t *testing.T) {
	const year = 400 * 24 * time.Hour
	for _, shift := range []time.Duration{-year, 0, year} {
		t.Run(shift.String(), func(t *testing.T) {
			ctx := context.Background()
			url := redistest.URL(t)
			s, rdb := open(t, url), raw(t, url)
			now := time.Now().Add(shift)
			near := func(key string, want time.Duration) {
				t.Helper()
				got, err := rdb.TTL(ctx, key).Result()
				if err != nil {
					t.Fatal(err)
				}
				if d := got - want; d < -time.Minute || d > time.Minute {
					t.Errorf("%s lives %v, want %v", key, got, want)
				}
			}
			slot := spreekuurbot.Slot{Location: "stad-centrum", Date: spreekuurbot.DateOf(now.In(zone)).AddDays(3), Start: 13 * 60, Minutes: 30, Capacity: 2}
			b, err := s.Book(ctx, "book", spreekuurbot.Booking{UserID: 1, Slot: slot}, zone, now)
			if err != nil {
				t.Fatal(err)
			}
			keep := slot.Begins(zone).Add(store.BookingKeep).Sub(now)
			near("{bk}:b:"+b.ID, keep)
			near("{bk}:slot:"+slot.ID(), keep)
			near("{bk}:user:"+s.UserKey(1), keep)

			later := slot
			later.Date = later.Date.AddDays(7)
			if err := s.Move(ctx, "move", 1, b.ID, later, zone, now); err != nil {
				t.Fatal(err)
			}
			keep = later.Begins(zone).Add(store.BookingKeep).Sub(now)
			near("{bk}:b:"+b.ID, keep)
			near("{bk}:user:"+s.UserKey(1), keep)

			if err := s.AddReminder(ctx, 1, spreekuurbot.Reminder{At: now.Add(time.Hour), Node: "x"}, now); err != nil {
				t.Fatal(err)
			}
			near("urem:"+s.UserKey(1), time.Hour+store.ReminderWindow+24*time.Hour)
			if got, _ := s.Export(ctx, 1, now); got.Reminders != 1 {
				t.Errorf("show my data: %d reminders, want 1", got.Reminders)
			}
			if due, _ := s.DueReminders(ctx, now.Add(time.Hour), 10); len(due) != 1 {
				t.Errorf("%d reminders due an hour on, want 1", len(due))
			}
		})
	}
}

// TestUserKeyCached: the cached keyed hash is the hash itself, for users
// that share a cache slot too.
func TestUserKeyCached(t *testing.T) {
	s := open(t, redistest.URL(t))
	for _, id := range []int64{5, 5 + 1024, 5, 987654321, 5 + 1024} {
		if got, want := s.UserKey(id), store.HashID(s.Secret(), id); got != want {
			t.Errorf("UserKey(%d) = %s, want %s", id, got, want)
		}
	}
}
