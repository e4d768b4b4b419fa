package ops_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"spreekuurbot/bot"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/ops"
	"spreekuurbot/store"
)

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestReadiness: /readyz follows Redis, /healthz does not.
func TestReadiness(t *testing.T) {
	srv := redistest.Start(t)
	st, err := store.Open(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	reg := prometheus.NewRegistry()
	bot.NewMetrics(reg)
	web := httptest.NewServer(ops.Mux(st, reg))
	t.Cleanup(web.Close)

	steps := []struct {
		name        string
		act         func()
		health, rdy int
	}{
		{"redis up", func() {}, 200, 200},
		{"redis down", srv.Stop, 200, 503},
		{"redis back", func() { srv.Restart(t) }, 200, 200},
	}
	for _, s := range steps {
		s.act()
		if code, _ := get(t, web.URL+"/healthz"); code != s.health {
			t.Errorf("%s: /healthz %d, want %d", s.name, code, s.health)
		}
		if code, _ := get(t, web.URL+"/readyz"); code != s.rdy {
			t.Errorf("%s: /readyz %d, want %d", s.name, code, s.rdy)
		}
	}
	if code, body := get(t, web.URL+"/metrics"); code != 200 || !strings.Contains(body, "spreekuurbot_handler_duration_seconds_count 0") {
		t.Errorf("/metrics %d: %.200s", code, body)
	}
}
