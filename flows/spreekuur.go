package flows

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"spreekuurbot"
)

// spreekuur is the spreekuur finder: by district or by a shared location,
// a place's next walk-in times, its map pin and its news.
func spreekuur() flow {
	return flow{
		name: "spreekuur",
		screens: []screen{
			{kind: string(ScreenSpreekuur), draw: drawSpreekuur, label: MsgButtonSpreekuur},
			{kind: kindStadsdeel, valid: func(e *Engine, arg string) bool { return len(e.inStadsdeel(arg)) > 0 }, draw: drawStadsdeel},
			{kind: kindLocation, valid: func(e *Engine, arg string) bool { return e.locs().byID[arg] != nil }, draw: drawLocation},
			{kind: string(ScreenNearby), draw: drawNearby},
			{kind: string(ScreenBring), draw: func(d *drawing, _ string) { d.say(spreekuurbot.Msg{ID: MsgLocationBring}) }},
			{kind: kindArrival, valid: func(e *Engine, arg string) bool { l := e.locs().byID[arg]; return l != nil && l.Arrival != nil }, draw: drawArrival},
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

// openDesk answers the deep link of a desk's QR poster: a greeting and
// that place's screen at once, above the home screen. A place that does
// not exist (a forged or outdated link) gets the home screen alone.
func (st *step) openDesk(id string) {
	st.session.home()
	l := st.engine.locs().byID[id]
	if l == nil {
		return
	}
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgDeskWelcome, Args: map[string]any{"Name": l.Name}})
	st.session.push(screenOf(kindLocation, l.ID))
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
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonMap}, actionVenue, l.ID), Button{Label: spreekuurbot.Msg{ID: MsgButtonRoute}, URL: routeURL(l)})
	// What to bring, and where the configuration says so the way in,
	// step-free access and languages: on a screen of its own, so that
	// this one stays one phone screen.
	d.row(d.arrivalButton(l))
	if slices.Contains(d.session().Subs, l.ID) {
		d.row(d.act(spreekuurbot.Msg{ID: MsgButtonUnsubscribe}, actionUnsubscribe, l.ID))
	} else {
		d.row(d.act(spreekuurbot.Msg{ID: MsgButtonSubscribe}, actionSubscribe, l.ID))
	}
	if d.engine().bookableLocation(l.ID) != nil {
		d.row(d.open(spreekuurbot.Msg{ID: MsgButtonBook}, screenOf(kindBookTopic, l.ID)))
	}
}

// routeURL opens the phone's maps app with the way to l, by public
// transport: how to get there, without the bot learning where from.
func routeURL(l *spreekuurbot.Location) string {
	return fmt.Sprintf("https://www.google.com/maps/dir/?api=1&destination=%.5f,%.5f&travelmode=transit", l.Lat, l.Lon)
}

func drawNearby(d *drawing, _ string) {
	e := d.engine()
	switch near := d.session().Near; {
	case len(near) == 0:
		d.say(spreekuurbot.Msg{ID: MsgNearbyNone})
	case near[0].Km > outsideKm:
		d.say(spreekuurbot.Msg{ID: MsgNearbyOutside})
	default:
		d.say(spreekuurbot.Msg{ID: MsgNearbyTitle})
	}
	for _, n := range d.session().Near {
		if l := e.locs().byID[n.Location]; l != nil {
			d.row(d.open(spreekuurbot.Msg{ID: MsgNearbyLabel, Args: map[string]any{"Name": l.Name, "Km": n.Km}}, screenOf(kindLocation, l.ID)))
		}
	}
	d.row(d.act(spreekuurbot.Msg{ID: MsgButtonShareLocation}, actionShareLocation, ""))
}

// outsideKm is how far the nearest place may be before the person is
// told they are not in Almere: no house in the city is further from its
// nearest spreekuur.
const outsideKm = 10

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
