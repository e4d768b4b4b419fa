package flows

// Screen names a screen of the conversation. Names are short because they
// travel in callback data.
type Screen string

// The screens of the foundation. Later flows add their own.
const (
	ScreenHome     Screen = "home"
	ScreenHelp     Screen = "help"
	ScreenLanguage Screen = "lang"
)

// maxBack bounds the back stack, so a session stays small however long a
// person clicks around.
const maxBack = 8

// Session is the state of one person's conversation. It holds no message
// text and nothing the person typed.
type Session struct {
	// Lang is the chosen language; empty until known.
	Lang string `json:"lang,omitempty"`
	// Screen is what the person sees now.
	Screen Screen `json:"screen,omitempty"`
	// Back is the way back, most recent last.
	Back []Screen `json:"back,omitempty"`
	// Seq numbers the screens drawn; a button from an older screen is stale.
	Seq uint32 `json:"seq,omitempty"`
}

func (s *Session) push(to Screen) {
	if s.Screen != "" && s.Screen != to {
		s.Back = append(s.Back, s.Screen)
		if len(s.Back) > maxBack {
			s.Back = s.Back[len(s.Back)-maxBack:]
		}
	}
	s.Screen = to
}

func (s *Session) pop() {
	if len(s.Back) == 0 {
		s.Screen = ScreenHome
		return
	}
	s.Screen = s.Back[len(s.Back)-1]
	s.Back = s.Back[:len(s.Back)-1]
}

func (s *Session) home() {
	s.Screen = ScreenHome
	s.Back = nil
}
