package spreekuurbot

// MsgID names a text in the locale files. Every ID the flows can show is
// declared here (the trees' own texts come from their data files), so
// `spreekuurbot check` and the locale tests can prove that each one exists
// in every language and that no locale key is left unused.
type MsgID string

// Msg is a text to show: a message ID with its arguments. Count selects the
// plural form; Lang, when set, renders this one text in that language
// instead of the reply's (the language picker greets in every language).
type Msg struct {
	ID    MsgID
	Args  map[string]any
	Count any
	Lang  string
	// Tight joins this text to the one before with a line break instead
	// of an empty line, for the items of a list.
	Tight bool
}

// LanguageOf is a message argument that names a language in the reader's
// language ("Arabisch" for a Dutch reader).
type LanguageOf string
