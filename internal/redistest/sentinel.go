package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// SentinelMaster is the name the sentinel knows the master by, the
// master_name= of the URL Sentinel returns.
const SentinelMaster = "mymaster"

// Sentinel starts a private Redis Sentinel setup on 127.0.0.1: a master,
// one replica of it and one sentinel watching them, each redis-server in
// its own directory without persistence. The sentinel gives up on a
// master that has not answered for a second, so a test can fail one over
// in a few seconds. Sentinel waits until the replica is in sync and the
// sentinel names the master and knows the replica, and returns the
// sentinel's address in the form store.Open reads as a Sentinel setup,
// redis+sentinel://127.0.0.1:port?master_name=mymaster. Everything stops
// when t ends.
func Sentinel(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatalf("redis-server is not installed (apt-get install redis-server): %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	master := startDataNode(t, bin)
	replica := startDataNode(t, bin, "--replicaof", "127.0.0.1", port(master))
	waitInSync(ctx, t, master, replica)

	sentinel := startSentinel(t, bin, master)
	c := redis.NewSentinelClient(&redis.Options{Addr: sentinel})
	defer c.Close()
	var last string
	for {
		ok, state := sentinelReady(ctx, c, master, replica)
		if ok {
			break
		}
		last = state
		select {
		case <-ctx.Done():
			t.Fatalf("sentinel %s not ready: %s", sentinel, last)
		case <-time.After(20 * time.Millisecond):
		}
	}
	return "redis+sentinel://" + sentinel + "?master_name=" + SentinelMaster
}

// startDataNode starts a master, or with --replicaof a replica, and
// returns its address; a node that cannot bind its port, taken by
// another process since freePorts saw it free, starts again on another.
func startDataNode(t testing.TB, bin string, args ...string) string {
	t.Helper()
	return startOnFreePorts(t, bin, "rs", 1, func(dir string, ports []string) []string {
		return append([]string{
			"--port", ports[0], "--bind", "127.0.0.1", "--dir", dir,
			"--save", "", "--appendonly", "no", "--loglevel", "notice",
			// A replica's first sync starts at once rather than after
			// the default 5 s, which waits for more replicas to share it.
			"--repl-diskless-sync-delay", "0",
		}, args...)
	})
}

func port(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}

// waitInSync waits until the replica has loaded the master's data and
// the master counts it online.
func waitInSync(ctx context.Context, t testing.TB, master, replica string) {
	t.Helper()
	m := redis.NewClient(&redis.Options{Addr: master})
	defer m.Close()
	r := redis.NewClient(&redis.Options{Addr: replica})
	defer r.Close()
	for {
		mi, merr := m.Info(ctx, "replication").Result()
		ri, rerr := r.Info(ctx, "replication").Result()
		if merr == nil && rerr == nil &&
			strings.Contains(ri, "master_link_status:up") && strings.Contains(ri, "master_sync_in_progress:0") &&
			strings.Contains(mi, "port="+port(replica)+",state=online") {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("replica %s not in sync with %s: %v %v\nmaster:\n%s\nreplica:\n%s", replica, master, merr, rerr, mi, ri)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// startSentinel starts a sentinel watching master and returns its
// address. redis-server runs as a sentinel itself (--sentinel), so no
// redis-sentinel package is needed. A sentinel does not say "ready to
// accept connections"; whether it started is seen from whether it is
// still running once it answers, and one that died (its port taken) is
// started again on another.
func startSentinel(t testing.TB, bin, master string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "st")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	conf, logFile := filepath.Join(dir, "sentinel.conf"), filepath.Join(dir, "sentinel.log")
	var lastLog string
	for range 5 {
		ports, err := freePorts(1)
		if err != nil {
			t.Fatal(err)
		}
		p := strconv.Itoa(ports[0])
		// The sentinel rewrites its config file as it learns the setup,
		// so each start gets a fresh one in the private directory.
		config := fmt.Sprintf(`port %s
bind 127.0.0.1
dir %q
logfile %q
sentinel resolve-hostnames no
sentinel monitor %s 127.0.0.1 %s 1
sentinel down-after-milliseconds %[4]s 1000
sentinel failover-timeout %[4]s 5000
`, p, dir, logFile, SentinelMaster, port(master))
		if err := os.WriteFile(conf, []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, conf, "--sentinel")
		if err := cmd.Start(); err != nil {
			t.Fatalf("start redis-server --sentinel: %v", err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		addr := net.JoinHostPort("127.0.0.1", p)
		if answers(addr, exited) {
			t.Cleanup(func() {
				cmd.Process.Kill()
				<-exited
			})
			return addr
		}
		cmd.Process.Kill()
		<-exited
		b, _ := os.ReadFile(logFile)
		lastLog = string(b)
	}
	t.Fatalf("redis-server --sentinel did not start in 5 tries:\n%s", lastLog)
	return ""
}

// answers waits until the sentinel at addr answers a PING, and reports
// false as soon as its process has exited or after 10 s.
func answers(addr string, exited <-chan struct{}) bool {
	c := redis.NewSentinelClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	deadline := time.After(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := c.Ping(ctx).Err()
		cancel()
		select {
		case <-exited:
			return false
		default:
		}
		if err == nil {
			return true
		}
		select {
		case <-exited:
			return false
		case <-deadline:
			return false
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// sentinelReady reports whether the sentinel names master as the master
// and has heard from the replica that its link to the master is up,
// which it needs before it would promote it; otherwise what it knows.
func sentinelReady(ctx context.Context, c *redis.SentinelClient, master, replica string) (bool, string) {
	addr, err := c.GetMasterAddrByName(ctx, SentinelMaster).Result()
	if err != nil {
		return false, fmt.Sprintf("get-master-addr-by-name: %v", err)
	}
	if len(addr) != 2 || net.JoinHostPort(addr[0], addr[1]) != master {
		return false, fmt.Sprintf("master %v, want %s", addr, master)
	}
	replicas, err := c.Replicas(ctx, SentinelMaster).Result()
	if err != nil {
		return false, fmt.Sprintf("replicas: %v", err)
	}
	for _, r := range replicas {
		if net.JoinHostPort(r["ip"], r["port"]) == replica && r["flags"] == "slave" && r["master-link-status"] == "ok" {
			return true, ""
		}
	}
	return false, fmt.Sprintf("replicas %v, want %s linked", replicas, replica)
}
