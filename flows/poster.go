package flows

import (
	"slices"

	"spreekuurbot"
)

// PosterText is what a desk's QR poster says, as messages: a heading,
// the weekly walk-in times as configured (or that the place works by
// appointment only), and the line "scan to ask in your language", which
// the poster shows in every language.
type PosterText struct {
	Heading      spreekuurbot.Msg
	TimesHeading spreekuurbot.Msg
	Times        []spreekuurbot.Msg
	Scan         spreekuurbot.Msg
}

// DeskPoster gives the texts of l's poster, its walk-in times from Monday
// to Sunday.
func DeskPoster(l spreekuurbot.Location) PosterText {
	p := PosterText{
		Heading:      spreekuurbot.Msg{ID: MsgPosterHeading},
		TimesHeading: spreekuurbot.Msg{ID: MsgPosterTimes},
		Scan:         spreekuurbot.Msg{ID: MsgPosterScan},
	}
	if len(l.WalkIn) == 0 {
		p.TimesHeading = spreekuurbot.Msg{ID: MsgPosterByAppointment}
		return p
	}
	hours := slices.Clone(l.WalkIn)
	// Monday first, as a Dutch week starts.
	monday := func(h spreekuurbot.Hours) int { return (int(h.Day) + 6) % 7 }
	slices.SortStableFunc(hours, func(a, b spreekuurbot.Hours) int {
		if monday(a) != monday(b) {
			return monday(a) - monday(b)
		}
		return int(a.From - b.From)
	})
	for _, h := range hours {
		p.Times = append(p.Times, spreekuurbot.Msg{ID: MsgPosterWalkIn, Args: map[string]any{
			"Weekday": spreekuurbot.Msg{ID: weekdayMsgs[h.Day]}, "From": h.From.String(), "To": h.To.String(),
		}})
	}
	return p
}
