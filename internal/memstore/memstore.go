// Package memstore is an in-memory implementation of the domain's ports
// for tests that exercise the conversation without Redis: the flows'
// transcripts and the transport's tests. It is plain, not clever: the
// store's own tests prove the real one (atomic, expiring, private) against
// a real redis-server.
package memstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"spreekuurbot"
)

// Store keeps everything in maps, behind one lock.
type Store struct {
	mu sync.Mutex

	sessions map[int64]spreekuurbot.Session
	subs     map[string]map[int64]bool
	// reminders are the reminders asked for, in order; sent counts those
	// Due handed out.
	reminders []spreekuurbot.DueReminder
	sent      map[int]bool
	queued    []Queued

	bookings map[string]spreekuurbot.Booking
	owners   map[string]int64
	status   map[string]string
	nBooking int

	invites map[string][]string
	places  map[int64][]string
	names   map[int64]string
	speaks  map[int64][]string
	nInvite int
	numbers map[int64]int // volunteers' numbers in the order of joining
	joined  int           // the last number given

	logs    map[string]spreekuurbot.LogEntry
	logReqs map[string]string

	streets   []string
	visits    []spreekuurbot.Visit
	visitReqs map[string]string

	// undos are who may take a log or a street's counts back, until when.
	undos   map[string]undoBy
	nRecord int

	overlays map[string]spreekuurbot.Overlay
	version  int64

	imported map[int]spreekuurbot.Figures
	// waits are each place's waitlist in order; held the time held for
	// each person (waitlist.go).
	waits map[string][]wait
	held  map[int64]hold
}

// Queued is a broadcast as it was queued, with its addressees.
type Queued struct {
	Broadcast spreekuurbot.Broadcast
	To        []spreekuurbot.Addressee
	progress  spreekuurbot.Progress
	message   int // the coordinator's progress message; -1 being sent
}

// Every port the flows use.
var (
	_ spreekuurbot.Sessions      = (*Store)(nil)
	_ spreekuurbot.Subscriptions = (*Store)(nil)
	_ spreekuurbot.Reminders     = (*Store)(nil)
	_ spreekuurbot.Broadcasts    = (*Store)(nil)
	_ spreekuurbot.Deliveries    = (*Store)(nil)
	_ spreekuurbot.Bookings      = (*Store)(nil)
	_ spreekuurbot.Privacy       = (*Store)(nil)
	_ spreekuurbot.Desk          = (*Store)(nil)
	_ spreekuurbot.Volunteers    = (*Store)(nil)
	_ spreekuurbot.Team          = (*Store)(nil)
	_ spreekuurbot.Logs          = (*Store)(nil)
	_ spreekuurbot.Visits        = (*Store)(nil)
	_ spreekuurbot.Overlays      = (*Store)(nil)
	_ spreekuurbot.Imports       = (*Store)(nil)
	_ spreekuurbot.Waitlist      = (*Store)(nil)
	_ spreekuurbot.Roles         = (*Roles)(nil)
)

// New returns an empty store.
func New() *Store {
	return &Store{
		sessions: map[int64]spreekuurbot.Session{}, subs: map[string]map[int64]bool{},
		bookings: map[string]spreekuurbot.Booking{}, owners: map[string]int64{}, status: map[string]string{},
		invites: map[string][]string{}, places: map[int64][]string{}, names: map[int64]string{}, speaks: map[int64][]string{}, numbers: map[int64]int{},
		logs: map[string]spreekuurbot.LogEntry{}, logReqs: map[string]string{}, visitReqs: map[string]string{},
		undos:    map[string]undoBy{},
		overlays: map[string]spreekuurbot.Overlay{},
		imported: map[int]spreekuurbot.Figures{},
		waits:    map[string][]wait{}, held: map[int64]hold{},
	}
}

// ImportedFigures is the year's imported figures, if any.
func (m *Store) ImportedFigures(_ context.Context, year int) (spreekuurbot.Figures, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	f, ok := m.imported[year]
	return f, ok, nil
}

// SetImportedFigures keeps f as the import of f.Year.
func (m *Store) SetImportedFigures(_ context.Context, f spreekuurbot.Figures) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.imported[f.Year] = f
	return nil
}

// Session returns the person's session.
func (m *Store) Session(_ context.Context, userID int64) (spreekuurbot.Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sessions[userID], nil
}

// SaveSession keeps the person's session.
func (m *Store) SaveSession(_ context.Context, userID int64, s spreekuurbot.Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sessions[userID] = s
	return nil
}

// Subscribe records that the person follows the place's news.
func (m *Store) Subscribe(_ context.Context, userID int64, loc string, _ time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.subs[loc] == nil {
		m.subs[loc] = map[int64]bool{}
	}
	m.subs[loc][userID] = true
	return nil
}

// Unsubscribe stops the place's news to the person.
func (m *Store) Unsubscribe(_ context.Context, userID int64, loc string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.subs[loc], userID)
	return nil
}

// AddReminder keeps a reminder.
func (m *Store) AddReminder(_ context.Context, userID int64, r spreekuurbot.Reminder, _ time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reminders = append(m.reminders, spreekuurbot.DueReminder{ID: fmt.Sprint(len(m.reminders)), UserID: userID, Reminder: r})
	return nil
}

// Reminders lists the reminders asked for so far, in order.
func (m *Store) Reminders() []spreekuurbot.Reminder {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]spreekuurbot.Reminder, len(m.reminders))
	for i, r := range m.reminders {
		out[i] = r.Reminder
	}
	return out
}

// Due hands out, once, the reminders due at now and not past their
// moment, each with the person's language, as the store's DueReminders and
// AckReminder together do.
func (m *Store) Due(now time.Time) []spreekuurbot.DueReminder {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sent == nil {
		m.sent = map[int]bool{}
	}
	var out []spreekuurbot.DueReminder
	for i, r := range m.reminders {
		if m.sent[i] || r.At.After(now) {
			continue
		}
		m.sent[i] = true
		if !r.Until.IsZero() && r.Until.Before(now) {
			continue // too late: dropped, not sent
		}
		r.Lang = m.sessions[r.UserID].Lang
		out = append(out, r)
	}
	return out
}

// Subscribers lists the place's followers.
func (m *Store) Subscribers(_ context.Context, loc string, _ time.Time) ([]int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.subs[loc])), nil
}

// LanguagesOf gives each person's chosen language.
func (m *Store) LanguagesOf(_ context.Context, ids []int64) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = m.sessions[id].Lang
	}
	return out, nil
}

// Enqueue keeps a broadcast once per ID.
func (m *Store) Enqueue(_ context.Context, b spreekuurbot.Broadcast, to []spreekuurbot.Addressee) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, q := range m.queued {
		if q.Broadcast.ID == b.ID {
			return nil
		}
	}
	m.queued = append(m.queued, Queued{Broadcast: b, To: to})
	return nil
}

// Queued lists the broadcasts queued so far.
func (m *Store) Queued() []Queued {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.queued)
}

// Broadcast reads a queued broadcast.
func (m *Store) Broadcast(_ context.Context, id string) (spreekuurbot.Broadcast, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, q := range m.queued {
		if q.Broadcast.ID == id {
			return q.Broadcast, nil
		}
	}
	return spreekuurbot.Broadcast{}, fmt.Errorf("broadcast %s: not queued", id)
}

// FinishDelivery counts an outcome; the coordinator's message is due with
// the first and the last.
func (m *Store) FinishDelivery(_ context.Context, d spreekuurbot.Delivery, outcome spreekuurbot.Outcome, _ time.Time, _ time.Duration) (spreekuurbot.ProgressUpdate, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range m.queued {
		q := &m.queued[i]
		if q.Broadcast.ID != d.Broadcast {
			continue
		}
		p := &q.progress
		p.Total = len(q.To)
		switch outcome {
		case spreekuurbot.OutcomeSent:
			p.Sent++
		case spreekuurbot.OutcomeBlocked:
			p.Blocked++
		case spreekuurbot.OutcomeFailed:
			p.Failed++
		default:
			p.Skipped++
		}
		final := p.Done() >= p.Total
		u := spreekuurbot.ProgressUpdate{Progress: *p, Final: final, Show: final || q.message == 0, MessageID: q.message, New: q.message == 0}
		if u.New && !final {
			q.message = -1 // being sent
		}
		return u, nil
	}
	return spreekuurbot.ProgressUpdate{}, fmt.Errorf("broadcast %s: not queued", d.Broadcast)
}

// SetProgressMessage records the coordinator's progress message.
func (m *Store) SetProgressMessage(_ context.Context, id string, messageID int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range m.queued {
		if m.queued[i].Broadcast.ID == id {
			m.queued[i].message = messageID
		}
	}
	return nil
}

func bookingID(n int) string { return fmt.Sprintf("%016x", n) }

// Book makes an appointment if the slot has room and the resident fewer
// than MaxFutureBookings.
func (m *Store) Book(_ context.Context, _ string, b spreekuurbot.Booking, _ *time.Location, _ time.Time) (spreekuurbot.Booking, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	taken, mine := m.holdsIn(b.Slot.ID()), 0
	for _, x := range m.bookings {
		if x.Slot.ID() == b.Slot.ID() {
			taken++
		}
		if x.UserID == b.UserID {
			mine++
		}
	}
	switch {
	case mine >= spreekuurbot.MaxFutureBookings:
		return spreekuurbot.Booking{}, spreekuurbot.ErrLimitReached
	case taken >= b.Slot.Capacity:
		return spreekuurbot.Booking{}, spreekuurbot.ErrSlotFull
	}
	m.nBooking++
	b.ID = bookingID(m.nBooking)
	m.bookings[b.ID] = b
	return b, nil
}

// Move puts the resident's booking in another slot.
func (m *Store) Move(_ context.Context, _ string, userID int64, id string, to spreekuurbot.Slot, _ *time.Location, _ time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.bookings[id]
	if !ok || b.UserID != userID {
		return spreekuurbot.ErrNoSuchBooking
	}
	b.Slot = to
	m.bookings[id] = b
	return nil
}

// Cancel frees the resident's booking.
func (m *Store) Cancel(_ context.Context, _ string, userID int64, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if b, ok := m.bookings[id]; !ok || b.UserID != userID {
		return spreekuurbot.ErrNoSuchBooking
	}
	delete(m.bookings, id)
	return nil
}

// Bookings lists the resident's appointments in the order they were made.
func (m *Store) Bookings(_ context.Context, userID int64, _ time.Time) ([]spreekuurbot.Booking, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.bookingsOf(userID), nil
}

func (m *Store) bookingsOf(userID int64) []spreekuurbot.Booking {
	var out []spreekuurbot.Booking
	for i := 1; i <= m.nBooking; i++ {
		if b, ok := m.bookings[bookingID(i)]; ok && b.UserID == userID {
			out = append(out, b)
		}
	}
	return out
}

// BookingByID reads any booking with the volunteer who took it.
func (m *Store) BookingByID(_ context.Context, id string) (spreekuurbot.Booking, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.bookings[id]
	if !ok {
		return spreekuurbot.Booking{}, 0, spreekuurbot.ErrNoSuchBooking
	}
	return b, m.owners[id], nil
}

// Claim gives the booking to the first volunteer who confirms it.
func (m *Store) Claim(_ context.Context, id string, volunteer int64) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.bookings[id]; !ok {
		return false, spreekuurbot.ErrNoSuchBooking
	}
	if m.owners[id] != 0 {
		return false, nil
	}
	m.owners[id] = volunteer
	return true, nil
}

// DayBookings reads the bookings in the slots, with who took each.
func (m *Store) DayBookings(_ context.Context, slotIDs []string) ([]spreekuurbot.DeskBooking, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []spreekuurbot.DeskBooking
	for i := 1; i <= m.nBooking; i++ {
		id := bookingID(i)
		b, ok := m.bookings[id]
		if ok && slices.Contains(slotIDs, b.Slot.ID()) {
			out = append(out, spreekuurbot.DeskBooking{Booking: b, Owner: m.owners[id], Status: m.status[id]})
		}
	}
	return out, nil
}

// MarkBooking records whether the resident came.
func (m *Store) MarkBooking(_ context.Context, id, status string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.bookings[id]; !ok {
		return spreekuurbot.ErrNoSuchBooking
	}
	m.status[id] = status
	return nil
}

// TakenMany counts the bookings in each slot.
func (m *Store) TakenMany(_ context.Context, _ []string) (map[string]int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]int{}
	for _, b := range m.bookings {
		out[b.Slot.ID()]++
	}
	for _, h := range m.held {
		out[h.slot.ID()]++
	}
	return out, nil
}

// Export gathers the person's bookings.
func (m *Store) Export(_ context.Context, userID int64, _ time.Time) (spreekuurbot.DataExport, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return spreekuurbot.DataExport{Bookings: m.bookingsOf(userID)}, nil
}

// Forget cancels the person's bookings.
func (m *Store) Forget(_ context.Context, userID int64, _ time.Time) ([]spreekuurbot.Booking, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	cancelled := m.bookingsOf(userID)
	for _, b := range cancelled {
		delete(m.bookings, b.ID)
	}
	m.forgetWaiting(userID)
	return cancelled, nil
}

// CreateInvite makes a one-time invite for the places.
func (m *Store) CreateInvite(_ context.Context, places []string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.nInvite++
	code := fmt.Sprintf("invite%d", m.nInvite)
	m.invites[code] = places
	return code, nil
}

// Join uses an invite once.
func (m *Store) Join(_ context.Context, userID int64, code string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	places, ok := m.invites[code]
	if !ok {
		return nil, spreekuurbot.ErrInviteInvalid
	}
	delete(m.invites, code)
	m.places[userID] = append(m.places[userID], places...)
	m.number(userID)
	return places, nil
}

// number gives a new volunteer the next number, as the store does.
func (m *Store) number(userID int64) {
	if m.numbers[userID] == 0 {
		m.joined++
		m.numbers[userID] = m.joined
	}
}

// LocationsOf lists the places a volunteer helps at.
func (m *Store) LocationsOf(_ context.Context, userID int64) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.places[userID]), nil
}

// Volunteers reports whether the person volunteers anywhere.
func (m *Store) Volunteers(userID int64) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.places[userID]) > 0
}

// AllVolunteers lists every volunteer in the order they joined.
func (m *Store) AllVolunteers(context.Context) ([]spreekuurbot.VolunteerInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []spreekuurbot.VolunteerInfo
	for id, places := range m.places {
		if len(places) > 0 {
			out = append(out, spreekuurbot.VolunteerInfo{UserID: id, Number: m.numbers[id], Name: m.names[id], Locations: slices.Sorted(slices.Values(places))})
		}
	}
	slices.SortFunc(out, func(a, b spreekuurbot.VolunteerInfo) int { return a.Number - b.Number })
	return out, nil
}

// SpokenLanguages lists the languages a volunteer speaks.
func (m *Store) SpokenLanguages(_ context.Context, id int64) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.speaks[id]), nil
}

// SetSpokenLanguage turns one spoken language on or off.
func (m *Store) SetSpokenLanguage(_ context.Context, id int64, lang string, on bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.speaks[id] = slices.DeleteFunc(m.speaks[id], func(l string) bool { return l == lang })
	if on {
		m.speaks[id] = append(m.speaks[id], lang)
	}
	return nil
}

// SetVolunteerName keeps the first name a volunteer shared.
func (m *Store) SetVolunteerName(_ context.Context, id int64, name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.names[id] = name
	return nil
}

// SetVolunteerLocation adds or removes one of a volunteer's places.
func (m *Store) SetVolunteerLocation(_ context.Context, id int64, place string, on bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if on {
		m.places[id] = append(m.places[id], place)
		m.number(id)
	} else {
		m.places[id] = slices.DeleteFunc(m.places[id], func(l string) bool { return l == place })
	}
	return nil
}

// RemoveVolunteer ends someone's volunteering.
func (m *Store) RemoveVolunteer(_ context.Context, id int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.places, id)
	delete(m.names, id)
	delete(m.numbers, id)
	return nil
}

// VolunteersOf lists the volunteers of a place, each in their language.
func (m *Store) VolunteersOf(_ context.Context, place string) ([]spreekuurbot.Recipient, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []spreekuurbot.Recipient
	for id, places := range m.places {
		if slices.Contains(places, place) {
			out = append(out, spreekuurbot.Recipient{UserID: id, Lang: m.sessions[id].Lang, Speaks: m.speaks[id]})
		}
	}
	return out, nil
}

// undoBy is who may undo a record, until when.
type undoBy struct {
	userID int64
	until  time.Time
}

// AddLog keeps a help request's log once per request.
func (m *Store) AddLog(_ context.Context, req string, userID int64, e spreekuurbot.LogEntry) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id, ok := m.logReqs[req]; ok {
		return id, nil
	}
	e.ID = m.newRecord("log", userID, e.Time)
	m.logs[e.ID] = e
	m.logReqs[req] = e.ID
	return e.ID, nil
}

// newRecord names a new log or visit and lets userID undo it for
// spreekuurbot.UndoWindow from at. The caller holds m.mu.
func (m *Store) newRecord(kind string, userID int64, at time.Time) string {
	m.nRecord++
	id := fmt.Sprintf("%s%d", kind, m.nRecord)
	m.undos[id] = undoBy{userID: userID, until: at.Add(spreekuurbot.UndoWindow)}
	return id
}

// mayUndo reports whether userID may still take record id back at now,
// and if so forgets that they may. The caller holds m.mu.
func (m *Store) mayUndo(userID int64, id string, now time.Time) bool {
	u, ok := m.undos[id]
	if !ok || u.userID != userID || now.After(u.until) {
		return false
	}
	delete(m.undos, id)
	return true
}

// Logs lists the year's logs.
func (m *Store) Logs(_ context.Context, year int) ([]spreekuurbot.LogEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []spreekuurbot.LogEntry
	for _, e := range m.logs {
		if e.Time.Year() == year {
			out = append(out, e)
		}
	}
	return out, nil
}

// UndoLog takes a log back, for the volunteer who saved it, within
// spreekuurbot.UndoWindow.
func (m *Store) UndoLog(_ context.Context, userID int64, id string, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.mayUndo(userID, id, now) {
		return spreekuurbot.ErrUndoTooLate
	}
	delete(m.logs, id)
	return nil
}

// Streets lists the streets typed before.
func (m *Store) Streets(context.Context) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.streets), nil
}

// AddVisit keeps a street's counts once per request.
func (m *Store) AddVisit(_ context.Context, req string, userID int64, v spreekuurbot.Visit) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if id, ok := m.visitReqs[req]; ok {
		return id, nil
	}
	v.ID = m.newRecord("visit", userID, v.Time)
	m.visitReqs[req] = v.ID
	m.visits = append(m.visits, v)
	if !slices.Contains(m.streets, v.Street) {
		m.streets = append(m.streets, v.Street)
	}
	return v.ID, nil
}

// UndoVisit takes a street's counts back, for the volunteer who saved
// them, within spreekuurbot.UndoWindow.
func (m *Store) UndoVisit(_ context.Context, userID int64, id string, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.mayUndo(userID, id, now) {
		return spreekuurbot.ErrUndoTooLate
	}
	m.visits = slices.DeleteFunc(m.visits, func(v spreekuurbot.Visit) bool { return v.ID == id })
	return nil
}

// Visits lists the year's huisbezoek counts.
func (m *Store) Visits(_ context.Context, year int) ([]spreekuurbot.Visit, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []spreekuurbot.Visit
	for _, v := range m.visits {
		if v.Time.Year() == year {
			out = append(out, v)
		}
	}
	return out, nil
}

// Overlays returns the coordinators' changes and their version.
func (m *Store) Overlays(context.Context) (map[string]spreekuurbot.Overlay, int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.overlays), m.version, nil
}

// OverlayVersion is the version of the coordinators' changes.
func (m *Store) OverlayVersion(context.Context) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.version, nil
}

// SetOverlay keeps a coordinator's change to a place.
func (m *Store) SetOverlay(_ context.Context, place string, o spreekuurbot.Overlay) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.overlays[place] = o
	m.version++
	return nil
}

// Roles gives each listed user a role; someone who joined as a volunteer
// through the store is a volunteer; everyone else a resident.
type Roles struct {
	mu     sync.Mutex
	byUser map[int64]spreekuurbot.Role
	store  *Store
}

// NewRoles gives the listed users their roles, and the volunteers of st
// theirs.
func NewRoles(byUser map[int64]spreekuurbot.Role, st *Store) *Roles {
	return &Roles{byUser: maps.Clone(byUser), store: st}
}

// Watch makes the volunteers of st volunteers.
func (r *Roles) Watch(st *Store) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.store = st
}

// Set gives a user a role from now on.
func (r *Roles) Set(userID int64, role spreekuurbot.Role) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.byUser == nil {
		r.byUser = map[int64]spreekuurbot.Role{}
	}
	r.byUser[userID] = role
}

// Role returns the user's role.
func (r *Roles) Role(_ context.Context, userID int64) (spreekuurbot.Role, error) {
	r.mu.Lock()
	role, ok := r.byUser[userID]
	r.mu.Unlock()
	if ok {
		return role, nil
	}
	r.mu.Lock()
	st := r.store
	r.mu.Unlock()
	if st != nil && st.Volunteers(userID) {
		return spreekuurbot.Volunteer, nil
	}
	return spreekuurbot.Resident, nil
}
