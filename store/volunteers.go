package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// InviteTTL is how long an invite link works.
const InviteTTL = 7 * 24 * time.Hour

// Volunteers are kept by raw Telegram ID: they must be sent new
// appointments, and they joined knowingly through an invite.
//
//	vol:user:<id>  set of the volunteer's location IDs
//	vol:loc:<id>   set of the location's volunteer IDs
//	invite:<code>  the locations an unused invite grants
func volunteerKey(userID int64) string     { return "vol:user:" + strconv.FormatInt(userID, 10) }
func volunteerNameKey(userID int64) string { return "vol:name:" + strconv.FormatInt(userID, 10) }

func spokenKey(userID int64) string { return "vol:speaks:" + strconv.FormatInt(userID, 10) }

// SpokenLanguages lists the languages a volunteer said they speak.
func (s *Store) SpokenLanguages(ctx context.Context, userID int64) ([]string, error) {
	langs, err := s.rdb.SMembers(ctx, spokenKey(userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("spoken languages: %w", err)
	}
	sort.Strings(langs)
	return langs, nil
}

// SetSpokenLanguage switches one spoken language of a volunteer.
func (s *Store) SetSpokenLanguage(ctx context.Context, userID int64, lang string, on bool) error {
	var err error
	if on {
		err = s.rdb.SAdd(ctx, spokenKey(userID), lang).Err()
	} else {
		err = s.rdb.SRem(ctx, spokenKey(userID), lang).Err()
	}
	if err != nil {
		return fmt.Errorf("spoken language: %w", err)
	}
	return nil
}

// allVolunteersKey lists every volunteer, for the coordinators' overview.
const allVolunteersKey = "vol:all"

// Volunteers are numbered in the order they join, to be named by when
// they shared no name:
//
//	vol:number  hash: volunteer ID -> their number, while they volunteer
//	vol:joined  the last number given; it only grows, so nobody's number
//	            changes when others leave and no number is given twice
const (
	volunteerNumbersKey = "vol:number"
	joinedKey           = "vol:joined"
)

// number returns the volunteer's number, giving them the next one when
// they have none.
func (s *Store) number(ctx context.Context, userID int64) (int, error) {
	field := strconv.FormatInt(userID, 10)
	n, err := s.rdb.HGet(ctx, volunteerNumbersKey, field).Int()
	if err != redis.Nil {
		return n, err
	}
	next, err := s.rdb.Incr(ctx, joinedKey).Result()
	if err != nil {
		return 0, err
	}
	// When two replicas number one volunteer at once, the first number
	// stays and the other is skipped: a gap, and the same number on
	// every screen.
	if set, err := s.rdb.HSetNX(ctx, volunteerNumbersKey, field, next).Result(); err != nil || set {
		return int(next), err
	}
	return s.rdb.HGet(ctx, volunteerNumbersKey, field).Int()
}

func locationVolunteersKey(loc string) string { return "vol:loc:" + loc }
func inviteKey(code string) string            { return "invite:" + code }

var _ spreekuurbot.Volunteers = (*Store)(nil)

// CreateInvite stores a one-time invite for the locations and returns its
// code: 16 random bytes, unguessable, fit for a t.me deep link.
func (s *Store) CreateInvite(ctx context.Context, locations []string) (string, error) {
	raw := make([]byte, 16)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("invite code: %w", err)
	}
	code := base64.RawURLEncoding.EncodeToString(raw)
	data, err := json.Marshal(locations)
	if err != nil {
		return "", fmt.Errorf("encode invite: %w", err)
	}
	if err := s.rdb.Set(ctx, inviteKey(code), data, InviteTTL).Err(); err != nil {
		return "", fmt.Errorf("store invite: %w", err)
	}
	return code, nil
}

// Join uses an invite: GETDEL makes it single use even when two people
// open the link at once. It returns the locations joined, or
// spreekuurbot.ErrInviteInvalid.
func (s *Store) Join(ctx context.Context, userID int64, code string) ([]string, error) {
	data, err := s.rdb.GetDel(ctx, inviteKey(code)).Bytes()
	if err == redis.Nil {
		return nil, spreekuurbot.ErrInviteInvalid
	}
	if err != nil {
		return nil, fmt.Errorf("use invite: %w", err)
	}
	var locations []string
	if err := json.Unmarshal(data, &locations); err != nil || len(locations) == 0 {
		return nil, spreekuurbot.ErrInviteInvalid
	}
	for _, loc := range locations {
		if err := s.SetVolunteerLocation(ctx, userID, loc, true); err != nil {
			return nil, fmt.Errorf("join: %w", err)
		}
	}
	return locations, nil
}

// SetVolunteerName keeps the first name a volunteer agreed to show the
// coordinators; an empty name forgets it.
func (s *Store) SetVolunteerName(ctx context.Context, userID int64, name string) error {
	var err error
	if name == "" {
		err = s.rdb.Del(ctx, volunteerNameKey(userID)).Err()
	} else {
		err = s.rdb.Set(ctx, volunteerNameKey(userID), name, 0).Err()
	}
	if err != nil {
		return fmt.Errorf("volunteer name: %w", err)
	}
	return nil
}

// AllVolunteers lists the volunteers with their places and, where they
// agreed, their first name, in the order they joined.
func (s *Store) AllVolunteers(ctx context.Context) ([]spreekuurbot.VolunteerInfo, error) {
	members, err := s.rdb.SMembers(ctx, allVolunteersKey).Result()
	if err != nil {
		return nil, fmt.Errorf("volunteers: %w", err)
	}
	numbers, err := s.rdb.HGetAll(ctx, volunteerNumbersKey).Result()
	if err != nil {
		return nil, fmt.Errorf("volunteer numbers: %w", err)
	}
	var ids []int64
	for _, raw := range members {
		if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	// Volunteers who joined before numbers were kept get theirs here, in
	// the order of their IDs, as the order they joined in is not known.
	slices.Sort(ids)
	var out []spreekuurbot.VolunteerInfo
	for _, id := range ids {
		number, err := strconv.Atoi(numbers[strconv.FormatInt(id, 10)])
		if err != nil {
			if number, err = s.number(ctx, id); err != nil {
				return nil, fmt.Errorf("volunteer number: %w", err)
			}
		}
		locs, err := s.LocationsOf(ctx, id)
		if err != nil {
			return nil, err
		}
		name, err := s.rdb.Get(ctx, volunteerNameKey(id)).Result()
		if err != nil && err != redis.Nil {
			return nil, fmt.Errorf("volunteer name: %w", err)
		}
		sort.Strings(locs)
		out = append(out, spreekuurbot.VolunteerInfo{UserID: id, Number: number, Name: name, Locations: locs})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Number < out[j].Number })
	return out, nil
}

// SetVolunteerLocation adds or removes one place of a volunteer. The
// volunteer's own list and the location's are in different cluster
// slots, so they are written one after the other: the volunteer's list
// first when adding, last when removing, so that it always names every
// place that lists them, for RemoveVolunteer and "delete my data" to
// find, even when the second write fails. A new volunteer is numbered
// before they are listed.
func (s *Store) SetVolunteerLocation(ctx context.Context, userID int64, location string, on bool) error {
	var err error
	if on {
		if _, err = s.number(ctx, userID); err == nil {
			err = s.rdb.SAdd(ctx, volunteerKey(userID), location).Err()
		}
		if err == nil {
			_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				p.SAdd(ctx, locationVolunteersKey(location), userID)
				p.SAdd(ctx, allVolunteersKey, userID)
				return nil
			})
		}
	} else {
		if err = s.rdb.SRem(ctx, locationVolunteersKey(location), userID).Err(); err == nil {
			err = s.rdb.SRem(ctx, volunteerKey(userID), location).Err()
		}
	}
	if err != nil {
		return fmt.Errorf("volunteer place: %w", err)
	}
	return nil
}

// RemoveVolunteer ends someone's volunteering: no places, no name or
// number kept.
// The places' lists first, the volunteer's own keys after (see
// SetVolunteerLocation), one DEL per key as they are in different slots.
func (s *Store) RemoveVolunteer(ctx context.Context, userID int64) error {
	locs, err := s.LocationsOf(ctx, userID)
	if err != nil {
		return err
	}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, loc := range locs {
			p.SRem(ctx, locationVolunteersKey(loc), userID)
		}
		p.SRem(ctx, allVolunteersKey, userID)
		return nil
	})
	if err == nil {
		_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for _, k := range []string{volunteerKey(userID), volunteerNameKey(userID), spokenKey(userID)} {
				p.Del(ctx, k)
			}
			p.HDel(ctx, volunteerNumbersKey, strconv.FormatInt(userID, 10))
			return nil
		})
	}
	if err != nil {
		return fmt.Errorf("remove volunteer: %w", err)
	}
	return nil
}

// LocationsOf lists the locations of a volunteer; none for anyone else.
func (s *Store) LocationsOf(ctx context.Context, userID int64) ([]string, error) {
	locs, err := s.rdb.SMembers(ctx, volunteerKey(userID)).Result()
	if err != nil {
		return nil, fmt.Errorf("volunteer locations: %w", err)
	}
	return locs, nil
}

// VolunteersOf lists the volunteers of a location with the language each
// chose, for telling them of appointments in their own words.
func (s *Store) VolunteersOf(ctx context.Context, location string) ([]spreekuurbot.Recipient, error) {
	ids, err := s.rdb.SMembers(ctx, locationVolunteersKey(location)).Result()
	if err != nil {
		return nil, fmt.Errorf("volunteers of %s: %w", location, err)
	}
	out := make([]spreekuurbot.Recipient, 0, len(ids))
	for _, raw := range ids {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			continue
		}
		lang, err := s.rdb.Get(ctx, s.languageKey(id)).Result()
		if err != nil && err != redis.Nil {
			return nil, fmt.Errorf("volunteer language: %w", err)
		}
		speaks, err := s.SpokenLanguages(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, spreekuurbot.Recipient{UserID: id, Lang: lang, Speaks: speaks})
	}
	return out, nil
}
