package flows

import (
	"encoding/json"
	"strings"

	"spreekuurbot"
)

// Screen names a screen of the conversation. Names are short because they
// travel in callback data.
type Screen string

// Screens without an argument.
const (
	ScreenHome         Screen = "home"
	ScreenHelp         Screen = "help"
	ScreenLanguage     Screen = "lang"
	ScreenSpreekuur    Screen = "sp"
	ScreenNearby       Screen = "near"
	ScreenBook         Screen = "bk"
	ScreenAppointments Screen = "apts"
	ScreenPrivacy      Screen = "priv"
	ScreenForget       Screen = "fgc"
	// ScreenPrivacyPhotos says what happens to a photo of a letter.
	ScreenPrivacyPhotos Screen = "privp"
	ScreenBring         Screen = "brg" // what to bring to a spreekuur
	ScreenCommands      Screen = "cmds"
)

// Kinds of screens that take an argument: "n.letter-bd" is node
// letter-bd of a tree.
const (
	kindNode          = "n"
	kindMore          = "nm" // <node>.<n> or <node>.help: a part of an answer
	kindStadsdeel     = "sd"
	kindLocation      = "loc"
	kindReminderMonth = "rem"
	kindReminderDay   = "remd"
	kindBookTopic     = "bkt" // <loc>
	kindBookDay       = "bkd" // <loc>.<topic>
	kindBookTime      = "bkh" // <loc>.<topic>.<yyyymmdd>
	kindBookConsent   = "bkc" // <loc>.<topic>.<yyyymmdd>.<hhmm>: what is kept, the first time
	kindBookSummary   = "bks" // <loc>.<topic>.<yyyymmdd>.<hhmm>
	kindAppointment   = "apt" // <booking>
	kindMoveDay       = "mvd" // <booking>
	kindMoveTime      = "mvh" // <booking>.<yyyymmdd>
	kindCancel        = "apc" // <booking>
	// kindLetterRead and kindLetterGuess are in reading.go.
)

func screenOf(kind, arg string) Screen {
	if arg == "" {
		return Screen(kind)
	}
	return Screen(kind + "." + arg)
}

// split separates a screen's kind from its argument.
func (s Screen) split() (kind, arg string) {
	kind, arg, _ = strings.Cut(string(s), ".")
	return kind, arg
}

// maxBack bounds the back stack, so a session stays small however long a
// person clicks around.
const maxBack = 8

// Session is the state of one person's conversation: what the store
// keeps of them (spreekuurbot.Session) with the conversation's own fields
// unpacked. It holds no message text and nothing the person typed.
type Session struct {
	// Lang is the chosen language; empty until known.
	Lang string `json:"lang,omitempty"`
	// Screen is what the person sees now.
	Screen Screen `json:"screen,omitempty"`
	// Back is the way back, most recent last.
	Back []Screen `json:"back,omitempty"`
	// Seq numbers the screens drawn; a button from an older screen is stale.
	Seq uint32 `json:"seq,omitempty"`
	// Subs are the locations whose news the person gets. The store keeps
	// them apart from the session, which expires sooner.
	Subs []string `json:"-"`
	// OverlayVersion is the version of the coordinators' changes to the
	// locations, read with the session so every replica sees them at once.
	OverlayVersion int64 `json:"-"`
	// Volunteer says the store knows the person volunteers at some place;
	// it comes with the session, saving a round trip per update.
	Volunteer bool `json:"-"`
	// Consented is set once the person agreed to what a booking stores;
	// the store keeps it apart from the session, for a year.
	Consented bool `json:"-"`
	// Visit is a huisbezoek street's counts being entered.
	Visit *visitDraft `json:"visit,omitempty"`
	// Log is the volunteer's /log being filled in; leaving its screens
	// forgets it (leaveLog).
	Log *logDraft `json:"log,omitempty"`
	// Came are the unfinished logs of residents who came, which /today
	// offers to finish until they are saved or dropped.
	Came []logDraft `json:"came,omitempty"`
	// Draft is a coordinator's free-text broadcast between typing and
	// sending: the one text a session keeps, and only a coordinator's.
	Draft string `json:"draft,omitempty"`
	// Picks are the locations a coordinator picked for an invite.
	Picks []string `json:"picks,omitempty"`
	// ReadLetters says the person was told, with the first letter read
	// from a photo, that nothing of it is kept.
	ReadLetters bool `json:"rl,omitempty"`
	// Near is the list shown after the person shared a location: the
	// nearest places and their distance, never the location itself.
	Near []Nearby `json:"near,omitempty"`
}

// Nearby is a location and its distance from the person.
type Nearby struct {
	Location string  `json:"l"`
	Km       float64 `json:"km"`
}

func (s *Session) push(to Screen) {
	if s.Screen != "" && s.Screen != to {
		s.Back = append(s.Back, s.Screen)
		if len(s.Back) > maxBack {
			s.Back = s.Back[len(s.Back)-maxBack:]
		}
	}
	s.Screen = to
	s.leaveLog()
}

func (s *Session) pop() {
	if len(s.Back) == 0 {
		s.Screen = ScreenHome
	} else {
		s.Screen = s.Back[len(s.Back)-1]
		s.Back = s.Back[:len(s.Back)-1]
	}
	s.leaveLog()
}

func (s *Session) home() {
	s.Screen = ScreenHome
	s.Back = nil
	s.leaveLog()
}

// sessionOf unpacks a stored session. A conversation that cannot be read
// is not worth an error for the person: they start again on the home
// screen.
func sessionOf(stored spreekuurbot.Session) Session {
	var s Session
	if len(stored.Conversation) > 0 && json.Unmarshal(stored.Conversation, &s) != nil {
		s = Session{}
	}
	s.Lang, s.Subs, s.Consented = stored.Lang, stored.Subs, stored.Consented
	s.Volunteer, s.OverlayVersion = stored.Volunteer, stored.OverlayVersion
	return s
}

// stored packs the session for the store: the conversation's own fields
// as JSON (those marked "-" are kept by the store apart).
func (s Session) stored() spreekuurbot.Session {
	conversation := s
	conversation.Lang = ""
	// Every field is plain data: encoding cannot fail.
	raw, _ := json.Marshal(conversation)
	return spreekuurbot.Session{
		Lang: s.Lang, Subs: s.Subs, Consented: s.Consented, Volunteer: s.Volunteer,
		OverlayVersion: s.OverlayVersion, Conversation: raw,
	}
}
