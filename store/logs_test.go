package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/internal/testclock"
)

// testLogsOnceAndUndo: a save delivered many times at once counts once;
// the volunteer can undo it, another volunteer cannot; the record holds no
// user ID.
func testLogsOnceAndUndo(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	a, b := open(t, url), open(t, url)
	now := testclock.Now()
	e := spreekuurbot.LogEntry{Time: now, Location: "stad-centrum", Categories: []string{"lf", "ts"}, Referral: "none", Minutes: 30, Lang: "ar"}
	var wg sync.WaitGroup
	ids := make([]string, 20)
	for i := range ids {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s := []interface {
				AddLog(context.Context, string, int64, spreekuurbot.LogEntry) (string, error)
			}{a, b}[i%2]
			id, err := s.AddLog(ctx, "same-press", volunteer, e)
			if err != nil {
				t.Error(err)
			}
			ids[i] = id
		}(i)
	}
	wg.Wait()
	logs, err := a.Logs(ctx, now.Year())
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) != 1 {
		t.Fatalf("%d logs from one save pressed 20 times", len(logs))
	}
	for _, id := range ids {
		if id != logs[0].ID {
			t.Errorf("a retry got log %s, not %s", id, logs[0].ID)
		}
	}
	raw := raw(t, url)
	for _, v := range raw.HGetAll(ctx, "{log}:"+itoa(now.Year())).Val() {
		if strings.Contains(v, volunteerDigits) {
			t.Errorf("the log record holds the volunteer's ID: %s", v)
		}
	}
	if err := b.UndoLog(ctx, otherVolunteer, logs[0].ID, now); !errors.Is(err, spreekuurbot.ErrUndoTooLate) {
		t.Errorf("another volunteer's undo: %v", err)
	}
	if err := b.UndoLog(ctx, volunteer, logs[0].ID, now.Add(spreekuurbot.UndoWindow+time.Second)); !errors.Is(err, spreekuurbot.ErrUndoTooLate) {
		t.Errorf("an undo after ten minutes: %v", err)
	}
	if err := b.UndoLog(ctx, volunteer, logs[0].ID, now.Add(spreekuurbot.UndoWindow)); err != nil {
		t.Fatal(err)
	}
	if logs, _ := a.Logs(ctx, now.Year()); len(logs) != 0 {
		t.Errorf("%d logs after undo", len(logs))
	}
	if err := a.UndoLog(ctx, volunteer, logs[0].ID, now); !errors.Is(err, spreekuurbot.ErrUndoTooLate) {
		t.Errorf("a second undo: %v", err)
	}
}

// volunteer and otherVolunteer are Telegram IDs long enough that their
// digits cannot turn up by chance in a record (a timestamp's nanoseconds
// held "777" once).
const (
	volunteer       = 918273645
	otherVolunteer  = 918273646
	volunteerDigits = "918273645"
)

func itoa(n int) string { return strconv.Itoa(n) }

// testVisitsOnceAndUndo: a street's counts saved many times at once, on two
// replicas, are kept once, and the street is offered afterwards; the
// volunteer who saved them can undo them for ten minutes, nobody else and
// not later.
func testVisitsOnceAndUndo(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	a, b := open(t, url), open(t, url)
	now := testclock.Now()
	v := spreekuurbot.Visit{Time: now, Street: "Markt", Rung: 40, Reached: 22, Conversations: 5, Referrals: 1}
	var wg sync.WaitGroup
	ids := make([]string, 10)
	for i := range ids {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s := []interface {
				AddVisit(context.Context, string, int64, spreekuurbot.Visit) (string, error)
			}{a, b}[i%2]
			id, err := s.AddVisit(ctx, "same", volunteer, v)
			if err != nil {
				t.Error(err)
			}
			ids[i] = id
		}(i)
	}
	wg.Wait()
	got, err := b.Visits(ctx, now.Year())
	if err != nil || len(got) != 1 || got[0].Rung != 40 {
		t.Fatalf("visits = %+v, %v", got, err)
	}
	for _, id := range ids {
		if id != got[0].ID {
			t.Errorf("a retry got visit %s, not %s", id, got[0].ID)
		}
	}
	if streets, _ := a.Streets(ctx); len(streets) != 1 || streets[0] != "Markt" {
		t.Errorf("streets = %v", streets)
	}
	for _, raw := range raw(t, url).HGetAll(ctx, "{hb}:"+itoa(now.Year())).Val() {
		if strings.Contains(raw, volunteerDigits) {
			t.Errorf("the visit record holds the volunteer's ID: %s", raw)
		}
	}
	id := got[0].ID
	if err := b.UndoVisit(ctx, otherVolunteer, id, now); !errors.Is(err, spreekuurbot.ErrUndoTooLate) {
		t.Errorf("another volunteer's undo: %v", err)
	}
	if err := b.UndoVisit(ctx, volunteer, id, now.Add(spreekuurbot.UndoWindow+time.Second)); !errors.Is(err, spreekuurbot.ErrUndoTooLate) {
		t.Errorf("an undo after ten minutes: %v", err)
	}
	if got, _ := a.Visits(ctx, now.Year()); len(got) != 1 {
		t.Fatalf("%d visits after refused undos", len(got))
	}
	if err := b.UndoVisit(ctx, volunteer, id, now.Add(spreekuurbot.UndoWindow-time.Second)); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Visits(ctx, now.Year()); len(got) != 0 {
		t.Errorf("%d visits after undo", len(got))
	}
	if err := a.UndoVisit(ctx, volunteer, id, now); !errors.Is(err, spreekuurbot.ErrUndoTooLate) {
		t.Errorf("a second undo: %v", err)
	}
	if streets, _ := a.Streets(ctx); len(streets) != 1 {
		t.Errorf("streets after undo = %v: the street stays offered", streets)
	}
}

// testTeam: a volunteer's first name is kept only when given; places can
// be changed; removing a volunteer leaves nothing of them.
func testTeam(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	s := open(t, url)
	code, err := s.CreateInvite(ctx, []string{"stad-centrum"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Join(ctx, 31, code); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Join(ctx, 32, code); !errors.Is(err, spreekuurbot.ErrInviteInvalid) {
		t.Errorf("a used invite: %v", err)
	}
	if err := s.SetVolunteerName(ctx, 31, "Fatima"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetVolunteerLocation(ctx, 31, "haven-centrum", true); err != nil {
		t.Fatal(err)
	}
	team, err := s.AllVolunteers(ctx)
	if err != nil || len(team) != 1 || team[0].Name != "Fatima" || len(team[0].Locations) != 2 {
		t.Fatalf("team = %+v, %v", team, err)
	}
	if err := s.SetSpokenLanguage(ctx, 31, "ti", true); err != nil {
		t.Fatal(err)
	}
	if vols, _ := s.VolunteersOf(ctx, "haven-centrum"); len(vols) != 1 || vols[0].UserID != 31 || len(vols[0].Speaks) != 1 || vols[0].Speaks[0] != "ti" {
		t.Errorf("volunteers of haven = %+v", vols)
	}
	if err := s.RemoveVolunteer(ctx, 31); err != nil {
		t.Fatal(err)
	}
	if team, _ := s.AllVolunteers(ctx); len(team) != 0 {
		t.Errorf("after removal: %+v", team)
	}
	for _, k := range raw(t, url).Keys(ctx, "vol:*").Val() {
		if k != "vol:joined" { // how many ever joined: nobody's data
			t.Errorf("key %s is left after removal", k)
		}
	}
}

// testOverlays: a coordinator's change is stored with a new version that
// every session read carries, so each replica knows to reload.
func testOverlays(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	a, b := open(t, url), open(t, url)
	o := spreekuurbot.Overlay{Capacity: 3, Closures: []spreekuurbot.Closure{{From: spreekuurbot.Date{Year: 2026, Month: 11, Day: 24}, To: spreekuurbot.Date{Year: 2026, Month: 11, Day: 24}, Reason: "vak"}}}
	if err := a.SetOverlay(ctx, "stad-centrum", o); err != nil {
		t.Fatal(err)
	}
	sess, err := b.Session(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	if sess.OverlayVersion != 1 {
		t.Errorf("the session carries overlay version %d, want 1", sess.OverlayVersion)
	}
	all, version, err := b.Overlays(ctx)
	if err != nil || version != 1 || all["stad-centrum"].Capacity != 3 || len(all["stad-centrum"].Closures) != 1 {
		t.Errorf("overlays = %+v, %d, %v", all, version, err)
	}
	if v, err := b.OverlayVersion(ctx); err != nil || v != 1 {
		t.Errorf("overlay version = %d, %v", v, err)
	}
}

// testLegacyOverlays: overlays an earlier store kept one key each are
// found and moved into the hash, once.
func testLegacyOverlays(t *testing.T, newRedis newRedis) {
	ctx := context.Background()
	url := newRedis(t)
	s, rdb := open(t, url), raw(t, url)
	rdb.Set(ctx, "ovr:loc:haven-centrum", `{"capacity":4}`, 0)
	rdb.Set(ctx, "ovr:loc:poort", `{"capacity":1}`, 0)
	rdb.Set(ctx, "ovr:version", "2", 0)
	for range 2 {
		all, version, err := s.Overlays(ctx)
		if err != nil || version != 2 || len(all) != 2 || all["haven-centrum"].Capacity != 4 || all["poort"].Capacity != 1 {
			t.Fatalf("overlays = %+v, %d, %v", all, version, err)
		}
	}
	if n := rdb.HLen(ctx, "ovr:places").Val(); n != 2 {
		t.Errorf("%d overlays moved into the hash, want 2", n)
	}
}
