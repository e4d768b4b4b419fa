package flows

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"spreekuurbot"
)

// Referral says where an urgent letter should go besides the spreekuur.
type Referral string

// The referrals an urgent node can name.
const (
	ReferDebts    Referral = "debts"    // Plangroep: schuldhulpverlening
	ReferLegal    Referral = "legal"    // Stichting Wetswinkel
	ReferBenefits Referral = "benefits" // Sociaal Raadslieden
	ReferWijkteam Referral = "wijkteam"
)

// Tree is an information flow as data: questions whose options lead to
// other nodes, down to answers. Its texts are message IDs.
type Tree struct {
	ID    string
	Root  string
	Nodes []*Node
	file  string
}

// Node is one screen of a tree: a question with options, or an answer.
type Node struct {
	ID      string               `toml:"id"`
	Text    []spreekuurbot.MsgID `toml:"text"`
	Options []Option             `toml:"options"`
	// More are the parts of an answer a reader may want after what to do,
	// each behind its own button on its own screen: what the letter is,
	// what to bring. One message stays one phone screen.
	More []More `toml:"more"`
	// Urgent marks an answer that calls for help today.
	Urgent Referral `toml:"urgent"`
	// Remind offers a reminder of the letter's deadline.
	Remind bool `toml:"remind"`
	// Source is where an answer's facts come from, with the date they were
	// checked.
	Source string `toml:"source"`

	// label is the option label that leads here, naming the letter in a
	// reminder.
	label spreekuurbot.MsgID
	line  int
}

// Option is a button of a question node.
type Option struct {
	Label spreekuurbot.MsgID `toml:"label"`
	To    string             `toml:"to"`
}

// More is a part of an answer behind a button: Label on the button, Text
// on the screen it opens.
type More struct {
	Label spreekuurbot.MsgID   `toml:"label"`
	Text  []spreekuurbot.MsgID `toml:"text"`
}

// IsAnswer reports whether the node ends the flow.
func (n *Node) IsAnswer() bool { return len(n.Options) == 0 }

type treeFile struct {
	Tree string  `toml:"tree"`
	Root string  `toml:"root"`
	Node []*Node `toml:"node"`
}

// maxMore is the most parts an answer keeps behind buttons: each is a
// digit in its screen's name.
const maxMore = 9

var nodeID = regexp.MustCompile(`^[a-z0-9-]{1,24}$`)

// LoadTrees reads every *.toml tree in fsys and checks each: ids well
// formed and unique, every node reachable from the root, no dead end, every
// answer with a source. dir names the files in errors.
func LoadTrees(fsys fs.FS, dir string) ([]*Tree, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, fmt.Errorf("list trees: %w", err)
	}
	var trees []*Tree
	seen := map[string]string{}
	for _, name := range names {
		where := path.Join(dir, name)
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", where, err)
		}
		t, err := parseTree(where, string(data))
		if err != nil {
			return nil, err
		}
		for _, n := range t.Nodes {
			if other, dup := seen[n.ID]; dup {
				return nil, fmt.Errorf("%s:%d: node %q is also in %s", where, n.line, n.ID, other)
			}
			seen[n.ID] = where
		}
		trees = append(trees, t)
	}
	return trees, nil
}

func parseTree(where, data string) (*Tree, error) {
	var tf treeFile
	md, err := toml.Decode(data, &tf)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", where, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		return nil, fmt.Errorf("%s: unknown key %q", where, undecoded[0].String())
	}
	t := &Tree{ID: tf.Tree, Root: tf.Root, Nodes: tf.Node, file: where}
	lines := nodeLines(data)
	byID := map[string]*Node{}
	for i, n := range t.Nodes {
		if i < len(lines) {
			n.line = lines[i]
		}
		if !nodeID.MatchString(n.ID) {
			return nil, fmt.Errorf("%s:%d: node id %q must be 1 to 24 characters a-z, 0-9 or '-'", where, n.line, n.ID)
		}
		if byID[n.ID] != nil {
			return nil, fmt.Errorf("%s:%d: node %q is defined twice", where, n.line, n.ID)
		}
		byID[n.ID] = n
	}
	if byID[t.Root] == nil {
		return nil, fmt.Errorf("%s: root %q is not a node", where, t.Root)
	}
	for _, n := range t.Nodes {
		if len(n.Text) == 0 {
			return nil, fmt.Errorf("%s:%d: node %q has no text", where, n.line, n.ID)
		}
		if n.IsAnswer() && !strings.Contains(n.Source, "checked") {
			return nil, fmt.Errorf("%s:%d: answer %q needs a source with its checked date", where, n.line, n.ID)
		}
		if !n.IsAnswer() && len(n.More) > 0 {
			return nil, fmt.Errorf("%s:%d: node %q: only an answer has more", where, n.line, n.ID)
		}
		for _, m := range n.More {
			if m.Label == "" || len(m.Text) == 0 {
				return nil, fmt.Errorf("%s:%d: node %q: each more needs a label and a text", where, n.line, n.ID)
			}
		}
		if len(n.More) > maxMore {
			return nil, fmt.Errorf("%s:%d: node %q has %d more; give at most %d", where, n.line, n.ID, len(n.More), maxMore)
		}
		if len(n.Options) == 1 || len(n.Options) > 12 {
			return nil, fmt.Errorf("%s:%d: node %q has %d options; give 2 to 12, or none for an answer", where, n.line, n.ID, len(n.Options))
		}
		switch n.Urgent {
		case "", ReferDebts, ReferLegal, ReferBenefits, ReferWijkteam:
		default:
			return nil, fmt.Errorf("%s:%d: node %q: urgent %q is not debts, legal, benefits or wijkteam", where, n.line, n.ID, n.Urgent)
		}
		for _, o := range n.Options {
			to := byID[o.To]
			if to == nil {
				return nil, fmt.Errorf("%s:%d: node %q: option %q leads to %q, which is not a node (a dead end)", where, n.line, n.ID, o.Label, o.To)
			}
			if to.label == "" {
				to.label = o.Label
			}
		}
	}
	// Every node must be reachable from the root.
	reached := map[string]bool{t.Root: true}
	queue := []string{t.Root}
	for len(queue) > 0 {
		n := byID[queue[0]]
		queue = queue[1:]
		for _, o := range n.Options {
			if !reached[o.To] {
				reached[o.To] = true
				queue = append(queue, o.To)
			}
		}
	}
	for _, n := range t.Nodes {
		if !reached[n.ID] {
			return nil, fmt.Errorf("%s:%d: node %q cannot be reached from the root %q", where, n.line, n.ID, t.Root)
		}
	}
	return t, nil
}

func nodeLines(data string) []int {
	var lines []int
	for i, l := range strings.Split(data, "\n") {
		if strings.TrimSpace(l) == "[[node]]" {
			lines = append(lines, i+1)
		}
	}
	return lines
}

// Ancestors lists, per node of the trees, every node above it on some way
// from its root: letter-bd-dwangbevel is under letter-bd, letter-word and
// letter. A node named together with one above it is the more specific
// of the two (package intent puts it first).
func Ancestors(trees []*Tree) map[string][]string {
	parents := map[string][]string{}
	for _, t := range trees {
		for _, n := range t.Nodes {
			for _, o := range n.Options {
				parents[o.To] = addString(parents[o.To], n.ID)
			}
		}
	}
	out := map[string][]string{}
	for id := range parents {
		seen := map[string]bool{id: true}
		queue := parents[id]
		for len(queue) > 0 {
			p := queue[0]
			queue = queue[1:]
			if seen[p] {
				continue
			}
			seen[p] = true
			out[id] = append(out[id], p)
			queue = append(queue, parents[p]...)
		}
		sort.Strings(out[id])
	}
	return out
}

// TreeMessages lists every message ID the trees show, sorted.
func TreeMessages(trees []*Tree) []spreekuurbot.MsgID {
	set := map[spreekuurbot.MsgID]bool{}
	for _, t := range trees {
		for _, n := range t.Nodes {
			for _, id := range n.Text {
				set[id] = true
			}
			for _, o := range n.Options {
				set[o.Label] = true
			}
			for _, m := range n.More {
				set[m.Label] = true
				for _, id := range m.Text {
					set[id] = true
				}
			}
		}
	}
	out := make([]spreekuurbot.MsgID, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
