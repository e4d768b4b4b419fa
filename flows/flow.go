package flows

import (
	"slices"

	"spreekuurbot"
)

// A flow is one part of the conversation, kept in one file: the screens it
// draws, the buttons it answers, the commands that open it and what else
// it takes from a person (typed text, a shared location). Every flow is
// listed once, in theFlows; the engine builds its tables from that list at
// start-up and refuses a screen kind, an action or a command claimed
// twice.
type flow struct {
	name     string
	screens  []screen
	actions  []action
	commands []command
	// text takes typed text when the person is on one of the flow's
	// screens that waits for it, and reports whether it did.
	text func(st *step, text string) bool
	// location takes a shared location.
	location func(st *step, lat, lon float64)
	// letter takes a letter the transport read from a photo or a PDF.
	letter func(st *step, r LetterReading)
}

// screen is a kind of screen. The engine adds "back" and "start again" to
// every screen that is not a root.
type screen struct {
	kind string
	root bool
	// roles may open the screen; empty means everyone.
	roles []spreekuurbot.Role
	// valid reports whether the argument names something that exists;
	// nil means the screen takes no argument.
	valid func(e *Engine, arg string) bool
	// load reads from storage what the screen shows, into the step's
	// view; draw then only draws.
	load func(st *step, arg string)
	draw func(d *drawing, arg string)
	// label is the button that opens the screen from the home menu; a
	// screen with one is also offered to typed words that point to it.
	label spreekuurbot.MsgID
}

// action answers the buttons that carry one of codes. It reports whether
// the press made sense: a well-signed button can still name something
// that is gone.
type action struct {
	codes []string
	do    func(st *step, p Payload) bool
}

// command is a slash command: the screen it opens, for the roles listed
// (empty: everyone), described in the client's command menu.
type command struct {
	Command
	screen Screen
	roles  []spreekuurbot.Role
}

// Command is a slash command with its description, for the command menu.
type Command struct {
	Name        string
	Description spreekuurbot.MsgID
}

func allowed(role spreekuurbot.Role, roles []spreekuurbot.Role) bool {
	return len(roles) == 0 || slices.Contains(roles, role)
}

// staff and coordinators are the roles of the volunteers' and the
// coordinators' screens.
var (
	staff        = []spreekuurbot.Role{spreekuurbot.Volunteer, spreekuurbot.Coordinator}
	coordinators = []spreekuurbot.Role{spreekuurbot.Coordinator}
)
