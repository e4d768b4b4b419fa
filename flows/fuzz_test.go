package flows_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// FuzzDecodeCallback: whatever Telegram or a forger sends as callback data,
// decoding never panics, and only data this codec signed for this user is
// accepted.
func FuzzDecodeCallback(f *testing.F) {
	c := flows.NewCodec([]byte("fuzz-secret-0123456789abcdefghij"))
	valid, _ := c.Encode(1, flows.Payload{Seq: 3, Action: "o", Arg: "help"})
	for _, s := range []string{valid, "", "1", "1:::", "1a:o:help:AAAAAAAA", "2" + valid[1:], strings.Repeat(":", 64), "1\x00:o::x"} {
		f.Add(int64(1), s)
	}
	f.Fuzz(func(t *testing.T, user int64, data string) {
		p, err := c.Decode(user, data)
		if err != nil {
			return
		}
		again, err := c.Encode(user, p)
		if err != nil || again != data {
			t.Fatalf("accepted %q, which this codec would not make (re-encodes to %q, %v)", data, again, err)
		}
	})
}

// FuzzParseText: any text gives a text or a command event, valid UTF-8,
// within Telegram's length.
func FuzzParseText(f *testing.F) {
	for _, s := range []string{"/start", "/start@bot code", "hallo", "/", "", "\xff", "/a\nb", "/" + strings.Repeat("x", 40), "  /HELP  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ev := flows.ParseText(1, "nl", text)
		switch ev.Kind {
		case flows.KindCommand:
			if ev.Command == "" || len(ev.Command) > 32 || ev.Command != strings.ToLower(ev.Command) {
				t.Fatalf("command %q from %q", ev.Command, text)
			}
		case flows.KindText:
			if !utf8.ValidString(ev.Text) || utf8.RuneCountInString(ev.Text) > flows.MaxTextRunes {
				t.Fatalf("text of %d runes, valid %v", utf8.RuneCountInString(ev.Text), utf8.ValidString(ev.Text))
			}
		default:
			t.Fatalf("kind %v", ev.Kind)
		}
	})
}

// FuzzStep: any event in any state gives exactly one reply with buttons
// that fit Telegram's limit, and never a panic.
func FuzzStep(f *testing.F) {
	e := newEngine(f, roleMap(nil))
	f.Add(int64(1), "nl", uint8(flows.KindCommand), "start", "", "home", uint32(0))
	f.Add(int64(2), "zh", uint8(flows.KindButton), "", "1a:l:ar:AAAAAAAA", "lang", uint32(10))
	f.Add(int64(3), "", uint8(flows.KindUnsupported), "", "", "nope", uint32(1))
	f.Fuzz(func(t *testing.T, user int64, lang string, kind uint8, command, data, screen string, seq uint32) {
		s := flows.Session{Lang: lang, Screen: flows.Screen(screen), Seq: seq}
		ev := flows.Event{UserID: user, LanguageCode: lang, Kind: flows.Kind(kind%5 + 1), Command: command, Data: data, Text: command}
		next, res, _ := e.Step(context.Background(), s, spreekuurbot.Resident, ev)
		if len(res.Replies) != 1 {
			t.Fatalf("%d replies", len(res.Replies))
		}
		for _, b := range flatten(res.Replies[0].Buttons) {
			if len(b.Data) > flows.MaxCallbackData {
				t.Fatalf("button of %d bytes", len(b.Data))
			}
		}
		if next.Seq == s.Seq {
			t.Fatal("a new screen kept the old sequence number: its buttons would pass for old ones")
		}
	})
}

// FuzzStaffScreen: whatever screen a coordinator's session names (a
// broadcast or /slots argument cut short, garbled or naming a place that
// is gone) and whatever they type, the step gives one reply with buttons
// that fit Telegram's limit, and never a panic.
func FuzzStaffScreen(f *testing.F) {
	e := newEngine(f, roleMap(nil))
	for _, screen := range []string{
		"bc", "bcl", "bct.a", "bct.lstad-centrum", "bcw.v.t", "bcd.a.c.stad-centrum", "bch.a.e.stad-centrum.20261126",
		"bcy.a.h", "bcx.lstad-centrum.f", "bcv.a.c.stad-centrum.20261126", "bcv.lstad-centrum.e.=.20261126.10",
		"bcv.a.h.-.20261225", "bcv.a.f", "bcv.v.t.=", "bcd.a.c.", "bcv..", "sll.stad-centrum", "slt.stad-centrum.20261126",
	} {
		f.Add(screen, "De spreekuren verhuizen.")
	}
	f.Fuzz(func(t *testing.T, screen, text string) {
		s := flows.Session{Lang: "nl", Screen: flows.Screen(screen), Seq: 4, Draft: text}
		for _, ev := range []flows.Event{
			{UserID: 9000, Kind: flows.KindText, Text: text},
			{UserID: 9000, Kind: flows.KindCommand, Command: "broadcast"},
		} {
			_, res, err := e.Step(context.Background(), s, spreekuurbot.Coordinator, ev)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Replies) != 1 {
				t.Fatalf("%d replies", len(res.Replies))
			}
			for _, b := range flatten(res.Replies[0].Buttons) {
				if len(b.Data) > flows.MaxCallbackData {
					t.Fatalf("button of %d bytes on %q", len(b.Data), screen)
				}
			}
		}
	})
}
