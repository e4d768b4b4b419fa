package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// The coordinators' changes to locations, on top of the configuration:
//
//	ovr:loc:<id>   the overlay as JSON
//	ovr:version    grows with every change; read with each session, so every
//	               replica reloads at once
const overlayVersionKey = "ovr:version"

func overlayKey(location string) string { return "ovr:loc:" + location }

var _ spreekuurbot.Overlays = (*Store)(nil)

// SetOverlay replaces a location's overlay, then bumps the version. Two
// steps in that order, not one transaction (the keys are in different
// cluster slots): a replica that sees the new version finds the new
// overlay.
func (s *Store) SetOverlay(ctx context.Context, location string, o spreekuurbot.Overlay) error {
	data, err := json.Marshal(o)
	if err != nil {
		return fmt.Errorf("encode overlay: %w", err)
	}
	err = s.rdb.Set(ctx, overlayKey(location), data, 0).Err()
	if err == nil {
		err = s.rdb.Incr(ctx, overlayVersionKey).Err()
	}
	if err != nil {
		return fmt.Errorf("save overlay: %w", err)
	}
	return nil
}

// Overlays loads every location's overlay with the current version.
func (s *Store) Overlays(ctx context.Context) (map[string]spreekuurbot.Overlay, int64, error) {
	version, err := s.rdb.Get(ctx, overlayVersionKey).Int64()
	if err != nil && err != redis.Nil {
		return nil, 0, fmt.Errorf("overlay version: %w", err)
	}
	keys, err := s.rdb.Keys(ctx, "ovr:loc:*").Result()
	if err != nil {
		return nil, 0, fmt.Errorf("list overlays: %w", err)
	}
	out := map[string]spreekuurbot.Overlay{}
	for _, k := range keys {
		data, err := s.rdb.Get(ctx, k).Bytes()
		if err != nil {
			continue
		}
		var o spreekuurbot.Overlay
		if json.Unmarshal(data, &o) == nil {
			out[strings.TrimPrefix(k, "ovr:loc:")] = o
		}
	}
	return out, version, nil
}
