package flows_test

import (
	"context"
	"testing"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// TestLogTaps counts the taps of the common /log path: a volunteer of one
// place logs a letter, with the defaults for the rest. The desks asked for
// at most about six.
func TestLogTaps(t *testing.T) {
	ctx := context.Background()
	roles := roleMap(map[int64]spreekuurbot.Role{})
	clock := testNow
	e, _ := newEngineAt(t, roles, &clock)
	// The volunteer joins one place through an invite.
	roles.Set(1, spreekuurbot.Coordinator)
	s := flows.Session{Lang: "nl"}
	s, res, err := e.Step(ctx, s, spreekuurbot.Coordinator, flows.Event{UserID: 1, Kind: flows.KindCommand, Command: "invite"})
	if err != nil {
		t.Fatal(err)
	}
	s, res, _ = e.Step(ctx, s, spreekuurbot.Coordinator, flows.Event{UserID: 1, Kind: flows.KindButton, Data: res.Replies[0].Buttons[0][0].Data})
	last := res.Replies[len(res.Replies)-1]
	_, res, _ = e.Step(ctx, s, spreekuurbot.Coordinator, flows.Event{UserID: 1, Kind: flows.KindButton, Data: last.Buttons[len(last.Buttons)-2][0].Data})
	code := res.Replies[0].Text[0].Args["Link"].(string)
	code = code[len(code)-len("invite1"):]
	vol := flows.Session{Lang: "nl"}
	vol, _, _ = e.Step(ctx, vol, spreekuurbot.Resident, flows.Event{UserID: 2, Kind: flows.KindCommand, Command: "start", Args: code})

	taps := 0
	press := func(label spreekuurbot.MsgID) {
		t.Helper()
		taps++
		for _, r := range res.Replies {
			for _, b := range flatten(r.Buttons) {
				if b.Label.ID == label {
					var err error
					vol, res, err = e.Step(ctx, vol, spreekuurbot.Volunteer, flows.Event{UserID: 2, Kind: flows.KindButton, Data: b.Data})
					if err != nil {
						t.Fatal(err)
					}
					return
				}
			}
		}
		t.Fatalf("no button %s", label)
	}
	vol, res, err = e.Step(ctx, vol, spreekuurbot.Volunteer, flows.Event{UserID: 2, Kind: flows.KindCommand, Command: "log"})
	if err != nil {
		t.Fatal(err)
	}
	press(flows.MsgTopicLetter)
	press(flows.MsgButtonNext)
	press(flows.MsgButtonSave)
	if res.Replies[len(res.Replies)-1].Text[0].ID != flows.MsgLogSaved {
		t.Fatalf("after %d taps: %+v", taps, res.Replies)
	}
	if taps > 6 {
		t.Errorf("the common path takes %d taps, want at most 6", taps)
	}
	t.Logf("common /log path: %d taps after /log", taps)
}
