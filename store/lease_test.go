package store_test

import (
	"context"
	"testing"
	"time"

	"spreekuurbot/store"
)

// testLease: one owner at a time; only the owner renews or releases; a
// lease that runs out moves.
func testLease(t *testing.T, opener func(t *testing.T) *store.Store) {
	ctx := context.Background()
	s := opener(t)
	take := func(owner string, ttl time.Duration) bool {
		t.Helper()
		ok, err := s.TakeLease(ctx, "reminders", owner, ttl)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	steps := []struct {
		name string
		act  func() bool
		want bool
	}{
		{"a takes a free lease", func() bool { return take("a", time.Minute) }, true},
		{"b cannot take a held lease", func() bool { return take("b", time.Minute) }, false},
		{"a renews its own", func() bool { return take("a", time.Minute) }, true},
		{"b's release leaves a's lease", func() bool {
			if err := s.ReleaseLease(ctx, "reminders", "b"); err != nil {
				t.Fatal(err)
			}
			return take("b", time.Minute)
		}, false},
		{"after a's release b takes it", func() bool {
			if err := s.ReleaseLease(ctx, "reminders", "a"); err != nil {
				t.Fatal(err)
			}
			return take("b", time.Millisecond)
		}, true},
		{"a lease that ran out moves", func() bool { return eventually(t, func() bool { return take("c", time.Minute) }) }, true},
		{"and its old owner cannot renew it", func() bool { return take("b", time.Minute) }, false},
	}
	for _, st := range steps {
		if got := st.act(); got != st.want {
			t.Errorf("%s: got %v, want %v", st.name, got, st.want)
		}
	}
	for _, bad := range []struct{ name, owner string }{{"", "a"}, {"x{y}", "a"}, {"x", ""}} {
		if _, err := s.TakeLease(ctx, bad.name, bad.owner, time.Minute); err == nil {
			t.Errorf("TakeLease(%q, %q): no error", bad.name, bad.owner)
		}
	}
}

// eventually polls cond until it holds or 10 s have passed: for what Redis
// does on its own clock, such as ending a lease.
func eventually(t *testing.T, cond func() bool) bool {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}
