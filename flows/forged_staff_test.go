package flows_test

import (
	"context"
	"testing"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// TestResidentCannotActAsStaff: a resident pressing staff buttons that
// carry a valid signature (the secret leaked, say) changes nothing: every
// staff action checks the role on the server.
func TestResidentCannotActAsStaff(t *testing.T) {
	codec := flows.NewCodec([]byte("transcript-secret-0123456789abcdef"))
	actions := []struct{ action, arg string }{
		{"vc", "0000000000000001"},  // take an appointment
		{"tc", "0000000000000001"},  // mark came
		{"ls", "x"},                 // save a log
		{"lc", "lf"},                // pick a log topic
		{"hv", "x"},                 // save a huisbezoek
		{"hd", "4"},                 // type on the keypad
		{"t", "stad-centrum"},       // pick a place for an invite
		{"i", ""},                   // make an invite link
		{"vr", "2002"},              // remove a volunteer
		{"vt", "2002.stad-centrum"}, // change a volunteer's places
		{"sc", "stad-centrum.20261124.20261124.vak"}, // close days
		{"se", "stad-centrum.20261125.10"},           // add an extra spreekuur
		{"sk", "stad-centrum.up"},                    // change the capacity
		{"sp", "ar"},                                 // set a spoken language
		{"o", "stats"},                               // open the figures
		{"o", "sl"},                                  // open /slots
		{"o", "vols"},                                // open /volunteers
		{"o", "lg"},                                  // open /log
		{"o", "bc"},                                  // open /broadcast
		{"o", "bcv.a.c.stad-centrum.20261126"},       // a broadcast's preview
		{"bq", "a.c.stad-centrum.20261126"},          // send a broadcast
		{"bq", "lstad-centrum.f"},                    // send a free-text broadcast
	}
	for _, a := range actions {
		t.Run(a.action+" "+a.arg, func(t *testing.T) {
			e := newEngine(t, roleMap(nil))
			s := flows.Session{Lang: "nl", Screen: flows.ScreenHome, Seq: 3}
			data, err := codec.Encode(77, flows.Payload{Seq: 3, Action: a.action, Arg: a.arg})
			if err != nil {
				t.Fatal(err)
			}
			_, res, err := e.Step(context.Background(), s, spreekuurbot.Resident, flows.Event{UserID: 77, Kind: flows.KindButton, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if res.Notice == nil || res.Notice.ID != flows.MsgButtonInvalid {
				t.Errorf("a resident's %q was not refused: %+v", a.action, res.Notice)
			}
			if len(res.Effects) != 0 || len(res.Outbox) != 0 {
				t.Errorf("a resident's %q had effects %v", a.action, res.Effects)
			}
		})
	}
}
