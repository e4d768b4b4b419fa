// Package fakebotapi provides a fake Telegram Bot API server for tests.
//
// The server speaks the HTTP protocol of api.telegram.org
// (POST or GET /bot<token>/<method>, answering {"ok":...}) and validates every
// request against the Bot API reference in testdata/api.min.json, so that a
// request the real API would refuse is refused here as well: unknown methods,
// missing required parameters, parameters a method does not have, texts that
// are empty or too long, malformed formatting, invalid inline keyboards,
// edits of messages that do not exist or would not change, and more.
//
// Point the client under test at it with bot.WithServerURL(s.URL()).
package fakebotapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// ErrClosed is returned by WaitFor and WaitSent when the server has been
// closed (at the end of the test) before the awaited calls arrived.
var ErrClosed = errors.New("fakebotapi: server closed")

// Call is one request the server received, recorded in arrival order.
type Call struct {
	// Method is the method name as spelled in the reference (for example
	// "sendMessage"), or as requested when the method is unknown.
	Method string
	// Params holds every non-file parameter as its raw string value,
	// whatever the body encoding was; JSON objects and arrays (for example
	// reply_markup) stay JSON text.
	Params map[string]string
	// Files holds the content of every uploaded file, by form field name.
	Files map[string][]byte
	// At is the time the request was received.
	At time.Time
	// Status is the HTTP status of the answer (200 on success).
	Status int
	// Result is the JSON of the answer's result on success (for example
	// the sent Message, whose message_id a test presses buttons on).
	Result json.RawMessage
	// Seq is the 1-based position of the call among all recorded calls.
	Seq int
}

// failure is a pending injected failure, see FailNext.
type failure struct {
	method     string // lower-case method name, "" for any method except getUpdates
	remaining  int
	code       int
	retryAfter int
}

// pendingUpdate is an update waiting to be fetched with getUpdates.
type pendingUpdate struct {
	id   int64
	kind string // the Update field that is set, e.g. "message"
	raw  json.RawMessage
}

// Server is a fake Telegram Bot API server. Create it with New. All methods
// are safe for concurrent use.
type Server struct {
	t     testing.TB
	token string
	botID int64
	spec  *apiSpec
	hs    *httptest.Server

	mu      sync.Mutex
	changed chan struct{} // closed and replaced whenever state observable by waiters changes
	done    chan struct{} // closed when the server closes
	closed  bool

	calls    []Call
	okCount  map[string]int // successful calls by lower-case method
	failures []*failure
	blocked  map[int64]bool

	updates      []pendingUpdate // sorted by id
	nextUpdateID int64
	allowed      map[string]bool // update types getUpdates delivers; nil means the default set
	pollGen      uint64          // incremented by every getUpdates request
	webhookURL   string

	// now stamps the calls; SetClock replaces it.
	now func() time.Time

	chats       map[string]*chat
	nextChannel int64
	files       map[string]fileInfo
	downloads   int
	callbacks   map[string]bool
	commands    map[string]json.RawMessage
}

// New starts a fake Bot API server for the given token and registers
// t.Cleanup to close it. Closing wakes every pending getUpdates request and
// every WaitFor call.
func New(t testing.TB, token string) *Server {
	t.Helper()
	spec, err := loadSpec()
	if err != nil {
		t.Fatalf("fakebotapi: %v", err)
	}
	botID, _ := strconv.ParseInt(strings.SplitN(token, ":", 2)[0], 10, 64)
	s := &Server{
		t:            t,
		token:        token,
		botID:        botID,
		spec:         spec,
		changed:      make(chan struct{}),
		done:         make(chan struct{}),
		blocked:      make(map[int64]bool),
		nextUpdateID: 1,
		chats:        make(map[string]*chat),
		files:        make(map[string]fileInfo),
		callbacks:    make(map[string]bool),
		commands:     make(map[string]json.RawMessage),
	}
	s.hs = httptest.NewServer(s)
	t.Cleanup(s.close)
	return s
}

// UserFile stores a file as if a user had sent it (a photo or a
// document), and returns its file_id and file_unique_id for the update's
// PhotoSize or Document. The bot gets it with getFile and a download.
func (s *Server) UserFile(data []byte, name string) (fileID, uniqueID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(s.files) + 1
	fileID = fmt.Sprintf("AgACAgQAAxkBAAI%06duser%s", n, strings.Repeat("x", 20))
	info := fileInfo{uniqueID: fmt.Sprintf("AQAD%06d", n), name: name, size: len(data), data: data,
		path: fmt.Sprintf("documents/file_%d%s", n, path.Ext(name))}
	s.files[fileID] = info
	return fileID, info.uniqueID
}

// Downloads counts the files downloaded from the server.
func (s *Server) Downloads() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.downloads
}

// SetClock makes the server stamp each call (Call.At) with now's time
// instead of the wall clock's, so a test on a virtual clock can check the
// moments of the calls against Telegram's rate limits.
func (s *Server) SetClock(now func() time.Time) {
	s.mu.Lock()
	s.now = now
	s.mu.Unlock()
}

func (s *Server) clock() time.Time {
	s.mu.Lock()
	now := s.now
	s.mu.Unlock()
	if now == nil {
		return time.Now()
	}
	return now()
}

// URL returns the base URL of the server, to pass to bot.WithServerURL.
func (s *Server) URL() string { return s.hs.URL }

// Token returns the bot token the server accepts.
func (s *Server) Token() string { return s.token }

// close shuts the server down and wakes all waiters.
func (s *Server) close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.done)
	s.broadcastLocked()
	s.mu.Unlock()
	s.hs.Close()
}

// broadcastLocked wakes everybody waiting for a change. s.mu must be held.
func (s *Server) broadcastLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// PushUpdate queues an update for getUpdates and returns its update_id.
//
// An update whose ID is 0 gets the next free update_id; otherwise its ID is
// kept and later automatic IDs continue above it. Like the real API, the
// server remembers the messages in pushed updates, so that the bot can reply
// to them: in the queued copy (u itself is not modified) a message with
// message_id 0 gets the next message_id of its chat and a date of 0 becomes
// now. A callback query likewise gets an id if it has none; only ids of
// pushed callback queries are accepted by answerCallbackQuery. Updates of a
// type that the allowed_updates of the last getUpdates excludes are dropped,
// as the real API does not store them either (by default chat_member,
// message_reaction and message_reaction_count are excluded).
func (s *Server) PushUpdate(u models.Update) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ID == 0 {
		u.ID = s.nextUpdateID
	}
	s.nextUpdateID = max(s.nextUpdateID, u.ID+1)
	now := time.Now()
	// Copy what gets filled in, so that the caller's values stay untouched.
	for _, m := range []**models.Message{&u.Message, &u.EditedMessage, &u.ChannelPost, &u.EditedChannelPost} {
		if *m != nil {
			c := **m
			s.rememberIncomingLocked(&c, now)
			*m = &c
		}
	}
	if u.CallbackQuery != nil {
		cq := *u.CallbackQuery
		if cq.ID == "" {
			cq.ID = strconv.FormatInt(u.ID, 10) + "0007"
		}
		s.callbacks[cq.ID] = true
		u.CallbackQuery = &cq
	}
	raw, err := json.Marshal(u)
	if err != nil {
		s.t.Errorf("fakebotapi: PushUpdate: marshal update: %v", err)
		return u.ID
	}
	kind := updateKind(raw)
	if !s.updateAllowedLocked(kind) {
		return u.ID
	}
	i, _ := slices.BinarySearchFunc(s.updates, u.ID, func(p pendingUpdate, id int64) int {
		switch {
		case p.id < id:
			return -1
		case p.id > id:
			return 1
		}
		return 0
	})
	s.updates = slices.Insert(s.updates, i, pendingUpdate{id: u.ID, kind: kind, raw: raw})
	s.broadcastLocked()
	return u.ID
}

// FailNext makes the next n calls of method (case-insensitive) fail with
// the given HTTP status and Bot API error code. With method == "" the next n
// calls of any method fail, except getUpdates, which is only affected when
// named explicitly.
//
// Code 429 answers "Too Many Requests: retry after N" with
// parameters.retry_after N (N = retryAfter, at least 1); 5xx codes answer
// with that status ("Internal Server Error", "Bad Gateway", ...); 400 is a
// bad request; 401, 403, 404 and 409 get the descriptions the real API uses.
// Failed calls are recorded with their status.
func (s *Server) FailNext(method string, n int, code int, retryAfter int) {
	s.t.Helper()
	if code < 400 || code > 599 {
		s.t.Fatalf("fakebotapi: FailNext: code %d is not an error status", code)
	}
	if n <= 0 {
		return
	}
	if code == 429 && retryAfter <= 0 {
		retryAfter = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, &failure{method: strings.ToLower(method), remaining: n, code: code, retryAfter: retryAfter})
}

// Block makes every later call addressed to chatID (through its chat_id
// parameter) fail with 403 "Forbidden: bot was blocked by the user", as if
// the user had blocked the bot.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// Unblock lets the bot write to chatID again, as when the person
// unblocks it.
func (s *Server) Unblock(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// Calls returns all calls received so far in arrival order, getUpdates
// excluded. The Params and Files maps are shared and must not be modified.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// CallsTo returns the calls of the given method (case-insensitive) in
// arrival order, failed ones included.
func (s *Server) CallsTo(method string) []Call {
	return filterCalls(s.Calls(), func(c Call) bool { return strings.EqualFold(c.Method, method) })
}

// WaitFor blocks until pred returns true for the calls recorded so far. It
// evaluates pred at once and again after every new call. It returns
// ctx.Err() when ctx is done first, and ErrClosed when the server closes
// first. pred must not modify the calls.
func (s *Server) WaitFor(ctx context.Context, pred func(calls []Call) bool) error {
	return s.waitUntil(ctx, func() bool { return pred(s.Calls()) })
}

// WaitCount waits until at least n successful calls of method have been
// recorded, whatever their chat. Unlike WaitFor it costs nothing per call,
// so benchmarks can wait for thousands of replies.
func (s *Server) WaitCount(ctx context.Context, method string, n int) error {
	method = strings.ToLower(method)
	return s.waitUntil(ctx, func() bool {
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.okCount[method] >= n
	})
}

// waitUntil evaluates done now and after every change until it holds. The
// change channel is taken before done runs, so no change is missed.
func (s *Server) waitUntil(ctx context.Context, done func() bool) error {
	for {
		s.mu.Lock()
		changed, closed := s.changed, s.closed
		s.mu.Unlock()
		if done() {
			return nil
		}
		if closed {
			return ErrClosed
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// WaitSent waits until at least n successful calls of method (for example
// "sendMessage") with chat_id equal to chatID have been recorded and
// returns all such calls in arrival order.
func (s *Server) WaitSent(ctx context.Context, chatID int64, method string, n int) ([]Call, error) {
	id := strconv.FormatInt(chatID, 10)
	match := func(c Call) bool {
		return c.Status == 200 && strings.EqualFold(c.Method, method) && c.Params["chat_id"] == id
	}
	var got []Call
	err := s.WaitFor(ctx, func(calls []Call) bool {
		got = filterCalls(calls, match)
		return len(got) >= n
	})
	if err != nil {
		return nil, err
	}
	return got, nil
}

func filterCalls(calls []Call, keep func(Call) bool) []Call {
	var out []Call
	for _, c := range calls {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

// updateKind returns the name of the field set in a marshalled Update.
func updateKind(raw []byte) string {
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return ""
	}
	for k, v := range fields {
		if k != "update_id" && string(v) != "null" {
			return k
		}
	}
	return ""
}

// defaultExcludedUpdates are the update types the API only delivers when
// they are asked for explicitly in allowed_updates.
var defaultExcludedUpdates = map[string]bool{
	"chat_member":            true,
	"message_reaction":       true,
	"message_reaction_count": true,
}

// updateAllowedLocked reports whether getUpdates currently delivers updates
// of the given kind. s.mu must be held.
func (s *Server) updateAllowedLocked(kind string) bool {
	if s.allowed == nil {
		return !defaultExcludedUpdates[kind]
	}
	return s.allowed[kind]
}
