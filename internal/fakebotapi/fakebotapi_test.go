package fakebotapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

const testToken = "123456:AAE-fake_token_for_tests_0123456789"

// apiResult is the envelope of every Bot API answer.
type apiResult struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  *struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// do sends a raw request and decodes the answer.
func do(t *testing.T, httpMethod, rawURL, contentType string, body io.Reader) (int, apiResult) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), httpMethod, rawURL, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", httpMethod, rawURL, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var res apiResult
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatalf("answer is not JSON: %s", data)
	}
	if resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type = %q", resp.Header.Get("Content-Type"))
	}
	if res.OK != (resp.StatusCode == http.StatusOK) || !res.OK && res.ErrorCode != resp.StatusCode {
		t.Errorf("status %d does not match answer %s", resp.StatusCode, data)
	}
	return resp.StatusCode, res
}

func methodURL(s *Server, method string) string { return s.URL() + "/bot" + s.Token() + "/" + method }

// callJSON sends params as an application/json body.
func callJSON(t *testing.T, s *Server, method string, params map[string]any) (int, apiResult) {
	t.Helper()
	body, err := json.Marshal(params)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, http.MethodPost, methodURL(s, method), "application/json", bytes.NewReader(body))
}

// newClient returns a go-telegram/bot client talking to s.
func newClient(t *testing.T, s *Server, opts ...bot.Option) *bot.Bot {
	t.Helper()
	opts = append([]bot.Option{bot.WithServerURL(s.URL()), bot.WithSkipGetMe(), bot.WithErrorsHandler(func(error) {})}, opts...)
	b, err := bot.New(s.Token(), opts...)
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	return b
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func keyboard(rows ...[]models.InlineKeyboardButton) *models.InlineKeyboardMarkup {
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}

func TestRouting(t *testing.T) {
	s := New(t, testToken)
	tests := []struct {
		name       string
		httpMethod string
		url        string
		wantStatus int
		wantDesc   string
	}{
		{"wrong token", http.MethodPost, s.URL() + "/bot999:wrong/getMe", 401, "Unauthorized"},
		{"unknown method", http.MethodPost, methodURL(s, "sendTelepathy"), 404, "Not Found"},
		{"no method", http.MethodPost, s.URL() + "/bot" + testToken + "/", 404, "Not Found"},
		{"not a bot path", http.MethodGet, s.URL() + "/getMe", 404, "Not Found"},
		{"PUT", http.MethodPut, methodURL(s, "getMe"), 405, "Method Not Allowed"},
		{"GET", http.MethodGet, methodURL(s, "getMe"), 200, ""},
		{"method name is case-insensitive", http.MethodPost, methodURL(s, "GETME"), 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, res := do(t, tt.httpMethod, tt.url, "", nil)
			if status != tt.wantStatus || res.Description != tt.wantDesc {
				t.Fatalf("got %d %q, want %d %q", status, res.Description, tt.wantStatus, tt.wantDesc)
			}
		})
	}
	t.Run("exact error bodies", func(t *testing.T) {
		for rawURL, want := range map[string]string{
			s.URL() + "/bot1:x/getMe":    `{"ok":false,"error_code":401,"description":"Unauthorized"}`,
			methodURL(s, "noSuchMethod"): `{"ok":false,"error_code":404,"description":"Not Found"}`,
		} {
			resp, err := http.Post(rawURL, "application/json", strings.NewReader("{}"))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if string(body) != want {
				t.Errorf("%s: body %s, want %s", rawURL, body, want)
			}
		}
	})
	t.Run("client with wrong token", func(t *testing.T) {
		_, err := bot.New("42:wrong", bot.WithServerURL(s.URL()))
		if !errors.Is(err, bot.ErrorUnauthorized) {
			t.Fatalf("bot.New error = %v, want ErrorUnauthorized", err)
		}
	})
	t.Run("calls are recorded with status", func(t *testing.T) {
		calls := s.CallsTo("sendTelepathy")
		if len(calls) == 0 || calls[0].Status != 404 {
			t.Fatalf("CallsTo(sendTelepathy) = %+v", calls)
		}
		for i, c := range s.Calls() {
			if c.Seq != i+1 {
				t.Fatalf("call %d has Seq %d", i, c.Seq)
			}
		}
	})
}

func TestGetMe(t *testing.T) {
	s := New(t, testToken)
	b, err := bot.New(s.Token(), bot.WithServerURL(s.URL())) // calls getMe
	if err != nil {
		t.Fatal(err)
	}
	me, err := b.GetMe(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if me.ID != 123456 || !me.IsBot || me.Username != "spreekuur_test_bot" || me.FirstName != "Spreekuur" || me.CanJoinGroups {
		t.Fatalf("GetMe = %+v", me)
	}
	if n := len(s.CallsTo("getMe")); n != 2 {
		t.Fatalf("%d getMe calls recorded, want 2", n)
	}
}

func TestEncodings(t *testing.T) {
	s := New(t, testToken)
	const markup = `{"inline_keyboard":[[{"text":"Ja","callback_data":"yes"}]]}`
	multipartBody := func() (string, io.Reader) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		_ = w.WriteField("chat_id", "42")
		_ = w.WriteField("text", "hallo")
		_ = w.WriteField("reply_markup", markup)
		_ = w.WriteField("disable_notification", "true")
		_ = w.Close()
		return w.FormDataContentType(), &buf
	}
	form := url.Values{"chat_id": {"42"}, "text": {"hallo"}, "reply_markup": {markup}, "disable_notification": {"true"}}
	tests := []struct {
		name string
		send func(t *testing.T) (int, apiResult)
	}{
		{"json", func(t *testing.T) (int, apiResult) {
			return callJSON(t, s, "sendMessage", map[string]any{
				"chat_id": 42, "text": "hallo", "disable_notification": true,
				"reply_markup": map[string]any{"inline_keyboard": [][]map[string]string{{{"text": "Ja", "callback_data": "yes"}}}},
			})
		}},
		{"form", func(t *testing.T) (int, apiResult) {
			return do(t, http.MethodPost, methodURL(s, "sendMessage"), "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		}},
		{"query string", func(t *testing.T) (int, apiResult) {
			return do(t, http.MethodGet, methodURL(s, "sendMessage")+"?"+form.Encode(), "", nil)
		}},
		{"multipart", func(t *testing.T) (int, apiResult) {
			ct, body := multipartBody()
			return do(t, http.MethodPost, methodURL(s, "sendMessage"), ct, body)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(s.Calls())
			status, res := tt.send(t)
			if status != 200 {
				t.Fatalf("status %d: %s", status, res.Description)
			}
			var msg models.Message
			if err := json.Unmarshal(res.Result, &msg); err != nil {
				t.Fatal(err)
			}
			if msg.Text != "hallo" || msg.Chat.ID != 42 || msg.Chat.Type != "private" || msg.ID == 0 || msg.Date == 0 {
				t.Errorf("message = %+v", msg)
			}
			if msg.ReplyMarkup == nil || msg.ReplyMarkup.InlineKeyboard[0][0].CallbackData != "yes" {
				t.Errorf("reply_markup not echoed: %+v", msg.ReplyMarkup)
			}
			calls := s.Calls()[before:]
			if len(calls) != 1 {
				t.Fatalf("%d calls recorded", len(calls))
			}
			p := calls[0].Params
			if p["chat_id"] != "42" || p["text"] != "hallo" || p["disable_notification"] != "true" {
				t.Errorf("params = %q", p)
			}
			var got, want any
			if err := json.Unmarshal([]byte(p["reply_markup"]), &got); err != nil {
				t.Fatalf("reply_markup param is not JSON text: %q", p["reply_markup"])
			}
			_ = json.Unmarshal([]byte(markup), &want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("reply_markup param = %s", p["reply_markup"])
			}
		})
	}
	t.Run("message ids increase per chat", func(t *testing.T) {
		ids := map[int64][]int{}
		for _, chatID := range []int64{7, 8, 7, 7, 8} {
			_, res := callJSON(t, s, "sendMessage", map[string]any{"chat_id": chatID, "text": "x"})
			var msg models.Message
			_ = json.Unmarshal(res.Result, &msg)
			ids[chatID] = append(ids[chatID], msg.ID)
		}
		if !reflect.DeepEqual(ids[7], []int{1, 2, 3}) || !reflect.DeepEqual(ids[8], []int{1, 2}) {
			t.Fatalf("message ids = %v", ids)
		}
	})
}

func TestValidation(t *testing.T) {
	s := New(t, testToken)
	button := func(b map[string]any) map[string]any {
		return map[string]any{"inline_keyboard": []any{[]any{b}}}
	}
	tests := []struct {
		name     string
		method   string
		params   map[string]any
		wantDesc string // "" means success
	}{
		{"ok", "sendMessage", map[string]any{"chat_id": 1, "text": "hoi"}, ""},
		{"missing chat_id", "sendMessage", map[string]any{"text": "hoi"}, "Bad Request: chat_id is empty"},
		{"missing text", "sendMessage", map[string]any{"chat_id": 1}, "Bad Request: message text is empty"},
		{"blank text", "sendMessage", map[string]any{"chat_id": 1, "text": " \n "}, "Bad Request: message text is empty"},
		{"unknown parameter", "sendMessage", map[string]any{"chat_id": 1, "text": "hoi", "colour": "red"}, "Bad Request: unknown parameter colour"},
		{"deprecated parameter", "sendMessage", map[string]any{"chat_id": 1, "text": "hoi", "reply_to_message_id": 1}, "Bad Request: unknown parameter reply_to_message_id"},
		{"4096 runes", "sendMessage", map[string]any{"chat_id": 1, "text": strings.Repeat("é", 4096)}, ""},
		{"4097 runes", "sendMessage", map[string]any{"chat_id": 1, "text": strings.Repeat("é", 4097)}, "Bad Request: message is too long"},
		{"4096 runes plus HTML tags", "sendMessage", map[string]any{"chat_id": 1, "text": "<b>" + strings.Repeat("a", 4096) + "</b>", "parse_mode": "HTML"}, ""},
		{"bad HTML", "sendMessage", map[string]any{"chat_id": 1, "text": "1 < 2", "parse_mode": "HTML"}, `Bad Request: can't parse entities: Unsupported start tag "" at byte offset 2`},
		{"unclosed HTML", "sendMessage", map[string]any{"chat_id": 1, "text": "<b>vet", "parse_mode": "HTML"}, "Bad Request: can't parse entities: Can't find end tag corresponding to start tag b"},
		{"unescaped MarkdownV2", "sendMessage", map[string]any{"chat_id": 1, "text": "Tot 12.00", "parse_mode": "MarkdownV2"}, `Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\'`},
		{"unknown parse_mode", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "parse_mode": "BBCode"}, "Bad Request: unsupported parse_mode"},
		{"chat_id not a number", "sendMessage", map[string]any{"chat_id": "abc", "text": "x"}, "Bad Request: chat not found"},
		{"chat_id username", "sendMessage", map[string]any{"chat_id": "@spreekuur_kanaal", "text": "x"}, ""},
		{"send to a bot", "sendMessage", map[string]any{"chat_id": 123456, "text": "x"}, "Forbidden: bot can't send messages to bots"},
		{"callback_data 64 bytes", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_markup": button(map[string]any{"text": "b", "callback_data": strings.Repeat("d", 64)})}, ""},
		{"callback_data 65 bytes", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_markup": button(map[string]any{"text": "b", "callback_data": strings.Repeat("d", 65)})}, "Bad Request: BUTTON_DATA_INVALID"},
		{"text-only inline button", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_markup": button(map[string]any{"text": "b"})}, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"},
		{"empty callback_data", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_markup": button(map[string]any{"text": "b", "callback_data": ""})}, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"},
		{"two button kinds", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_markup": button(map[string]any{"text": "b", "callback_data": "d", "url": "https://example.org"})}, "Bad Request: can't parse inline keyboard button: exactly one of"},
		{"empty button text", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_markup": button(map[string]any{"text": "", "callback_data": "d"})}, "Bad Request: BUTTON_TEXT_INVALID"},
		{"button without text", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_markup": button(map[string]any{"callback_data": "d"})}, `Bad Request: can't parse inline keyboard button: Can't find field "text"`},
		{"reply_markup not JSON", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_markup": "{nope"}, "Bad Request: can't parse reply keyboard markup JSON object"},
		{"reply keyboard", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_markup": map[string]any{"keyboard": [][]string{{"Ja", "Nee"}}}}, ""},
		{"answer unknown callback query", "answerCallbackQuery", map[string]any{"callback_query_id": "nope"}, "Bad Request: query is too old and response timeout expired or query ID is invalid"},
		{"answer without id", "answerCallbackQuery", map[string]any{}, "Bad Request: callback_query_id is empty"},
		{"getUpdates unknown parameter", "getUpdates", map[string]any{"offst": 1}, "Bad Request: unknown parameter offst"},
		{"webhook over http", "setWebhook", map[string]any{"url": "http://example.org/hook"}, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"},
		{"venue without title", "sendVenue", map[string]any{"chat_id": 1, "latitude": 52.1, "longitude": 5.1, "address": "Straat 1"}, "Bad Request: title is empty"},
		{"location out of range", "sendLocation", map[string]any{"chat_id": 1, "latitude": 152.1, "longitude": 5.1}, "Bad Request: wrong location specified"},
		{"document missing", "sendDocument", map[string]any{"chat_id": 1}, "Bad Request: there is no document in the request"},
		{"document unknown file_id", "sendDocument", map[string]any{"chat_id": 1, "document": "AgADnope"}, "Bad Request: wrong file identifier/HTTP URL specified"},
		{"document by URL", "sendDocument", map[string]any{"chat_id": 1, "document": "https://example.org/rooster.pdf"}, ""},
		{"delete unknown message", "deleteMessage", map[string]any{"chat_id": 1, "message_id": 999}, "Bad Request: message to delete not found"},
		{"reply to unknown message", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_parameters": map[string]any{"message_id": 999}}, "Bad Request: message to be replied not found"},
		{"reply to unknown message allowed", "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_parameters": map[string]any{"message_id": 999, "allow_sending_without_reply": true}}, ""},
		{"other method is validated", "sendChatAction", map[string]any{"chat_id": 1}, "Bad Request: action is empty"},
		{"other method succeeds", "sendChatAction", map[string]any{"chat_id": 1, "action": "typing"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, res := callJSON(t, s, tt.method, tt.params)
			if tt.wantDesc == "" {
				if status != 200 {
					t.Fatalf("status %d: %s", status, res.Description)
				}
				return
			}
			if status == 200 || !strings.HasPrefix(res.Description, tt.wantDesc) {
				t.Fatalf("got %d %q, want %q", status, res.Description, tt.wantDesc)
			}
		})
	}
}

func TestSetMyCommands(t *testing.T) {
	s := New(t, testToken)
	b := newClient(t, s)
	ctx := t.Context()
	cmd := func(c, d string) models.BotCommand { return models.BotCommand{Command: c, Description: d} }
	many := make([]models.BotCommand, 101)
	for i := range many {
		many[i] = cmd("c"+strconv.Itoa(i), "d")
	}
	tests := []struct {
		name     string
		params   *bot.SetMyCommandsParams
		wantDesc string
	}{
		{"ok", &bot.SetMyCommandsParams{Commands: []models.BotCommand{cmd("start", "Begin"), cmd("/afspraak", "Maak een afspraak")}, LanguageCode: "nl"}, ""},
		{"chat scope", &bot.SetMyCommandsParams{Commands: []models.BotCommand{cmd("help", "Hulp")}, Scope: &models.BotCommandScopeChat{ChatID: 42}}, ""},
		{"empty list clears", &bot.SetMyCommandsParams{Commands: []models.BotCommand{}}, ""},
		{"nil list", &bot.SetMyCommandsParams{}, "expected an Array of BotCommand"},
		{"101 commands", &bot.SetMyCommandsParams{Commands: many}, "BOT_COMMANDS_TOO_MUCH"},
		{"uppercase command", &bot.SetMyCommandsParams{Commands: []models.BotCommand{cmd("Start", "Begin")}}, "BOT_COMMAND_INVALID"},
		{"dash in command", &bot.SetMyCommandsParams{Commands: []models.BotCommand{cmd("my-cmd", "x")}}, "BOT_COMMAND_INVALID"},
		{"33 characters", &bot.SetMyCommandsParams{Commands: []models.BotCommand{cmd(strings.Repeat("a", 33), "x")}}, "command length must not exceed 32"},
		{"empty description", &bot.SetMyCommandsParams{Commands: []models.BotCommand{cmd("start", " ")}}, "command description must be non-empty"},
		{"257 description", &bot.SetMyCommandsParams{Commands: []models.BotCommand{cmd("start", strings.Repeat("x", 257))}}, "command description length must not exceed 256"},
		{"three-letter language", &bot.SetMyCommandsParams{Commands: []models.BotCommand{cmd("start", "x")}, LanguageCode: "nld"}, "invalid language code specified"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := b.SetMyCommands(ctx, tt.params)
			if tt.wantDesc == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), tt.wantDesc) {
				t.Fatalf("error = %v, want bad request %q", err, tt.wantDesc)
			}
		})
	}
	t.Run("get and delete", func(t *testing.T) {
		got, err := b.GetMyCommands(ctx, &bot.GetMyCommandsParams{LanguageCode: "nl"})
		if err != nil || len(got) != 2 || got[1].Command != "afspraak" {
			t.Fatalf("GetMyCommands = %+v, %v", got, err)
		}
		if _, err := b.DeleteMyCommands(ctx, &bot.DeleteMyCommandsParams{LanguageCode: "nl"}); err != nil {
			t.Fatal(err)
		}
		got, err = b.GetMyCommands(ctx, &bot.GetMyCommandsParams{LanguageCode: "nl"})
		if err != nil || len(got) != 0 {
			t.Fatalf("after delete: %+v, %v", got, err)
		}
	})
}

func TestClientErrors(t *testing.T) {
	s := New(t, testToken)
	b := newClient(t, s)
	ctx := t.Context()
	t.Run("text too long", func(t *testing.T) {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 5, Text: strings.Repeat("x", 4097)})
		if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "message is too long") {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("callback_data 65 bytes", func(t *testing.T) {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 5, Text: "kies", ReplyMarkup: keyboard(
			[]models.InlineKeyboardButton{{Text: "a", CallbackData: strings.Repeat("é", 32) + "x"}})})
		if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "BUTTON_DATA_INVALID") {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("blocked chat", func(t *testing.T) {
		s.Block(66)
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 66, Text: "hoi"})
		if !errors.Is(err, bot.ErrorForbidden) || !strings.Contains(err.Error(), "bot was blocked by the user") {
			t.Fatalf("error = %v", err)
		}
		if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 67, Text: "hoi"}); err != nil {
			t.Fatalf("other chat: %v", err)
		}
		calls := s.CallsTo("sendMessage")
		if last := calls[len(calls)-2]; last.Status != 403 || last.Params["chat_id"] != "66" {
			t.Fatalf("blocked call recorded as %+v", last)
		}
	})
}

func TestFailNext(t *testing.T) {
	s := New(t, testToken)
	b := newClient(t, s)
	ctx := t.Context()
	send := func() error {
		_, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 9, Text: "hoi"})
		return err
	}
	tests := []struct {
		name   string
		method string
		code   int
		retry  int
		check  func(t *testing.T, err error)
	}{
		{"429", "sendMessage", 429, 7, func(t *testing.T, err error) {
			var tooMany *bot.TooManyRequestsError
			if !errors.As(err, &tooMany) || tooMany.RetryAfter != 7 || !strings.Contains(tooMany.Message, "Too Many Requests: retry after 7") {
				t.Fatalf("error = %#v", err)
			}
		}},
		{"500", "sendMessage", 500, 0, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "500 Internal Server Error") {
				t.Fatalf("error = %v", err)
			}
		}},
		{"502 for any method", "", 502, 0, func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "502 Bad Gateway") {
				t.Fatalf("error = %v", err)
			}
		}},
		{"400", "SENDMESSAGE", 400, 0, func(t *testing.T, err error) {
			if !errors.Is(err, bot.ErrorBadRequest) {
				t.Fatalf("error = %v", err)
			}
		}},
		{"403", "sendMessage", 403, 0, func(t *testing.T, err error) {
			if !errors.Is(err, bot.ErrorForbidden) {
				t.Fatalf("error = %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.FailNext(tt.method, 2, tt.code, tt.retry)
			tt.check(t, send())
			tt.check(t, send())
			if err := send(); err != nil {
				t.Fatalf("third call: %v", err)
			}
			calls := s.CallsTo("sendMessage")
			calls = calls[len(calls)-3:]
			if calls[0].Status != tt.code || calls[1].Status != tt.code || calls[2].Status != 200 {
				t.Fatalf("statuses %d %d %d", calls[0].Status, calls[1].Status, calls[2].Status)
			}
		})
	}
	t.Run("other methods are not affected", func(t *testing.T) {
		s.FailNext("sendDocument", 1, 500, 0)
		if err := send(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("any method skips getUpdates", func(t *testing.T) {
		s.FailNext("", 1, 500, 0)
		if status, res := callJSON(t, s, "getUpdates", nil); status != 200 {
			t.Fatalf("getUpdates: %d %s", status, res.Description)
		}
		if err := send(); err == nil {
			t.Fatal("sendMessage did not fail")
		}
		s.FailNext("getUpdates", 1, 429, 3)
		status, res := callJSON(t, s, "getUpdates", nil)
		if status != 429 || res.Parameters == nil || res.Parameters.RetryAfter != 3 {
			t.Fatalf("getUpdates: %d %+v", status, res)
		}
	})
}

func TestSendDocument(t *testing.T) {
	s := New(t, testToken)
	b := newClient(t, s)
	ctx := t.Context()
	content := []byte("%PDF-1.4 rooster")
	msg, err := b.SendDocument(ctx, &bot.SendDocumentParams{
		ChatID:    11,
		Document:  &models.InputFileUpload{Filename: "rooster.pdf", Data: bytes.NewReader(content)},
		Caption:   "<b>Rooster</b>",
		ParseMode: models.ParseModeHTML,
	})
	if err != nil {
		t.Fatal(err)
	}
	if msg.Document == nil || msg.Document.FileName != "rooster.pdf" || msg.Document.FileSize != int64(len(content)) || msg.Document.MimeType != "application/pdf" || msg.Caption != "Rooster" {
		t.Fatalf("message = %+v, document = %+v", msg, msg.Document)
	}
	calls, err := s.WaitSent(waitCtx(t), 11, "sendDocument", 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := calls[0].Files["document"]; !bytes.Equal(got, content) {
		t.Fatalf("recorded file %q", got)
	}
	if _, isParam := calls[0].Params["document"]; isParam {
		t.Fatal("file recorded as a parameter")
	}
	t.Run("resend by file_id", func(t *testing.T) {
		again, err := b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: 12, Document: &models.InputFileString{Data: msg.Document.FileID}})
		if err != nil || again.Document.FileID != msg.Document.FileID {
			t.Fatalf("resend: %+v, %v", again, err)
		}
	})
	t.Run("edit caption", func(t *testing.T) {
		edited, err := b.EditMessageCaption(ctx, &bot.EditMessageCaptionParams{ChatID: 11, MessageID: msg.ID, Caption: "Nieuw rooster"})
		if err != nil || edited.ID != msg.ID || edited.EditDate == 0 {
			t.Fatalf("edit: %+v, %v", edited, err)
		}
		_, err = b.EditMessageCaption(ctx, &bot.EditMessageCaptionParams{ChatID: 11, MessageID: msg.ID + 1, Caption: "x"})
		if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "message to edit not found") {
			t.Fatalf("edit unknown message: %v", err)
		}
	})
	t.Run("empty file", func(t *testing.T) {
		_, err := b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: 12, Document: &models.InputFileUpload{Filename: "leeg.txt", Data: bytes.NewReader(nil)}})
		if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), "file must be non-empty") {
			t.Fatalf("error = %v", err)
		}
	})
}

func TestEditMessage(t *testing.T) {
	s := New(t, testToken)
	b := newClient(t, s)
	ctx := t.Context()
	kb := keyboard([]models.InlineKeyboardButton{{Text: "Ja", CallbackData: "ja"}, {Text: "Nee", CallbackData: "nee"}})
	sent, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 3, Text: "Komt u?", ReplyMarkup: kb})
	if err != nil {
		t.Fatal(err)
	}
	s.PushUpdate(models.Update{Message: &models.Message{ID: 50, Chat: models.Chat{ID: 3}, Text: "van de gebruiker"}})
	editText := func(id int, text string, markup models.ReplyMarkup) (*models.Message, error) {
		return b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: 3, MessageID: id, Text: text, ReplyMarkup: markup})
	}
	steps := []struct {
		name     string
		run      func() (*models.Message, error)
		wantDesc string
		check    func(t *testing.T, m *models.Message)
	}{
		{"same text and markup", func() (*models.Message, error) { return editText(sent.ID, "Komt u?", kb) }, "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message", nil},
		{"new text", func() (*models.Message, error) { return editText(sent.ID, "Komt u morgen?", kb) }, "", func(t *testing.T, m *models.Message) {
			if m.Text != "Komt u morgen?" || m.ID != sent.ID || m.EditDate == 0 || m.ReplyMarkup == nil {
				t.Fatalf("edited = %+v", m)
			}
		}},
		{"same markup again", func() (*models.Message, error) {
			return b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: 3, MessageID: sent.ID, ReplyMarkup: kb})
		}, "message is not modified", nil},
		{"remove keyboard by omitting it", func() (*models.Message, error) { return editText(sent.ID, "Komt u morgen?", nil) }, "", func(t *testing.T, m *models.Message) {
			if m.ReplyMarkup != nil {
				t.Fatalf("keyboard still there: %+v", m.ReplyMarkup)
			}
		}},
		{"unknown message", func() (*models.Message, error) { return editText(sent.ID+100, "x", nil) }, "message to edit not found", nil},
		{"other chat", func() (*models.Message, error) {
			return b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: 4, MessageID: sent.ID, Text: "x"})
		}, "message to edit not found", nil},
		{"user's message", func() (*models.Message, error) { return editText(50, "x", nil) }, "message can't be edited", nil},
		{"empty text", func() (*models.Message, error) { return editText(sent.ID, "", nil) }, "message text is empty", nil},
		{"reply keyboard is not allowed", func() (*models.Message, error) {
			return editText(sent.ID, "y", &models.ReplyKeyboardMarkup{Keyboard: [][]models.KeyboardButton{{{Text: "a"}}}})
		}, "inline keyboard expected", nil},
		{"delete", func() (*models.Message, error) {
			_, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: 3, MessageID: sent.ID})
			return nil, err
		}, "", nil},
		{"edit deleted", func() (*models.Message, error) { return editText(sent.ID, "weg", nil) }, "message to edit not found", nil},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			m, err := st.run()
			if st.wantDesc == "" {
				if err != nil {
					t.Fatal(err)
				}
				if st.check != nil {
					st.check(t, m)
				}
				return
			}
			if !errors.Is(err, bot.ErrorBadRequest) || !strings.Contains(err.Error(), st.wantDesc) {
				t.Fatalf("error = %v, want %q", err, st.wantDesc)
			}
		})
	}
	t.Run("reply to the user's message", func(t *testing.T) {
		m, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: 3, Text: "antwoord", ReplyParameters: &models.ReplyParameters{MessageID: 50}})
		if err != nil || m.ID != 51 {
			t.Fatalf("reply: %+v, %v", m, err)
		}
	})
}

func TestGetUpdates(t *testing.T) {
	type upd struct {
		ID      int64 `json:"update_id"`
		Message *struct {
			Text string `json:"text"`
		} `json:"message"`
	}
	poll := func(t *testing.T, s *Server, params map[string]any) []upd {
		t.Helper()
		status, res := callJSON(t, s, "getUpdates", params)
		if status != 200 {
			t.Fatalf("getUpdates: %d %s", status, res.Description)
		}
		var got []upd
		if err := json.Unmarshal(res.Result, &got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	ids := func(us []upd) []int64 {
		out := []int64{}
		for _, u := range us {
			out = append(out, u.ID)
		}
		return out
	}
	push := func(s *Server, text string) int64 {
		return s.PushUpdate(models.Update{Message: &models.Message{Chat: models.Chat{ID: 1}, Text: text}})
	}

	t.Run("offset and limit", func(t *testing.T) {
		s := New(t, testToken)
		for _, text := range []string{"a", "b", "c", "d"} {
			push(s, text)
		}
		steps := []struct {
			params map[string]any
			want   []int64
		}{
			{nil, []int64{1, 2, 3, 4}},
			{map[string]any{"offset": 2, "limit": 2}, []int64{2, 3}},
			{nil, []int64{2, 3, 4}}, // update 1 was confirmed
			{map[string]any{"offset": -1}, []int64{4}},
			{nil, []int64{4}}, // -1 forgot all but the last one
			{map[string]any{"offset": 5}, []int64{}},
			{nil, []int64{}},
		}
		for i, st := range steps {
			if got := ids(poll(t, s, st.params)); !reflect.DeepEqual(got, st.want) {
				t.Fatalf("step %d %v: got %v, want %v", i, st.params, got, st.want)
			}
		}
		if id := s.PushUpdate(models.Update{ID: 100}); id != 100 {
			t.Fatalf("explicit id = %d", id)
		}
		if id := push(s, "e"); id != 101 {
			t.Fatalf("next automatic id = %d", id)
		}
	})

	t.Run("long poll wakes on PushUpdate", func(t *testing.T) {
		s := New(t, testToken)
		result := make(chan []upd, 1)
		go func() { result <- poll(t, s, map[string]any{"timeout": 30}) }()
		waitForPoll(t, s, 1)
		push(s, "wakker")
		select {
		case got := <-result:
			if len(got) != 1 || got[0].Message == nil || got[0].Message.Text != "wakker" {
				t.Fatalf("got %+v", got)
			}
		case <-waitCtx(t).Done():
			t.Fatal("long poll did not return")
		}
	})

	t.Run("newer poll terminates older one", func(t *testing.T) {
		s := New(t, testToken)
		first := make(chan int, 1)
		go func() {
			status, _ := callJSON(t, s, "getUpdates", map[string]any{"timeout": 30})
			first <- status
		}()
		waitForPoll(t, s, 1)
		second := make(chan []upd, 1)
		go func() { second <- poll(t, s, map[string]any{"timeout": 30}) }()
		if status := <-first; status != http.StatusConflict {
			t.Fatalf("first poll status %d, want 409", status)
		}
		push(s, "x")
		if got := <-second; len(got) != 1 {
			t.Fatalf("second poll got %v", got)
		}
	})

	t.Run("request context ends the poll", func(t *testing.T) {
		s := New(t, testToken)
		ctx, cancel := context.WithCancel(t.Context())
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, methodURL(s, "getUpdates")+"?timeout=50", nil)
		errc := make(chan error, 1)
		go func() {
			resp, err := http.DefaultClient.Do(req)
			if err == nil {
				resp.Body.Close()
			}
			errc <- err
		}()
		waitForPoll(t, s, 1)
		cancel()
		if err := <-errc; !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v", err)
		}
	})

	t.Run("close ends the poll", func(t *testing.T) {
		s := New(t, testToken)
		result := make(chan []upd, 1)
		go func() { result <- poll(t, s, map[string]any{"timeout": 50}) }()
		waitForPoll(t, s, 1)
		s.close()
		if got := <-result; len(got) != 0 {
			t.Fatalf("got %v", got)
		}
	})

	t.Run("allowed_updates", func(t *testing.T) {
		s := New(t, testToken)
		s.PushUpdate(models.Update{MessageReaction: &models.MessageReactionUpdated{Chat: models.Chat{ID: 1}, MessageID: 1}})
		if got := poll(t, s, nil); len(got) != 0 {
			t.Fatalf("message_reaction delivered by default: %v", ids(got))
		}
		poll(t, s, map[string]any{"allowed_updates": []string{"message_reaction"}})
		s.PushUpdate(models.Update{MessageReaction: &models.MessageReactionUpdated{Chat: models.Chat{ID: 1}, MessageID: 1}})
		push(s, "not allowed now")
		if got := poll(t, s, nil); len(got) != 1 || got[0].Message != nil {
			t.Fatalf("got %+v", got)
		}
	})

	t.Run("webhook blocks polling", func(t *testing.T) {
		s := New(t, testToken)
		b := newClient(t, s)
		if _, err := b.SetWebhook(t.Context(), &bot.SetWebhookParams{URL: "https://example.org/hook"}); err != nil {
			t.Fatal(err)
		}
		if status, res := callJSON(t, s, "getUpdates", nil); status != http.StatusConflict || !strings.Contains(res.Description, "webhook is active") {
			t.Fatalf("getUpdates: %d %s", status, res.Description)
		}
		if _, err := b.DeleteWebhook(t.Context(), nil); err != nil {
			t.Fatal(err)
		}
		poll(t, s, nil)
	})
}

// waitForPoll waits until n getUpdates requests have started and the last
// one is waiting for updates.
func waitForPoll(t *testing.T, s *Server, n uint64) {
	t.Helper()
	ctx := waitCtx(t)
	for {
		s.mu.Lock()
		gen, changed := s.pollGen, s.changed
		s.mu.Unlock()
		if gen >= n {
			// The handler released s.mu after taking s.changed, so it
			// sees every later change.
			return
		}
		select {
		case <-changed:
		case <-ctx.Done():
			t.Fatal("getUpdates did not start")
		}
	}
}

func TestWaitFor(t *testing.T) {
	s := New(t, testToken)
	b := newClient(t, s)
	t.Run("wakes on a new call", func(t *testing.T) {
		done := make(chan error, 1)
		go func() {
			done <- s.WaitFor(waitCtx(t), func(calls []Call) bool {
				for _, c := range calls {
					if c.Method == "sendMessage" && c.Params["text"] == "tweede" {
						return true
					}
				}
				return false
			})
		}()
		for _, text := range []string{"eerste", "tweede"} {
			if _, err := b.SendMessage(t.Context(), &bot.SendMessageParams{ChatID: 1, Text: text}); err != nil {
				t.Fatal(err)
			}
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	})
	t.Run("context done", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if err := s.WaitFor(ctx, func([]Call) bool { return false }); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("WaitSent counts successful calls to the chat", func(t *testing.T) {
		s.FailNext("sendMessage", 1, 500, 0)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, chatID := range []int64{2, 2, 3, 2} {
				_, _ = b.SendMessage(t.Context(), &bot.SendMessageParams{ChatID: chatID, Text: "x"})
			}
		}()
		calls, err := s.WaitSent(waitCtx(t), 2, "sendMessage", 2)
		wg.Wait()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range calls {
			if c.Status != 200 || c.Params["chat_id"] != "2" {
				t.Fatalf("unexpected call %+v", c)
			}
		}
	})
	t.Run("server closed", func(t *testing.T) {
		s2 := New(t, testToken)
		s2.close()
		if err := s2.WaitFor(waitCtx(t), func([]Call) bool { return false }); !errors.Is(err, ErrClosed) {
			t.Fatalf("err = %v", err)
		}
	})
}

// TestClientParamsInReference checks that go-telegram/bot sends only
// parameters the reference lists for the methods the project uses.
func TestClientParamsInReference(t *testing.T) {
	spec, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method string
		params any
	}{
		{"sendMessage", bot.SendMessageParams{}},
		{"editMessageText", bot.EditMessageTextParams{}},
		{"editMessageReplyMarkup", bot.EditMessageReplyMarkupParams{}},
		{"answerCallbackQuery", bot.AnswerCallbackQueryParams{}},
		{"setMyCommands", bot.SetMyCommandsParams{}},
		{"deleteMyCommands", bot.DeleteMyCommandsParams{}},
		{"getMyCommands", bot.GetMyCommandsParams{}},
		{"deleteWebhook", bot.DeleteWebhookParams{}},
		{"setWebhook", bot.SetWebhookParams{}},
		{"sendDocument", bot.SendDocumentParams{}},
		{"sendVenue", bot.SendVenueParams{}},
		{"sendLocation", bot.SendLocationParams{}},
		{"deleteMessage", bot.DeleteMessageParams{}},
	}
	for _, tt := range tests {
		t.Run(tt.method, func(t *testing.T) {
			m, ok := spec.method(tt.method)
			if !ok {
				t.Fatalf("%s is not in the reference", tt.method)
			}
			typ := reflect.TypeOf(tt.params)
			for i := range typ.NumField() {
				name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
				if name == "" || name == "-" {
					continue
				}
				if _, known := m.field(name); !known {
					t.Errorf("%s.%s sends %q, which the reference does not list", typ.Name(), typ.Field(i).Name, name)
				}
			}
		})
	}
}

// TestRealClientFlow drives the fake with the real client in polling mode:
// an update pushed to the fake reaches the bot's handler, whose answers
// are recorded. All methods the project uses must succeed.
func TestRealClientFlow(t *testing.T) {
	s := New(t, testToken)
	errs := make(chan error, 16)
	handled := make(chan struct{}, 4)
	handler := func(ctx context.Context, b *bot.Bot, u *models.Update) {
		defer func() { handled <- struct{}{} }()
		switch {
		case u.Message != nil:
			chatID := u.Message.Chat.ID
			m, err := b.SendMessage(ctx, &bot.SendMessageParams{
				ChatID: chatID, Text: "Wanneer wilt u komen?",
				ReplyParameters: &models.ReplyParameters{MessageID: u.Message.ID},
				ReplyMarkup:     keyboard([]models.InlineKeyboardButton{{Text: "Maandag", CallbackData: "day:mon"}, {Text: "Website", URL: "https://example.org"}}),
			})
			if err != nil {
				errs <- err
				return
			}
			if _, err := b.SendLocation(ctx, &bot.SendLocationParams{ChatID: chatID, Latitude: 52.09, Longitude: 5.12}); err != nil {
				errs <- err
			}
			if _, err := b.SendVenue(ctx, &bot.SendVenueParams{ChatID: chatID, Latitude: 52.09, Longitude: 5.12, Title: "Praktijk", Address: "Straat 1"}); err != nil {
				errs <- err
			}
			_ = m
		case u.CallbackQuery != nil:
			msg := u.CallbackQuery.Message.Message
			if _, err := b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: u.CallbackQuery.ID, Text: "Genoteerd"}); err != nil {
				errs <- err
			}
			if _, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: msg.Chat.ID, MessageID: msg.ID, Text: "Maandag genoteerd", ReplyMarkup: keyboard([]models.InlineKeyboardButton{{Text: "Wijzig", CallbackData: "change"}})}); err != nil {
				errs <- err
			}
			if _, err := b.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{ChatID: msg.Chat.ID, MessageID: msg.ID}); err != nil {
				errs <- err
			}
			if _, err := b.DeleteMessage(ctx, &bot.DeleteMessageParams{ChatID: msg.Chat.ID, MessageID: msg.ID}); err != nil {
				errs <- err
			}
		}
	}
	b, err := bot.New(s.Token(), bot.WithServerURL(s.URL()), bot.WithDefaultHandler(handler),
		bot.WithErrorsHandler(func(err error) { errs <- err }), bot.WithAllowedUpdates(bot.AllowedUpdates{"message", "callback_query"}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	for _, call := range []func() error{
		func() error {
			_, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{DropPendingUpdates: true})
			return err
		},
		func() error {
			_, err := b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "start", Description: "Begin"}}})
			return err
		},
		func() error { _, err := b.DeleteMyCommands(ctx, &bot.DeleteMyCommandsParams{}); return err },
	} {
		if err := call(); err != nil {
			t.Fatal(err)
		}
	}
	runCtx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { b.Start(runCtx); close(stopped) }()
	t.Cleanup(func() { cancel(); <-stopped })

	const chatID = 424242
	s.PushUpdate(models.Update{Message: &models.Message{Chat: models.Chat{ID: chatID, Type: "private"}, From: &models.User{ID: chatID, FirstName: "Anna"}, Text: "/start"}})
	wctx := waitCtx(t)
	sent, err := s.WaitSent(wctx, chatID, "sendMessage", 1)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sent[0].Params["reply_markup"], `"callback_data":"day:mon"`) {
		t.Fatalf("reply_markup param = %s", sent[0].Params["reply_markup"])
	}
	<-handled
	// The user's /start got message_id 1, the bot's answer 2.
	shown := models.Message{ID: 2, Chat: models.Chat{ID: chatID, Type: "private"}, Date: int(time.Now().Unix())}
	s.PushUpdate(models.Update{CallbackQuery: &models.CallbackQuery{
		From: models.User{ID: chatID}, Data: "day:mon",
		Message: models.MaybeInaccessibleMessage{Type: models.MaybeInaccessibleMessageTypeMessage, Message: &shown},
	}})
	if _, err := s.WaitSent(wctx, chatID, "deleteMessage", 1); err != nil {
		t.Fatal(err)
	}
	<-handled
	select {
	case err := <-errs:
		t.Fatalf("client error: %v", err)
	default:
	}
	for _, c := range s.Calls() {
		if c.Status != 200 {
			t.Errorf("%s failed with %d: %v", c.Method, c.Status, c.Params)
		}
	}
	for _, method := range []string{"answerCallbackQuery", "editMessageText", "editMessageReplyMarkup", "sendLocation", "sendVenue"} {
		if len(s.CallsTo(method)) != 1 {
			t.Errorf("%d calls to %s", len(s.CallsTo(method)), method)
		}
	}
}
