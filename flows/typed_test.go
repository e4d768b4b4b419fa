package flows_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// understander gives the same destinations whatever is typed, and counts
// how often it was asked.
type understander struct {
	answer []string
	dests  map[string]string
	asked  int
}

func (u *understander) Understand(string, string) []string {
	u.asked++
	return u.answer
}

func (u *understander) Destinations() map[string]string { return u.dests }

// engineUnderstanding is the transcripts' engine with u in place of the
// built-in keywords.
func engineUnderstanding(t *testing.T, u flows.Understander, readsLetters bool) (*flows.Engine, func(userID int64) []byte) {
	t.Helper()
	clock := testNow
	e, st := newEngineAt(t, roleMap(nil), &clock, func(cfg *flows.Config) {
		cfg.Understand, cfg.ReadsLetters = u, readsLetters
	})
	stored := func(userID int64) []byte {
		s, err := st.Session(context.Background(), userID)
		if err != nil {
			t.Fatal(err)
		}
		return s.Conversation
	}
	return e, stored
}

// TestNewRefusesTypedWordsLeadingNowhere: a destination of the keywords
// must be a node of the trees or a command whose screen has a button.
func TestNewRefusesTypedWordsLeadingNowhere(t *testing.T) {
	good := []string{"letter", "letter-bd", "letter-bd-dwangbevel", "woningnet", "woningnet-renew",
		"/spreekuur", "/book", "/appointments", "/privacy", "/forget", "/language", "/help"}
	tests := []struct {
		name, to string
		ok       bool
	}{
		{"every place residents reach by buttons", "", true},
		{"a node that does not exist", "letter-bd-dwangbeval", false},
		{"a command that does not exist", "/dwangbevel", false},
		{"a command whose screen has no button", "/today", false},
		{"a screen's name is not a command", "/sp", false},
		{"nothing", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dests := map[string]string{}
			for i, to := range good {
				dests[to] = fmt.Sprintf("keywords.nl.toml:%d", i+1)
			}
			if !tt.ok {
				dests[tt.to] = "keywords.xx.toml:7"
			}
			clock := testNow
			cfg, _ := engineConfig(t, roleMap(nil), &clock)
			cfg.Understand = &understander{dests: dests}
			_, err := flows.New(cfg)
			if tt.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tt.ok && (err == nil || !strings.Contains(err.Error(), `keywords.xx.toml:7: typed words lead to "`+tt.to+`"`)) {
				t.Fatalf("error = %v, want one naming keywords.xx.toml:7 and %q", err, tt.to)
			}
		})
	}
}

func TestTypedText(t *testing.T) {
	ctx := context.Background()
	all := map[string]string{"letter-bd-dwangbevel": "k:1", "/spreekuur": "k:2", "woningnet": "k:3", "letter": "k:4"}
	typed := func(user int64, lang, text string) flows.Event {
		return flows.Event{UserID: user, LanguageCode: lang, Kind: flows.KindText, Text: text}
	}
	start := func(t *testing.T, e *flows.Engine, user int64) flows.Result {
		t.Helper()
		res, err := e.Handle(ctx, flows.Event{UserID: user, LanguageCode: "nl", Kind: flows.KindCommand, Command: "start"})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	ids := func(msgs []spreekuurbot.Msg) []spreekuurbot.MsgID {
		var out []spreekuurbot.MsgID
		for _, m := range msgs {
			out = append(out, m.ID)
		}
		return out
	}
	labels := func(r flows.Reply) []spreekuurbot.MsgID {
		var out []spreekuurbot.MsgID
		for _, b := range flatten(r.Buttons) {
			out = append(out, b.Label.ID)
		}
		return out
	}

	t.Run("the places the words point to, as buttons", func(t *testing.T) {
		u := &understander{answer: []string{"letter-bd-dwangbevel", "/spreekuur", "woningnet", "letter"}, dests: all}
		e, stored := engineUnderstanding(t, u, false)
		home := start(t, e, 1)
		res, err := e.Handle(ctx, typed(1, "nl", "ik heb een dwangbevel, xyzzy-unique"))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Replies) != 1 {
			t.Fatalf("%d replies", len(res.Replies))
		}
		r := res.Replies[0]
		if got := ids(r.Text); !slices.Equal(got, []spreekuurbot.MsgID{flows.MsgDidYouMean}) || r.Edit {
			t.Errorf("text %v (edit %v), want one line, did_you_mean, in a new message", got, r.Edit)
		}
		// At most three, each labelled as the button that leads there.
		want := []spreekuurbot.MsgID{"letter_word_dwangbevel", flows.MsgButtonSpreekuur, flows.MsgButtonWoningnet, flows.MsgButtonHome}
		if got := labels(r); !slices.Equal(got, want) {
			t.Errorf("buttons %v, want %v", got, want)
		}
		if strings.Contains(string(stored(1)), "xyzzy") {
			t.Errorf("the session keeps what was typed: %s", stored(1))
		}
		// The home screen's buttons went stale; the new ones open their
		// place, an urgent letter with its urgent line first.
		res, err = e.Handle(ctx, flows.Event{UserID: 1, Kind: flows.KindButton, Data: flatten(home.Replies[0].Buttons)[0].Data})
		if err != nil || res.Notice == nil || res.Notice.ID != flows.MsgButtonInvalid {
			t.Errorf("an older button still works: %v, %v", res.Notice, err)
		}
		res, err = e.Handle(ctx, typed(1, "nl", "dwangbevel"))
		if err != nil {
			t.Fatal(err)
		}
		res, err = e.Handle(ctx, flows.Event{UserID: 1, Kind: flows.KindButton, Data: flatten(res.Replies[0].Buttons)[0].Data})
		if err != nil {
			t.Fatal(err)
		}
		text := ids(res.Replies[0].Text)
		if len(text) < 2 || (text[0] != flows.MsgLetterGoToday && text[0] != flows.MsgLetterGoNext) || !slices.Contains(text, "letter_bd_dwangbevel") {
			t.Errorf("the dwangbevel opens with %v", text)
		}
	})

	t.Run("words that point nowhere", func(t *testing.T) {
		for _, reads := range []bool{false, true} {
			u := &understander{dests: all}
			e, _ := engineUnderstanding(t, u, reads)
			start(t, e, 2)
			if _, err := e.Handle(ctx, flows.Event{UserID: 2, Kind: flows.KindCommand, Command: "privacy"}); err != nil {
				t.Fatal(err)
			}
			res, err := e.Handle(ctx, typed(2, "nl", "hallo?"))
			if err != nil {
				t.Fatal(err)
			}
			line := flows.MsgFallbackText
			if reads {
				line = flows.MsgFallbackTextPhoto
			}
			r := res.Replies[len(res.Replies)-1]
			if got := ids(r.Text); !slices.Equal(got, []spreekuurbot.MsgID{line}) {
				t.Errorf("reads letters %v: text %v, want %v", reads, got, line)
			}
			if got := labels(r); !slices.Contains(got, flows.MsgButtonLetter) || !slices.Contains(got, flows.MsgButtonPrivacy) || slices.Contains(got, flows.MsgButtonBack) {
				t.Errorf("reads letters %v: buttons %v, want the home menu", reads, got)
			}
		}
	})

	t.Run("before the language is known", func(t *testing.T) {
		u := &understander{answer: []string{"woningnet"}, dests: all}
		e, _ := engineUnderstanding(t, u, false)
		res, err := e.Handle(ctx, typed(3, "zh", "woningnet"))
		if err != nil {
			t.Fatal(err)
		}
		if u.asked != 0 {
			t.Errorf("asked to understand %d times before the language is known", u.asked)
		}
		if got := ids(res.Replies[0].Text); len(got) == 0 || got[0] != flows.MsgLanguageChoose {
			t.Errorf("text %v, want the language question", got)
		}
	})
}
