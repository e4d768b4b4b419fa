package flows

import (
	"fmt"
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

// theFlows lists every flow, once. Their order is the order of the
// command menu.
func theFlows() []flow {
	return []flow{
		navigation(), language(), information(), spreekuur(), deadlines(),
		booking(), appointments(), privacy(),
		broadcasts(), stats(), huisbezoek(), helpLog(), schedule(), desk(),
		invite(), team(), confirmations(),
	}
}

// house is the flows' tables, built once from theFlows.
type house struct {
	screens   map[string]screen
	actions   map[string]func(st *step, p Payload) bool
	commands  []command
	texts     []func(st *step, text string) bool
	locations []func(st *step, lat, lon float64)
}

// build makes the tables, refusing a screen kind, action code or command
// that two flows claim.
func build(list []flow) (*house, error) {
	h := &house{screens: map[string]screen{}, actions: map[string]func(*step, Payload) bool{}}
	owner := map[string]string{}
	claim := func(what, name, f string) error {
		key := what + " " + name
		if prev, ok := owner[key]; ok {
			return fmt.Errorf("flows: %s is claimed by %s and %s", key, prev, f)
		}
		owner[key] = f
		return nil
	}
	for _, f := range list {
		for _, s := range f.screens {
			if err := claim("screen", s.kind, f.name); err != nil {
				return nil, err
			}
			h.screens[s.kind] = s
		}
		for _, a := range f.actions {
			for _, code := range a.codes {
				if err := claim("action", code, f.name); err != nil {
					return nil, err
				}
				h.actions[code] = a.do
			}
		}
		for _, c := range f.commands {
			if err := claim("command", c.Name, f.name); err != nil {
				return nil, err
			}
			h.commands = append(h.commands, c)
		}
		if f.text != nil {
			h.texts = append(h.texts, f.text)
		}
		if f.location != nil {
			h.locations = append(h.locations, f.location)
		}
	}
	return h, nil
}

// Commands lists the commands a role has, for the client's command menu.
func Commands(role spreekuurbot.Role) []Command {
	h, err := build(theFlows())
	if err != nil {
		return nil // New refuses the same list: no engine runs with it
	}
	var out []Command
	for _, c := range h.commands {
		if allowed(role, c.roles) {
			out = append(out, c.Command)
		}
	}
	return out
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
