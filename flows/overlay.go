package flows

import (
	"context"
	"fmt"

	"spreekuurbot"
)

// locationSet is the locations with their overlays, at one version.
type locationSet struct {
	list     []spreekuurbot.Location
	byID     map[string]*spreekuurbot.Location
	overlays map[string]spreekuurbot.Overlay
	version  int64
}

func newLocationSet(config []spreekuurbot.Location, overlays map[string]spreekuurbot.Overlay, version int64) *locationSet {
	s := &locationSet{list: make([]spreekuurbot.Location, len(config)), byID: map[string]*spreekuurbot.Location{}, overlays: overlays, version: version}
	for i, l := range config {
		o := overlays[l.ID]
		l.Closures = append(append([]spreekuurbot.Closure{}, l.Closures...), o.Closures...)
		l.Extra = append([]spreekuurbot.Period{}, o.Extra...)
		l.BookableExtra = append([]spreekuurbot.Period{}, o.BookableExtra...)
		if o.Capacity > 0 {
			rules := make([]spreekuurbot.SlotRule, len(l.Slots))
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

// refreshLatest reloads the coordinators' changes when another replica
// stored newer ones: background work has no session to carry the version,
// and a closure decides whether a reminder is sent.
func (e *Engine) refreshLatest(ctx context.Context) error {
	v, err := e.cfg.Overlays.OverlayVersion(ctx)
	if err != nil {
		return fmt.Errorf("overlay version: %w", err)
	}
	return e.refresh(ctx, v)
}

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
