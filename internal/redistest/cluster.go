package redistest

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// clusterNodes is the smallest Redis Cluster with every slot served: three
// masters, no replicas.
const clusterNodes = 3

// Cluster starts a private three-node Redis Cluster on 127.0.0.1 (cluster
// mode on, no persistence, each node in its own directory), waits until
// every node says cluster_state:ok, and returns its address in go-redis'
// cluster URL form, redis://host1:port1?addr=host2:port2&addr=host3:port3,
// which store.Open reads as a cluster. Everything stops when t ends.
func Cluster(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatalf("redis-server is not installed (apt-get install redis-server): %v", err)
	}
	cli, err := exec.LookPath("redis-cli")
	if err != nil {
		t.Fatalf("redis-cli is not installed (apt-get install redis-tools, which comes with redis-server): %v", err)
	}
	addrs := make([]string, clusterNodes)
	for i := range addrs {
		addrs[i] = startClusterNode(t, bin)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	args := append([]string{"--cluster", "create"}, addrs...)
	args = append(args, "--cluster-replicas", "0", "--cluster-yes")
	if out, err := exec.CommandContext(ctx, cli, args...).CombinedOutput(); err != nil {
		t.Fatalf("redis-cli --cluster create: %v\n%s", err, out)
	}
	for _, addr := range addrs {
		waitClusterOK(ctx, t, addr)
	}
	url, sep := "redis://"+addrs[0], "?"
	for _, addr := range addrs[1:] {
		url += sep + "addr=" + addr
		sep = "&"
	}
	return url
}

// startClusterNode starts one cluster-mode redis-server and returns its
// address. The cluster bus gets a port of its own (cluster-port), so it
// need not be port+10000, which may be out of range or taken.
func startClusterNode(t testing.TB, bin string) string {
	t.Helper()
	return startOnFreePorts(t, bin, "rc", 2, func(dir string, ports []string) []string {
		os.Remove(dir + "/nodes.conf")
		return []string{
			"--port", ports[0], "--cluster-port", ports[1], "--bind", "127.0.0.1",
			"--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
			"--cluster-node-timeout", "5000",
			"--dir", dir, "--save", "", "--appendonly", "no", "--loglevel", "notice"}
	})
}

// startOnFreePorts starts redis-server with the arguments args gives for
// a private directory and n free ports, the first its client port, and
// returns its address. Free ports are found by listening on port 0;
// another process may take one between that probe and redis-server's
// bind, so a server that cannot bind is started again on fresh ports.
func startOnFreePorts(t testing.TB, bin, dirPrefix string, n int, args func(dir string, ports []string) []string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", dirPrefix)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	var lastOut string
	for range 5 {
		free, err := freePorts(n)
		if err != nil {
			t.Fatal(err)
		}
		ports := make([]string, n)
		for i, p := range free {
			ports[i] = strconv.Itoa(p)
		}
		ok, out := startAndWait(t, exec.Command(bin, args(dir, ports)...))
		if ok {
			return net.JoinHostPort("127.0.0.1", ports[0])
		}
		lastOut = out
	}
	t.Fatalf("redis-server did not start in 5 tries:\n%s", lastOut)
	return ""
}

// startAndWait starts cmd, stops it when t ends, and waits for its word
// that it accepts connections. It reports false, with what the server
// said, when the server stopped before that.
func startAndWait(t testing.TB, cmd *exec.Cmd) (bool, string) {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start redis-server: %v", err)
	}
	stop := func() {
		cmd.Process.Kill()
		cmd.Wait()
	}
	type result struct {
		ok  bool
		log string
	}
	ready := make(chan result, 1)
	go func() {
		var log strings.Builder
		sc := bufio.NewScanner(out)
		said := false
		for sc.Scan() {
			if !said {
				log.WriteString(sc.Text() + "\n")
			}
			if !said && strings.Contains(strings.ToLower(sc.Text()), "ready to accept connections") {
				said = true
				ready <- result{ok: true}
			}
		}
		if !said {
			ready <- result{log: log.String()}
		}
	}()
	select {
	case r := <-ready:
		if !r.ok {
			stop()
			return false, r.log
		}
	case <-time.After(10 * time.Second):
		stop()
		t.Fatal("redis-server did not start within 10s")
	}
	t.Cleanup(stop)
	return true, ""
}

// freePorts finds n loopback TCP ports that are free at this moment.
func freePorts(n int) ([]int, error) {
	var ports []int
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		// Held open until all are found, so the same port is not handed
		// out twice.
		defer ln.Close()
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// waitClusterOK polls the node until it reports the cluster healthy: the
// nodes learn of each other over the bus some moments after create.
func waitClusterOK(ctx context.Context, t testing.TB, addr string) {
	t.Helper()
	c := redis.NewClient(&redis.Options{Addr: addr})
	defer c.Close()
	var info string
	for {
		var err error
		info, err = c.ClusterInfo(ctx).Result()
		if err == nil && strings.Contains(info, "cluster_state:ok") {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("cluster node %s not ok: %v\n%s", addr, err, info)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
