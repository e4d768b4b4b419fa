package fakebotapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxBodyBytes is the upload limit of the real Bot API (50 MB).
const maxBodyBytes = 50 << 20

// longPollMaxTimeout is the largest getUpdates timeout the real API honours.
const longPollMaxTimeout = 50

// response is the answer to one request.
type response struct {
	status     int
	result     any    // on success; marshalled as "result"
	desc       string // on failure
	retryAfter int
}

func ok(result any) *response { return &response{status: http.StatusOK, result: result} }

func fail(status int, desc string) *response { return &response{status: status, desc: desc} }

func badRequest(format string, args ...any) *response {
	return fail(http.StatusBadRequest, "Bad Request: "+fmt.Sprintf(format, args...))
}

// body returns the JSON body of the response.
func (r *response) body() []byte {
	var v any
	if r.status == http.StatusOK {
		v = struct {
			OK     bool `json:"ok"`
			Result any  `json:"result"`
		}{true, r.result}
	} else {
		type params struct {
			RetryAfter int `json:"retry_after"`
		}
		e := struct {
			OK          bool    `json:"ok"`
			ErrorCode   int     `json:"error_code"`
			Description string  `json:"description"`
			Parameters  *params `json:"parameters,omitempty"`
		}{false, r.status, r.desc, nil}
		if r.retryAfter > 0 {
			e.Parameters = &params{RetryAfter: r.retryAfter}
		}
		v = e
	}
	b, err := json.Marshal(v)
	if err != nil {
		b = []byte(`{"ok":false,"error_code":500,"description":"Internal Server Error: fakebotapi cannot marshal its answer"}`)
	}
	return b
}

// resultJSON is the result as the client receives it, nil on failure.
func (r *response) resultJSON() json.RawMessage {
	if r.status != http.StatusOK {
		return nil
	}
	b, err := json.Marshal(r.result)
	if err != nil {
		return nil
	}
	return b
}

func (r *response) write(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body())
}

// request is a decoded API request.
type request struct {
	method *apiMethod
	params map[string]string
	files  map[string]upload
	at     time.Time
}

// upload is one uploaded file.
type upload struct {
	filename string
	data     []byte
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	at := s.clock()
	if rest, isFile := strings.CutPrefix(r.URL.Path, "/file/bot"); isFile {
		s.serveFile(w, r, rest)
		return
	}
	rest, isBot := strings.CutPrefix(r.URL.Path, "/bot")
	token, methodName, hasMethod := strings.Cut(rest, "/")
	if !isBot || !hasMethod || methodName == "" || strings.Contains(methodName, "/") {
		fail(http.StatusNotFound, "Not Found").write(w)
		return
	}
	isGetUpdates := strings.EqualFold(methodName, "getUpdates")
	record := func(name string, params map[string]string, files map[string]upload, resp *response) {
		if !isGetUpdates {
			s.mu.Lock()
			s.recordLocked(name, params, files, at, resp)
			s.mu.Unlock()
		}
		resp.write(w)
	}
	if r.Method != http.MethodPost && r.Method != http.MethodGet {
		record(methodName, nil, nil, fail(http.StatusMethodNotAllowed, "Method Not Allowed"))
		return
	}
	params, files, errResp := readParams(w, r)
	if token != s.token {
		record(methodName, params, files, fail(http.StatusUnauthorized, "Unauthorized"))
		return
	}
	m, known := s.spec.method(methodName)
	if !known {
		record(methodName, params, files, fail(http.StatusNotFound, "Not Found"))
		return
	}
	if errResp != nil {
		record(m.Name, params, files, errResp)
		return
	}
	req := &request{method: m, params: params, files: files, at: at}
	if isGetUpdates {
		s.getUpdates(w, r, req)
		return
	}
	s.mu.Lock()
	resp := s.processLocked(req)
	s.recordLocked(m.Name, params, files, at, resp)
	s.mu.Unlock()
	resp.write(w)
}

// recordLocked appends a call to the record and wakes waiters. s.mu must be held.
func (s *Server) recordLocked(method string, params map[string]string, files map[string]upload, at time.Time, resp *response) {
	if params == nil {
		params = map[string]string{}
	}
	fileData := make(map[string][]byte, len(files))
	for name, f := range files {
		fileData[name] = f.data
	}
	if resp.status == http.StatusOK {
		if s.okCount == nil {
			s.okCount = map[string]int{}
		}
		s.okCount[strings.ToLower(method)]++
	}
	s.calls = append(s.calls, Call{
		Method: method,
		Params: params,
		Files:  fileData,
		At:     at,
		Status: resp.status,
		Result: resp.resultJSON(),
		Seq:    len(s.calls) + 1,
	})
	s.broadcastLocked()
}

// readParams decodes the query string and the body, whatever its encoding.
// Later sources override earlier ones: query string, then body.
func readParams(w http.ResponseWriter, r *http.Request) (map[string]string, map[string]upload, *response) {
	params := map[string]string{}
	files := map[string]upload{}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			params[k] = v[len(v)-1]
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return params, files, fail(http.StatusRequestEntityTooLarge, "Request Entity Too Large")
		}
		return params, files, badRequest("can't read request body")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		// For example go-telegram/bot's getMe: a multipart content type
		// with an empty body. The real API treats it as no parameters.
		return params, files, nil
	}
	mediaType, mediaParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(body, &fields); err != nil {
			return params, files, badRequest("can't parse JSON encoded request: %v", err)
		}
		for k, raw := range fields {
			raw = bytes.TrimSpace(raw)
			switch {
			case string(raw) == "null":
				// The real API treats null like an absent parameter.
			case raw[0] == '"':
				var str string
				_ = json.Unmarshal(raw, &str)
				params[k] = str
			default:
				var compact bytes.Buffer
				if json.Compact(&compact, raw) == nil {
					raw = compact.Bytes()
				}
				params[k] = string(raw)
			}
		}
	case "application/x-www-form-urlencoded":
		values, err := url.ParseQuery(string(body))
		if err != nil {
			return params, files, badRequest("can't parse URL-encoded request: %v", err)
		}
		for k, v := range values {
			if len(v) > 0 {
				params[k] = v[len(v)-1]
			}
		}
	case "multipart/form-data":
		mr := multipart.NewReader(bytes.NewReader(body), mediaParams["boundary"])
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return params, files, badRequest("can't parse multipart/form-data request: %v", err)
			}
			data, err := io.ReadAll(part)
			if err != nil {
				return params, files, badRequest("can't parse multipart/form-data request: %v", err)
			}
			if part.FileName() != "" {
				files[part.FormName()] = upload{filename: part.FileName(), data: data}
			} else {
				params[part.FormName()] = string(data)
			}
		}
	}
	return params, files, nil
}

// takeFailureLocked consumes and returns the injected failure for the
// method, if any. s.mu must be held.
func (s *Server) takeFailureLocked(method string) *response {
	lower := strings.ToLower(method)
	for i, f := range s.failures {
		if f.method != lower && (f.method != "" || lower == "getupdates") {
			continue
		}
		f.remaining--
		if f.remaining <= 0 {
			s.failures = append(s.failures[:i], s.failures[i+1:]...)
		}
		resp := fail(f.code, failureDescription(f.code, f.retryAfter))
		if f.code == http.StatusTooManyRequests {
			resp.retryAfter = f.retryAfter
		}
		return resp
	}
	return nil
}

func failureDescription(code, retryAfter int) string {
	switch code {
	case http.StatusBadRequest:
		return "Bad Request: injected failure"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusForbidden:
		return "Forbidden: bot was blocked by the user"
	case http.StatusNotFound:
		return "Not Found"
	case http.StatusConflict:
		return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	case http.StatusTooManyRequests:
		return "Too Many Requests: retry after " + strconv.Itoa(retryAfter)
	}
	if text := http.StatusText(code); text != "" {
		return text
	}
	return "Error " + strconv.Itoa(code)
}

// getUpdates serves getUpdates with long polling.
// allowLocked keeps the kinds of update a getUpdates asked for; an empty
// list means every kind.
func (s *Server) allowLocked(raw string) error {
	var kinds []string
	if err := json.Unmarshal([]byte(raw), &kinds); err != nil {
		return err
	}
	s.allowed = nil
	if len(kinds) > 0 {
		s.allowed = make(map[string]bool, len(kinds))
		for _, k := range kinds {
			s.allowed[k] = true
		}
	}
	return nil
}

// confirmLocked forgets the updates an offset confirms: those below a
// positive offset; a negative one keeps only the last -offset updates. It
// returns the offset to read from.
func (s *Server) confirmLocked(offset int64) int64 {
	switch {
	case offset > 0:
		i := 0
		for i < len(s.updates) && s.updates[i].id < offset {
			i++
		}
		s.updates = s.updates[i:]
	case offset < 0:
		if keep := int(-offset); keep < len(s.updates) {
			s.updates = s.updates[len(s.updates)-keep:]
		}
		offset = 0
	}
	return offset
}

// batchLocked is up to limit allowed updates from offset on.
func (s *Server) batchLocked(offset int64, limit int) []json.RawMessage {
	var batch []json.RawMessage
	for _, u := range s.updates {
		if len(batch) == limit {
			break
		}
		if u.id >= offset && s.updateAllowedLocked(u.kind) {
			batch = append(batch, u.raw)
		}
	}
	return batch
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, req *request) {
	s.mu.Lock()
	if resp := s.takeFailureLocked(req.method.Name); resp != nil {
		s.mu.Unlock()
		resp.write(w)
		return
	}
	if resp := s.validateLocked(req); resp != nil {
		s.mu.Unlock()
		resp.write(w)
		return
	}
	if s.webhookURL != "" {
		s.mu.Unlock()
		fail(http.StatusConflict, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first").write(w)
		return
	}
	offset, _ := strconv.ParseInt(strings.TrimSpace(req.params["offset"]), 10, 64)
	limit := 100
	if v, err := strconv.Atoi(strings.TrimSpace(req.params["limit"])); err == nil {
		limit = min(max(v, 1), 100)
	}
	timeout := 0
	if v, err := strconv.Atoi(strings.TrimSpace(req.params["timeout"])); err == nil {
		timeout = min(max(v, 0), longPollMaxTimeout)
	}
	if raw, given := req.params["allowed_updates"]; given {
		if err := s.allowLocked(raw); err != nil {
			s.mu.Unlock()
			badRequest("can't parse allowed updates JSON object").write(w)
			return
		}
	}
	// A newer getUpdates request terminates an older one, as in the real API.
	s.pollGen++
	gen := s.pollGen
	s.broadcastLocked()
	offset = s.confirmLocked(offset)

	timer := time.NewTimer(time.Duration(timeout) * time.Second)
	defer timer.Stop()
	for {
		batch := s.batchLocked(offset, limit)
		if len(batch) > 0 || timeout == 0 || s.closed {
			s.mu.Unlock()
			if batch == nil {
				batch = []json.RawMessage{}
			}
			ok(batch).write(w)
			return
		}
		if s.pollGen != gen {
			s.mu.Unlock()
			fail(http.StatusConflict, failureDescription(http.StatusConflict, 0)).write(w)
			return
		}
		changed := s.changed
		s.mu.Unlock()
		select {
		case <-changed:
		case <-timer.C:
			ok([]json.RawMessage{}).write(w)
			return
		case <-r.Context().Done():
			return
		case <-s.done:
			ok([]json.RawMessage{}).write(w)
			return
		}
		s.mu.Lock()
	}
}

// serveFile serves a download, /file/bot<token>/<file_path>, as the real
// API does: the file a user sent, after getFile gave its path.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, rest string) {
	token, filePath, _ := strings.Cut(rest, "/")
	s.mu.Lock()
	var data []byte
	found := false
	if token == s.token && r.Method == http.MethodGet {
		for _, f := range s.files {
			if f.path != "" && f.path == filePath {
				data, found = f.data, true
				break
			}
		}
	}
	if found {
		s.downloads++
	}
	s.mu.Unlock()
	if !found {
		fail(http.StatusNotFound, "Not Found").write(w)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}
