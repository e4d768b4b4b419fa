package letters

import (
	_ "embed"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/BurntSushi/toml"
)

//go:embed recognise.toml
var builtin []byte

// file is recognise.toml as written.
type file struct {
	Fallback   string            `toml:"fallback"`
	MinScore   float64           `toml:"min_score"`
	Margin     float64           `toml:"margin"`
	TitleBoost float64           `toml:"title_boost"`
	HeadLines  int               `toml:"head_lines"`
	TitleWords int               `toml:"title_words"`
	Sender     map[string]sender `toml:"sender"`
	Sign       []sign            `toml:"sign"`
	Node       map[string]node   `toml:"node"`
}

// sender is an organisation (or a kind of one) that a letter comes from.
type sender struct {
	Names []string `toml:"names"`
	// Head and Body are what a name found in the letterhead, or further
	// down, adds to the nodes of this sender.
	Head float64 `toml:"head"`
	Body float64 `toml:"body"`
}

// sign is an urgent sign: a letter that carries one is urgent, whatever
// node it matches best.
type sign struct {
	Name  string   `toml:"name"`
	Words []string `toml:"words"`
	Node  string   `toml:"node"`
}

// node is what points to one answer node of the letter tree.
type node struct {
	Urgent   bool               `toml:"urgent"`
	Senders  []string           `toml:"senders"`
	Keywords map[string]float64 `toml:"keywords"`
}

// Recogniser recognises letters with one set of recognition data. It is
// immutable once made and safe for concurrent use.
type Recogniser struct {
	fallback   string
	minScore   float64
	margin     float64
	titleBoost float64
	headLines  int
	titleWords int
	senders    []senderData
	signs      []signData
	nodes      []nodeData
}

type senderData struct {
	id         string
	names      [][]string
	head, body float64
}

type signData struct {
	name  string
	words [][]string
	node  string
}

type nodeData struct {
	id       string
	urgent   bool
	senders  []int // indexes into Recogniser.senders
	keywords []keyword
}

type keyword struct {
	words  []string
	weight float64
}

// New returns a Recogniser with the recognition data built into the
// binary.
func New() (*Recogniser, error) {
	r, err := Parse(builtin)
	if err != nil {
		return nil, fmt.Errorf("letters/recognise.toml: %w", err)
	}
	return r, nil
}

// Parse reads recognition data in the format of recognise.toml and checks
// that it is consistent in itself: senders named by nodes exist, signs
// point to urgent nodes, weights are positive. Whether its node IDs exist
// in the letter tree is for the caller (and a test) to check.
func Parse(data []byte) (*Recogniser, error) {
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		return nil, err
	}
	if u := md.Undecoded(); len(u) > 0 {
		return nil, fmt.Errorf("unknown key %s", u[0])
	}
	if f.MinScore <= 0 || f.Margin <= 0 || f.Margin >= 1 || f.TitleBoost < 1 || f.HeadLines <= 0 || f.TitleWords <= 0 {
		return nil, errors.New("min_score, margin (0..1), title_boost (≥ 1), head_lines and title_words must all be set")
	}
	r := &Recogniser{
		fallback:   f.Fallback,
		minScore:   f.MinScore,
		margin:     f.Margin,
		titleBoost: f.TitleBoost,
		headLines:  f.HeadLines,
		titleWords: f.TitleWords,
	}
	senderIndex := map[string]int{}
	for _, id := range slices.Sorted(maps.Keys(f.Sender)) {
		s := f.Sender[id]
		if len(s.Names) == 0 || s.Head <= 0 || s.Body < 0 {
			return nil, fmt.Errorf("sender %q: names and a positive head weight are needed", id)
		}
		sd := senderData{id: id, head: s.Head, body: s.Body}
		for _, n := range s.Names {
			p, err := phraseOf(n)
			if err != nil {
				return nil, fmt.Errorf("sender %q: %w", id, err)
			}
			sd.names = append(sd.names, p)
		}
		senderIndex[id] = len(r.senders)
		r.senders = append(r.senders, sd)
	}
	if _, ok := f.Node[f.Fallback]; ok || f.Fallback == "" {
		return nil, fmt.Errorf("fallback %q must be set and must not be recognised itself", f.Fallback)
	}
	nodeIndex := map[string]int{}
	for _, id := range slices.Sorted(maps.Keys(f.Node)) {
		n := f.Node[id]
		nd := nodeData{id: id, urgent: n.Urgent}
		for _, s := range n.Senders {
			i, ok := senderIndex[s]
			if !ok {
				return nil, fmt.Errorf("node %q: unknown sender %q", id, s)
			}
			nd.senders = append(nd.senders, i)
		}
		for _, k := range slices.Sorted(maps.Keys(n.Keywords)) {
			w := n.Keywords[k]
			p, err := phraseOf(k)
			if err != nil || w <= 0 {
				return nil, fmt.Errorf("node %q: keyword %q needs words and a positive weight", id, k)
			}
			nd.keywords = append(nd.keywords, keyword{words: p, weight: w})
		}
		if len(nd.keywords) == 0 {
			return nil, fmt.Errorf("node %q: no keywords", id)
		}
		nodeIndex[id] = len(r.nodes)
		r.nodes = append(r.nodes, nd)
	}
	for _, s := range f.Sign {
		i, ok := nodeIndex[s.Node]
		if !ok || !r.nodes[i].urgent {
			return nil, fmt.Errorf("sign %q: node %q is not an urgent node of the data", s.Name, s.Node)
		}
		sd := signData{name: s.Name, node: s.Node}
		for _, w := range s.Words {
			p, err := phraseOf(w)
			if err != nil {
				return nil, fmt.Errorf("sign %q: %w", s.Name, err)
			}
			sd.words = append(sd.words, p)
		}
		if s.Name == "" || len(sd.words) == 0 {
			return nil, fmt.Errorf("sign %q: a name and words are needed", s.Name)
		}
		r.signs = append(r.signs, sd)
	}
	return r, nil
}

func phraseOf(s string) ([]string, error) {
	p := phrase(s)
	if len(p) == 0 {
		return nil, fmt.Errorf("%q has no words", s)
	}
	return p, nil
}

// Nodes lists the answer nodes the data can recognise, sorted.
func (r *Recogniser) Nodes() []string {
	ids := make([]string, len(r.nodes))
	for i, n := range r.nodes {
		ids[i] = n.id
	}
	return ids
}

// Fallback is the answer node for a letter the data does not cover ("none
// of these"); Recognise never returns it, the caller may.
func (r *Recogniser) Fallback() string { return r.fallback }
