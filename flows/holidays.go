package flows

import (
	"spreekuurbot"
)

// holidayMsgs names each public holiday in the reader's language; Holiday
// gives the Dutch names the configuration and the logs use.
var holidayMsgs = map[string]spreekuurbot.MsgID{
	"Nieuwjaarsdag":      MsgHolidayNewYear,
	"Eerste Paasdag":     MsgHolidayEaster,
	"Tweede Paasdag":     MsgHolidayEasterMonday,
	"Koningsdag":         MsgHolidayKingsDay,
	"Bevrijdingsdag":     MsgHolidayLiberation,
	"Hemelvaartsdag":     MsgHolidayAscension,
	"Eerste Pinksterdag": MsgHolidayPentecost,
	"Tweede Pinksterdag": MsgHolidayWhitMonday,
	"Eerste Kerstdag":    MsgHolidayChristmas,
	"Tweede Kerstdag":    MsgHolidayBoxingDay,
}

// HolidayMsg names the public holiday on d in the reader's language, or
// reports false.
func HolidayMsg(d spreekuurbot.Date) (spreekuurbot.Msg, bool) {
	name, ok := spreekuurbot.Holiday(d)
	if !ok {
		return spreekuurbot.Msg{}, false
	}
	return spreekuurbot.Msg{ID: holidayMsgs[name]}, true
}
