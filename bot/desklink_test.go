package bot_test

import (
	"strings"
	"testing"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// TestDeskLinkOverBotAPI: the deep link of a desk's QR poster, as Telegram
// sends it (/start loc-<ID>), greets in the client's language and shows
// that place at once, with its map pin, an appointment and its news; a
// forged link gets the home screen.
func TestDeskLinkOverBotAPI(t *testing.T) {
	h := start(t, options{})
	tests := []struct {
		chat     int64
		lang     string
		place    string // name in the greeting
		address  string
		pinTitle string
	}{
		{1201, "nl", "De Nieuwe Bibliotheek Almere Stad", "Stadhuisplein 101", "De Nieuwe Bibliotheek Almere Stad"},
		{1202, "ar-EG", "Corrosia (Almere Haven)", "Markt 43", "Corrosia (Almere Haven)"},
	}
	ids := map[string]string{"nl": "stad-centrum", "ar-EG": "haven-centrum"}
	for _, tt := range tests {
		base := strings.SplitN(tt.lang, "-", 2)[0]
		h.text(tt.chat, tt.lang, "/start "+spreekuurbot.DeskStart+ids[tt.lang])
		place := h.messages(tt.chat, 1)[0]
		greeting := h.texts.Text(base, spreekuurbot.Msg{ID: flows.MsgDeskWelcome, Args: map[string]any{"Name": tt.place}})
		if text := place.Params["text"]; !strings.HasPrefix(text, greeting) || !strings.Contains(text, tt.address) {
			t.Fatalf("%s: the link answers %.300q, want the greeting %q and the address %q", tt.lang, text, greeting, tt.address)
		}
		got := labels(keyboard(t, place))
		for _, id := range []spreekuurbot.MsgID{flows.MsgButtonMap, flows.MsgButtonBook, flows.MsgButtonSubscribe} {
			if want := h.render(base, id); !strings.Contains(strings.Join(got, "|"), want) {
				t.Errorf("%s: buttons %q lack %q", tt.lang, got, want)
			}
		}
		h.press(tt.chat, tt.lang, place, keyboard(t, place)[0][0].CallbackData)
		venues, err := h.api.WaitSent(h.ctx(), tt.chat, "sendVenue", 1)
		if err != nil {
			t.Fatal(err)
		}
		if title := venues[0].Params["title"]; title != tt.pinTitle {
			t.Errorf("%s: the map pin is %q, want %q", tt.lang, title, tt.pinTitle)
		}
		// A forged or outdated link: the home screen, nothing else.
		h.text(tt.chat, tt.lang, "/start "+spreekuurbot.DeskStart+"nergens")
		if home := h.messages(tt.chat, 2)[1]; home.Params["text"] != h.render(base, flows.MsgHomeText) {
			t.Errorf("%s: a forged link answers %.200q, want the home screen", tt.lang, home.Params["text"])
		}
	}
}
