package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// A lease gives one replica at a time the right to do a job: send the due
// reminders, read one partition of the inbox. It is a key holding the
// owner's token with a time to live. It is taken with SET NX PX, renewed
// and released only by its owner (a script compares the token first, so a
// replica whose lease ran out cannot renew or delete the next owner's), and
// it moves to another replica when its owner stops renewing it: because the
// owner died, hangs, or lost Redis.
//
// A lease is advice, not a lock held by Redis: an owner that stalls past
// the time to live may still be finishing work while the next owner starts.
// Callers keep their work short against the time to live and renew well
// before it ends.

// leaseKey is the lease named name, in the cluster slot of the hash tag
// {name}: the lease of inbox partition k ({in:k}:lease) lives beside that
// partition's queue.
func leaseKey(name string) string { return "{" + name + "}:lease" }

// takeLease sets KEYS[1] to the owner ARGV[1] for ARGV[2] milliseconds when
// nobody holds it, or renews it when ARGV[1] already does. 1: held.
var takeLease = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if cur then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`)

// releaseLease deletes KEYS[1] only while ARGV[1] holds it.
var releaseLease = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`)

// TakeLease takes the lease called name for owner, or renews it when owner
// holds it already, for ttl. It reports false when another owner holds it.
func (s *Store) TakeLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	if owner == "" || name == "" || strings.ContainsAny(name, "{}") {
		return false, fmt.Errorf("take lease %q: want a name without braces and an owner", name)
	}
	held, err := takeLease.Run(ctx, s.rdb, []string{leaseKey(name)}, owner, max(ttl.Milliseconds(), 1)).Int()
	if err != nil {
		return false, fmt.Errorf("take lease %s: %w", name, err)
	}
	return held == 1, nil
}

// ReleaseLease gives up owner's lease called name at once, so another
// replica can take it without waiting for it to run out. A lease owner no
// longer holds is left alone.
func (s *Store) ReleaseLease(ctx context.Context, name, owner string) error {
	if err := releaseLease.Run(ctx, s.rdb, []string{leaseKey(name)}, owner).Err(); err != nil {
		return fmt.Errorf("release lease %s: %w", name, err)
	}
	return nil
}
