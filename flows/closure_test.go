package flows_test

import (
	"context"
	"testing"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// TestReopenTellsTheOtherCoordinators: opening closed days again is logged
// for the coordinators: each other coordinator is told which place is
// open again, and on which days; the one who did it is not.
func TestReopenTellsTheOtherCoordinators(t *testing.T) {
	const me, other = 1001, 1002
	roles := roleMap(map[int64]spreekuurbot.Role{me: spreekuurbot.Coordinator, other: spreekuurbot.Coordinator})
	e, _ := newEngineAt(t, roles, ptr(testNow), withCoordinators(me, other))
	texts := catalog(t)
	ctx := context.Background()
	var res flows.Result
	do := func(ev flows.Event) {
		t.Helper()
		ev.UserID, ev.LanguageCode = me, "nl"
		var err error
		if res, err = e.Handle(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	press := func(label string) {
		t.Helper()
		last := res.Replies[len(res.Replies)-1]
		for _, row := range last.Buttons {
			for _, b := range row {
				if texts.Text("nl", b.Label) == label {
					do(flows.Event{Kind: flows.KindButton, Data: b.Data})
					return
				}
			}
		}
		t.Fatalf("no button %q", label)
	}
	do(flows.ParseText(me, "nl", "/slots"))
	for _, label := range []string{"De Nieuwe Bibliotheek Almere Stad (Centrum)", "🚫 Dagen sluiten", "donderdag 26 november", "donderdag 26 november", "Ziekte"} {
		press(label)
	}
	press("🔓 Weer open: donderdag 26 november")
	press("Ja, weer openen")
	var told []int64
	for _, eff := range res.Effects {
		if n, ok := eff.(flows.NotifyUser); ok && n.Msg.ID == flows.MsgReopenedLog {
			told = append(told, n.To.UserID)
		}
	}
	if len(told) != 1 || told[0] != other {
		t.Errorf("coordinators told of the reopening: %v, want only %d", told, other)
	}
}
