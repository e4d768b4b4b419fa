package flows_test

import (
	"context"
	"testing"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// TestLetterButtonsChecked: the screens and reminders of a letter read
// from a photo take only what the reading could have given: answers of
// the letter tree, real dates within reach, one known sign. A forged
// button (with a leaked secret, say) naming anything else is refused and
// changes nothing.
func TestLetterButtonsChecked(t *testing.T) {
	codec := flows.NewCodec([]byte("transcript-secret-0123456789abcdef"))
	tests := []struct {
		name, action, arg string
		ok                bool
	}{
		{"an answer", "o", "lr.letter-bd-dwangbevel", true},
		{"an answer with its deadline and a sign", "o", "lr.letter-bd-aanslag.20261214.d", true},
		{"a question, not an answer", "o", "lr.letter-bd", false},
		{"a Woningnet answer", "o", "lr.woningnet-register", false},
		{"an unknown node", "o", "lr.letter-nope", false},
		{"two nodes on an answer", "o", "lr.letter-bd-aanslag_letter-bd-dwangbevel", false},
		{"no real date", "o", "lr.letter-bd-aanslag.20260231", false},
		{"an unknown sign", "o", "lr.letter-bd-aanslag.x", false},
		{"two signs", "o", "lr.letter-bd-aanslag.d.l", false},
		{"guesses that are questions", "o", "lrg.letter-bd_letter-uwv", false},
		{"guesses", "o", "lrg.letter-bd-aanslag_letter-uwv-ww.20261214", true},
		{"who else can help, for a sign's referral", "o", "nm.letter-bd-aanslag.helpd", true},
		{"who else can help, an unknown referral", "o", "nm.letter-bd-aanslag.helpx", false},
		{"who else can help, a sign on an urgent answer", "o", "nm.letter-bd-dwangbevel.helpl", false},
		{"a reminder of an answer the picker does not offer", "r", "letter-dw-beslag.20261214", true},
		{"a reminder of a Woningnet answer", "r", "woningnet-register.20261214", false},
		{"a reminder of a question", "r", "letter-bd.20261214", false},
		{"a reminder in the past", "r", "letter-dw-beslag.20261101", false},
		{"a reminder a year ahead", "r", "letter-dw-beslag.20271214", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, roleMap(nil))
			s := flows.Session{Lang: "nl", Screen: flows.ScreenHome, Seq: 3}
			data, err := codec.Encode(77, flows.Payload{Seq: 3, Action: tt.action, Arg: tt.arg})
			if err != nil {
				t.Fatal(err)
			}
			after, res, err := e.Step(context.Background(), s, spreekuurbot.Resident, flows.Event{UserID: 77, Kind: flows.KindButton, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			refused := res.Notice != nil && res.Notice.ID == flows.MsgButtonInvalid
			if refused == tt.ok {
				t.Fatalf("%s/%s: refused %v, want %v", tt.action, tt.arg, refused, !tt.ok)
			}
			if !tt.ok && (len(res.Effects) != 0 || after.Screen != s.Screen) {
				t.Errorf("a refused button changed things: effects %v, screen %s", res.Effects, after.Screen)
			}
		})
	}
}

// TestLetterHintOnlyWhereRead: the letter finder offers photos only on a
// server that reads them.
func TestLetterHintOnlyWhereRead(t *testing.T) {
	for _, reads := range []bool{true, false} {
		e, _ := newEngineAt(t, roleMap(nil), ptr(testNow), func(c *flows.Config) { c.ReadsLetters = reads })
		s := flows.Session{Lang: "en", Screen: flows.ScreenHome, Seq: 1}
		_, res, err := e.Step(context.Background(), s, spreekuurbot.Resident, flows.Event{UserID: 77, Kind: flows.KindLetter, Letter: flows.LetterReading{Outcome: flows.LetterUnreadable}})
		if err != nil {
			t.Fatal(err)
		}
		shown := false
		for _, r := range res.Replies {
			for _, m := range r.Text {
				shown = shown || m.ID == flows.MsgLetterPhotoHint
			}
		}
		if shown != reads {
			t.Errorf("ReadsLetters %v: hint shown %v", reads, shown)
		}
	}
}
