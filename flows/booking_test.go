package flows_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// TestForgedBookings: buttons signed as the server would sign them (the
// secret leaked, say) still cannot book a past slot, a closed day, a day
// beyond 14 days or a time that is no slot; each gets "this time is no
// longer possible" and books nothing.
func TestForgedBookings(t *testing.T) {
	codec := flows.NewCodec([]byte("transcript-secret-0123456789abcdef"))
	tests := []struct {
		name string
		arg  string
	}{
		{"past", "stad-centrum.lf.20261119.1300"},
		{"closed day (Tuesday has no slots)", "stad-centrum.lf.20261124.1300"},
		{"beyond 14 days", "stad-centrum.lf.20261210.1300"},
		{"not a slot time", "stad-centrum.lf.20261126.1310"},
		{"public holiday (Hemelvaart 2027 is a Thursday)", "stad-centrum.lf.20270506.1300"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, st := newEngineAt(t, roleMap(nil), ptr(testNow))
			s := flows.Session{Lang: "nl", Screen: flows.ScreenHome, Seq: 5}
			data, err := codec.Encode(1, flows.Payload{Seq: 5, Action: "k", Arg: tt.arg})
			if err != nil {
				t.Fatal(err)
			}
			_, res, err := e.Step(context.Background(), s, spreekuurbot.Resident, flows.Event{UserID: 1, Kind: flows.KindButton, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Replies) != 1 || res.Replies[0].Text[0].ID != flows.MsgBookGone {
				t.Errorf("replies = %+v", res.Replies)
			}
			if len(st.Reminders()) != 0 || len(res.Effects) != 0 {
				t.Errorf("a forged booking set effects %v", res.Effects)
			}
		})
	}
}

func ptr(s string) *string { return &s }

func TestSlotsOn(t *testing.T) {
	loc := spreekuurbot.Location{ID: "x", Slots: []spreekuurbot.SlotRule{
		{Hours: spreekuurbot.Hours{Day: time.Thursday, From: 13 * 60, To: 15 * 60}, Minutes: 30, Capacity: 2, Weeks: spreekuurbot.AllWeeks},
		{Hours: spreekuurbot.Hours{Day: time.Monday, From: 9 * 60, To: 10 * 60}, Minutes: 60, Capacity: 1, Weeks: spreekuurbot.EvenWeeks},
	}}
	var got []string
	for _, d := range []spreekuurbot.Date{{Year: 2026, Month: 11, Day: 26}, {Year: 2026, Month: 11, Day: 23}, {Year: 2026, Month: 11, Day: 30}, {Year: 2027, Month: 5, Day: 6}} {
		for _, s := range loc.SlotsOn(d) {
			got = append(got, s.ID())
		}
	}
	want := "x.20261126.1300 x.20261126.1330 x.20261126.1400 x.20261126.1430 x.20261123.0900"
	if strings.Join(got, " ") != want {
		t.Errorf("slots = %v\nwant    %s (23 November is in even ISO week 48, 30 November in odd week 49; Thursday 6 May 2027 is Hemelvaartsdag)", got, want)
	}
}
