package flows

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"spreekuurbot"
)

// The coordinators' /broadcast: audience → kind of message → its details,
// picked with buttons → a preview in two languages → send. The message is
// rendered for each recipient in their own language when it is sent, by
// BroadcastReply; the queue and the sending belong to the store and the
// transport.
const (
	ScreenBroadcast Screen = "bc"
	screenBcPlaces  Screen = "bcl"

	kindBcTemplate = "bct" // <aud>
	kindBcPlace    = "bcw" // <aud>.<tpl>
	kindBcDay      = "bcd" // <aud>.<tpl>.<place>
	kindBcHour     = "bch" // <aud>.<tpl>.<place>.<day>
	kindBcHoliday  = "bcy" // <aud>.h
	kindBcText     = "bcx" // <aud>.f: waits for the typed text
	kindBcPreview  = "bcv" // <aud>.<tpl>[.<place>[.<day>[.<hour>]]]

	actionBroadcast = "bq" // the preview's argument: queue it
)

// samePlace in a broadcast argument stands for the place whose subscribers
// are the audience, keeping callback data short.
const samePlace = "="

// QueueBroadcast asks the store to queue a broadcast to its addressees.
type QueueBroadcast struct {
	Broadcast spreekuurbot.Broadcast
	To        []spreekuurbot.Addressee
}

func (QueueBroadcast) isEffect() {}

// broadcasts is a coordinator's /broadcast: audience, kind of message, its
// details, a preview in two languages, send.
func broadcasts() flow {
	valid := func(parts int) func(e *Engine, arg string) bool {
		return func(e *Engine, arg string) bool {
			a, ok := e.parseBcArg(arg)
			return ok && a.parts == parts
		}
	}
	return flow{
		name: "broadcast",
		screens: []screen{
			{kind: string(ScreenBroadcast), roles: coordinators, draw: drawBroadcast},
			{kind: string(screenBcPlaces), roles: coordinators, draw: drawBcPlaces},
			{kind: kindBcTemplate, roles: coordinators, valid: valid(1), draw: drawBcTemplate},
			{kind: kindBcPlace, roles: coordinators, valid: valid(2), draw: drawBcPlace},
			{kind: kindBcDay, roles: coordinators, valid: valid(3), draw: drawBcDay},
			{kind: kindBcHour, roles: coordinators, valid: valid(4), draw: drawBcHour},
			{kind: kindBcHoliday, roles: coordinators, valid: valid(2), draw: drawBcHoliday},
			{kind: kindBcText, roles: coordinators, valid: valid(2), draw: func(d *drawing, _ string) {
				d.say(spreekuurbot.Msg{ID: MsgBroadcastTypeText, Args: map[string]any{"Max": strconv.Itoa(spreekuurbot.MaxBroadcastText)}})
			}},
			{kind: kindBcPreview, roles: coordinators, valid: func(e *Engine, arg string) bool {
				a, ok := e.parseBcArg(arg)
				return ok && a.complete()
			}, load: loadAudience, draw: drawBcPreview},
		},
		actions:  []action{{codes: []string{actionBroadcast}, do: func(st *step, p Payload) bool { return st.queueBroadcast(p.Arg) }}},
		commands: []command{{Command{"broadcast", MsgCommandBroadcast}, ScreenBroadcast, coordinators}},
		text:     (*step).broadcastTextInput,
	}
}

// bcArg is a broadcast being put together, as it travels in a screen's
// argument: audience, template, place, day and hour, each checked.
type bcArg struct {
	parts    int
	audience string
	template string
	place    string // the place's ID, samePlace resolved
	rawPlace string
	day      spreekuurbot.Date
	hour     int
}

func (e *Engine) parseBcArg(arg string) (bcArg, bool) {
	parts := strings.Split(arg, ".")
	a := bcArg{parts: len(parts), audience: parts[0]}
	set := e.locs()
	switch {
	case a.audience == spreekuurbot.AudienceAll || a.audience == spreekuurbot.AudienceVolunteers:
	case strings.HasPrefix(a.audience, spreekuurbot.AudiencePlace) && set.byID[a.audience[1:]] != nil:
	default:
		return a, false
	}
	if len(parts) < 2 {
		return a, true
	}
	a.template = parts[1]
	switch a.template {
	case spreekuurbot.TemplateTimes, spreekuurbot.TemplateClosed, spreekuurbot.TemplateExtra:
	case spreekuurbot.TemplateHoliday, spreekuurbot.TemplateFree:
		if len(parts) == 2 {
			return a, true
		}
		return a, a.template == spreekuurbot.TemplateHoliday && len(parts) == 4 && parts[2] == "-" && a.parseDay(parts[3]) && isHoliday(a.day)
	default:
		return a, false
	}
	if len(parts) < 3 {
		return a, true
	}
	a.rawPlace = parts[2]
	a.place = a.rawPlace
	if a.place == samePlace && strings.HasPrefix(a.audience, spreekuurbot.AudiencePlace) {
		a.place = a.audience[1:]
	}
	if set.byID[a.place] == nil {
		return a, false
	}
	if len(parts) < 4 {
		return a, true
	}
	if a.template == spreekuurbot.TemplateTimes || !a.parseDay(parts[3]) {
		return a, false
	}
	if len(parts) < 5 {
		return a, true
	}
	h, err := strconv.Atoi(parts[4])
	if a.template != spreekuurbot.TemplateExtra || len(parts) > 5 || err != nil || h < extraHours[0] || h > extraHours[len(extraHours)-1] {
		return a, false
	}
	a.hour = h
	return a, true
}

func (a *bcArg) parseDay(s string) bool {
	d, ok := spreekuurbot.ParseCompactDate(s)
	a.day = d
	return ok
}

func isHoliday(d spreekuurbot.Date) bool { _, ok := spreekuurbot.Holiday(d); return ok }

// complete reports whether every field of the template is chosen.
func (a bcArg) complete() bool {
	switch a.template {
	case spreekuurbot.TemplateTimes:
		return a.parts == 3
	case spreekuurbot.TemplateClosed:
		return a.parts == 4
	case spreekuurbot.TemplateExtra:
		return a.parts == 5
	case spreekuurbot.TemplateHoliday:
		return a.parts == 4
	case spreekuurbot.TemplateFree:
		return a.parts == 2
	}
	return false
}

func drawBroadcast(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgBroadcastAudience})
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonAudiencePlace}, screenBcPlaces))
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonAudienceAll}, screenOf(kindBcTemplate, spreekuurbot.AudienceAll)))
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonAudienceVolunteers}, screenOf(kindBcTemplate, spreekuurbot.AudienceVolunteers)))
}

func drawBcPlaces(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgBroadcastChoosePlace})
	for _, l := range d.engine().locs().list {
		d.row(d.open(locationLabel(&l), screenOf(kindBcTemplate, spreekuurbot.AudiencePlace+l.ID)))
	}
}

var bcTemplates = []struct {
	code string
	msg  spreekuurbot.MsgID
}{
	{spreekuurbot.TemplateTimes, MsgButtonTemplateTimes}, {spreekuurbot.TemplateClosed, MsgButtonTemplateClosed},
	{spreekuurbot.TemplateExtra, MsgButtonTemplateExtra}, {spreekuurbot.TemplateHoliday, MsgButtonTemplateHoliday},
	{spreekuurbot.TemplateFree, MsgButtonTemplateFree},
}

func drawBcTemplate(d *drawing, aud string) {
	d.say(spreekuurbot.Msg{ID: MsgBroadcastTemplate})
	var buttons []Button
	for _, t := range bcTemplates {
		buttons = append(buttons, d.open(spreekuurbot.Msg{ID: t.msg}, bcNext(aud, t.code)))
	}
	d.pairs(buttons)
}

// bcNext is the screen after choosing a template: the place when the
// audience does not name it, else the template's first detail.
func bcNext(aud, tpl string) Screen {
	switch tpl {
	case spreekuurbot.TemplateHoliday:
		return screenOf(kindBcHoliday, aud+"."+tpl)
	case spreekuurbot.TemplateFree:
		return screenOf(kindBcText, aud+"."+tpl)
	}
	if !strings.HasPrefix(aud, spreekuurbot.AudiencePlace) {
		return screenOf(kindBcPlace, aud+"."+tpl)
	}
	return bcAfterPlace(aud + "." + tpl + "." + samePlace)
}

func bcAfterPlace(arg string) Screen {
	if strings.Split(arg, ".")[1] == spreekuurbot.TemplateTimes {
		return screenOf(kindBcPreview, arg)
	}
	return screenOf(kindBcDay, arg)
}

func drawBcPlace(d *drawing, arg string) {
	d.say(spreekuurbot.Msg{ID: MsgBroadcastChoosePlace})
	for _, l := range d.engine().locs().list {
		d.row(d.open(locationLabel(&l), bcAfterPlace(arg+"."+l.ID)))
	}
}

// broadcastDays is how far ahead a broadcast can announce a day.
const broadcastDays = 42

func drawBcDay(d *drawing, arg string) {
	d.say(spreekuurbot.Msg{ID: MsgBroadcastChooseDay})
	extra := strings.Split(arg, ".")[1] == spreekuurbot.TemplateExtra
	d.days(0, broadcastDays, func(day spreekuurbot.Date) Button {
		if extra {
			return d.open(ShortDateMsg(day), screenOf(kindBcHour, arg+"."+day.Compact()))
		}
		return d.open(ShortDateMsg(day), screenOf(kindBcPreview, arg+"."+day.Compact()))
	})
}

func drawBcHour(d *drawing, arg string) {
	d.say(spreekuurbot.Msg{ID: MsgSlotsExtraHour})
	var buttons []Button
	for _, h := range extraHours {
		buttons = append(buttons, d.open(plain(fmt.Sprintf("%02d:00–%02d:00", h, h+2)), screenOf(kindBcPreview, arg+"."+strconv.Itoa(h))))
	}
	d.pairs(buttons)
}

// drawBcHoliday offers the public holidays of the coming year; a closed
// day or an extra spreekuur is picked from the days /slots plans.
func drawBcHoliday(d *drawing, arg string) {
	d.say(spreekuurbot.Msg{ID: MsgBroadcastChooseHoliday})
	today := spreekuurbot.DateOf(d.st.now)
	for i := 0; i < 366; i++ {
		day := today.AddDays(i)
		if name, ok := HolidayMsg(day); ok {
			d.row(d.open(spreekuurbot.Msg{ID: MsgHolidayLabel, Args: map[string]any{"Date": ShortDateMsg(day), "Name": name}}, screenOf(kindBcPreview, arg+".-."+day.Compact())))
		}
	}
}

// broadcastOf turns a complete argument into the broadcast it describes.
func (st *step) broadcastOf(a bcArg) spreekuurbot.Broadcast {
	b := spreekuurbot.Broadcast{Audience: a.audience, Template: a.template, Place: a.place, Hour: a.hour, From: st.userID, FromLang: st.session.Lang}
	if a.parts >= 4 {
		b.Day = a.day.Compact()
	}
	if a.template == spreekuurbot.TemplateFree {
		b.Text = st.session.Draft
	}
	return b
}

// loadAudience finds who the previewed broadcast would go to.
func loadAudience(st *step, arg string) {
	a, _ := st.engine.parseBcArg(arg)
	b := st.broadcastOf(a)
	if b.Template == spreekuurbot.TemplateFree && b.Text == "" {
		return // nothing to send yet: the screen asks for the text
	}
	st.read("broadcast audience", func() error {
		to, err := st.audience(b)
		st.view.audience = &to
		return err
	})
}

func drawBcPreview(d *drawing, arg string) {
	e := d.engine()
	a, _ := e.parseBcArg(arg)
	b := d.st.broadcastOf(a)
	if b.Template == spreekuurbot.TemplateFree && b.Text == "" {
		// The draft expired with the session: ask for the text again.
		d.say(spreekuurbot.Msg{ID: MsgBroadcastTypeText, Args: map[string]any{"Max": strconv.Itoa(spreekuurbot.MaxBroadcastText)}})
		d.st.session.Screen = screenOf(kindBcText, a.audience+"."+spreekuurbot.TemplateFree)
		return
	}
	if d.st.view.audience == nil {
		return
	}
	to := *d.st.view.audience
	if len(to) == 0 {
		d.say(spreekuurbot.Msg{ID: MsgBroadcastNobody})
		return
	}
	d.say(spreekuurbot.Msg{ID: MsgBroadcastPreview, Count: len(to), Args: map[string]any{"Count": strconv.Itoa(len(to))}})
	for _, lang := range previewLanguages(d.st.session.Lang, to) {
		d.say(spreekuurbot.Msg{ID: MsgBroadcastPreviewIn, Args: map[string]any{"Language": spreekuurbot.LanguageOf(lang)}})
		for _, m := range e.broadcastText(b, nil) {
			m.Lang = lang
			d.say(m)
		}
	}
	if l := e.locs().byID[b.Place]; l != nil && b.Template == spreekuurbot.TemplateClosed {
		d.say(spreekuurbot.Msg{ID: MsgBroadcastClosesDay, Args: map[string]any{"Name": l.Name}})
	}
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonSend}, actionBroadcast, arg))
}

// previewLanguages are the coordinator's own language and the one most
// recipients read, or English when they read the coordinator's.
func previewLanguages(own string, to []spreekuurbot.Addressee) []string {
	count := map[string]int{}
	for _, a := range to {
		if a.Lang != own {
			count[a.Lang]++
		}
	}
	other := "en"
	if own == "en" {
		other = spreekuurbot.SourceLanguage
	}
	best := 0
	for lang, n := range count {
		if n > best || n == best && lang < other {
			other, best = lang, n
		}
	}
	return []string{own, other}
}

// audience resolves who a broadcast goes to, each with their language.
func (st *step) audience(b spreekuurbot.Broadcast) ([]spreekuurbot.Addressee, error) {
	e := st.engine
	seen := map[int64]bool{}
	var ids []int64
	add := func(list []int64) {
		for _, id := range list {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	switch {
	case b.Audience == spreekuurbot.AudienceVolunteers:
		all, err := e.cfg.Team.AllVolunteers(st.ctx)
		if err != nil {
			return nil, fmt.Errorf("broadcast audience: %w", err)
		}
		for _, v := range all {
			add([]int64{v.UserID})
		}
	default:
		places := []string{strings.TrimPrefix(b.Audience, spreekuurbot.AudiencePlace)}
		if b.Audience == spreekuurbot.AudienceAll {
			places = places[:0]
			for _, l := range e.locs().list {
				places = append(places, l.ID)
			}
		}
		for _, p := range places {
			subs, err := e.cfg.Broadcasts.Subscribers(st.ctx, p, st.now)
			if err != nil {
				return nil, fmt.Errorf("broadcast audience: %w", err)
			}
			add(subs)
		}
	}
	langs, err := e.cfg.Broadcasts.LanguagesOf(st.ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("broadcast languages: %w", err)
	}
	to := make([]spreekuurbot.Addressee, len(ids))
	for i, id := range ids {
		lang := e.languages.Or(langs[i])
		to[i] = spreekuurbot.Addressee{UserID: id, Lang: lang}
	}
	sort.Slice(to, func(i, j int) bool { return to[i].UserID < to[j].UserID })
	return to, nil
}

// broadcastText is what a broadcast says, the same for every recipient
// but for the language; an appointment's closure notice names the
// appointment.
func (e *Engine) broadcastText(b spreekuurbot.Broadcast, booking *spreekuurbot.Booking) []spreekuurbot.Msg {
	day, _ := spreekuurbot.ParseCompactDate(b.Day)
	var name string
	var l *spreekuurbot.Location
	if l = e.locs().byID[b.Place]; l != nil {
		name = l.Name
	}
	switch b.Template {
	case spreekuurbot.TemplateTimes:
		out := []spreekuurbot.Msg{{ID: MsgBroadcastTimes, Args: map[string]any{"Name": name}}}
		if l != nil {
			for _, p := range l.NextWalkIns(e.cfg.Now().In(e.cfg.Zone), 5) {
				m := PeriodMsg(p)
				m.Tight = true
				out = append(out, m)
			}
		}
		return out
	case spreekuurbot.TemplateClosed:
		return []spreekuurbot.Msg{{ID: MsgBroadcastClosed, Args: map[string]any{"Name": name, "Date": DateMsg(day)}}}
	case spreekuurbot.TemplateExtra:
		return []spreekuurbot.Msg{{ID: MsgBroadcastExtra, Args: map[string]any{"Name": name, "Date": DateMsg(day),
			"From": fmt.Sprintf("%02d:00", b.Hour), "To": fmt.Sprintf("%02d:00", b.Hour+2)}}}
	case spreekuurbot.TemplateHoliday:
		holiday, _ := HolidayMsg(day)
		return []spreekuurbot.Msg{{ID: MsgBroadcastHoliday, Args: map[string]any{"Date": DateMsg(day), "Name": holiday}}}
	case spreekuurbot.TemplateFree:
		return []spreekuurbot.Msg{{ID: MsgBroadcastFromCoordinator}, plain(b.Text)}
	case spreekuurbot.TemplateClosure:
		if booking == nil {
			return nil
		}
		return []spreekuurbot.Msg{{ID: MsgClosureNotice, Args: map[string]any{"Name": name, "Date": DateMsg(booking.Slot.Date), "Time": booking.Slot.Start.String()}}}
	}
	return nil
}

// BroadcastReply is the message one delivery sends, in the addressee's
// language. It reports false when there is nothing to tell: the person
// left the audience since it was queued, or a closure notice's
// appointment is no longer on a closed day.
func (e *Engine) BroadcastReply(ctx context.Context, b spreekuurbot.Broadcast, to spreekuurbot.Addressee) (Reply, bool, error) {
	if b.Template != spreekuurbot.TemplateClosure {
		if still, err := e.stillInAudience(ctx, b, to.UserID); err != nil || !still {
			return Reply{}, false, err
		}
		r := Reply{Text: e.broadcastText(b, nil)}
		if strings.HasPrefix(b.Audience, spreekuurbot.AudiencePlace) {
			// Seq 0: the button works whatever the person does meanwhile.
			r.Buttons = [][]Button{{{Label: spreekuurbot.Msg{ID: MsgButtonUnsubscribe}, Data: e.codec.sign(to.UserID, Payload{Action: actionUnsubscribe, Arg: b.Audience[1:]})}}}
		}
		return r, len(r.Text) > 0, nil
	}
	now := e.cfg.Now().In(e.cfg.Zone)
	list, err := e.cfg.Bookings.Bookings(ctx, to.UserID, now)
	if err != nil {
		return Reply{}, false, fmt.Errorf("closure notice: %w", err)
	}
	from, _ := spreekuurbot.ParseCompactDate(b.Day)
	until, _ := spreekuurbot.ParseCompactDate(b.Until)
	for _, bk := range list {
		if bk.ID != to.Booking || bk.Slot.Location != b.Place || bk.Slot.Date.Before(from) || until.Before(bk.Slot.Date) {
			continue
		}
		l := e.locs().byID[b.Place]
		if l == nil {
			return Reply{}, false, nil
		}
		free, err := e.nextFree(ctx, l, now, 3)
		if err != nil {
			return Reply{}, false, err
		}
		sign := func(action, arg string) string { return e.codec.sign(to.UserID, Payload{Action: action, Arg: arg}) }
		r := Reply{Text: e.broadcastText(b, &bk)}
		var times []Button
		for _, s := range free {
			label := spreekuurbot.Msg{ID: MsgAppointmentButton, Args: map[string]any{"Date": ShortDateMsg(s.Date), "Time": s.Start.String()}}
			times = append(times, Button{Label: label, Data: sign(actionMove, bk.ID+"."+s.Date.Compact()+"."+hhmm(s.Start))})
		}
		if len(times) > 0 {
			r.Text = append(r.Text, spreekuurbot.Msg{ID: MsgClosureFreeTimes})
			r.Buttons = append(r.Buttons, times)
		}
		// No "keep": an appointment on a closed day cannot go ahead. One
		// left unchosen is cancelled the evening before.
		r.Text = append(r.Text, spreekuurbot.Msg{ID: MsgClosureChooseBy})
		r.Buttons = append(r.Buttons, []Button{
			{Label: spreekuurbot.Msg{ID: MsgButtonOtherTime}, Data: sign(actionOpen, string(screenOf(kindMoveDay, bk.ID)))},
			{Label: spreekuurbot.Msg{ID: MsgButtonCancel}, Data: sign(actionOpen, string(screenOf(kindCancel, bk.ID)))},
		})
		return r, true, nil
	}
	return Reply{}, false, nil
}

// stillInAudience reports whether the person still belongs to the
// broadcast's audience when it is sent: whoever turned the news off or
// deleted their data since it was queued gets nothing.
func (e *Engine) stillInAudience(ctx context.Context, b spreekuurbot.Broadcast, userID int64) (bool, error) {
	s, err := e.cfg.Sessions.Session(ctx, userID)
	if err != nil {
		return false, fmt.Errorf("broadcast audience: %w", err)
	}
	switch {
	case b.Audience == spreekuurbot.AudienceVolunteers:
		return s.Volunteer, nil
	case b.Audience == spreekuurbot.AudienceAll:
		return len(s.Subs) > 0, nil
	case strings.HasPrefix(b.Audience, spreekuurbot.AudiencePlace):
		return slices.Contains(s.Subs, b.Audience[1:]), nil
	}
	return false, nil
}

// nextFree lists the first n slots of l with room that start after now.
func (e *Engine) nextFree(ctx context.Context, l *spreekuurbot.Location, now time.Time, n int) ([]spreekuurbot.Slot, error) {
	today := spreekuurbot.DateOf(now)
	for i := 0; i <= spreekuurbot.BookingDays; i += 7 {
		var week []spreekuurbot.Slot
		for j := i; j < i+7 && j <= spreekuurbot.BookingDays; j++ {
			for _, s := range l.SlotsOn(today.AddDays(j)) {
				if s.Begins(e.cfg.Zone).After(now) {
					week = append(week, s)
				}
			}
		}
		ids := make([]string, len(week))
		for k, s := range week {
			ids[k] = s.ID()
		}
		taken, err := e.cfg.Bookings.TakenMany(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("free slots: %w", err)
		}
		var out []spreekuurbot.Slot
		for _, s := range week {
			if taken[s.ID()] < s.Capacity {
				out = append(out, s)
			}
			if len(out) == n {
				return out, nil
			}
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return nil, nil
}

// ProgressReply is the coordinator's view of a broadcast under way, or
// its final count.
func ProgressReply(p spreekuurbot.Progress) Reply {
	args := map[string]any{"Done": strconv.Itoa(p.Done()), "Total": strconv.Itoa(p.Total),
		"Sent": strconv.Itoa(p.Sent), "Blocked": strconv.Itoa(p.Blocked), "Failed": strconv.Itoa(p.Failed)}
	if p.Done() >= p.Total {
		return Reply{Text: []spreekuurbot.Msg{{ID: MsgBroadcastDone, Args: args}}}
	}
	return Reply{Text: []spreekuurbot.Msg{{ID: MsgBroadcastProgress, Args: args}}}
}

// broadcastTextInput takes the coordinator's own words for a free-text
// broadcast.
func (st *step) broadcastTextInput(text string) bool {
	kind, arg := st.session.Screen.split()
	if kind != kindBcText || st.role != spreekuurbot.Coordinator {
		return false
	}
	text = strings.TrimSpace(text)
	if text == "" || utf8.RuneCountInString(text) > spreekuurbot.MaxBroadcastText {
		st.fallback(MsgBroadcastTooLong)
		st.lead[len(st.lead)-1].Args = map[string]any{"Max": strconv.Itoa(spreekuurbot.MaxBroadcastText)}
		return true
	}
	st.session.Draft = text
	st.session.push(screenOf(kindBcPreview, arg))
	return true
}

// queueBroadcast sends the previewed broadcast on its way.
func (st *step) queueBroadcast(arg string) bool {
	if st.role != spreekuurbot.Coordinator {
		return false
	}
	a, ok := st.engine.parseBcArg(arg)
	if !ok || !a.complete() {
		return false
	}
	b := st.broadcastOf(a)
	if b.Template == spreekuurbot.TemplateFree && b.Text == "" {
		return false
	}
	to, err := st.audience(b)
	if err != nil {
		st.abort(err)
		return true
	}
	if b.Template == spreekuurbot.TemplateClosed && !st.closeAnnouncedDay(b) {
		return true
	}
	st.session.Draft = ""
	st.session.home()
	if len(to) == 0 {
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgBroadcastNobody})
		return true
	}
	b.ID = st.requestID(actionBroadcast, arg)
	st.effects = append(st.effects, QueueBroadcast{Broadcast: b, To: to})
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgBroadcastQueued, Count: len(to), Args: map[string]any{"Count": strconv.Itoa(len(to))}})
	st.short = true
	return true
}

// closeAnnouncedDay closes the day a "closed on a day" broadcast
// announces, in the same action, so the announcement and the times cannot
// disagree; a day already closed stays as it is. It reports false when
// storage failed.
func (st *step) closeAnnouncedDay(b spreekuurbot.Broadcast) bool {
	l := st.engine.locs().byID[b.Place]
	day, ok := spreekuurbot.ParseCompactDate(b.Day)
	if l == nil || !ok {
		return true
	}
	if _, closed := l.Closed(day); closed {
		return true
	}
	return st.closeDays(l, day, day, "anders")
}

// closureNotices queues a notice to each resident booked at l from the
// first to the last closed day, before the closure is saved, while the
// days' slots are still known.
func (st *step) closureNotices(l *spreekuurbot.Location, from, to spreekuurbot.Date) error {
	slotIDs := openedSlots(l, from, to)
	if len(slotIDs) == 0 {
		return nil
	}
	booked, err := st.engine.cfg.Desk.DayBookings(st.ctx, slotIDs)
	if err != nil {
		return fmt.Errorf("bookings on closed days: %w", err)
	}
	var addressees []spreekuurbot.Addressee
	for _, b := range booked {
		lang := st.engine.languages.Or(b.Lang)
		addressees = append(addressees, spreekuurbot.Addressee{UserID: b.UserID, Lang: lang, Booking: b.ID})
	}
	if len(addressees) == 0 {
		return nil
	}
	b := spreekuurbot.Broadcast{
		ID: st.requestID(actionSlotsClose, l.ID+"."+from.Compact()+"."+to.Compact()), Audience: spreekuurbot.AudienceClosure, Template: spreekuurbot.TemplateClosure,
		Place: l.ID, Day: from.Compact(), Until: to.Compact(), From: st.userID, FromLang: st.session.Lang,
	}
	st.effects = append(st.effects, QueueBroadcast{Broadcast: b, To: addressees})
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgClosureQueued, Count: len(addressees), Args: map[string]any{"Count": strconv.Itoa(len(addressees))}})
	return nil
}
