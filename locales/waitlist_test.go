package locales

import (
	"reflect"
	"strings"
	"testing"

	"spreekuurbot"
	"spreekuurbot/flows"
)

// waitingField names what an entry on a waitlist holds, in the words of
// fieldWords. The entry is stored with the resident's Telegram ID (the
// bot writes the offer to them), which spreekuurbot.Waiting does not
// carry: "chat" is always named.
var waitingField = map[string]string{
	"Location": "place",
	"Topic":    "topic",
	"Since":    "day", // the day they joined, from which the 14 days run
}

// TestWaitlistNamesStoredFields: what a resident agrees to before joining
// a waitlist (wait_consent) and what /privacy says the waitlist keeps
// (privacy_waitlist) name every field an entry holds, and the 14 days
// after which it goes. A new field in spreekuurbot.Waiting fails here
// until both texts name it.
func TestWaitlistNamesStoredFields(t *testing.T) {
	c, _, _ := catalog(t)
	want := []string{"chat"}
	typ := reflect.TypeOf(spreekuurbot.Waiting{})
	for i := range typ.NumField() {
		path := typ.Field(i).Name
		field, ok := waitingField[path]
		if !ok {
			t.Errorf("a waitlist entry now holds %s: say in wait_consent and privacy_waitlist whether it is kept, and add it to waitingField", path)
			continue
		}
		want = append(want, field)
	}
	for _, lang := range c.Languages() {
		words := fieldWords[lang]
		for _, id := range []spreekuurbot.MsgID{flows.MsgWaitConsent, flows.MsgPrivacyWaitlist} {
			text := strings.ToLower(rendered(c, lang, id)[0])
			for _, field := range want {
				if w := strings.ToLower(words[field]); w == "" || !hasWord(text, w) {
					t.Errorf("%s %s does not name the stored %s (%q)", lang, id, field, w)
				}
			}
			if !strings.Contains(text, "14") {
				t.Errorf("%s %s does not say that the entry goes after 14 days", lang, id)
			}
		}
	}
}
