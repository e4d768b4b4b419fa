package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// The coordinators' changes to locations, on top of the configuration:
//
//	ovr:places     hash: location ID -> the overlay as JSON; one read for
//	               all of them, whatever else Redis holds
//	ovr:version    grows with every change; read with each session, so every
//	               replica reloads at once
//
// Before the hash, each overlay had a key of its own (ovr:loc:<id>);
// Overlays moves those into the hash the first time it finds them.
const (
	overlaysKey       = "ovr:places"
	overlayVersionKey = "ovr:version"
	legacyOverlays    = "ovr:loc:"
)

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
	err = s.rdb.HSet(ctx, overlaysKey, location, data).Err()
	if err == nil {
		err = s.rdb.Incr(ctx, overlayVersionKey).Err()
	}
	if err != nil {
		return fmt.Errorf("save overlay: %w", err)
	}
	return nil
}

// OverlayVersion reads the version of the coordinators' changes.
func (s *Store) OverlayVersion(ctx context.Context) (int64, error) {
	v, err := s.rdb.Get(ctx, overlayVersionKey).Int64()
	if err != nil && err != redis.Nil {
		return 0, fmt.Errorf("overlay version: %w", err)
	}
	return v, nil
}

// Overlays loads every location's overlay with the current version, in
// two reads.
func (s *Store) Overlays(ctx context.Context) (map[string]spreekuurbot.Overlay, int64, error) {
	version, err := s.OverlayVersion(ctx)
	if err != nil {
		return nil, 0, err
	}
	all, err := s.rdb.HGetAll(ctx, overlaysKey).Result()
	if err != nil {
		return nil, 0, fmt.Errorf("read overlays: %w", err)
	}
	if len(all) == 0 && version > 0 {
		if all, err = s.moveLegacyOverlays(ctx); err != nil {
			return nil, 0, err
		}
	}
	out := make(map[string]spreekuurbot.Overlay, len(all))
	for id, data := range all {
		var o spreekuurbot.Overlay
		if json.Unmarshal([]byte(data), &o) == nil {
			out[id] = o
		}
	}
	return out, version, nil
}

// moveLegacyOverlays copies the overlays kept one key each, by an earlier
// version of the store, into the hash: once, with SCAN (KEYS would block
// Redis for every replica).
func (s *Store) moveLegacyOverlays(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := s.scan(ctx, legacyOverlays+"*", func(key string) error {
		data, err := s.rdb.Get(ctx, key).Result()
		if err == redis.Nil {
			return nil
		}
		if err != nil {
			return err
		}
		out[strings.TrimPrefix(key, legacyOverlays)] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("move overlays: %w", err)
	}
	for id, data := range out {
		if err := s.rdb.HSetNX(ctx, overlaysKey, id, data).Err(); err != nil {
			return nil, fmt.Errorf("move overlays: %w", err)
		}
	}
	return out, nil
}

// scan calls f with every key matching pattern, on every master of a
// Redis Cluster; one call at a time, although the masters are scanned at
// once.
func (s *Store) scan(ctx context.Context, pattern string, f func(key string) error) error {
	var mu sync.Mutex
	each := func(ctx context.Context, c *redis.Client) error {
		iter := c.Scan(ctx, 0, pattern, 100).Iterator()
		for iter.Next(ctx) {
			mu.Lock()
			err := f(iter.Val())
			mu.Unlock()
			if err != nil {
				return err
			}
		}
		return iter.Err()
	}
	if cluster, ok := s.rdb.(*redis.ClusterClient); ok {
		return cluster.ForEachMaster(ctx, each)
	}
	if c, ok := s.rdb.(*redis.Client); ok {
		return each(ctx, c)
	}
	return fmt.Errorf("scan: unknown client %T", s.rdb)
}
