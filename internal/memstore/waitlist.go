package memstore

import (
	"context"
	"slices"
	"strings"
	"time"

	"spreekuurbot"
)

// wait is one resident on a place's waitlist.
type wait struct {
	user  int64
	topic string
	since time.Time
}

// hold is a freed time held for one person until a moment.
type hold struct {
	slot  spreekuurbot.Slot
	topic string
	until time.Time
}

// holdsIn counts the times held in a slot; the caller holds the lock.
func (m *Store) holdsIn(slotID string) int {
	n := 0
	for _, h := range m.held {
		if h.slot.ID() == slotID {
			n++
		}
	}
	return n
}

// waitingOf lists the person's live entries; the caller holds the lock.
func (m *Store) waitingOf(userID int64, now time.Time) []spreekuurbot.Waiting {
	var out []spreekuurbot.Waiting
	for loc, list := range m.waits {
		for _, w := range list {
			if w.user == userID && !w.since.Add(spreekuurbot.WaitFor).Before(now) {
				out = append(out, spreekuurbot.Waiting{Location: loc, Topic: w.topic, Since: w.since})
			}
		}
	}
	slices.SortFunc(out, func(a, b spreekuurbot.Waiting) int {
		if c := a.Since.Compare(b.Since); c != 0 {
			return c
		}
		return strings.Compare(a.Location, b.Location)
	})
	return out
}

// Wait puts the resident on the place's waitlist, once, at most
// MaxWaiting places.
func (m *Store) Wait(_ context.Context, userID int64, loc, topic string, now time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	mine := m.waitingOf(userID, now)
	if slices.ContainsFunc(mine, func(w spreekuurbot.Waiting) bool { return w.Location == loc }) {
		return nil
	}
	if len(mine) >= spreekuurbot.MaxWaiting {
		return spreekuurbot.ErrWaitLimit
	}
	m.leave(userID, loc)
	m.waits[loc] = append(m.waits[loc], wait{user: userID, topic: topic, since: now})
	return nil
}

// leave takes the person off one waitlist; the caller holds the lock.
func (m *Store) leave(userID int64, loc string) {
	m.waits[loc] = slices.DeleteFunc(m.waits[loc], func(w wait) bool { return w.user == userID })
}

// Leave takes the resident off the place's waitlist.
func (m *Store) Leave(_ context.Context, userID int64, loc string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.leave(userID, loc)
	return nil
}

// Waiting lists the places the resident waits for.
func (m *Store) Waiting(_ context.Context, userID int64, now time.Time) ([]spreekuurbot.Waiting, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.waitingOf(userID, now), nil
}

// offer holds the slot's room for the first people waiting who hold no
// other time; the caller holds the lock.
func (m *Store) offer(slot spreekuurbot.Slot, now time.Time) []spreekuurbot.Offer {
	taken := m.holdsIn(slot.ID())
	for _, b := range m.bookings {
		if b.Slot.ID() == slot.ID() {
			taken++
		}
	}
	var out []spreekuurbot.Offer
	list := m.waits[slot.Location]
	for i := 0; i < len(list) && taken < slot.Capacity; {
		w := list[i]
		if w.since.Add(spreekuurbot.WaitFor).Before(now) {
			list = slices.Delete(list, i, i+1)
			continue
		}
		if _, busy := m.held[w.user]; busy {
			i++
			continue
		}
		list = slices.Delete(list, i, i+1)
		until := now.Add(spreekuurbot.HoldFor)
		m.held[w.user] = hold{slot: slot, topic: w.topic, until: until}
		out = append(out, spreekuurbot.Offer{UserID: w.user, Slot: slot, Topic: w.topic, Until: until})
		taken++
	}
	m.waits[slot.Location] = list
	return out
}

// offerFreed offers a freed slot when open allows; the caller holds the
// lock.
func (m *Store) offerFreed(slot spreekuurbot.Slot, open spreekuurbot.OpenSlot, now time.Time) []spreekuurbot.Offer {
	if open == nil {
		return nil
	}
	if live, ok := open(slot); ok {
		return m.offer(live, now)
	}
	return nil
}

// CancelAndOffer cancels the booking and offers its place.
func (m *Store) CancelAndOffer(ctx context.Context, req string, userID int64, id string, open spreekuurbot.OpenSlot, now time.Time) ([]spreekuurbot.Offer, error) {
	b, _, err := m.BookingByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := m.Cancel(ctx, req, userID, id); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.offerFreed(b.Slot, open, now), nil
}

// MoveAndOffer moves the booking and offers the place it left.
func (m *Store) MoveAndOffer(ctx context.Context, req string, userID int64, id string, to spreekuurbot.Slot, zone *time.Location, now time.Time, open spreekuurbot.OpenSlot) ([]spreekuurbot.Offer, error) {
	b, _, err := m.BookingByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := m.Move(ctx, req, userID, id, to, zone, now); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.offerFreed(b.Slot, open, now), nil
}

// Offer holds the room of the slots for the people waiting.
func (m *Store) Offer(_ context.Context, slots []spreekuurbot.Slot, now time.Time) ([]spreekuurbot.Offer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []spreekuurbot.Offer
	for _, s := range slots {
		out = append(out, m.offer(s, now)...)
	}
	return out, nil
}

// BookOffer books the time held for the resident.
func (m *Store) BookOffer(ctx context.Context, req string, b spreekuurbot.Booking, zone *time.Location, now time.Time) (spreekuurbot.Booking, error) {
	m.mu.Lock()
	h, ok := m.held[b.UserID]
	if !ok || h.slot.ID() != b.Slot.ID() || !h.until.After(now) {
		m.mu.Unlock()
		return spreekuurbot.Booking{}, spreekuurbot.ErrNoOffer
	}
	if len(m.bookingsOf(b.UserID)) >= spreekuurbot.MaxFutureBookings {
		m.mu.Unlock()
		return spreekuurbot.Booking{}, spreekuurbot.ErrLimitReached
	}
	delete(m.held, b.UserID)
	m.mu.Unlock()
	return m.Book(ctx, req, b, zone, now)
}

// Held is the time held for the resident at now, if any.
func (m *Store) Held(_ context.Context, userID int64, now time.Time) (spreekuurbot.Offer, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	h, ok := m.held[userID]
	if !ok || !h.until.After(now) {
		return spreekuurbot.Offer{}, false, nil
	}
	return spreekuurbot.Offer{UserID: userID, Slot: h.slot, Topic: h.topic, Until: h.until}, true, nil
}

// release ends the person's hold on slotID and offers it on; false when
// there was none.
func (m *Store) release(userID int64, slotID string, force bool, open spreekuurbot.OpenSlot, now time.Time) ([]spreekuurbot.Offer, bool) {
	h, ok := m.held[userID]
	if !ok || h.slot.ID() != slotID || !force && h.until.After(now) {
		return nil, false
	}
	delete(m.held, userID)
	return m.offerFreed(h.slot, open, now), true
}

// DeclineOffer passes the time held for the resident on.
func (m *Store) DeclineOffer(_ context.Context, userID int64, slotID string, open spreekuurbot.OpenSlot, now time.Time) ([]spreekuurbot.Offer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	offers, ok := m.release(userID, slotID, true, open, now)
	if !ok {
		return nil, spreekuurbot.ErrNoOffer
	}
	return offers, nil
}

// ExpireOffers passes on the holds that ran out by now, in the order of
// the people's IDs.
func (m *Store) ExpireOffers(_ context.Context, open spreekuurbot.OpenSlot, now time.Time) (expired, offered []spreekuurbot.Offer, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var users []int64
	for u := range m.held {
		users = append(users, u)
	}
	slices.Sort(users)
	for _, u := range users {
		h := m.held[u]
		if offers, ok := m.release(u, h.slot.ID(), false, open, now); ok {
			expired = append(expired, spreekuurbot.Offer{UserID: u, Slot: h.slot})
			offered = append(offered, offers...)
		}
	}
	return expired, offered, nil
}

// ForgetWaiting takes the resident off every waitlist and passes a held
// time on.
func (m *Store) ForgetWaiting(_ context.Context, userID int64, open spreekuurbot.OpenSlot, now time.Time) ([]spreekuurbot.Offer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var offers []spreekuurbot.Offer
	if h, ok := m.held[userID]; ok {
		offers, _ = m.release(userID, h.slot.ID(), true, open, now)
	}
	m.forgetWaiting(userID)
	return offers, nil
}

// forgetWaiting drops every entry and hold of the person; the caller
// holds the lock.
func (m *Store) forgetWaiting(userID int64) {
	for loc := range m.waits {
		m.leave(userID, loc)
	}
	delete(m.held, userID)
}
