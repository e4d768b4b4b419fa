package flows

import (
	"spreekuurbot"
)

// Button actions, as they travel in callback data.
const (
	actionOpen          = "o" // open the screen named in Arg
	actionBack          = "b"
	actionHome          = "h"
	actionLanguage      = "l" // choose the language in Arg
	actionVenue         = "v" // send the map pin of location Arg
	actionShareLocation = "x" // offer the keyboard that shares a location
	actionSubscribe     = "s" // news of location Arg
	actionUnsubscribe   = "u"
	actionRemind        = "r" // remind of letter Arg: "<node>.<yyyymmdd>"
)

// navigation is the home screen, the help text and the buttons that move
// between screens.
func navigation() flow {
	return flow{
		name: "navigation",
		screens: []screen{
			{kind: string(ScreenHome), root: true, draw: drawHome},
			{kind: string(ScreenHelp), draw: drawHelp, label: MsgButtonHelp},
			{kind: string(ScreenCommands), draw: drawCommands},
		},
		actions: []action{
			{codes: []string{actionOpen}, do: (*step).openScreen},
			{codes: []string{actionBack}, do: func(st *step, _ Payload) bool { st.session.pop(); return true }},
			{codes: []string{actionHome}, do: func(st *step, _ Payload) bool { st.session.home(); return true }},
		},
		commands: []command{
			{Command{"start", MsgCommandStart}, ScreenHome, nil},
			{Command{"help", MsgCommandHelp}, ScreenHelp, nil},
		},
	}
}

// openScreen opens the screen a button names, if it exists and the role
// may see it, whatever the button claimed.
func (st *step) openScreen(p Payload) bool {
	to := Screen(p.Arg)
	if !st.mayOpen(to) {
		return false
	}
	st.session.push(to)
	return true
}

// Roots of the information trees, as the home screen offers them.
const (
	rootLetter    = "letter"
	rootWoningnet = "woningnet"
)

// drawHelp explains the bot; the commands of the person's role are one tap
// further, each screen one phone screen.
func drawHelp(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgHelpText})
	d.row(d.open(spreekuurbot.Msg{ID: MsgButtonCommands}, ScreenCommands))
}

// drawCommands lists the commands of the person's role, the same list as
// the role's command menu in Telegram.
func drawCommands(d *drawing, _ string) {
	d.say(spreekuurbot.Msg{ID: MsgHelpCommands})
	for _, c := range d.engine().house.commands {
		if allowed(d.st.role, c.roles) {
			d.say(spreekuurbot.Msg{ID: MsgHelpCommandLine, Tight: true, Args: map[string]any{
				"Command": "/" + c.Name, "Description": spreekuurbot.Msg{ID: c.Description},
			}})
		}
	}
}

func drawHome(d *drawing, _ string) {
	e := d.engine()
	n := len(e.locs().list)
	d.say(spreekuurbot.Msg{ID: MsgHomeText, Count: n, Args: map[string]any{"Count": n}})
	switch d.st.role {
	case spreekuurbot.Volunteer:
		d.say(spreekuurbot.Msg{ID: MsgHomeRoleVolunteer})
	case spreekuurbot.Coordinator:
		d.say(spreekuurbot.Msg{ID: MsgHomeRoleCoordinator})
	}
	for _, root := range []string{rootLetter, rootWoningnet} {
		if e.nodes[root] != nil {
			d.row(d.open(spreekuurbot.Msg{ID: rootLabels[root]}, screenOf(kindNode, root)))
		}
	}
	d.row(d.goTo(ScreenSpreekuur))
	if len(e.bookable()) > 0 {
		d.row(d.goTo(ScreenBook), d.goTo(ScreenAppointments))
	}
	d.row(d.goTo(ScreenHelp), d.goTo(ScreenLanguage))
	d.row(d.goTo(ScreenPrivacy))
	// Staff see their own work first thing, too.
	if d.st.role == spreekuurbot.Volunteer || d.st.role == spreekuurbot.Coordinator {
		d.row(d.open(spreekuurbot.Msg{ID: MsgCommandToday}, ScreenToday), d.open(spreekuurbot.Msg{ID: MsgCommandLog}, ScreenLog))
		d.row(d.open(spreekuurbot.Msg{ID: MsgCommandVisit}, ScreenVisit), d.open(spreekuurbot.Msg{ID: MsgButtonMyLanguages}, ScreenMyLanguages))
	}
	if d.st.role == spreekuurbot.Coordinator {
		d.row(d.open(spreekuurbot.Msg{ID: MsgCommandInvite}, ScreenInvite), d.open(spreekuurbot.Msg{ID: MsgCommandVolunteers}, ScreenVolunteers))
		d.row(d.open(spreekuurbot.Msg{ID: MsgCommandStats}, ScreenStats), d.open(spreekuurbot.Msg{ID: MsgCommandSlots}, ScreenSlots))
		d.row(d.open(spreekuurbot.Msg{ID: MsgCommandBroadcast}, ScreenBroadcast))
	}
}
