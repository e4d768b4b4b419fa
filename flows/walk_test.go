package flows_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// TestEveryAnswerInEveryLanguage walks both trees from the home screen in
// every language, pressing every option and every part of an answer, and
// checks that each answer is reached with its texts in that language,
// "spreekuur times" to go on with, a button for each part behind it, and
// on every urgent one the urgent line first and "who else can help" with
// its referral. (locales.TestEveryScreenFitsAPhone counts the words.)
func TestEveryAnswerInEveryLanguage(t *testing.T) {
	texts := catalog(t)
	trees, err := flows.BuiltinTrees()
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]*flows.Node{}
	for _, tr := range trees {
		for _, n := range tr.Nodes {
			if n.IsAnswer() {
				answers[n.ID] = n
			}
		}
	}
	for _, lang := range texts.Languages() {
		t.Run(lang, func(t *testing.T) {
			e := newEngine(t, roleMap(nil))
			reached, helped := map[string]bool{}, map[string]bool{}
			start, res, _ := e.Step(context.Background(), flows.Session{Lang: lang}, spreekuurbot.Resident, flows.Event{UserID: 1, Kind: flows.KindCommand, Command: "start"})
			type state struct {
				s   flows.Session
				res flows.Result
			}
			queue := []state{{start, res}}
			seen := map[flows.Screen]bool{}
			for len(queue) > 0 {
				cur := queue[0]
				queue = queue[1:]
				screen := string(cur.s.Screen)
				if seen[cur.s.Screen] || !(screen == "home" || strings.HasPrefix(screen, "n.") || strings.HasPrefix(screen, "nm.")) {
					continue
				}
				seen[cur.s.Screen] = true
				reply := cur.res.Replies[len(cur.res.Replies)-1]
				for _, m := range reply.Text {
					if got := texts.Text(lang, m); got == string(m.ID) || got == "" {
						t.Errorf("%s: text %s does not render", screen, m.ID)
					}
				}
				if id, ok := strings.CutPrefix(screen, "n."); ok && answers[id] != nil {
					reached[id] = true
					checkAnswer(t, answers[id], reply)
				}
				if id, ok := strings.CutPrefix(screen, "nm."); ok && strings.HasSuffix(id, ".help") {
					n := answers[strings.TrimSuffix(id, ".help")]
					helped[n.ID] = true
					if want := spreekuurbot.MsgID("letter_referral_" + string(n.Urgent)); !slices.ContainsFunc(reply.Text, func(m spreekuurbot.Msg) bool { return m.ID == want }) {
						t.Errorf("%s: who else can help shows no %s", screen, want)
					}
				}
				for _, b := range flatten(reply.Buttons) {
					if b.Data == "" {
						continue
					}
					next, res, _ := e.Step(context.Background(), cur.s, spreekuurbot.Resident, flows.Event{UserID: 1, Kind: flows.KindButton, Data: b.Data})
					queue = append(queue, state{next, res})
				}
			}
			for id, n := range answers {
				if !reached[id] {
					t.Errorf("answer %s is not reached from the home screen", id)
				}
				if n.Urgent != "" && !helped[id] {
					t.Errorf("urgent answer %s: who else can help is not reached", id)
				}
			}
		})
	}
}

func checkAnswer(t *testing.T, n *flows.Node, reply flows.Reply) {
	t.Helper()
	var ids []spreekuurbot.MsgID
	for _, m := range reply.Text {
		ids = append(ids, m.ID)
	}
	has := func(id spreekuurbot.MsgID) bool {
		for _, x := range ids {
			if x == id {
				return true
			}
		}
		return false
	}
	buttons := map[spreekuurbot.MsgID]bool{}
	for _, b := range flatten(reply.Buttons) {
		buttons[b.Label.ID] = true
	}
	if !buttons[flows.MsgLetterButtonTimes] {
		t.Errorf("answer %s offers no spreekuur times", n.ID)
	}
	if n.Remind != buttons[flows.MsgLetterButtonRemind] {
		t.Errorf("answer %s: remind = %v but the reminder button shows %v", n.ID, n.Remind, buttons[flows.MsgLetterButtonRemind])
	}
	// An urgent answer begins with the urgent line and offers who else can
	// help (its referral, on a screen of its own); the rest of an answer
	// waits behind its buttons.
	help := buttons[flows.MsgLetterButtonHelp]
	first := ids[0] == flows.MsgLetterGoToday || ids[0] == flows.MsgLetterGoNext || ids[0] == flows.MsgLetterGoHelp
	if urgent := n.Urgent != ""; urgent != help || urgent != first {
		t.Errorf("answer %s: urgent = %q but who else can help shown = %v, urgent line first = %v", n.ID, n.Urgent, help, first)
	}
	if has(flows.MsgReferralDebts) || has(flows.MsgReferralLegal) || has(flows.MsgReferralBenefits) || has(flows.MsgReferralWijkteam) {
		t.Errorf("answer %s shows its referral on the first screen: it belongs behind who else can help", n.ID)
	}
	for _, m := range n.More {
		if !buttons[m.Label] {
			t.Errorf("answer %s: no button %s", n.ID, m.Label)
		}
	}
}
