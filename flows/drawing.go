package flows

import (
	"spreekuurbot"
)

// drawing collects a screen's text and buttons.
type drawing struct {
	st *step
	// top goes above everything else on the screen, the lines the step
	// put there too: an urgent answer's urgent line.
	top  []spreekuurbot.Msg
	text []spreekuurbot.Msg
	rows [][]Button
}

func (d *drawing) say(m ...spreekuurbot.Msg) { d.text = append(d.text, m...) }

// first puts m on top of the screen.
func (d *drawing) first(m spreekuurbot.Msg) { d.top = append(d.top, m) }

func (d *drawing) row(b ...Button) { d.rows = append(d.rows, b) }

func (d *drawing) engine() *Engine { return d.st.engine }

func (d *drawing) session() Session { return d.st.session }

// open is a button that opens a screen.
func (d *drawing) open(label spreekuurbot.Msg, to Screen) Button {
	return d.act(label, actionOpen, string(to))
}

// goTo is the button that opens a screen without an argument, with the
// screen's own label.
func (d *drawing) goTo(to Screen) Button {
	return d.open(spreekuurbot.Msg{ID: d.engine().house.screens[string(to)].label}, to)
}

// act is a button for an action, bound to the screen being drawn.
func (d *drawing) act(label spreekuurbot.Msg, action, arg string) Button {
	return Button{Label: label, Data: d.engine().codec.sign(d.st.userID, Payload{Seq: d.st.session.Seq, Action: action, Arg: arg})}
}

// pairs lays buttons out two to a row, as phones show them best.
func (d *drawing) pairs(buttons []Button) {
	for i := 0; i < len(buttons); i += 2 {
		d.row(buttons[i:min(i+2, len(buttons))]...)
	}
}
