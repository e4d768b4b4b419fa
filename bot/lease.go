package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"time"
)

// Leases give a job to one replica at a time; store.Store implements them.
// A lease runs out LeaseTTL after its last renewal, so when its holder
// dies another replica takes the job over.
type Leases interface {
	// TakeLease takes the lease, or renews it when owner holds it; false:
	// another replica holds it.
	TakeLease(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	// ReleaseLease gives owner's lease up at once.
	ReleaseLease(ctx context.Context, name, owner string) error
}

// defaultLeaseTTL is how long a dead replica's leases keep its work (the
// reminders, its inbox partitions) waiting before another replica takes it
// over. Leases are renewed three times in that time.
const defaultLeaseTTL = 15 * time.Second

// leaseReleaseTimeout bounds giving leases up on shutdown: Redis may be
// the reason for the shutdown, and a lease not given up runs out anyway.
const leaseReleaseTimeout = time.Second

// replicaName names this process in leases and as the inbox's reader:
// unique per process, so that a restarted process never mistakes its
// predecessor's leases for its own; the host name first, for people
// reading Redis.
func replicaName() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "replica"
	}
	var b [4]byte
	rand.Read(b[:])
	return host + "-" + hex.EncodeToString(b[:])
}

// underLease runs job while this replica holds the lease called name, and
// waits its turn while another replica does, until ctx ends. Without
// Leases (a single process) job simply runs. job's context ends when ctx
// does or the lease is lost; the lease is renewed until job has returned
// and then given up.
func (b *Bot) underLease(ctx context.Context, name string, job func(context.Context)) {
	if b.cfg.Leases == nil {
		job(ctx)
		return
	}
	t := time.NewTicker(b.cfg.LeaseTTL / 3)
	defer t.Stop()
	for {
		if b.takeLease(ctx, name) {
			b.log.Info("lease taken", "lease", name, "replica", b.replica)
			b.holdLease(ctx, name, job)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// holdLease runs job under the lease this replica has just taken.
func (b *Bot) holdLease(ctx context.Context, name string, job func(context.Context)) {
	jobCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		job(jobCtx)
	}()
	t := time.NewTicker(b.cfg.LeaseTTL / 3)
	defer t.Stop()
	// Renew even after ctx has ended: the job may be finishing what it
	// claimed, and another replica must not start it meanwhile.
	renewCtx := context.WithoutCancel(ctx)
	for held := true; ; {
		select {
		case <-done:
			if held {
				release, stop := context.WithTimeout(renewCtx, leaseReleaseTimeout)
				if err := b.cfg.Leases.ReleaseLease(release, name, b.replica); err != nil {
					b.log.Warn("release lease", "lease", name, "err", err)
				}
				stop()
			}
			return
		case <-t.C:
			if held && !b.takeLease(renewCtx, name) {
				b.log.Warn("lease lost", "lease", name, "replica", b.replica)
				held = false
				cancel()
			}
		}
	}
}

func (b *Bot) takeLease(ctx context.Context, name string) bool {
	held, err := b.cfg.Leases.TakeLease(ctx, name, b.replica, b.cfg.LeaseTTL)
	if err != nil {
		if ctx.Err() == nil {
			b.log.Warn("take lease", "lease", name, "err", err)
		}
		return false
	}
	return held
}
