package flows_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// TestVolunteerLabels: volunteers who shared no name are named by their
// number in the order of joining, the same on the list, their own screen
// and the question before removing them, in every language; no text or
// button shows three digits in a row of their Telegram ID.
func TestVolunteerLabels(t *testing.T) {
	const coordinator = 1001
	joined := []int64{6047341718, 587399952} // in this order: not the order of the IDs
	texts := catalog(t)
	for _, lang := range texts.Languages() {
		t.Run(lang, func(t *testing.T) {
			roles := roleMap(map[int64]spreekuurbot.Role{coordinator: spreekuurbot.Coordinator})
			clock := testNow
			e, st := newEngineAt(t, roles, &clock)
			ctx := context.Background()
			for _, id := range joined {
				code, err := st.CreateInvite(ctx, []string{"stad-centrum"})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := st.Join(ctx, id, code); err != nil {
					t.Fatal(err)
				}
			}
			render := func(m spreekuurbot.Msg) string { return texts.Text(lang, m) }
			var shown []string
			// do handles an event of the coordinator's and returns the
			// text and the buttons shown.
			do := func(ev flows.Event) (string, []flows.Button) {
				t.Helper()
				ev.UserID, ev.LanguageCode = coordinator, lang
				res, err := e.Handle(ctx, ev)
				if err != nil {
					t.Fatal(err)
				}
				var text string
				var buttons []flows.Button
				for _, r := range res.Replies {
					text += flows.JoinText(r.Text, render) + "\n"
					for _, row := range r.Buttons {
						for _, b := range row {
							buttons = append(buttons, b)
							shown = append(shown, render(b.Label))
						}
					}
				}
				shown = append(shown, text)
				return text, buttons
			}
			press := func(buttons []flows.Button, label string) (string, []flows.Button) {
				t.Helper()
				for _, b := range buttons {
					if render(b.Label) == label {
						return do(flows.Event{Kind: flows.KindButton, Data: b.Data})
					}
				}
				t.Fatalf("no button %q", label)
				return "", nil
			}
			for i := range joined {
				label := render(spreekuurbot.Msg{ID: flows.MsgVolunteerNoName, Args: map[string]any{"Number": i + 1}})
				name := strings.TrimPrefix(label, "\u200f") // inside a line, without the line's right-to-left mark
				text, list := do(flows.ParseText(coordinator, lang, "/volunteers"))
				if !strings.Contains(text, name) {
					t.Errorf("the list does not name %q:\n%s", name, text)
				}
				text, screen := press(list, label)
				if !strings.Contains(text, name) {
					t.Errorf("the volunteer's screen does not name %q:\n%s", name, text)
				}
				text, _ = press(screen, render(spreekuurbot.Msg{ID: flows.MsgButtonRemoveVolunteer}))
				if !strings.Contains(text, name) {
					t.Errorf("the question before removing does not name %q:\n%s", name, text)
				}
			}
			for _, id := range joined {
				digits := strconv.FormatInt(id, 10)
				for k := 0; k+3 <= len(digits); k++ {
					for _, s := range shown {
						if strings.Contains(s, digits[k:k+3]) {
							t.Errorf("%q shows %s of the Telegram ID %s", s, digits[k:k+3], digits)
						}
					}
				}
			}
		})
	}
}
