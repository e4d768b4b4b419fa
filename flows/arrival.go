package flows

import (
	"spreekuurbot"
)

// arrivalMsgs say what a resident needs to know before coming to l: the
// way in and the floor, whether a wheelchair gets there, who speaks other
// languages there, and what to bring; or, where the configuration does
// not say, only what to bring in general. The place's note is for staff
// and never shown.
func arrivalMsgs(l *spreekuurbot.Location) []spreekuurbot.Msg {
	a := l.Arrival
	if a == nil {
		return []spreekuurbot.Msg{{ID: MsgLocationBring}}
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
	out := []spreekuurbot.Msg{{ID: MsgArrivalWhere, Args: map[string]any{"Entrance": spreekuurbot.Msg{ID: entrance}, "Floor": floor}}}
	access := MsgArrivalNotStepFree
	if a.StepFree {
		access = MsgArrivalStepFree
	}
	out = append(out, spreekuurbot.Msg{ID: access, Tight: true})
	switch a.Languages {
	case spreekuurbot.HelpInterpreter:
		out = append(out, spreekuurbot.Msg{ID: MsgArrivalInterpreter, Tight: true})
	case spreekuurbot.HelpVolunteer:
		var names []spreekuurbot.Msg
		for _, code := range a.Spoken {
			names = append(names, spreekuurbot.Msg{ID: MsgPlain, Args: map[string]any{"Text": spreekuurbot.LanguageOf(code)}})
		}
		out = append(out, spreekuurbot.Msg{ID: MsgArrivalVolunteer, Tight: true, Args: map[string]any{"Languages": listMsg(names)}})
	default:
		out = append(out, spreekuurbot.Msg{ID: MsgArrivalDutchOnly, Tight: true})
	}
	things := map[string]spreekuurbot.MsgID{
		spreekuurbot.BringID: MsgBringID, spreekuurbot.BringLetters: MsgBringLetters, spreekuurbot.BringDigiD: MsgBringDigiD,
	}
	var bring []spreekuurbot.Msg
	for _, b := range a.Bring {
		bring = append(bring, spreekuurbot.Msg{ID: things[b]})
	}
	return append(out, spreekuurbot.Msg{ID: MsgArrivalBring, Tight: true, Args: map[string]any{"Things": listMsg(bring)}})
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
