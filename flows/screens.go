package flows

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"spreekuurbot"
)

// Button actions, as they travel in callback data.
const (
	actionOpen          = "o" // open the screen named in Arg
	actionBack          = "b"
	actionHome          = "h"
	actionLanguage      = "l" // choose the language in Arg
	actionVenue         = "v" // send the map pin of location Arg
	actionShareLocation = "x" // offer the keyboard that shares a location
	actionSubscribe     = "s" // news of location Arg
	actionUnsubscribe   = "u"
	actionRemind        = "r" // remind of letter Arg: "<node>.<yyyymmdd>"
)

// drawing collects a screen's text and buttons.
type drawing struct {
	st   *step
	text []spreekuurbot.Msg
	rows [][]Button
}

func (d *drawing) say(m ...spreekuurbot.Msg) { d.text = append(d.text, m...) }
func (d *drawing) row(b ...Button)           { d.rows = append(d.rows, b) }
func (d *drawing) engine() *Engine           { return d.st.engine }
func (d *drawing) session() Session          { return d.st.session }

// open is a button that opens a screen.
func (d *drawing) open(label spreekuurbot.Msg, to Screen) Button {
	return d.act(label, actionOpen, string(to))
}

// act is a button for an action, bound to the screen being drawn.
func (d *drawing) act(label spreekuurbot.Msg, action, arg string) Button {
	return Button{Label: label, Data: d.engine().codec.sign(d.st.userID, Payload{Seq: d.st.session.Seq, Action: action, Arg: arg})}
}

// pairs lays buttons out two to a row, as phones show them best.
func (d *drawing) pairs(buttons []Button) {
	for i := 0; i < len(buttons); i += 2 {
		d.row(buttons[i:min(i+2, len(buttons))]...)
	}
}

// navigation is the home screen, the help text and the buttons that move
// between screens.
func navigation() flow {
	return flow{
		name: "navigation",
		screens: []screen{
			{kind: string(ScreenHome), root: true, draw: drawHome},
			{kind: string(ScreenHelp), draw: func(d *drawing, _ string) {
				d.say(spreekuurbot.Msg{ID: MsgHelpText}, spreekuurbot.Msg{ID: MsgHelpCommands})
			}},
		},
		actions: []action{
			{codes: []string{actionOpen}, do: (*step).openScreen},
			{codes: []string{actionBack}, do: func(st *step, _ Payload) bool { st.session.pop(); return true }},
			{codes: []string{actionHome}, do: func(st *step, _ Payload) bool { st.session.home(); return true }},
		},
		commands: []command{
			{Command{"start", MsgCommandStart}, ScreenHome, nil},
			{Command{"help", MsgCommandHelp}, ScreenHelp, nil},
		},
	}
}

// openScreen opens the screen a button names, if it exists and the role
// may see it, whatever the button claimed.
func (st *step) openScreen(p Payload) bool {
	to := Screen(p.Arg)
	if !st.mayOpen(to) {
		return false
	}
	st.session.push(to)
	return true
}

// language is the language picker.
func language() flow {
	return flow{
		name:     "language",
		screens:  []screen{{kind: string(ScreenLanguage), draw: drawLanguage}},
		actions:  []action{{codes: []string{actionLanguage}, do: (*step).chooseLanguage}},
		commands: []command{{Command{"language", MsgCommandLanguage}, ScreenLanguage, nil}},
	}
}

// chooseLanguage keeps the language a button names; the first choice, or
// one made on the picker, goes back to where the person was.
func (st *step) chooseLanguage(p Payload) bool {
	if !st.engine.languages.Has(p.Arg) {
		return false
	}
	first := st.session.Lang == ""
	st.session.Lang = p.Arg
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgLanguageSaved})
	st.effects = append(st.effects, SetCommands{Role: st.role, Lang: p.Arg})
	if first || st.session.Screen == ScreenLanguage {
		st.session.pop()
	}
	return true
}

// information is the letter and Woningnet trees: a screen per node.
func information() flow {
	return flow{
		name: "information",
		screens: []screen{{
			kind:  kindNode,
			valid: func(e *Engine, arg string) bool { return e.nodes[arg] != nil },
			draw:  drawNode,
		}},
	}
}

// spreekuur is the spreekuur finder: by district or by a shared location,
// a place's next walk-in times, its map pin and its news.
func spreekuur() flow {
	return flow{
		name: "spreekuur",
		screens: []screen{
			{kind: string(ScreenSpreekuur), draw: drawSpreekuur},
			{kind: kindStadsdeel, valid: func(e *Engine, arg string) bool { return len(e.inStadsdeel(arg)) > 0 }, draw: drawStadsdeel},
			{kind: kindLocation, valid: func(e *Engine, arg string) bool { return e.locs().byID[arg] != nil }, draw: drawLocation},
			{kind: string(ScreenNearby), draw: drawNearby},
		},
		actions: []action{
			{codes: []string{actionVenue}, do: (*step).sendVenue},
			{codes: []string{actionShareLocation}, do: (*step).offerShareLocation},
			{codes: []string{actionSubscribe, actionUnsubscribe}, do: (*step).follow},
		},
		commands: []command{{Command{"spreekuur", MsgCommandSpreekuur}, ScreenSpreekuur, nil}},
		location: (*step).nearby,
	}
}

// sendVenue sends the map pin of the place a button names.
func (st *step) sendVenue(p Payload) bool {
	loc := st.engine.locs().byID[p.Arg]
	if loc == nil {
		return false
	}
	st.extra = append(st.extra, Reply{Venue: &Venue{Lat: loc.Lat, Lon: loc.Lon, Title: loc.Name, Address: loc.Address}})
	st.noDraw = true
	return true
}

// offerShareLocation offers the keyboard that shares a location.
func (st *step) offerShareLocation(Payload) bool {
	st.extra = append(st.extra, Reply{Text: []spreekuurbot.Msg{{ID: MsgShareLocationPrompt}}, LocationButton: &spreekuurbot.Msg{ID: MsgShareLocationButton}})
	st.noDraw = true
	return true
}

// follow turns the news of a place on or off.
func (st *step) follow(p Payload) bool {
	if st.engine.locs().byID[p.Arg] == nil {
		return false
	}
	if p.Action == actionSubscribe {
		st.session.Subs = addString(st.session.Subs, p.Arg)
		st.effects = append(st.effects, Subscribe{Location: p.Arg})
		st.notice = &spreekuurbot.Msg{ID: MsgSubscribed}
	} else {
		st.session.Subs = without(st.session.Subs, p.Arg)
		st.effects = append(st.effects, Unsubscribe{Location: p.Arg})
		st.notice = &spreekuurbot.Msg{ID: MsgUnsubscribed}
	}
	return true
}

// deadlines is the reminder of a letter's deadline: month, then day.
func deadlines() flow {
	return flow{
		name: "deadlines",
		screens: []screen{
			{kind: kindReminderMonth, valid: func(e *Engine, arg string) bool { n := e.nodes[arg]; return n != nil && n.Remind }, draw: drawReminderMonth},
			{kind: kindReminderDay, valid: func(e *Engine, arg string) bool { _, _, ok := e.reminderMonth(arg); return ok }, draw: drawReminderDay},
		},
		actions: []action{{codes: []string{actionRemind}, do: func(st *step, p Payload) bool { return st.remind(p.Arg) }}},
	}
}

// Roots of the information trees, as the home screen offers them.
const (
	rootLetter    = "letter"
	rootWoningnet = "woningnet"
)

func drawHome(d *drawing, _ string) {
	e := d.engine()
	n := len(e.locs().list)
	d.say(spreekuurbot.Msg{ID: MsgHomeText, Count: n, Args: map[string]any{"Count": n}})
	switch d.st.role {
	case spreekuurbot.Volunteer:
		d.say(spreekuurbot.Msg{ID: MsgHomeRoleVolunteer})
	case spreekuurbot.Coordinator:
		d.say(spreekuurbot.Msg{ID: MsgHomeRoleCoordinator})
	}
	if e.nodes[rootLetter] != nil {
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonLetter}, screenOf(kindNode, rootLetter)))
	}
	if e.nodes[rootWoningnet] != nil {
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonWoningnet}, screenOf(kindNode, rootWoningnet)))
	}
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonSpreekuur}, ScreenSpreekuur))
	if len(e.bookable()) > 0 {
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonBook}, ScreenBook), d.open(spreekuurbot.Msg{ID: MsgButtonAppointments}, ScreenAppointments))
	}
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonHelp}, ScreenHelp), d.open(spreekuurbot.Msg{ID: MsgButtonLanguage}, ScreenLanguage))
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonPrivacy}, ScreenPrivacy))
	// Staff see their own work first thing, too.
	if d.st.role == spreekuurbot.Volunteer || d.st.role == spreekuurbot.Coordinator {
		d.row(d.open(spreekuurbot.Msg{ID: MsgCommandToday}, ScreenToday), d.open(spreekuurbot.Msg{ID: MsgCommandLog}, ScreenLog))
		d.row(d.open(spreekuurbot.Msg{ID: MsgCommandVisit}, ScreenVisit), d.open(spreekuurbot.Msg{ID: MsgButtonMyLanguages}, ScreenMyLanguages))
	}
	if d.st.role == spreekuurbot.Coordinator {
		d.row(d.open(spreekuurbot.Msg{ID: MsgCommandInvite}, ScreenInvite), d.open(spreekuurbot.Msg{ID: MsgCommandVolunteers}, ScreenVolunteers))
		d.row(d.open(spreekuurbot.Msg{ID: MsgCommandStats}, ScreenStats), d.open(spreekuurbot.Msg{ID: MsgCommandSlots}, ScreenSlots))
	}
}

func drawLanguage(d *drawing, _ string) {
	codes := d.engine().languages.Codes()
	if d.session().Lang != "" {
		d.say(spreekuurbot.Msg{ID: MsgLanguageChoose})
	} else {
		// First contact in an unknown language: ask in every language,
		// each line in its own words.
		for _, code := range codes {
			d.say(spreekuurbot.Msg{ID: MsgLanguageChoose, Lang: code})
		}
	}
	var buttons []Button
	for _, code := range codes {
		buttons = append(buttons, d.act(spreekuurbot.Msg{ID: MsgLanguageName, Lang: code}, actionLanguage, code))
	}
	d.pairs(buttons)
}

func drawNode(d *drawing, id string) {
	n := d.engine().nodes[id]
	for _, t := range n.Text {
		d.say(spreekuurbot.Msg{ID: t})
	}
	for _, o := range n.Options {
		d.row(d.open(spreekuurbot.Msg{ID: o.Label}, screenOf(kindNode, o.To)))
	}
	if !n.IsAnswer() {
		return
	}
	urgent := n.Urgent
	if urgent == "" {
		urgent = d.st.urgent
	}
	if urgent != "" {
		d.goToday(urgent)
	}
	d.row(d.open(spreekuurbot.Msg{ID: MsgLetterButtonTimes}, ScreenSpreekuur))
	if n.Remind {
		d.row(d.open(spreekuurbot.Msg{ID: MsgLetterButtonRemind}, screenOf(kindReminderMonth, n.ID)))
	}
	if len(d.engine().bookable()) > 0 {
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonBook}, ScreenBook))
	}
}

var referrals = map[Referral]spreekuurbot.MsgID{
	ReferDebts: MsgReferralDebts, ReferLegal: MsgReferralLegal,
	ReferBenefits: MsgReferralBenefits, ReferWijkteam: MsgReferralWijkteam,
}

// goToday adds the advice for an urgent letter: go today, where the walk-in
// spreekuur is open today (or the next one), and who else can help.
func (d *drawing) goToday(r Referral) {
	e, now := d.engine(), d.st.now
	d.say(spreekuurbot.Msg{ID: MsgLetterGoToday})
	today := spreekuurbot.DateOf(now)
	var next *spreekuurbot.Period
	var nextLoc *spreekuurbot.Location
	for i := range e.locs().list {
		loc := &e.locs().list[i]
		for _, p := range loc.NextWalkIns(now, 2) {
			if p.Date == today {
				d.say(spreekuurbot.Msg{ID: MsgWalkInToday, Tight: true, Args: map[string]any{
					"Name": loc.Name, "From": p.From.String(), "To": p.To.String(), "Address": loc.Address,
				}})
				continue
			}
			if next == nil || p.Date.Before(next.Date) || p.Date == next.Date && p.From < next.From {
				p := p
				next, nextLoc = &p, loc
			}
		}
	}
	if len(d.text) > 0 && d.text[len(d.text)-1].ID != MsgWalkInToday {
		d.say(spreekuurbot.Msg{ID: MsgNoWalkInToday})
		if next != nil {
			d.say(spreekuurbot.Msg{ID: MsgWalkInNext, Tight: true, Args: map[string]any{"Name": nextLoc.Name, "Period": PeriodMsg(*next)}})
		}
	}
	d.say(spreekuurbot.Msg{ID: referrals[r]})
}

func drawSpreekuur(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgSpreekuurChoose})
	var buttons []Button
	for _, sd := range d.engine().stadsdelen() {
		buttons = append(buttons, d.open(spreekuurbot.Msg{ID: MsgStadsdeelName, Args: map[string]any{"Name": sd}}, screenOf(kindStadsdeel, sd)))
	}
	d.pairs(buttons)
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonShareLocation}, actionShareLocation, ""))
}

// stadsdelen lists the districts that have a location, in config order.
func (e *Engine) stadsdelen() []string {
	var out []string
	for _, l := range e.locs().list {
		if !slices.Contains(out, l.Stadsdeel) {
			out = append(out, l.Stadsdeel)
		}
	}
	return out
}

func (e *Engine) inStadsdeel(name string) []*spreekuurbot.Location {
	var out []*spreekuurbot.Location
	for i := range e.locs().list {
		if e.locs().list[i].Stadsdeel == name {
			out = append(out, &e.locs().list[i])
		}
	}
	return out
}

// locationLabel names a place on a button: its name and its wijk.
func locationLabel(l *spreekuurbot.Location) spreekuurbot.Msg {
	return spreekuurbot.Msg{ID: MsgLocationLabel, Args: map[string]any{"Name": l.Name, "Wijk": l.Wijk}}
}

func drawStadsdeel(d *drawing, name string) {
	d.say(spreekuurbot.Msg{ID: MsgStadsdeelTitle, Args: map[string]any{"Name": name}})
	for _, l := range d.engine().inStadsdeel(name) {
		d.row(d.open(locationLabel(l), screenOf(kindLocation, l.ID)))
	}
}

// walkInsShown is how many coming walk-in times a location screen lists.
const walkInsShown = 3

func drawLocation(d *drawing, id string) {
	l := d.engine().locs().byID[id]
	d.say(
		spreekuurbot.Msg{ID: MsgLocationTitle, Args: map[string]any{"Name": l.Name}},
		spreekuurbot.Msg{ID: MsgLocationAddress, Tight: true, Args: map[string]any{"Address": l.Address, "Wijk": l.Wijk, "Stadsdeel": l.Stadsdeel}},
	)
	if periods := l.NextWalkIns(d.st.now, walkInsShown); len(periods) > 0 {
		d.say(spreekuurbot.Msg{ID: MsgNextWalkIns})
		for _, p := range periods {
			m := PeriodMsg(p)
			m.Tight = true
			d.say(m)
		}
	} else {
		d.say(spreekuurbot.Msg{ID: MsgNoWalkIns})
	}
	if !l.Verified {
		d.say(spreekuurbot.Msg{ID: MsgLocationUnverified})
	}
	d.say(spreekuurbot.Msg{ID: MsgLocationBring})
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonMap}, actionVenue, l.ID), Button{Label: spreekuurbot.Msg{ID: MsgButtonRoute}, URL: routeURL(l)})
	if slices.Contains(d.session().Subs, l.ID) {
		d.row(d.act(spreekuurbot.Msg{ID: MsgButtonUnsubscribe}, actionUnsubscribe, l.ID))
	} else {
		d.row(d.act(spreekuurbot.Msg{ID: MsgButtonSubscribe}, actionSubscribe, l.ID))
	}
}

// routeURL opens the phone's maps app with the way to l, by public
// transport: how to get there, without the bot learning where from.
func routeURL(l *spreekuurbot.Location) string {
	return fmt.Sprintf("https://www.google.com/maps/dir/?api=1&destination=%.5f,%.5f&travelmode=transit", l.Lat, l.Lon)
}

func drawNearby(d *drawing, _ string) {
	e := d.engine()
	if len(d.session().Near) == 0 {
		d.say(spreekuurbot.Msg{ID: MsgNearbyNone})
	} else {
		d.say(spreekuurbot.Msg{ID: MsgNearbyTitle})
	}
	for _, n := range d.session().Near {
		if l := e.locs().byID[n.Location]; l != nil {
			d.row(d.open(spreekuurbot.Msg{ID: MsgNearbyLabel, Args: map[string]any{"Name": l.Name, "Km": n.Km}}, screenOf(kindLocation, l.ID)))
		}
	}
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonShareLocation}, actionShareLocation, ""))
}

// nearbyShown is how many locations the nearest-first list holds.
const nearbyShown = 5

// nearby answers a shared location, wherever the person is: the nearest
// spreekuren first. The location itself is not kept, only the distances.
func (st *step) nearby(lat, lon float64) {
	var near []Nearby
	for _, l := range st.engine.locs().list {
		near = append(near, Nearby{Location: l.ID, Km: math.Round(distanceKm(lat, lon, l.Lat, l.Lon)*10) / 10})
	}
	sort.SliceStable(near, func(i, j int) bool { return near[i].Km < near[j].Km })
	if len(near) > nearbyShown {
		near = near[:nearbyShown]
	}
	st.session.Near = near
	st.session.push(ScreenNearby)
}

// distanceKm is the great-circle distance (haversine), plenty exact within
// a city.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const earthKm = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthKm * math.Asin(math.Sqrt(a))
}

// Reminders of a letter's deadline: the deadline is picked as month, then
// day; the reminder comes remindBefore earlier, in the morning, and is
// still worth sending a few hours late.
const (
	letterReminderWindow = 6 * time.Hour
	remindBefore         = 3
	remindHour           = 10
	remindMonths         = 3
)

func drawReminderMonth(d *drawing, node string) {
	d.say(spreekuurbot.Msg{ID: MsgReminderWhen})
	first := spreekuurbot.DateOf(d.st.now).AddDays(1)
	var buttons []Button
	for i := 0; i < remindMonths; i++ {
		m := time.Date(first.Year, first.Month+time.Month(i), 1, 12, 0, 0, 0, time.UTC)
		arg := fmt.Sprintf("%s.%04d%02d", node, m.Year(), int(m.Month()))
		buttons = append(buttons, d.open(spreekuurbot.Msg{ID: MsgMonthYear, Args: map[string]any{
			"Month": spreekuurbot.Msg{ID: monthMsgs[m.Month()-1]}, "Year": m.Year(),
		}}, screenOf(kindReminderDay, arg)))
	}
	d.pairs(buttons)
}

// reminderMonth reads "<node>.<yyyymm>" and checks that the node takes
// reminders and the month is one the picker offers.
func (e *Engine) reminderMonth(arg string) (*Node, time.Time, bool) {
	if len(arg) < 8 || arg[len(arg)-7] != '.' {
		return nil, time.Time{}, false
	}
	n := e.nodes[arg[:len(arg)-7]]
	ym, err := strconv.Atoi(arg[len(arg)-6:])
	if n == nil || !n.Remind || err != nil {
		return nil, time.Time{}, false
	}
	month := time.Date(ym/100, time.Month(ym%100), 1, 12, 0, 0, 0, time.UTC)
	if int(month.Month()) != ym%100 {
		return nil, time.Time{}, false
	}
	return n, month, true
}

func drawReminderDay(d *drawing, arg string) {
	n, month, _ := d.engine().reminderMonth(arg)
	d.say(spreekuurbot.Msg{ID: MsgReminderDay, Args: map[string]any{"Month": spreekuurbot.Msg{ID: monthMsgs[month.Month()-1]}}})
	tomorrow := spreekuurbot.DateOf(d.st.now).AddDays(1)
	var row []Button
	for day := 1; day <= 31; day++ {
		date := spreekuurbot.Date{Year: month.Year(), Month: month.Month(), Day: day}
		if date.AddDays(0) != date || date.Before(tomorrow) {
			continue // no 31 February; no deadline in the past
		}
		row = append(row, d.act(plain(strconv.Itoa(day)), actionRemind, fmt.Sprintf("%s.%s", n.ID, date.Compact())))
		if len(row) == 7 {
			d.row(row...)
			row = nil
		}
	}
	if len(row) > 0 {
		d.row(row...)
	}
}

// remind sets the reminder a date button asked for, after checking the
// date on the server: a forged button may name any day.
func (st *step) remind(arg string) bool {
	if len(arg) < 10 || arg[len(arg)-9] != '.' {
		return false
	}
	n := st.engine.nodes[arg[:len(arg)-9]]
	deadline, ok := spreekuurbot.ParseCompactDate(arg[len(arg)-8:])
	today := spreekuurbot.DateOf(st.now)
	if n == nil || !n.Remind || !ok || !today.Before(deadline) || today.AddDays(remindMonths*31+1).Before(deadline) {
		return false
	}
	at := deadline.AddDays(-remindBefore).At(spreekuurbot.ClockTime(remindHour*60), st.engine.cfg.Zone)
	// Back to the letter's answer, with the outcome on top.
	for st.session.Screen != screenOf(kindNode, n.ID) && len(st.session.Back) > 0 {
		st.session.pop()
	}
	if !at.After(st.now) {
		// A deadline within days is an urgent sign in itself: go today.
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgReminderTooLate})
		st.urgent = ReferWijkteam
		return true
	}
	st.effects = append(st.effects, SetReminder{Reminder: spreekuurbot.Reminder{At: at, Until: at.Add(letterReminderWindow), Deadline: deadline, Node: n.ID}})
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgReminderSet, Args: map[string]any{"Date": DateMsg(spreekuurbot.DateOf(at))}})
	return true
}

// ReminderReply is the message a due reminder sends. It reports false for
// an appointment reminder whose booking was cancelled or moved: then
// nothing is sent.
func (e *Engine) ReminderReply(ctx context.Context, r spreekuurbot.DueReminder) (Reply, bool, error) {
	if r.Unconfirmed {
		return e.unconfirmedAlert(ctx, r)
	}
	if r.Booking != "" {
		list, err := e.cfg.Bookings.Bookings(ctx, r.UserID, r.At.Add(-time.Minute))
		if err != nil {
			return Reply{}, false, fmt.Errorf("reminder's booking: %w", err)
		}
		reply, ok := e.appointmentReminder(r, list)
		return reply, ok, nil
	}
	letter := spreekuurbot.Msg{ID: MsgPlain, Args: map[string]any{"Text": ""}}
	if n := e.nodes[r.Node]; n != nil && n.label != "" {
		letter = spreekuurbot.Msg{ID: n.label}
	}
	return Reply{Text: []spreekuurbot.Msg{{ID: MsgReminderMessage, Args: map[string]any{"Letter": letter, "Date": DateMsg(r.Deadline)}}}}, true, nil
}
