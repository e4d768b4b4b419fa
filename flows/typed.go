package flows

import (
	"fmt"
	"slices"
	"strings"

	"spreekuurbot"
)

// Understander finds where the words a resident types point. A
// destination is a node of an information tree ("letter-bd-dwangbevel",
// "woningnet") or a command of a screen with a button label ("/book").
type Understander interface {
	// Understand returns the destinations text in lang points to, best
	// first, at most three; none when nothing fits. It keeps nothing of
	// the text.
	Understand(lang, text string) []string
	// Destinations lists every destination Understand can return, each
	// with where its data is ("locales/keywords.nl.toml:12"), so that the
	// engine refuses one that leads nowhere.
	Destinations() map[string]string
}

// rootLabels are the home screen's buttons to the roots of the trees.
var rootLabels = map[string]spreekuurbot.MsgID{
	rootLetter:    MsgButtonLetter,
	rootWoningnet: MsgButtonWoningnet,
}

// destinations resolves what typed words may lead to, for the engine and
// for spreekuurbot check.
type destinations struct {
	house *house
	nodes map[string]*Node
}

// resolve gives a destination's screen and the label of the button that
// opens it: a node is labelled as the option that leads to it (a root as
// the home screen's button), a command's screen by its own label.
func (ds destinations) resolve(to string) (spreekuurbot.MsgID, Screen, bool) {
	if name, ok := strings.CutPrefix(to, "/"); ok {
		for _, c := range ds.house.commands {
			if c.Name != name {
				continue
			}
			kind, _ := c.screen.split()
			if label := ds.house.screens[kind].label; label != "" {
				return label, c.screen, true
			}
		}
		return "", "", false
	}
	n := ds.nodes[to]
	if n == nil {
		return "", "", false
	}
	label := n.label
	if label == "" {
		label = rootLabels[to]
	}
	return label, screenOf(kindNode, to), label != ""
}

// check refuses a destination that is neither a node nor a labelled
// command, naming where the data has it.
func (ds destinations) check(u Understander) error {
	if u == nil {
		return nil
	}
	all := u.Destinations()
	names := make([]string, 0, len(all))
	for to := range all {
		names = append(names, to)
	}
	slices.Sort(names)
	for _, to := range names {
		if _, _, ok := ds.resolve(to); !ok {
			return fmt.Errorf("%s: typed words lead to %q, which is neither a node of the trees nor a command of a screen with a button (such as \"/book\")", all[to], to)
		}
	}
	return nil
}

// CheckUnderstander reports the first destination u can return that leads
// nowhere in these trees and flows, as New does, for spreekuurbot check.
func CheckUnderstander(trees []*Tree, u Understander) error {
	h, err := build(theFlows())
	if err != nil {
		return err
	}
	return destinations{house: h, nodes: nodesOf(trees)}.check(u)
}

func nodesOf(trees []*Tree) map[string]*Node {
	nodes := map[string]*Node{}
	for _, t := range trees {
		for _, n := range t.Nodes {
			nodes[n.ID] = n
		}
	}
	return nodes
}

// understand answers typed text that no screen waited for. The places the
// words point to come as one to three buttons under "Did you mean:",
// each opening its screen as any button does (an urgent letter with its
// urgent line, "back" to the screen the person was on), and "start
// again". Words that point
// nowhere bring the home menu, with a line to tap a button (or to send a
// photo of the letter, where this server reads photos). The text is
// neither kept nor logged: only the screen is.
func (st *step) understand(text string) {
	type place struct {
		label  spreekuurbot.MsgID
		screen Screen
	}
	var places []place
	if u := st.engine.cfg.Understand; u != nil && st.session.Lang != "" {
		ds := destinations{house: st.engine.house, nodes: st.engine.nodes}
		for _, to := range u.Understand(st.session.Lang, text) {
			label, screen, ok := ds.resolve(to)
			if ok && st.mayOpen(screen) && len(places) < 3 {
				places = append(places, place{label, screen})
			}
		}
	}
	if len(places) == 0 {
		st.session.home()
		line := MsgFallbackText
		if st.engine.cfg.ReadsLetters {
			line = MsgFallbackTextPhoto
		}
		st.fallback(line)
		return
	}
	// The buttons are a new message, as a screen is: they get their own
	// sequence number, and the buttons above go stale; "start again" is
	// the way out when none of the places is meant.
	st.session.Seq++
	d := &drawing{st: st}
	var rows [][]Button
	for _, p := range places {
		rows = append(rows, []Button{d.open(spreekuurbot.Msg{ID: p.label}, p.screen)})
	}
	rows = append(rows, []Button{d.act(spreekuurbot.Msg{ID: MsgButtonHome}, actionHome, "")})
	st.extra = append(st.extra, Reply{Text: []spreekuurbot.Msg{{ID: MsgDidYouMean}}, Buttons: rows})
	st.noDraw = true
}
