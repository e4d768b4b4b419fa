package letters

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"spreekuurbot/internal/typo"
)

// Candidate is an answer node the text points to, with its score.
type Candidate struct {
	Node   string
	Score  float64
	Urgent bool
}

// Result is what a letter's text says about it.
type Result struct {
	// Node is the answer node of the letter tree that fits best, or ""
	// when the text says too little to name one.
	Node string
	// Confident reports that Node stands clearly above the next candidate,
	// so the answer can be given without asking. When it is false, ask
	// the tree's question and offer Candidates first.
	Confident bool
	// Confidence is between 0 and 1: how much Node stands out and how much
	// evidence there is for it.
	Confidence float64
	// Candidates are the nodes the text points to, most likely first; Node
	// is the first when it is set.
	Candidates []Candidate
	// Urgent is true when Node is an urgent answer or the text carries any
	// urgent sign: a letter with such a sign is never reported as not
	// urgent.
	Urgent bool
	// Signs are the urgent signs seen, in the data's order.
	Signs []Sign
	// Senders are the senders recognised, strongest first.
	Senders []string
	// Dates are the letter's date and its deadline.
	Dates
}

// Sign is an urgent sign seen in a letter: its name ("dwangbevel",
// "deurwaarder", "beslag", "ontruiming", "afsluiting", "dagvaarding") and
// the urgent answer node it points to, whose referral applies when Node
// itself is not urgent.
type Sign struct {
	Name string
	Node string
}

// token is a word of the text and the line it stands on.
type token struct {
	w    string
	line int
}

// scan is a normalised text, indexed for looking up phrases.
type scan struct {
	toks  []token
	at    map[string][]int // word → positions in toks
	lines [][]string
}

func newScan(text string) *scan {
	s := &scan{lines: normalise(text), at: map[string][]int{}}
	for i, l := range s.lines {
		for _, w := range l {
			s.at[w] = append(s.at[w], len(s.toks))
			s.toks = append(s.toks, token{w: w, line: i})
		}
	}
	return s
}

// hit says where a phrase was found: at all, on a title line, in the head.
type hit struct{ found, title, head bool }

// find looks for a phrase, each word matched by wordMatches, across line
// breaks.
func (s *scan) find(p []string, isTitle func(line int) bool, headLines int) hit {
	var h hit
	for w, positions := range s.at {
		if !wordMatches(w, p[0]) {
			continue
		}
	next:
		for _, i := range positions {
			if i+len(p) > len(s.toks) {
				continue
			}
			for j := 1; j < len(p); j++ {
				if !wordMatches(s.toks[i+j].w, p[j]) {
					continue next
				}
			}
			line := s.toks[i].line
			h.found = true
			h.title = h.title || isTitle(line)
			h.head = h.head || line < headLines
		}
	}
	return h
}

// wordMatches reports whether a word of the text stands for a word of the
// data: equal; or, for words of 5 letters and more, containing it (Dutch
// compounds: "betalingsherinnering" has "herinnering"); or, for 6 and
// more, one OCR slip away (two from 11 letters on). Short words such as
// "ww" or "aow" must be exact.
func wordMatches(w, k string) bool {
	if w == k {
		return true
	}
	n := utf8.RuneCountInString(k)
	if n < 5 {
		return false
	}
	if strings.Contains(w, k) {
		return true
	}
	if n < 6 {
		return false
	}
	tol := 1
	if n >= 11 {
		tol = 2
	}
	return typo.Distance([]rune(w), []rune(k), tol) <= tol
}

var titleLead = map[string]bool{"betreft": true, "onderwerp": true, "inzake": true}

// Recognise reads a letter's text (from OCR, a PDF or typed) and says
// which answer node fits, whether it is urgent, and its deadline. today
// dates a deadline given as "within 14 days" when the letter's own date
// cannot be read, and gives its time zone to the dates found.
func (r *Recogniser) Recognise(text string, today time.Time) Result {
	s := newScan(text)
	isTitle := func(line int) bool {
		l := s.lines[line]
		return len(l) <= r.titleWords || titleLead[l[0]]
	}
	var res Result
	res.Dates = FindDates(text, today)

	senderScore := make([]float64, len(r.senders))
	for i, sd := range r.senders {
		for _, name := range sd.names {
			h := s.find(name, isTitle, r.headLines)
			switch {
			case h.head:
				senderScore[i] = max(senderScore[i], sd.head)
			case h.found:
				senderScore[i] = max(senderScore[i], sd.body)
			}
		}
	}
	for _, i := range orderDesc(senderScore) {
		res.Senders = append(res.Senders, r.senders[i].id)
	}

	for _, sg := range r.signs {
		for _, w := range sg.words {
			if s.find(w, isTitle, r.headLines).found {
				res.Signs = append(res.Signs, Sign{Name: sg.name, Node: sg.node})
				break
			}
		}
	}

	for _, n := range r.nodes {
		var score float64
		for _, k := range n.keywords {
			h := s.find(k.words, isTitle, r.headLines)
			if !h.found {
				continue
			}
			if h.title {
				score += k.weight * r.titleBoost
			} else {
				score += k.weight
			}
		}
		if score == 0 {
			// A sender alone does not make a letter kind.
			continue
		}
		var from float64
		for _, i := range n.senders {
			from = max(from, senderScore[i])
		}
		res.Candidates = append(res.Candidates, Candidate{Node: n.id, Score: score + from, Urgent: n.urgent})
	}
	slices.SortStableFunc(res.Candidates, func(a, b Candidate) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if a.Urgent != b.Urgent {
			if a.Urgent {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Node, b.Node)
	})
	r.decide(&res)
	return res
}

// decide picks the node from the sorted candidates: on a doubt between a
// node and an urgent one, the urgent one wins.
func (r *Recogniser) decide(res *Result) {
	res.Urgent = len(res.Signs) > 0
	c := res.Candidates
	if len(c) == 0 || c[0].Score < r.minScore {
		return
	}
	if !c[0].Urgent {
		for i := 1; i < len(c) && c[i].Score >= c[0].Score*(1-r.margin); i++ {
			if c[i].Urgent {
				u := c[i]
				copy(c[1:i+1], c[:i])
				c[0] = u
				break
			}
		}
	}
	best := c[0].Score
	second := 0.0
	for _, o := range c[1:] {
		second = max(second, o.Score)
	}
	res.Node = c[0].Node
	res.Urgent = res.Urgent || c[0].Urgent
	res.Confident = best >= second*(1+r.margin)
	res.Confidence = best / (best + second) * min(1, best/(2*r.minScore))
}

// orderDesc returns the indexes of the positive values, largest first.
func orderDesc(v []float64) []int {
	var idx []int
	for i, x := range v {
		if x > 0 {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(v[b], v[a]) })
	return idx
}
