package fakebotapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot/models"
)

// Limits of the real API.
const (
	maxTextLength          = 4096
	maxCaptionLength       = 1024
	maxCallbackDataBytes   = 64
	maxCallbackAnswerText  = 200
	maxBotCommands         = 100
	maxCommandLength       = 32
	maxCommandDescription  = 256
	botFirstName           = "Spreekuur"
	botUsername            = "spreekuur_test_bot"
	emptyTextDescription   = "message text is empty"
	notModifiedDescription = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
)

// chat is what the server knows about one chat.
type chat struct {
	id        int64
	typ       string
	username  string
	nextMsgID int
	msgs      map[int]*storedMsg
}

// storedMsg is what the server knows about one message.
type storedMsg struct {
	fromBot   bool
	hasText   bool
	text      string // as sent, before parsing
	parseMode string
	entities  string
	markup    string // normalised inline keyboard JSON, "" for none
	date      int64
}

// fileInfo describes a file the server has handed out a file_id for.
type fileInfo struct {
	uniqueID string
	name     string
	size     int
	mimeType string
	// data and path are set for a file a user sent (UserFile): the bot
	// gets its path with getFile and downloads it from there.
	data []byte
	path string
}

// object returns the chat as a Bot API Chat object.
func (c *chat) object() map[string]any {
	out := map[string]any{"id": c.id, "type": c.typ}
	if c.username != "" {
		out["username"] = c.username
	}
	return out
}

func (s *Server) botUser() map[string]any {
	return map[string]any{
		"id":         s.botID,
		"is_bot":     true,
		"first_name": botFirstName,
		"username":   botUsername,
	}
}

// chatLocked returns the chat with the given integer id, creating it.
func (s *Server) chatLocked(id int64) *chat {
	key := strconv.FormatInt(id, 10)
	if c, ok := s.chats[key]; ok {
		return c
	}
	typ := "private"
	switch {
	case id < -1000000000000:
		typ = "supergroup"
	case id < 0:
		typ = "group"
	}
	c := &chat{id: id, typ: typ, nextMsgID: 1, msgs: map[int]*storedMsg{}}
	s.chats[key] = c
	return c
}

var usernamePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{3,31}$`)

// resolveChatLocked resolves a chat_id parameter: an integer or @username.
func (s *Server) resolveChatLocked(raw string) (*chat, *response) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, badRequest("chat_id is empty")
	}
	if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
		if id == 0 {
			return nil, badRequest("chat not found")
		}
		if id == s.botID {
			return nil, fail(http.StatusForbidden, "Forbidden: bot can't send messages to bots")
		}
		if s.blocked[id] {
			return nil, fail(http.StatusForbidden, "Forbidden: bot was blocked by the user")
		}
		return s.chatLocked(id), nil
	}
	name, isUsername := strings.CutPrefix(raw, "@")
	if !isUsername || !usernamePattern.MatchString(name) {
		return nil, badRequest("chat not found")
	}
	key := "@" + strings.ToLower(name)
	if c, ok := s.chats[key]; ok {
		return c, nil
	}
	s.nextChannel++
	c := &chat{id: -1000000000000 - s.nextChannel, typ: "channel", username: name, nextMsgID: 1, msgs: map[int]*storedMsg{}}
	s.chats[key] = c
	s.chats[strconv.FormatInt(c.id, 10)] = c
	return c, nil
}

// rememberIncomingLocked records a message pushed as an update.
func (s *Server) rememberIncomingLocked(m *models.Message, now time.Time) {
	c := s.chatLocked(m.Chat.ID)
	if m.Chat.Type == "" {
		m.Chat.Type = models.ChatType(c.typ)
	}
	if m.ID == 0 {
		m.ID = c.nextMsgID
	}
	if m.Date == 0 {
		m.Date = int(now.Unix())
	}
	c.nextMsgID = max(c.nextMsgID, m.ID+1)
	if _, exists := c.msgs[m.ID]; !exists {
		c.msgs[m.ID] = &storedMsg{hasText: m.Text != "", text: m.Text, date: int64(m.Date)}
	}
}

// newMessageLocked stores a new message of the bot in the chat and returns
// its Bot API representation.
func (s *Server) newMessageLocked(c *chat, sm *storedMsg, at time.Time) (map[string]any, int) {
	id := c.nextMsgID
	c.nextMsgID++
	sm.fromBot = true
	sm.date = at.Unix()
	c.msgs[id] = sm
	return map[string]any{
		"message_id": id,
		"from":       s.botUser(),
		"chat":       c.object(),
		"date":       at.Unix(),
	}, id
}

// processLocked validates and executes a request (not getUpdates). s.mu must be held.
func (s *Server) processLocked(req *request) *response {
	if resp := s.takeFailureLocked(req.method.Name); resp != nil {
		return resp
	}
	if resp := s.validateLocked(req); resp != nil {
		return resp
	}
	switch req.method.Name {
	case "getMe":
		user := s.botUser()
		for _, k := range []string{"can_join_groups", "can_read_all_group_messages", "supports_inline_queries", "can_connect_to_business", "has_main_web_app"} {
			user[k] = false
		}
		return ok(user)
	case "getWebhookInfo":
		info := map[string]any{"url": s.webhookURL, "has_custom_certificate": false, "pending_update_count": len(s.updates)}
		return ok(info)
	case "setWebhook":
		return s.setWebhookLocked(req)
	case "deleteWebhook":
		s.webhookURL = ""
		if parseBool(req.params["drop_pending_updates"]) {
			s.updates = nil
		}
		return ok(true)
	case "sendMessage":
		return s.sendMessageLocked(req)
	case "editMessageText", "editMessageReplyMarkup":
		return s.editMessageLocked(req)
	case "deleteMessage":
		return s.deleteMessageLocked(req)
	case "answerCallbackQuery":
		return s.answerCallbackQueryLocked(req)
	case "setMyCommands", "deleteMyCommands", "getMyCommands":
		return s.commandsLocked(req)
	case "sendDocument":
		return s.sendDocumentLocked(req)
	case "sendLocation", "sendVenue":
		return s.sendLocationLocked(req)
	case "getFile":
		return s.getFileLocked(req)
	}
	return s.genericLocked(req)
}

// validateLocked applies the checks every method shares: no unknown
// parameters, required parameters present, JSON parameters well-formed and
// a valid chat_id.
func (s *Server) validateLocked(req *request) *response {
	m := req.method
	names := make([]string, 0, len(req.params))
	for name := range req.params {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f, known := m.field(name)
		if !known {
			return badRequest("unknown parameter %s", name)
		}
		value := req.params[name]
		if f.isJSON() && strings.TrimSpace(value) != "" && !json.Valid([]byte(value)) {
			if name == "reply_markup" {
				return badRequest("can't parse reply keyboard markup JSON object")
			}
			return badRequest("can't parse %s JSON object", name)
		}
	}
	for _, f := range m.Fields {
		if !f.Required || f.Name == "text" && (m.Name == "sendMessage" || m.Name == "editMessageText") {
			continue // the text checks give the real API's message
		}
		if strings.TrimSpace(req.params[f.Name]) != "" {
			continue
		}
		if _, uploaded := req.files[f.Name]; uploaded && f.isFile() {
			continue
		}
		switch {
		case f.isFile():
			return badRequest("there is no %s in the request", f.Name)
		case f.Name == "message_id":
			return badRequest("message identifier is not specified")
		}
		return badRequest("%s is empty", f.Name)
	}
	if _, has := m.field("chat_id"); has {
		if raw, given := req.params["chat_id"]; given && m.Name != "getUpdates" {
			if _, resp := s.resolveChatLocked(raw); resp != nil {
				return resp
			}
		}
	}
	return nil
}

// checkText validates a message text or caption and returns its plain text.
func checkText(text, parseMode string, maxLen int, emptyDesc, longDesc string) (string, *response) {
	plain, errDesc := parseFormatted(text, parseMode)
	if errDesc != "" {
		return "", fail(http.StatusBadRequest, errDesc)
	}
	plain = strings.TrimSpace(plain)
	if plain == "" && emptyDesc != "" {
		return "", badRequest("%s", emptyDesc)
	}
	if utf8.RuneCountInString(plain) > maxLen {
		return "", badRequest("%s", longDesc)
	}
	return plain, nil
}

func (s *Server) sendMessageLocked(req *request) *response {
	p := req.params
	plain, resp := checkText(p["text"], p["parse_mode"], maxTextLength, emptyTextDescription, "message is too long")
	if resp != nil {
		return resp
	}
	markup, resp := checkReplyMarkup(p["reply_markup"], false)
	if resp != nil {
		return resp
	}
	c, resp := s.resolveChatLocked(p["chat_id"])
	if resp != nil {
		return resp
	}
	if resp := checkReplyTo(c, p["reply_parameters"]); resp != nil {
		return resp
	}
	msg, _ := s.newMessageLocked(c, &storedMsg{hasText: true, text: p["text"], parseMode: p["parse_mode"], entities: p["entities"], markup: markup}, req.at)
	msg["text"] = plain
	if markup != "" {
		msg["reply_markup"] = json.RawMessage(markup)
	}
	return ok(msg)
}

// checkReplyTo checks reply_parameters: the message replied to must exist
// unless allow_sending_without_reply is set.
func checkReplyTo(c *chat, raw string) *response {
	if strings.TrimSpace(raw) == "" {
		return nil
	}
	var rp struct {
		MessageID                json.Number `json:"message_id"`
		ChatID                   any         `json:"chat_id"`
		AllowSendingWithoutReply bool        `json:"allow_sending_without_reply"`
	}
	if err := json.Unmarshal([]byte(raw), &rp); err != nil {
		return badRequest("can't parse reply parameters JSON object")
	}
	id, err := rp.MessageID.Int64()
	if err != nil {
		return badRequest("can't parse reply parameters: Field \"message_id\" must be a valid Number")
	}
	if rp.ChatID != nil || rp.AllowSendingWithoutReply || id <= 0 {
		return nil
	}
	if _, exists := c.msgs[int(id)]; !exists {
		return badRequest("message to be replied not found")
	}
	return nil
}

func (s *Server) editMessageLocked(req *request) *response {
	p := req.params
	isText := req.method.Name == "editMessageText"
	var plain string
	if isText && strings.TrimSpace(p["rich_message"]) == "" {
		var resp *response
		if plain, resp = checkText(p["text"], p["parse_mode"], maxTextLength, emptyTextDescription, "message is too long"); resp != nil {
			return resp
		}
	}
	markup, resp := checkReplyMarkup(p["reply_markup"], true)
	if resp != nil {
		return resp
	}
	if strings.TrimSpace(p["inline_message_id"]) != "" {
		return ok(true) // inline messages are not tracked; the API answers True for them
	}
	c, id, sm, resp := s.editableLocked(p)
	if resp != nil {
		return resp
	}
	updated := *sm
	updated.markup = markup // omitting reply_markup removes the inline keyboard
	if isText {
		if !sm.hasText {
			return badRequest("there is no text in the message to edit")
		}
		updated.text, updated.parseMode, updated.entities = p["text"], p["parse_mode"], p["entities"]
	}
	if updated == *sm {
		return badRequest("%s", notModifiedDescription)
	}
	*sm = updated
	msg := map[string]any{
		"message_id": id,
		"from":       s.botUser(),
		"chat":       c.object(),
		"date":       sm.date,
		"edit_date":  req.at.Unix(),
	}
	if sm.hasText {
		if !isText {
			plain, _ = parseFormatted(sm.text, sm.parseMode)
			plain = strings.TrimSpace(plain)
		}
		msg["text"] = plain
	}
	if markup != "" {
		msg["reply_markup"] = json.RawMessage(markup)
	}
	return ok(msg)
}

func (s *Server) deleteMessageLocked(req *request) *response {
	c, resp := s.resolveChatLocked(req.params["chat_id"])
	if resp != nil {
		return resp
	}
	id, err := strconv.Atoi(strings.TrimSpace(req.params["message_id"]))
	if err != nil || id <= 0 {
		return badRequest("message identifier is not specified")
	}
	if _, exists := c.msgs[id]; !exists {
		return badRequest("message to delete not found")
	}
	delete(c.msgs, id)
	return ok(true)
}

func (s *Server) answerCallbackQueryLocked(req *request) *response {
	p := req.params
	if !s.callbacks[p["callback_query_id"]] {
		return badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	if utf8.RuneCountInString(p["text"]) > maxCallbackAnswerText {
		return badRequest("MESSAGE_TOO_LONG")
	}
	return ok(true)
}

func (s *Server) setWebhookLocked(req *request) *response {
	raw := strings.TrimSpace(req.params["url"])
	if raw == "" {
		s.webhookURL = "" // the real API treats an empty URL as deleteWebhook
		return ok(true)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return badRequest("bad webhook: Failed to resolve host: Name or service not known")
	}
	if u.Scheme != "https" {
		return badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	switch u.Port() {
	case "", "443", "80", "88", "8443":
	default:
		return badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
	}
	s.webhookURL = raw
	if parseBool(req.params["drop_pending_updates"]) {
		s.updates = nil
	}
	return ok(true)
}

func parseBool(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "1", "yes":
		return true
	}
	return false
}

var commandPattern = regexp.MustCompile(`^[a-z0-9_]+$`)

// commandsLocked serves setMyCommands, deleteMyCommands and getMyCommands.
func (s *Server) commandsLocked(req *request) *response {
	p := req.params
	scopeKey, resp := commandScopeKey(p["scope"])
	if resp != nil {
		return resp
	}
	lang := p["language_code"]
	if lang != "" && (len(lang) != 2 || !isLower(lang[0]) || !isLower(lang[1])) {
		return badRequest("invalid language code specified")
	}
	key := scopeKey + "|" + lang
	switch req.method.Name {
	case "getMyCommands":
		if cmds, ok := s.commands[key]; ok {
			return &response{status: http.StatusOK, result: cmds}
		}
		return ok([]any{})
	case "deleteMyCommands":
		delete(s.commands, key)
		return ok(true)
	}
	type botCommand struct {
		Command     string `json:"command"`
		Description string `json:"description"`
	}
	var items []json.RawMessage
	if raw := strings.TrimSpace(p["commands"]); raw != "" {
		if err := json.Unmarshal([]byte(raw), &items); err != nil || items == nil {
			return badRequest("expected an Array of BotCommand")
		}
	}
	if len(items) > maxBotCommands {
		return badRequest("BOT_COMMANDS_TOO_MUCH")
	}
	cmds := make([]botCommand, 0, len(items))
	for _, item := range items {
		var fields map[string]json.RawMessage
		if json.Unmarshal(item, &fields) != nil || fields == nil {
			return badRequest("can't parse BotCommand: expected an Object")
		}
		var cmd botCommand
		for _, f := range []struct {
			name string
			dst  *string
		}{{"command", &cmd.Command}, {"description", &cmd.Description}} {
			raw, present := fields[f.name]
			if !present {
				return badRequest("can't parse BotCommand: Can't find field \"%s\"", f.name)
			}
			if json.Unmarshal(raw, f.dst) != nil {
				return badRequest("can't parse BotCommand: Field \"%s\" must be of type String", f.name)
			}
		}
		cmd.Command = strings.TrimPrefix(strings.TrimSpace(cmd.Command), "/")
		cmd.Description = strings.TrimSpace(cmd.Description)
		switch {
		case cmd.Command == "":
			return badRequest("command must be non-empty")
		case utf8.RuneCountInString(cmd.Command) > maxCommandLength:
			return badRequest("command length must not exceed %d", maxCommandLength)
		case cmd.Description == "":
			return badRequest("command description must be non-empty")
		case utf8.RuneCountInString(cmd.Description) > maxCommandDescription:
			return badRequest("command description length must not exceed %d", maxCommandDescription)
		case !commandPattern.MatchString(cmd.Command):
			return badRequest("BOT_COMMAND_INVALID")
		}
		cmds = append(cmds, cmd)
	}
	if len(cmds) == 0 {
		delete(s.commands, key) // an empty list clears the commands, like deleteMyCommands
		return ok(true)
	}
	stored, _ := json.Marshal(cmds)
	s.commands[key] = stored
	return ok(true)
}

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }

// commandScopeKey validates a BotCommandScope and returns a key for it.
func commandScopeKey(raw string) (string, *response) {
	if strings.TrimSpace(raw) == "" {
		return "default", nil
	}
	var scope map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &scope); err != nil {
		return "", badRequest("can't parse BotCommandScope JSON object")
	}
	if scope == nil {
		return "", badRequest("can't parse BotCommandScope: BotCommandScope must be an Object")
	}
	var typ string
	if t, present := scope["type"]; !present {
		return "", badRequest("can't parse BotCommandScope: Can't find field \"type\"")
	} else if json.Unmarshal(t, &typ) != nil {
		return "", badRequest("can't parse BotCommandScope: Field \"type\" must be of type String")
	}
	switch typ {
	case "default", "all_private_chats", "all_group_chats", "all_chat_administrators":
		return typ, nil
	case "chat", "chat_administrators", "chat_member":
	default:
		return "", badRequest("can't parse BotCommandScope: Unsupported type specified")
	}
	chatID := strings.Trim(string(bytes.TrimSpace(scope["chat_id"])), `"`)
	if chatID == "" || chatID == "null" {
		return "", badRequest("can't parse BotCommandScope: Empty chat_id specified")
	}
	key := typ + ":" + chatID
	if typ == "chat_member" {
		userID, err := strconv.ParseInt(strings.Trim(string(bytes.TrimSpace(scope["user_id"])), `"`), 10, 64)
		if err != nil || userID <= 0 {
			return "", badRequest("can't parse BotCommandScope: Invalid user_id specified")
		}
		key += ":" + strconv.FormatInt(userID, 10)
	}
	return key, nil
}

// inputFileLocked resolves an InputFile parameter: an uploaded file, an
// attach:// reference, a URL or a file_id the server issued before.
func (s *Server) inputFileLocked(req *request, field string) (map[string]any, *response) {
	var up *upload
	ref := strings.TrimSpace(req.params[field])
	if f, ok := req.files[field]; ok && (ref == "" || !strings.HasPrefix(ref, "attach://")) {
		up = &f
	} else if name, isAttach := strings.CutPrefix(ref, "attach://"); isAttach {
		f, ok := req.files[name]
		if !ok {
			return nil, badRequest("there is no %s in the request", field)
		}
		up = &f
	}
	if up != nil {
		if len(up.data) == 0 {
			return nil, badRequest("file must be non-empty")
		}
		n := len(s.files) + 1
		id := fmt.Sprintf("BQACAgQAAxkDAAI%06dfake%s", n, strings.Repeat("x", 20))
		mt := mime.TypeByExtension(path.Ext(up.filename))
		if mt == "" {
			mt = "application/octet-stream"
		}
		if i := strings.IndexByte(mt, ';'); i >= 0 {
			mt = mt[:i]
		}
		info := fileInfo{uniqueID: fmt.Sprintf("AgAD%06d", n), name: up.filename, size: len(up.data), mimeType: mt}
		s.files[id] = info
		return info.object(id), nil
	}
	if ref == "" {
		return nil, badRequest("there is no %s in the request", field)
	}
	if strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") {
		n := len(s.files) + 1
		id := fmt.Sprintf("BQACAgQAAxkDAAI%06dfakeurl%s", n, strings.Repeat("x", 17))
		info := fileInfo{uniqueID: fmt.Sprintf("AgAD%06d", n), name: path.Base(ref), mimeType: "application/octet-stream"}
		s.files[id] = info
		return info.object(id), nil
	}
	info, known := s.files[ref]
	if !known {
		return nil, badRequest("wrong file identifier/HTTP URL specified")
	}
	return info.object(ref), nil
}

// object returns the file as a Bot API Document object.
func (f fileInfo) object(id string) map[string]any {
	out := map[string]any{"file_id": id, "file_unique_id": f.uniqueID}
	if f.name != "" {
		out["file_name"] = f.name
	}
	if f.mimeType != "" {
		out["mime_type"] = f.mimeType
	}
	if f.size > 0 {
		out["file_size"] = f.size
	}
	return out
}

func (s *Server) sendDocumentLocked(req *request) *response {
	p := req.params
	caption, resp := checkText(p["caption"], p["parse_mode"], maxCaptionLength, "", "message caption is too long")
	if resp != nil {
		return resp
	}
	markup, resp := checkReplyMarkup(p["reply_markup"], false)
	if resp != nil {
		return resp
	}
	doc, resp := s.inputFileLocked(req, "document")
	if resp != nil {
		return resp
	}
	if _, given := p["thumbnail"]; given || req.files["thumbnail"].data != nil {
		if _, resp := s.inputFileLocked(req, "thumbnail"); resp != nil {
			return resp
		}
	}
	c, resp := s.resolveChatLocked(p["chat_id"])
	if resp != nil {
		return resp
	}
	if resp := checkReplyTo(c, p["reply_parameters"]); resp != nil {
		return resp
	}
	msg, _ := s.newMessageLocked(c, &storedMsg{markup: markup}, req.at)
	msg["document"] = doc
	if caption != "" {
		msg["caption"] = caption
	}
	if markup != "" {
		msg["reply_markup"] = json.RawMessage(markup)
	}
	return ok(msg)
}

func (s *Server) sendLocationLocked(req *request) *response {
	p := req.params
	lat, errLat := strconv.ParseFloat(strings.TrimSpace(p["latitude"]), 64)
	lon, errLon := strconv.ParseFloat(strings.TrimSpace(p["longitude"]), 64)
	if errLat != nil || errLon != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return badRequest("wrong location specified")
	}
	markup, resp := checkReplyMarkup(p["reply_markup"], false)
	if resp != nil {
		return resp
	}
	c, resp := s.resolveChatLocked(p["chat_id"])
	if resp != nil {
		return resp
	}
	if resp := checkReplyTo(c, p["reply_parameters"]); resp != nil {
		return resp
	}
	msg, _ := s.newMessageLocked(c, &storedMsg{markup: markup}, req.at)
	location := map[string]any{"latitude": lat, "longitude": lon}
	msg["location"] = location
	if req.method.Name == "sendVenue" {
		venue := map[string]any{"location": location, "title": p["title"], "address": p["address"]}
		for _, k := range []string{"foursquare_id", "foursquare_type", "google_place_id", "google_place_type"} {
			if p[k] != "" {
				venue[k] = p[k]
			}
		}
		msg["venue"] = venue
	}
	if markup != "" {
		msg["reply_markup"] = json.RawMessage(markup)
	}
	return ok(msg)
}

// genericLocked serves every other method of the reference: after the
// shared validation it answers with a plausible value of the return type.
func (s *Server) genericLocked(req *request) *response {
	p := req.params
	m := req.method
	returns := m.Returns
	if len(returns) == 0 {
		return ok(true)
	}
	switch r := returns[0]; {
	case r == "Boolean":
		return ok(true)
	case r == "Message":
		if _, has := req.method.field("chat_id"); !has || p["chat_id"] == "" {
			return ok(true) // e.g. an inline message: the API answers True
		}
		if _, has := req.method.field("message_id"); has && (strings.HasPrefix(m.Name, "edit") || strings.HasPrefix(m.Name, "stop")) {
			return s.touchMessageLocked(req)
		}
		if _, has := req.method.field("text"); has {
			if _, resp := checkText(p["text"], p["parse_mode"], maxTextLength, "", "message is too long"); resp != nil {
				return resp
			}
		}
		caption, resp := checkText(p["caption"], p["parse_mode"], maxCaptionLength, "", "message caption is too long")
		if resp != nil {
			return resp
		}
		markup, resp := checkReplyMarkup(p["reply_markup"], false)
		if resp != nil {
			return resp
		}
		c, resp := s.resolveChatLocked(p["chat_id"])
		if resp != nil {
			return resp
		}
		msg, _ := s.newMessageLocked(c, &storedMsg{markup: markup}, req.at)
		if caption != "" {
			msg["caption"] = caption
		}
		if markup != "" {
			msg["reply_markup"] = json.RawMessage(markup)
		}
		return ok(msg)
	case r == "MessageId":
		c, resp := s.resolveChatLocked(p["chat_id"])
		if resp != nil {
			return resp
		}
		_, id := s.newMessageLocked(c, &storedMsg{}, req.at)
		return ok(map[string]any{"message_id": id})
	case strings.HasPrefix(r, "Array of "):
		return ok([]any{})
	case r == "Integer":
		return ok(0)
	case r == "String":
		return ok("")
	}
	return ok(map[string]any{})
}

// editableLocked finds the message an edit names by chat_id and
// message_id; only the bot's own messages can be edited.
func (s *Server) editableLocked(p map[string]string) (*chat, int, *storedMsg, *response) {
	c, resp := s.resolveChatLocked(p["chat_id"])
	if resp != nil {
		return nil, 0, nil, resp
	}
	id, err := strconv.Atoi(strings.TrimSpace(p["message_id"]))
	if err != nil || id <= 0 {
		return nil, 0, nil, badRequest("message identifier is not specified")
	}
	sm, exists := c.msgs[id]
	if !exists {
		return nil, 0, nil, badRequest("message to edit not found")
	}
	if !sm.fromBot {
		return nil, 0, nil, badRequest("message can't be edited")
	}
	return c, id, sm, nil
}

// touchMessageLocked serves the other edit and stop methods (for example
// editMessageCaption or stopPoll): the message must exist and be the bot's.
func (s *Server) touchMessageLocked(req *request) *response {
	c, id, sm, resp := s.editableLocked(req.params)
	if resp != nil {
		return resp
	}
	markup, resp := checkReplyMarkup(req.params["reply_markup"], true)
	if resp != nil {
		return resp
	}
	sm.markup = markup
	msg := map[string]any{
		"message_id": id,
		"from":       s.botUser(),
		"chat":       c.object(),
		"date":       sm.date,
		"edit_date":  req.at.Unix(),
	}
	if markup != "" {
		msg["reply_markup"] = json.RawMessage(markup)
	}
	return ok(msg)
}

// maxDownload is the largest file a bot may download (getFile).
const maxDownload = 20 << 20

// getFileLocked answers getFile: the file's path for the download, for a
// file the server knows; a file over 20 MB is refused as the real API
// refuses it.
func (s *Server) getFileLocked(req *request) *response {
	id := strings.TrimSpace(req.params["file_id"])
	info, known := s.files[id]
	if !known {
		return badRequest("invalid file_id")
	}
	if info.size > maxDownload {
		return badRequest("file is too big")
	}
	out := map[string]any{"file_id": id, "file_unique_id": info.uniqueID}
	if info.size > 0 {
		out["file_size"] = info.size
	}
	if info.path != "" {
		out["file_path"] = info.path
	}
	return ok(out)
}
