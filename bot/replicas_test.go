package bot_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/bot"
	"spreekuurbot/flows"
	"spreekuurbot/internal/fakebotapi"
	"spreekuurbot/internal/redistest"
	"spreekuurbot/internal/testclock"
)

// recorder notes which replica handled which update of which chat, in the
// order they were handled. Updates "seq N" are recorded and not answered;
// anything else goes to the real flows.
type recorder struct {
	mu      sync.Mutex
	handled map[int64][]handling // by chat
	seen    map[[2]int64]bool
	dead    map[string]bool
	changed chan struct{}
}

type handling struct {
	seq int
	by  string
}

func newRecorder() *recorder {
	return &recorder{handled: map[int64][]handling{}, seen: map[[2]int64]bool{}, dead: map[string]bool{}, changed: make(chan struct{})}
}

// as is the handler of the named replica.
func (r *recorder) as(name string) func(*flows.Engine) bot.Handler {
	return func(e *flows.Engine) bot.Handler { return recording{r, name, e} }
}

type recording struct {
	rec    *recorder
	name   string
	engine *flows.Engine
}

func (h recording) Handle(ctx context.Context, ev flows.Event) (flows.Result, error) {
	if n, ok := strings.CutPrefix(ev.Text, "seq "); ok && ev.Kind == flows.KindText {
		seq, err := strconv.Atoi(n)
		if err != nil {
			return flows.Result{}, err
		}
		h.rec.record(h.name, ev.UserID, seq)
		return flows.Result{}, nil
	}
	return h.engine.Handle(ctx, ev)
}

func (r *recorder) record(by string, chat int64, seq int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	// A dead process does nothing more.
	if r.dead[by] {
		return
	}
	r.handled[chat] = append(r.handled[chat], handling{seq, by})
	r.seen[[2]int64{chat, int64(seq)}] = true
	close(r.changed)
	r.changed = make(chan struct{})
}

func (r *recorder) kill(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dead[name] = true
}

// waitDistinct waits until n different updates have been handled.
func (r *recorder) waitDistinct(ctx context.Context, n int) error {
	for {
		r.mu.Lock()
		got, changed := len(r.seen), r.changed
		r.mu.Unlock()
		if got >= n {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("%d of %d updates handled: %w", got, n, ctx.Err())
		}
	}
}

// TestReplicas: two replicas in webhook mode on one Redis, each posted
// any chat's updates, some twice (to both), and one of them dying halfway.
// Every chat's updates are handled in the order they were sent, none is
// lost, and none is handled twice except what the dead replica had in
// hand: the window inbox.go documents, handled again by the survivor.
func TestReplicas(t *testing.T) {
	const (
		chats     = 50
		perChat   = 20
		firstChat = 7000
		leaseTTL  = time.Second
	)
	api := fakebotapi.New(t, token)
	srv := redistest.Start(t)
	rec := newRecorder()
	a := startReplica(t, api, srv.URL, replicaOptions{handler: rec.as("a"), leaseTTL: leaseTTL})
	b := startReplica(t, api, srv.URL, replicaOptions{handler: rec.as("b"), leaseTTL: leaseTTL})
	replicas := map[string]*replica{"a": a, "b": b}
	other := map[string]string{"a": "b", "b": "a"}

	// Each chat sends its updates one after the other, as a person does;
	// the chats send side by side.
	twice := 0
	var twiceMu sync.Mutex
	send := func(from, to int, pick func(chat int64, seq int) (first, again string)) {
		var wg sync.WaitGroup
		for c := range int64(chats) {
			chat := firstChat + c
			wg.Go(func() {
				for seq := from; seq < to; seq++ {
					update := textUpdate(t, chat*100+int64(seq)+1, chat, "nl", fmt.Sprint("seq ", seq))
					first, again := pick(chat, seq)
					for _, to := range []string{first, again} {
						if to == "" {
							continue
						}
						if code := replicas[to].post(t, hookSecret, update); code != http.StatusOK {
							t.Errorf("chat %d update %d to %s: status %d", chat, seq, to, code)
						}
					}
					if again != "" {
						twiceMu.Lock()
						twice++
						twiceMu.Unlock()
					}
				}
			})
		}
		wg.Wait()
	}
	// Halfway, a dies: it stops at once, without handing anything over,
	// and what it had in hand is not acknowledged.
	send(0, perChat/2, func(chat int64, seq int) (string, string) {
		first := []string{"a", "b"}[(chat+int64(seq))%2]
		if seq%5 == 2 {
			return first, other[first] // Telegram posted again, elsewhere
		}
		return first, ""
	})
	// Redis first: from then on nothing a does is acknowledged. What it
	// handles before it is recorded dead is the window.
	a.st.Close()
	rec.kill("a")
	send(perChat/2, perChat, func(chat int64, seq int) (string, string) {
		if seq%5 == 2 {
			return "b", "b"
		}
		return "b", ""
	})

	ctx := waitCtx(t)
	if err := rec.waitDistinct(ctx, chats*perChat); err != nil {
		t.Fatal(err)
	}
	rec.mu.Lock()
	redone := 0
	for c := range int64(chats) {
		chat := firstChat + c
		var order []int
		first := map[int]string{}
		for _, h := range rec.handled[chat] {
			by, again := first[h.seq]
			if !again {
				first[h.seq] = h.by
				order = append(order, h.seq)
				continue
			}
			redone++
			if by != "a" || h.by != "b" {
				t.Errorf("chat %d: update %d handled by %s, then again by %s", chat, h.seq, by, h.by)
			}
		}
		if want := seqs(perChat); !slices.Equal(order, want) {
			t.Errorf("chat %d: handled in the order %v, want %v", chat, order, want)
		}
	}
	rec.mu.Unlock()
	byA := 0
	for _, hs := range rec.handled {
		for _, h := range hs {
			if h.by == "a" {
				byA++
			}
		}
	}
	t.Logf("a handled %d updates before it died; %d were handled again by b", byA, redone)
	dups := counter(t, a, "spreekuurbot_webhook_requests_total", "outcome", "duplicate") +
		counter(t, b, "spreekuurbot_webhook_requests_total", "outcome", "duplicate")
	if int(dups) != twice {
		t.Errorf("%v posts found duplicate, want the %d posted twice", dups, twice)
	}

	// The survivor answers through the real flows, in every partition.
	for c := range int64(store16) {
		chat := firstChat + c
		if code := b.post(t, hookSecret, textUpdate(t, chat*100+99, chat, "en", "/start")); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	}
	for c := range int64(store16) {
		if _, err := api.WaitSent(ctx, firstChat+c, "sendMessage", 1); err != nil {
			t.Fatalf("chat %d got no answer from the flows: %v", firstChat+c, err)
		}
	}
}

// store16 is how many chats, in a row, fall into every partition.
const store16 = 16

func seqs(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// TestRemindersUnderLease: with two replicas, the reminders are sent by
// the one holding the lease, and when it stops the other takes over.
func TestRemindersUnderLease(t *testing.T) {
	api := fakebotapi.New(t, token)
	srv := redistest.Start(t)
	opts := replicaOptions{reminders: true, leaseTTL: 300 * time.Millisecond}
	a := startReplica(t, api, srv.URL, opts)
	b := startReplica(t, api, srv.URL, opts)
	rdb := rawRedis(t, srv.URL)
	ctx := waitCtx(t)
	remind := func(chat int64) {
		t.Helper()
		now := testclock.Now()
		err := a.st.AddReminder(context.Background(), chat, spreekuurbot.Reminder{
			At: now.Add(-time.Minute), Deadline: spreekuurbot.DateOf(now).AddDays(3), Node: "letter-bd-aanslag",
		}, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := api.WaitSent(ctx, chat, "sendMessage", 1); err != nil {
			t.Fatalf("reminder to %d not sent: %v", chat, err)
		}
	}
	remind(1201)
	holder, err := rdb.Get(context.Background(), "{reminders}:lease").Result()
	if err != nil {
		t.Fatalf("no replica holds the reminders' lease: %v", err)
	}
	// Whichever held it, after a stops b sends the reminders.
	a.stop()
	remind(1202)
	now, err := rdb.Get(context.Background(), "{reminders}:lease").Result()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("lease held by %s, then %s", holder, now)
	b.stop()
	if n := len(api.CallsTo("sendMessage")); n != 2 {
		t.Errorf("%d reminders sent in all, want 2, each once", n)
	}
	if n, _ := rdb.Exists(context.Background(), "{reminders}:lease").Result(); n != 0 {
		t.Error("the reminders' lease outlived both replicas")
	}
}
