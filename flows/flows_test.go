package flows_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
	"unicode/utf8"

	"spreekuurbot"
	"spreekuurbot/flows"
)

func TestLanguageMatch(t *testing.T) {
	langs, err := spreekuurbot.NewLanguages([]string{"nl", "en", "ar", "pl", "so", "ti", "tr", "uk"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code string
		want string // empty: the bot must ask
	}{
		{"nl", "nl"}, {"nl-BE", "nl"}, {"ar-EG", "ar"}, {"ar", "ar"}, {"uk", "uk"}, {"ti", "ti"},
		{"so", "so"}, {"tr", "tr"}, {"pl-PL", "pl"}, {"en-GB", "en"}, {"en", "en"},
		{"zh", ""}, {"zh-hans", ""}, {"", ""}, {"fa", ""}, {"not a tag!", ""},
	}
	for _, tt := range tests {
		got, ok := langs.Match(tt.code)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Match(%q) = %q, %v; want %q", tt.code, got, ok, tt.want)
		}
	}
}

func TestParseText(t *testing.T) {
	tests := []struct {
		in      string
		kind    flows.Kind
		command string
		args    string
	}{
		{"/start", flows.KindCommand, "start", ""},
		{"  /Start  ", flows.KindCommand, "start", ""},
		{"/start@spreekuur_bot abc", flows.KindCommand, "start", "abc"},
		{"/start invite-code", flows.KindCommand, "start", "invite-code"},
		{"/start\nsecond line", flows.KindCommand, "start", "second line"},
		{"/help", flows.KindCommand, "help", ""},
		{"hallo", flows.KindText, "", ""},
		{"/", flows.KindText, "", ""},
		{"/ start", flows.KindText, "", ""},
		{"/stärt", flows.KindText, "", ""},
		{"/" + strings.Repeat("a", 33), flows.KindText, "", ""},
		{"2/3", flows.KindText, "", ""},
	}
	for _, tt := range tests {
		ev := flows.ParseText(1, "nl", tt.in)
		if ev.Kind != tt.kind || ev.Command != tt.command || ev.Args != tt.args {
			t.Errorf("ParseText(%q) = %v %q %q; want %v %q %q", tt.in, ev.Kind, ev.Command, ev.Args, tt.kind, tt.command, tt.args)
		}
	}
	long := flows.ParseText(1, "", strings.Repeat("ي", 10000))
	if n := utf8.RuneCountInString(long.Text); n != flows.MaxTextRunes {
		t.Errorf("a 10,000-character text is kept as %d characters, want %d", n, flows.MaxTextRunes)
	}
	if bad := flows.ParseText(1, "", "\xff\xfe"); !utf8.ValidString(bad.Text) {
		t.Errorf("invalid UTF-8 passed through: %q", bad.Text)
	}
}

func TestCodec(t *testing.T) {
	c := flows.NewCodec([]byte("0123456789abcdef0123456789abcdef"))
	p := flows.Payload{Seq: 4242, Action: "l", Arg: "uk"}
	data, err := c.Encode(7, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > flows.MaxCallbackData {
		t.Fatalf("%d bytes", len(data))
	}
	if got, err := c.Decode(7, data); err != nil || got != p {
		t.Fatalf("Decode = %+v, %v; want %+v", got, err, p)
	}
	tests := []struct {
		name string
		user int64
		data string
	}{
		{"other user", 8, data},
		{"other key", 7, mustEncode(t, flows.NewCodec([]byte("another key, also 32 bytes long!")), 7, p)},
		{"changed arg", 7, strings.Replace(data, ":uk:", ":ar:", 1)},
		{"other version", 7, "2" + data[1:]},
		{"empty", 7, ""},
		{"no mac", 7, "1a:o:help"},
		{"too long", 7, data + strings.Repeat("x", 64)},
	}
	for _, tt := range tests {
		if _, err := c.Decode(tt.user, tt.data); err == nil {
			t.Errorf("%s: %q accepted", tt.name, tt.data)
		}
	}
	if _, err := c.Encode(7, flows.Payload{Action: "o", Arg: strings.Repeat("a", 60)}); err == nil {
		t.Error("Encode accepts data over 64 bytes")
	}
	if _, err := c.Encode(7, flows.Payload{Action: "o", Arg: "a:b"}); err == nil {
		t.Error("Encode accepts a ':' in an argument")
	}
}

func mustEncode(t *testing.T, c flows.Codec, user int64, p flows.Payload) string {
	t.Helper()
	s, err := c.Encode(user, p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestEveryMessageListed: a MsgID constant missing from AllMessages would
// escape the locale checks.
func TestEveryMessageListed(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[spreekuurbot.MsgID]bool{}
	for _, id := range flows.AllMessages {
		if listed[id] {
			t.Errorf("%q is listed twice", id)
		}
		listed[id] = true
	}
	n := 0
	ast.Inspect(f, func(node ast.Node) bool {
		spec, ok := node.(*ast.ValueSpec)
		if !ok || spec.Type == nil {
			return true
		}
		if sel, ok := spec.Type.(*ast.SelectorExpr); !ok || sel.Sel.Name != "MsgID" {
			return true
		}
		for _, v := range spec.Values {
			lit, ok := v.(*ast.BasicLit)
			if !ok {
				continue
			}
			n++
			id := spreekuurbot.MsgID(strings.Trim(lit.Value, `"`))
			if !listed[id] {
				t.Errorf("%s is declared in messages.go but not in AllMessages", id)
			}
		}
		return true
	})
	if n != len(flows.AllMessages) {
		t.Errorf("messages.go declares %d IDs, AllMessages lists %d", n, len(flows.AllMessages))
	}
}

// TestEveryScreenHasAWayBack walks every screen a person can reach, in
// every role, and checks each non-home screen offers "back" and "start
// again", and that no button carries more than 64 bytes.
func TestEveryScreenHasAWayBack(t *testing.T) {
	for _, role := range []spreekuurbot.Role{spreekuurbot.Resident, spreekuurbot.Volunteer, spreekuurbot.Coordinator} {
		e := newEngine(t, roleMap(map[int64]spreekuurbot.Role{1: role}))
		seen := map[string]bool{}
		var walk func(s flows.Session, depth int)
		walk = func(s flows.Session, depth int) {
			if depth > 6 {
				return
			}
			next, res, _ := e.Step(context.Background(), s, role, flows.Event{UserID: 1, Kind: flows.KindCommand, Command: "noop"})
			_ = res
			for _, r := range res.Replies {
				buttons := flatten(r.Buttons)
				key := string(next.Screen)
				hasBack, hasHome := false, false
				for _, b := range buttons {
					if len(b.Data) > flows.MaxCallbackData {
						t.Errorf("%s: button %s has %d bytes", key, b.Label.ID, len(b.Data))
					}
					hasBack = hasBack || b.Label.ID == flows.MsgButtonBack
					hasHome = hasHome || b.Label.ID == flows.MsgButtonHome
				}
				if next.Screen != flows.ScreenHome && (!hasBack || !hasHome) {
					t.Errorf("%s (%s): no back or start-again button", key, role)
				}
				// A kind of screen is walked once (a day picker's 42 days
				// lead to the same screen with other dates); tree nodes
				// each differ, so each is walked.
				walked := key
				if kind, _, _ := strings.Cut(key, "."); kind != "n" {
					walked = kind
				}
				if seen[walked] {
					continue
				}
				seen[walked] = true
				for _, b := range buttons {
					after, _, _ := e.Step(context.Background(), next, role, flows.Event{UserID: 1, Kind: flows.KindButton, Data: b.Data})
					walk(after, depth+1)
				}
			}
		}
		walk(flows.Session{Lang: "nl"}, 0)
		for _, want := range []flows.Screen{flows.ScreenHome, flows.ScreenHelp, flows.ScreenLanguage} {
			if !seen[string(want)] {
				t.Errorf("%s: screen %s is not reachable", role, want)
			}
		}
	}
}

func flatten(rows [][]flows.Button) []flows.Button {
	var out []flows.Button
	for _, r := range rows {
		out = append(out, r...)
	}
	return out
}

// TestLanguageChoiceIsKept: after choosing, later messages come in that
// language even when the client says otherwise.
func TestLanguageChoiceIsKept(t *testing.T) {
	e := newEngine(t, roleMap(nil))
	ctx := context.Background()
	res, err := e.Handle(ctx, flows.Event{UserID: 5, LanguageCode: "nl", Kind: flows.KindCommand, Command: "language"})
	if err != nil {
		t.Fatal(err)
	}
	var somali string
	for _, b := range flatten(res.Replies[0].Buttons) {
		if b.Label.Lang == "so" {
			somali = b.Data
		}
	}
	if _, err := e.Handle(ctx, flows.Event{UserID: 5, LanguageCode: "nl", Kind: flows.KindButton, Data: somali}); err != nil {
		t.Fatal(err)
	}
	res, err = e.Handle(ctx, flows.Event{UserID: 5, LanguageCode: "nl", Kind: flows.KindText, Text: "hallo"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Lang != "so" {
		t.Errorf("language after choosing Somali = %q", res.Lang)
	}
}
