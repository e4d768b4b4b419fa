package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// Figures imported from a spreadsheet (`spreekuurbot import`), one key per
// year, beside the logged records ({log}, {hb}) and never mixed with them.
// Counts only, nothing about a person, so they do not expire:
//
//	{imp}:<year>   the year's figures as JSON, replaced by a new import
func importKey(year int) string { return "{imp}:" + strconv.Itoa(year) }

var _ spreekuurbot.Imports = (*Store)(nil)

// ImportedFigures is the year's import, if there is one.
func (s *Store) ImportedFigures(ctx context.Context, year int) (spreekuurbot.Figures, bool, error) {
	data, err := s.rdb.Get(ctx, importKey(year)).Bytes()
	if errors.Is(err, redis.Nil) {
		return spreekuurbot.Figures{}, false, nil
	}
	if err != nil {
		return spreekuurbot.Figures{}, false, fmt.Errorf("read imported figures %d: %w", year, err)
	}
	var f spreekuurbot.Figures
	if err := json.Unmarshal(data, &f); err != nil {
		return spreekuurbot.Figures{}, false, fmt.Errorf("decode imported figures %d: %w", year, err)
	}
	return f, true, nil
}

// SetImportedFigures stores f as the import of f.Year, in one write that
// replaces the year's earlier import.
func (s *Store) SetImportedFigures(ctx context.Context, f spreekuurbot.Figures) error {
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("encode imported figures: %w", err)
	}
	if err := s.rdb.Set(ctx, importKey(f.Year), data, 0).Err(); err != nil {
		return fmt.Errorf("store imported figures %d: %w", f.Year, err)
	}
	return nil
}
