package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/redistest"
)

// TestHealth: `spreekuurbot health` answers 0 for a running bot (alive,
// and with --ready once it takes updates) and 1 when nothing listens.
func TestHealth(t *testing.T) {
	health := func(args ...string) (int, string) {
		var out bytes.Buffer
		code := testMain(context.Background(), append([]string{"health"}, args...), nil, &out, &out)
		return code, out.String()
	}
	api := fakebotapi.New(t, "42:health-test")
	runEnv(t, api, redistest.Start(t).URL, freeAddr(t))
	if code, out := health(); code != 1 || !strings.Contains(out, "/healthz") {
		t.Errorf("nothing listening: exit %d, %q", code, out)
	}
	startRun(t)
	deadline := time.Now().Add(20 * time.Second)
	for _, args := range [][]string{nil, {"--ready"}} {
		for {
			code, out := health(args...)
			if code == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("health %v: exit %d, %q", args, code, out)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}
