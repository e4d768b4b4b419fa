package store_test

import (
	"context"
	"fmt"
	"testing"

	"spreekuurbot/store"
)

// testVolunteerNumbers: volunteers are numbered in the order they join,
// not by their IDs; the number is the same on every replica, stays when
// they get another place and when others leave, and is never given again.
// A volunteer from before numbers were kept gets one on the first listing,
// the same on both replicas from then on.
func testVolunteerNumbers(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	a, b := open(t, url), open(t, url)
	numbers := func(t *testing.T) string {
		t.Helper()
		var lists [2]string
		for i, s := range []*store.Store{a, b} {
			team, err := s.AllVolunteers(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range team {
				lists[i] += fmt.Sprintf("%d:%d ", v.UserID, v.Number)
			}
		}
		if lists[0] != lists[1] {
			t.Errorf("the replicas list %q and %q", lists[0], lists[1])
		}
		return lists[0]
	}
	join := func(t *testing.T, userID int64, place string) {
		t.Helper()
		if err := a.SetVolunteerLocation(ctx, userID, place, true); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name string
		do   func(t *testing.T)
		want string
	}{
		{"join in turn", func(t *testing.T) {
			join(t, 900, "stad-centrum")
			code, err := b.CreateInvite(ctx, []string{"haven-centrum"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Join(ctx, 50, code); err != nil {
				t.Fatal(err)
			}
			join(t, 7000, "stad-centrum")
		}, "900:1 50:2 7000:3 "},
		{"another place", func(t *testing.T) { join(t, 900, "haven-centrum") }, "900:1 50:2 7000:3 "},
		{"one leaves", func(t *testing.T) {
			if err := b.RemoveVolunteer(ctx, 50); err != nil {
				t.Fatal(err)
			}
		}, "900:1 7000:3 "},
		{"a new one", func(t *testing.T) { join(t, 10, "stad-centrum") }, "900:1 7000:3 10:4 "},
		{"back again", func(t *testing.T) { join(t, 50, "stad-centrum") }, "900:1 7000:3 10:4 50:5 "},
		{"from before numbers", func(t *testing.T) {
			raw(t, url).HDel(ctx, "vol:number", "7000", "900")
		}, "10:4 50:5 900:6 7000:7 "},
	}
	for _, step := range steps {
		step.do(t)
		if got := numbers(t); got != step.want {
			t.Errorf("%s: volunteers %q, want %q", step.name, got, step.want)
		}
	}
}
