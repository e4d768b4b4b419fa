package flows

import (
	"slices"
	"testing"

	"spreekuurbot"
)

// TestStoredSession: what the store keeps comes back as it was; a
// conversation that cannot be read starts again on the home screen, with
// the person's language and places kept.
func TestStoredSession(t *testing.T) {
	s := Session{Lang: "ar", Screen: ScreenHelp, Back: []Screen{ScreenHome}, Seq: 7, Subs: []string{"poort"}, Consented: true, Volunteer: true, OverlayVersion: 3, Draft: "x"}
	got := sessionOf(s.stored())
	if got.Lang != "ar" || got.Screen != ScreenHelp || !slices.Equal(got.Back, s.Back) || got.Seq != 7 || got.Draft != "x" ||
		!slices.Equal(got.Subs, s.Subs) || !got.Consented || !got.Volunteer || got.OverlayVersion != 3 {
		t.Errorf("round trip: %+v, want %+v", got, s)
	}
	if raw := string(s.stored().Conversation); raw != `{"screen":"help","back":["home"],"seq":7,"draft":"x"}` {
		t.Errorf("the conversation is kept as %s: the language and what the store keeps apart do not belong in it", raw)
	}
	spoilt := sessionOf(spreekuurbot.Session{Lang: "so", Subs: []string{"haven"}, Conversation: []byte("{not json")})
	if spoilt.Screen != "" || spoilt.Lang != "so" || len(spoilt.Subs) != 1 {
		t.Errorf("an unreadable conversation gives %+v, want the home screen in so with the places kept", spoilt)
	}
}
