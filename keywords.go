package spreekuurbot

// Keywords are the words and phrases that residents of one language type
// for the places the bot can take them, as the locale data holds them
// (locales/keywords.<lang>.toml).
type Keywords struct {
	Lang string
	// Destinations are in the order of the data file, which breaks ties
	// between equally good matches.
	Destinations []Destination
}

// Destination is one place the bot can take a resident who types, with
// the words that point to it.
type Destination struct {
	// To is a node of an information tree ("letter-bd-dwangbevel",
	// "woningnet") or a resident's command ("/book").
	To string
	// Words are single words ("dwangbevel") or phrases of a few words
	// ("afspraak maken"), which match in any order.
	Words []string
	// Where names the file and line the destination was read from, for
	// error messages: "locales/keywords.nl.toml:12".
	Where string
}
