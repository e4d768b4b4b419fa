package flows

// Msg is a text to show: a message ID with its arguments. Count selects the
// plural form; Lang, when set, renders this one text in that language
// instead of the reply's (the language picker greets in every language).
type Msg struct {
	ID    MsgID
	Args  map[string]any
	Count any
	Lang  string
}

// Button is an inline keyboard button. Data is the encoded callback data.
type Button struct {
	Label Msg
	Data  string
}

// Reply is one message to the user: paragraphs of text and rows of buttons.
type Reply struct {
	Text    []Msg
	Buttons [][]Button
	// Edit asks the transport to replace the message whose button was
	// pressed rather than add a new one: calmer when a step only changes
	// the screen.
	Edit bool
}

// Effect is something outside the conversation that a step asks the edge to
// do, such as refreshing the command menu after a language change.
type Effect interface{ isEffect() }

// SetCommands asks the transport to show the command menu of Role in Lang
// to this user.
type SetCommands struct {
	Role Role
	Lang string
}

func (SetCommands) isEffect() {}

// Result is what handling one event produced.
type Result struct {
	// Lang is the language to render the replies in.
	Lang string
	// Notice is a short text for the button press itself (a toast); the
	// transport answers every button press, with or without it.
	Notice  *Msg
	Replies []Reply
	Effects []Effect
}
