package flows

import (
	"context"
	"fmt"
)

// Overlay is what coordinators changed about a location on top of the
// configuration: extra closed days, extra walk-in spreekuren, and the
// number of appointments per slot.
type Overlay struct {
	Closures []Closure `json:"closures,omitempty"`
	Extra    []Period  `json:"extra,omitempty"`
	Capacity int       `json:"capacity,omitempty"` // 0: as configured
}

// Overlays keeps the coordinators' changes. Version grows with every
// change, so every replica notices and reloads.
type Overlays interface {
	Overlays(ctx context.Context) (map[string]Overlay, int64, error)
	SetOverlay(ctx context.Context, location string, o Overlay) error
}

// locationSet is the locations with their overlays, at one version.
type locationSet struct {
	list     []Location
	byID     map[string]*Location
	overlays map[string]Overlay
	version  int64
}

func newLocationSet(config []Location, overlays map[string]Overlay, version int64) *locationSet {
	s := &locationSet{list: make([]Location, len(config)), byID: map[string]*Location{}, overlays: overlays, version: version}
	for i, l := range config {
		o := overlays[l.ID]
		l.Closures = append(append([]Closure{}, l.Closures...), o.Closures...)
		l.Extra = append([]Period{}, o.Extra...)
		if o.Capacity > 0 {
			rules := make([]SlotRule, len(l.Slots))
			for j, r := range l.Slots {
				r.Capacity = o.Capacity
				rules[j] = r
			}
			l.Slots = rules
		}
		s.list[i] = l
		s.byID[l.ID] = &s.list[i]
	}
	return s
}

// locs is the current locations.
func (e *Engine) locs() *locationSet { return e.set.Load() }

// refresh reloads the coordinators' changes when the store's version is
// newer than the one in hand.
func (e *Engine) refresh(ctx context.Context, version int64) error {
	if version <= e.locs().version {
		return nil
	}
	overlays, v, err := e.cfg.Overlays.Overlays(ctx)
	if err != nil {
		return fmt.Errorf("load overlays: %w", err)
	}
	e.set.Store(newLocationSet(e.cfg.Locations, overlays, v))
	return nil
}
