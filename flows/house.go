package flows

import (
	"fmt"

	"spreekuurbot"
)

// theFlows lists every flow, once. Their order is the order of the
// command menu.
func theFlows() []flow {
	return []flow{
		navigation(), language(), information(), reading(), spreekuur(), deadlines(),
		booking(), waitlist(), appointments(), privacy(),
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
	letters   []func(st *step, r LetterReading)
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
		if f.letter != nil {
			h.letters = append(h.letters, f.letter)
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
