package flows

import (
	"spreekuurbot"
)

// kindArrival is the screen of what a resident needs to know before
// coming to a place (its ID is the argument).
const kindArrival = "arr"

// arrivalText is what a resident needs to know before coming to a place,
// a line each: the way in and the floor, whether a wheelchair gets in,
// who speaks other languages there, and what to bring.
type arrivalText struct {
	where, access, languages, bring spreekuurbot.Msg
}

// arrivalOf words l's facts for coming; false when the configuration
// says none. The place's note is for staff and never shown.
func arrivalOf(l *spreekuurbot.Location) (arrivalText, bool) {
	a := l.Arrival
	if a == nil {
		return arrivalText{}, false
	}
	entrance := map[string]spreekuurbot.MsgID{
		spreekuurbot.EntranceMain: MsgArrivalEntranceMain,
		spreekuurbot.EntranceSide: MsgArrivalEntranceSide,
		spreekuurbot.EntranceBack: MsgArrivalEntranceBack,
	}[a.Entrance]
	floor := spreekuurbot.Msg{ID: MsgArrivalGroundFloor}
	switch {
	case a.Floor > 0 && a.Lift:
		floor = spreekuurbot.Msg{ID: MsgArrivalFloorLift, Args: map[string]any{"Floor": a.Floor}}
	case a.Floor > 0:
		floor = spreekuurbot.Msg{ID: MsgArrivalFloorStairs, Args: map[string]any{"Floor": a.Floor}}
	}
	t := arrivalText{
		where:  spreekuurbot.Msg{ID: MsgArrivalWhere, Args: map[string]any{"Entrance": spreekuurbot.Msg{ID: entrance}, "Floor": floor}},
		access: spreekuurbot.Msg{ID: MsgArrivalNotStepFree, Tight: true},
	}
	if a.StepFree {
		t.access.ID = MsgArrivalStepFree
	}
	switch a.Languages {
	case spreekuurbot.HelpInterpreter:
		t.languages = spreekuurbot.Msg{ID: MsgArrivalInterpreter, Tight: true}
	case spreekuurbot.HelpVolunteer:
		var names []spreekuurbot.Msg
		for _, code := range a.Spoken {
			names = append(names, spreekuurbot.Msg{ID: MsgPlain, Args: map[string]any{"Text": spreekuurbot.LanguageOf(code)}})
		}
		t.languages = spreekuurbot.Msg{ID: MsgArrivalVolunteer, Tight: true, Args: map[string]any{"Languages": listMsg(names)}}
	default:
		t.languages = spreekuurbot.Msg{ID: MsgArrivalDutchOnly, Tight: true}
	}
	things := map[string]spreekuurbot.MsgID{
		spreekuurbot.BringID: MsgBringID, spreekuurbot.BringLetters: MsgBringLetters, spreekuurbot.BringDigiD: MsgBringDigiD,
	}
	var bring []spreekuurbot.Msg
	for _, b := range a.Bring {
		bring = append(bring, spreekuurbot.Msg{ID: things[b]})
	}
	t.bring = spreekuurbot.Msg{ID: MsgArrivalBring, Tight: true, Args: map[string]any{"Things": listMsg(bring)}}
	return t, true
}

// drawArrival is the place's screen of what to know before coming, all
// of it; the place's page, the booking summary and the reminders lead
// here and show a part, each within one phone screen.
func drawArrival(d *drawing, id string) {
	l := d.engine().locs().byID[id]
	t, _ := arrivalOf(l)
	d.say(spreekuurbot.Msg{ID: MsgLocationTitle, Args: map[string]any{"Name": l.Name}}, t.where, t.access, t.languages, t.bring)
}

// arrivalButton opens what to know before coming to l: its own facts
// where the configuration has them, else what to bring in general.
func (d *drawing) arrivalButton(l *spreekuurbot.Location) Button {
	if l.Arrival == nil {
		return d.open(spreekuurbot.Msg{ID: MsgButtonBring}, ScreenBring)
	}
	return d.open(spreekuurbot.Msg{ID: MsgButtonArrival}, screenOf(kindArrival, l.ID))
}

// arrivalReminder is what a reminder repeats of coming to l: the way in,
// the floor and step-free access, on the day that matters.
func arrivalReminder(l *spreekuurbot.Location) []spreekuurbot.Msg {
	t, ok := arrivalOf(l)
	if !ok {
		return nil
	}
	return []spreekuurbot.Msg{t.where, t.access}
}

// listMsg names items one after another, the last two joined by the
// reader's "and" ("a, b and c").
func listMsg(items []spreekuurbot.Msg) spreekuurbot.Msg {
	switch len(items) {
	case 0:
		return plain("")
	case 1:
		return items[0]
	}
	n := len(items)
	out := spreekuurbot.Msg{ID: MsgListAnd, Args: map[string]any{"First": items[n-2], "Last": items[n-1]}}
	for i := n - 3; i >= 0; i-- {
		out = spreekuurbot.Msg{ID: MsgListJoin, Args: map[string]any{"First": items[i], "Rest": out}}
	}
	return out
}
