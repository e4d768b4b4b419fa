package flows_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"spreekuurbot/flows"
	"spreekuurbot/locales"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/transcripts")

// memSessions keeps sessions for one test; production keeps them in Redis.
type memSessions map[int64]flows.Session

func (m memSessions) Session(_ context.Context, userID int64) (flows.Session, error) {
	return m[userID], nil
}

func (m memSessions) SaveSession(_ context.Context, userID int64, s flows.Session) error {
	m[userID] = s
	return nil
}

// fixedRoles gives each listed user a role; others are residents.
type fixedRoles map[int64]flows.Role

func (r fixedRoles) Role(_ context.Context, userID int64) (flows.Role, error) { return r[userID], nil }

const testLocations = 8

func newEngine(t testing.TB, roles fixedRoles) *flows.Engine {
	t.Helper()
	texts := catalog(t)
	e, err := flows.New(flows.Config{
		Sessions: memSessions{}, Roles: roles, Languages: texts.Languages(),
		Secret: []byte("transcript-secret-0123456789abcdef"), Locations: testLocations,
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func catalog(t testing.TB) *locales.Catalog {
	t.Helper()
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTranscripts replays each conversation in testdata/transcripts and
// compares it with the golden text in the same file. A transcript reads as
// the person sees the chat: what they did after "> ", the bot's words, and
// its buttons in brackets. `go test ./flows -update` rewrites them.
//
// Script lines in the "script" section:
//
//	lang CODE          the client's language_code from now on
//	as USER            act as another user (buttons are remembered per user)
//	role ROLE          the current user's role: resident, volunteer, coordinator
//	/command, text     typed by the person
//	press N            press the N-th button of the last screen
//	press-old N        press the N-th button of the screen before the last
//	press-from USER N  press the N-th button of USER's last screen
//	forge DATA         press a button carrying DATA
//	sticker | photo | voice | location
func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/transcripts/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no transcripts")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			script := section(ar, "script")
			if script == nil {
				t.Fatalf("%s has no script section", file)
			}
			got := replay(t, string(script.Data))
			if *update {
				want := section(ar, "transcript")
				if want == nil {
					ar.Files = append(ar.Files, txtar.File{Name: "transcript"})
					want = &ar.Files[len(ar.Files)-1]
				}
				want.Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := section(ar, "transcript")
			if want == nil {
				t.Fatalf("%s has no transcript; run go test ./flows -update", file)
			}
			if got != string(want.Data) {
				t.Errorf("transcript differs (run go test ./flows -update and review the diff):\n%s", diff(string(want.Data), got))
			}
		})
	}
}

func section(ar *txtar.Archive, name string) *txtar.File {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			return &ar.Files[i]
		}
	}
	return nil
}

type chat struct {
	screens [][]flows.Button // per screen drawn, newest last
	langs   []string         // the language each screen was drawn in
}

func replay(t *testing.T, script string) string {
	t.Helper()
	roles := fixedRoles{}
	e := newEngine(t, roles)
	texts := catalog(t)
	var out bytes.Buffer
	user, lang := int64(1001), ""
	chats := map[int64]*chat{}
	ctx := context.Background()
	for _, line := range strings.Split(strings.TrimSpace(script), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		if chats[user] == nil {
			chats[user] = &chat{}
		}
		c := chats[user]
		var ev flows.Event
		switch word {
		case "lang":
			lang = rest
			continue
		case "as":
			user = mustInt(t, rest)
			continue
		case "role":
			role, ok := flows.ParseRole(rest)
			if !ok {
				t.Fatalf("bad role %q", rest)
			}
			roles[user] = role
			continue
		case "press", "press-old", "press-from":
			from, n := c, 0
			back := 1
			switch word {
			case "press":
				n = int(mustInt(t, rest))
			case "press-old":
				n, back = int(mustInt(t, rest)), 2
			case "press-from":
				u, num, _ := strings.Cut(rest, " ")
				from, n = chats[mustInt(t, u)], int(mustInt(t, num))
			}
			if from == nil || len(from.screens) < back {
				t.Fatalf("%q: no such screen", line)
			}
			buttons := from.screens[len(from.screens)-back]
			if n < 1 || n > len(buttons) {
				t.Fatalf("%q: the screen has %d buttons", line, len(buttons))
			}
			ev = flows.Event{Kind: flows.KindButton, Data: buttons[n-1].Data}
			fmt.Fprintf(&out, "> %s %d [%s]\n", word, n, texts.Text(from.langs[len(from.langs)-back], buttons[n-1].Label))
		case "forge":
			ev = flows.Event{Kind: flows.KindButton, Data: rest}
			fmt.Fprintf(&out, "> presses a forged button %q\n", rest)
		case "sticker", "photo", "voice":
			ev = flows.Event{Kind: flows.KindUnsupported}
			fmt.Fprintf(&out, "> sends a %s\n", word)
		case "location":
			ev = flows.Event{Kind: flows.KindLocation, Lat: 52.37, Lon: 5.22}
			fmt.Fprintf(&out, "> shares a location\n")
		case "long-text":
			ev = flows.ParseText(user, lang, strings.Repeat("ا", 5000))
			fmt.Fprintf(&out, "> types %d characters\n", 5000)
		default:
			ev = flows.ParseText(user, lang, line)
			fmt.Fprintf(&out, "> %s\n", line)
		}
		ev.UserID, ev.LanguageCode = user, lang
		res, err := e.Handle(ctx, ev)
		if err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		writeResult(&out, texts, res)
		for _, r := range res.Replies {
			var buttons []flows.Button
			for _, row := range r.Buttons {
				buttons = append(buttons, row...)
			}
			c.screens = append(c.screens, buttons)
			c.langs = append(c.langs, res.Lang)
		}
	}
	return out.String()
}

func writeResult(out *bytes.Buffer, texts *locales.Catalog, res flows.Result) {
	if res.Notice != nil {
		fmt.Fprintf(out, "  (button answer: %s)\n", texts.Text(res.Lang, *res.Notice))
	}
	for _, r := range res.Replies {
		if r.Edit {
			fmt.Fprintln(out, "  (edits the message)")
		}
		for i, m := range r.Text {
			if i > 0 {
				fmt.Fprintln(out, "  |")
			}
			for _, l := range strings.Split(texts.Text(res.Lang, m), "\n") {
				fmt.Fprintf(out, "  | %s\n", l)
			}
		}
		n := 0
		for _, row := range r.Buttons {
			var labels []string
			for _, b := range row {
				n++
				labels = append(labels, fmt.Sprintf("%d:[%s]", n, texts.Text(res.Lang, b.Label)))
			}
			fmt.Fprintf(out, "  %s\n", strings.Join(labels, " "))
		}
	}
	for _, e := range res.Effects {
		fmt.Fprintf(out, "  (effect: %T %+v)\n", e, e)
	}
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}

// diff shows the first lines where want and got part.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant: %s\ngot:  %s", i+1, wl, gl)
		}
	}
	return ""
}
