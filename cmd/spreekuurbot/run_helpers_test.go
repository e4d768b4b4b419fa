package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"sync"
	"testing"

	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/testclock"
)

// testMain is Main as the binary would run it, on the tests' application
// clock (testclock), which the shifted runs move away from Redis's.
func testMain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := envFromOS()
	env.Now = testclock.Now
	return mainWith(ctx, env, args, stdin, stdout, stderr)
}

// runEnv points `spreekuurbot run` at the fake Bot API, a redis-server
// and an address for its HTTP server, with the built-in configuration.
func runEnv(t *testing.T, api *fakebotapi.Server, redisURL, listen string) {
	t.Setenv("TELEGRAM_BOT_TOKEN", api.Token())
	t.Setenv("TELEGRAM_API_URL", api.URL())
	t.Setenv("REDIS_URL", redisURL)
	t.Setenv("SPREEKUUR_CONFIG", "")
	t.Setenv("LISTEN_ADDR", listen)
}

// running is `spreekuurbot run` in a goroutine of the test, as the binary
// would run it; sigterm ends its context as SIGTERM ends the binary's.
type running struct {
	sigterm context.CancelFunc
	// exited closes when Main returns; code is then its exit code.
	exited chan struct{}
	code   int
	logs   lockedBuffer
}

// startRun runs `spreekuurbot run` until the test ends, when it must exit 0.
func startRun(t *testing.T) *running {
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{sigterm: cancel, exited: make(chan struct{}), code: -1}
	go func() {
		r.code = testMain(ctx, []string{"run"}, nil, &bytes.Buffer{}, &r.logs)
		close(r.exited)
	}()
	t.Cleanup(func() {
		cancel()
		<-r.exited
		if r.code != 0 {
			t.Errorf("run exited %d: %s", r.code, r.logs.String())
		}
	})
	return r
}

// lockedBuffer is a bytes.Buffer the bot may write while the test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// freeAddr is a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
