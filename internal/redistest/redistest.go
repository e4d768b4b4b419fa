// Package redistest starts a private redis-server for a test, so storage
// tests talk to the real thing without touching anyone else's data.
package redistest

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// URL returns the address of a Redis server for t. With REDIS_URL set, that
// server is used and its database is flushed first: point it only at a
// throwaway server. Otherwise a private redis-server is started on a unix
// socket in a temporary directory and stopped when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	if url := os.Getenv("REDIS_URL"); url != "" {
		opts, err := redis.ParseURL(url)
		if err != nil {
			t.Fatalf("REDIS_URL: %v", err)
		}
		c := redis.NewClient(opts)
		defer c.Close()
		if err := c.FlushDB(context.Background()).Err(); err != nil {
			t.Fatalf("flush REDIS_URL database: %v", err)
		}
		return url
	}
	return Start(t).URL
}

// Server is a private redis-server.
type Server struct {
	URL    string
	Socket string
	bin    string
	dir    string
	cmd    *exec.Cmd
	// persist keeps every acknowledged write in an append-only file in
	// dir, so Stop and Restart lose nothing.
	persist bool
}

// Start runs a private redis-server without persistence and stops it when
// t ends.
func Start(t testing.TB) *Server {
	t.Helper()
	return start(t, false)
}

// StartPersistent runs a private redis-server that writes every change to
// an append-only file, fsynced before it answers (appendfsync always), in
// its private directory: a Stop, even a kill, and a Restart keep all the
// data, as a production Redis with AOF comes back after a crash.
func StartPersistent(t testing.TB) *Server {
	t.Helper()
	return start(t, true)
}

func start(t testing.TB, persist bool) *Server {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatalf("redis-server is not installed (apt-get install redis-server): %v", err)
	}
	// A short directory name: a unix socket path may not exceed 108 bytes,
	// and t.TempDir() names grow with the test's name.
	dir, err := os.MkdirTemp("", "rt")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	s := &Server{Socket: filepath.Join(dir, "redis.sock"), bin: bin, dir: dir, persist: persist}
	s.URL = "unix://" + s.Socket
	s.run(t)
	return s
}

// Restart starts a stopped server again on the same socket: empty, as a
// Redis without persistence comes back after a crash, or with all its
// data when started with StartPersistent.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.Stop()
	s.run(t)
}

func (s *Server) run(t testing.TB) {
	t.Helper()
	aof := []string{"--appendonly", "no"}
	if s.persist {
		aof = []string{"--appendonly", "yes", "--appendfsync", "always"}
	}
	args := append([]string{
		"--port", "0", "--unixsocket", s.Socket, "--unixsocketperm", "700",
		"--dir", s.dir, "--save", "", "--loglevel", "notice"}, aof...)
	cmd := exec.Command(s.bin, args...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start redis-server: %v", err)
	}
	s.cmd = cmd
	t.Cleanup(func() { s.Stop() })
	// Wait for the server's own word that it accepts connections rather
	// than polling the socket.
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		said := false
		for sc.Scan() {
			if !said && strings.Contains(strings.ToLower(sc.Text()), "ready to accept connections") {
				said = true
				ready <- true
			}
		}
		if !said {
			ready <- false
		}
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("redis-server stopped before it was ready")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("redis-server did not start within 10s")
	}
}

// Stop kills the server, as a crash would; the data is lost unless the
// server was started with StartPersistent.
func (s *Server) Stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Kill()
	s.cmd.Wait()
	s.cmd = nil
}
