package flows

// Button actions, as they travel in callback data.
const (
	actionOpen     = "o" // open the screen named in Arg
	actionBack     = "b"
	actionHome     = "h"
	actionLanguage = "l" // choose the language in Arg
)

// menuItem is a button that opens a screen, shown to the roles listed.
type menuItem struct {
	label  MsgID
	screen Screen
	roles  []Role // empty: everyone
}

// screenDef describes a screen as data: its text and its menu. The engine
// adds the language buttons, "back" and "start again".
type screenDef struct {
	text func(v view) []Msg
	menu []menuItem
	// root screens have no "back" and "start again" row: there is nowhere
	// further back to go.
	root bool
}

// view is what a screen may look at while it is drawn.
type view struct {
	engine  *Engine
	session Session
	role    Role
}

var screens = map[Screen]screenDef{
	ScreenHome: {
		root: true,
		text: func(v view) []Msg {
			msgs := []Msg{{ID: MsgHomeText, Count: v.engine.locations, Args: map[string]any{"Count": v.engine.locations}}}
			switch v.role {
			case Volunteer:
				msgs = append(msgs, Msg{ID: MsgHomeRoleVolunteer})
			case Coordinator:
				msgs = append(msgs, Msg{ID: MsgHomeRoleCoordinator})
			}
			return msgs
		},
		menu: []menuItem{
			{label: MsgButtonHelp, screen: ScreenHelp},
			{label: MsgButtonLanguage, screen: ScreenLanguage},
		},
	},
	ScreenHelp: {
		text: func(view) []Msg { return []Msg{{ID: MsgHelpText}, {ID: MsgHelpCommands}} },
	},
	ScreenLanguage: {
		text: func(v view) []Msg {
			if v.session.Lang != "" {
				return []Msg{{ID: MsgLanguageChoose}}
			}
			// First contact in an unknown language: ask in every language,
			// each line in its own words.
			var msgs []Msg
			for _, code := range v.engine.languages.Codes() {
				msgs = append(msgs, Msg{ID: MsgLanguageChoose, Lang: code})
			}
			return msgs
		},
	},
}

// Command is a slash command with its description, for the command menu.
type Command struct {
	Name        string
	Description MsgID
}

// commands maps each command to the screen it opens.
var commands = []struct {
	Command
	screen Screen
	roles  []Role
}{
	{Command{"start", MsgCommandStart}, ScreenHome, nil},
	{Command{"help", MsgCommandHelp}, ScreenHelp, nil},
	{Command{"language", MsgCommandLanguage}, ScreenLanguage, nil},
}

// Commands lists the commands a role has, for the client's command menu.
func Commands(role Role) []Command {
	var out []Command
	for _, c := range commands {
		if allowed(role, c.roles) {
			out = append(out, c.Command)
		}
	}
	return out
}

func allowed(role Role, roles []Role) bool {
	if len(roles) == 0 {
		return true
	}
	for _, r := range roles {
		if r == role {
			return true
		}
	}
	return false
}
