// Package store keeps spreekuurbot's state in Redis: sessions and language
// preferences now, bookings, logs and queues as the flows grow. It
// implements the ports the domain (package spreekuurbot) declares.
//
// Privacy shapes the keys: a person is keyed by a keyed hash of their
// Telegram ID, never the ID itself, and every key about a person expires.
//
// Time has one rule here: the application's clock and Redis's clock are
// never mixed. Every moment the store writes or compares (a sorted set's
// score, a lease's end, a reminder's "until") is on the application's
// clock, the `now` its caller passes. Every expiry is sent to Redis as a
// duration, the time left measured on that same clock (EXPIRE, PEXPIRE,
// SET EX/PX), never as an absolute moment (EXPIREAT): Redis only counts
// the duration down. So a replica whose clock is off from Redis's, or a
// test whose clock is a year off, keeps every key exactly as long as it
// should. The one decision that lives wholly in Redis (which replicas are
// alive, inbox.go) uses Redis's TIME and nothing from the application.
package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"spreekuurbot"
)

// How long things are kept. A session is the screen a person is on: after a
// day they start again. The language choice is kept longer, and every use
// renews it.
const (
	SessionTTL  = 24 * time.Hour
	LanguageTTL = 180 * 24 * time.Hour
)

// secretKey holds the server secret that signs buttons and hashes user IDs.
// It is made once, by whichever replica starts first, and never expires.
const secretKey = "meta:secret"

// Store is the Redis-backed store.
type Store struct {
	rdb    redis.UniversalClient
	secret []byte
	// claimIdle overrides DefaultClaimIdle (broadcasts.go).
	claimIdle time.Duration
	// keys remembers the keyed hashes of recent users: one update needs
	// its person's several times, and each costs an HMAC.
	keys userKeys
}

// userKeys is a small cache of keyed hashes, one slot per user ID modulo
// its size: bounded, lock-free, and a miss only costs the HMAC again. It
// lives in memory only, like the IDs the process handles anyway.
type userKeys [1024]atomic.Pointer[userKey]

type userKey struct {
	id  int64
	key string
}

var _ spreekuurbot.Sessions = (*Store)(nil)

// Open connects to the Redis at rawURL and loads, or makes, the server
// secret. rawURL takes one of three forms, told apart by what it holds:
//
//   - A Redis Sentinel setup, when the query names the master
//     (master_name=) or the scheme is redis+sentinel:// or
//     rediss+sentinel://: the host and each addr= are sentinels, read by
//     go-redis' ParseFailoverURL; user and password in the URL are the
//     sentinels', the master's go in username= and password=. Example:
//     redis+sentinel://s1:26379?addr=s2:26379&master_name=mymaster
//   - A Redis Cluster, when the query lists more nodes (addr=) or the
//     scheme is redis+cluster:// or rediss+cluster:// (for a cluster known
//     by a single node): go-redis' ParseClusterURL. Example:
//     redis://n1:6379?addr=n2:6379&addr=n3:6379
//   - Otherwise one server: redis://, rediss:// or unix://, as
//     redis.ParseURL reads them.
//
// addr= and master_name= mean nothing to a single server (ParseURL
// rejects them), so no URL that worked before changes meaning.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	rdb, err := newClient(rawURL)
	if err != nil {
		return nil, err
	}
	s := &Store{rdb: rdb}
	if s.secret, err = s.loadSecret(ctx); err != nil {
		rdb.Close()
		return nil, err
	}
	return s, nil
}

// redisConfig is a parsed REDIS_URL: exactly one of its fields is set.
type redisConfig struct {
	single   *redis.Options
	cluster  *redis.ClusterOptions
	failover *redis.FailoverOptions
}

// parseRedisURL reads rawURL as Open documents.
func parseRedisURL(rawURL string) (redisConfig, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return redisConfig{}, fmt.Errorf("parse redis url: %w", err)
	}
	base, topology, _ := strings.Cut(u.Scheme, "+")
	q := u.Query()
	switch {
	case topology == "sentinel" || (topology == "" && q.Has("master_name")):
		u.Scheme = base
		opts, err := redis.ParseFailoverURL(u.String())
		if err != nil {
			return redisConfig{}, fmt.Errorf("parse redis sentinel url: %w", err)
		}
		if opts.MasterName == "" {
			return redisConfig{}, errors.New("parse redis sentinel url: master_name= is missing")
		}
		return redisConfig{failover: opts}, nil
	case topology == "cluster" || (topology == "" && q.Has("addr")):
		u.Scheme = base
		opts, err := redis.ParseClusterURL(u.String())
		if err != nil {
			return redisConfig{}, fmt.Errorf("parse redis cluster url: %w", err)
		}
		return redisConfig{cluster: opts}, nil
	case topology == "":
		opts, err := redis.ParseURL(rawURL)
		if err != nil {
			return redisConfig{}, fmt.Errorf("parse redis url: %w", err)
		}
		return redisConfig{single: opts}, nil
	}
	return redisConfig{}, fmt.Errorf("parse redis url: unknown scheme %q (want redis, rediss, unix, redis+cluster or redis+sentinel)", u.Scheme)
}

// newClient makes the client for rawURL; it connects on first use.
func newClient(rawURL string) (redis.UniversalClient, error) {
	cfg, err := parseRedisURL(rawURL)
	if err != nil {
		return nil, err
	}
	switch {
	case cfg.cluster != nil:
		return redis.NewClusterClient(cfg.cluster), nil
	case cfg.failover != nil:
		return redis.NewFailoverClient(cfg.failover), nil
	}
	return redis.NewClient(cfg.single), nil
}

// Close closes the connections.
func (s *Store) Close() error { return s.rdb.Close() }

// Ping checks that Redis answers; readiness uses it.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("ping redis: %w", err)
	}
	return nil
}

// Secret returns the server secret shared by all replicas.
func (s *Store) Secret() []byte { return s.secret }

// ttlUntil is the time left from now until the moment a key should go,
// in whole seconds for EXPIRE: at least one, since EXPIRE with zero or
// less deletes the key at once.
func ttlUntil(now, moment time.Time) int64 {
	return max(int64(moment.Sub(now)/time.Second), 1)
}

func (s *Store) loadSecret(ctx context.Context) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("make secret: %w", err)
	}
	// SET NX then GET: two replicas starting together end up with the
	// same secret, whichever wrote first.
	if err := s.rdb.SetNX(ctx, secretKey, fresh, 0).Err(); err != nil {
		return nil, fmt.Errorf("store secret: %w", err)
	}
	secret, err := s.rdb.Get(ctx, secretKey).Bytes()
	if err != nil {
		return nil, fmt.Errorf("load secret: %w", err)
	}
	if len(secret) < 16 {
		return nil, fmt.Errorf("load secret: %s holds %d bytes, want 32", secretKey, len(secret))
	}
	return secret, nil
}

// UserKey is the keyed hash that stands for a user in keys and logs.
func (s *Store) UserKey(userID int64) string {
	slot := &s.keys[uint64(userID)%uint64(len(s.keys))]
	if k := slot.Load(); k != nil && k.id == userID {
		return k.key
	}
	key := HashID(s.secret, userID)
	slot.Store(&userKey{id: userID, key: key})
	return key
}

// HashID is a keyed hash of a Telegram ID: stable for one secret, useless
// without it. 80 bits keep collisions out of reach for a city.
func HashID(secret []byte, id int64) string {
	m := hmac.New(sha256.New, secret)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(id))
	m.Write(b[:])
	return base32.HexEncoding.WithPadding(base32.NoPadding).EncodeToString(m.Sum(nil)[:10])
}

func (s *Store) sessionKey(userID int64) string  { return "sess:" + s.UserKey(userID) }
func (s *Store) languageKey(userID int64) string { return "lang:" + s.UserKey(userID) }

// Session returns the person's session; the zero Session when there is none.
func (s *Store) Session(ctx context.Context, userID int64) (spreekuurbot.Session, error) {
	// One round trip: the session, the language, the consent, the
	// coordinators' change version, the subscriptions and whether the
	// person volunteers. Plain GETs, not one MGET: on a Redis Cluster the
	// keys live in different slots, and the cluster client sends each to
	// its node.
	keys := []string{s.sessionKey(userID), s.languageKey(userID), s.consentKey(userID), overlayVersionKey}
	gets := make([]*redis.StringCmd, len(keys))
	var subs *redis.StringSliceCmd
	var volunteer *redis.IntCmd
	cmds, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, k := range keys {
			gets[i] = p.Get(ctx, k)
		}
		subs = p.SMembers(ctx, s.userSubsKey(userID))
		volunteer = p.Exists(ctx, volunteerKey(userID))
		return nil
	})
	if err != nil && err != redis.Nil {
		return spreekuurbot.Session{}, fmt.Errorf("get session: %w", err)
	}
	// Pipelined reports only the first failure, and a missing key counts
	// as one: look at each command.
	for _, c := range cmds {
		if err := c.Err(); err != nil && err != redis.Nil {
			return spreekuurbot.Session{}, fmt.Errorf("get session: %w", err)
		}
	}
	vals := make([]any, len(gets))
	for i, g := range gets {
		if v, err := g.Result(); err == nil {
			vals[i] = v
		}
	}
	var sess spreekuurbot.Session
	if raw, ok := vals[0].(string); ok {
		sess.Conversation = []byte(raw)
	}
	if lang, ok := vals[1].(string); ok {
		sess.Lang = lang
	}
	sess.Subs = subs.Val()
	sess.Consented = vals[2] != nil
	sess.Volunteer = volunteer.Val() > 0
	if v, ok := vals[3].(string); ok {
		sess.OverlayVersion, _ = strconv.ParseInt(v, 10, 64)
	}
	return sess, nil
}

// SaveSession stores the session and renews both expiries, in one round
// trip. Not a transaction: the keys are in different cluster slots, and
// each stands alone, so a save cut short leaves nothing inconsistent.
func (s *Store) SaveSession(ctx context.Context, userID int64, sess spreekuurbot.Session) error {
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, s.sessionKey(userID), sess.Conversation, SessionTTL)
		if sess.Lang != "" {
			p.Set(ctx, s.languageKey(userID), sess.Lang, LanguageTTL)
		}
		if sess.Consented {
			p.Set(ctx, s.consentKey(userID), "1", ConsentTTL)
		}
		// Whoever writes to the bot has unblocked it.
		p.Del(ctx, s.blockedKey(userID))
		return nil
	})
	if err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	return nil
}
