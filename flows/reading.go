package flows

import (
	"slices"
	"strings"

	"spreekuurbot"
)

// LetterReading is what the transport found when it read a letter from a
// photo or a PDF: the answer node, or the likely ones, and the letter's
// deadline. Never its text: the flows do not see it, the session does not
// keep it.
type LetterReading struct {
	Outcome ReadOutcome
	// Node is the letter tree's answer node (LetterRead).
	Node string
	// Candidates are the likely answer nodes, most likely first
	// (LetterUnsure).
	Candidates []string
	// Urgent names an urgent answer node whose sign the letter carries
	// (a dwangbevel, a bailiff, an eviction…) when Node itself is not
	// urgent: its referral then applies.
	Urgent string
	// Deadline is the date by which the letter asks something; zero when
	// it names none.
	Deadline spreekuurbot.Date
}

// ReadOutcome says how reading a letter went.
type ReadOutcome int

// How reading a letter can go.
const (
	LetterRead        ReadOutcome = iota + 1 // the answer node is known
	LetterUnsure                             // some answer nodes fit: ask
	LetterUnreadable                         // too little could be read
	LetterUnavailable                        // this server does not read photos
	LetterTooLarge                           // the file, or its pages, are over the limits
	LetterBusy                               // the person sent many letters in a short time
)

// Screens of a letter read from a photo.
const (
	// kindLetterRead is the answer of a letter read: "<node>", then
	// ".<yyyymmdd>" for its deadline and ".<r>" for an urgent sign's
	// referral (signCodes), each when there is one.
	kindLetterRead = "lr"
	// kindLetterGuess offers the likely answers: "<node>_<node>…", then
	// the deadline and the sign as above. It is never on a button, so it
	// may be longer than callback data allows.
	kindLetterGuess = "lrg"
)

// maxGuesses is how many likely answers a guess offers.
const maxGuesses = 3

// signCodes put an urgent sign's referral in one letter of a screen's
// argument.
var signCodes = map[Referral]string{ReferDebts: "d", ReferLegal: "l", ReferBenefits: "b", ReferWijkteam: "w"}

// reading answers a letter read from a photo or a PDF with the answer the
// tree gives for it, or asks the tree's question with the likely answers
// first.
func reading() flow {
	return flow{
		name: "reading",
		screens: []screen{
			{kind: kindLetterRead, valid: func(e *Engine, arg string) bool { _, ok := e.parseLetterArg(arg, false); return ok }, draw: drawLetterRead},
			{kind: kindLetterGuess, valid: func(e *Engine, arg string) bool { _, ok := e.parseLetterArg(arg, true); return ok }, draw: drawLetterGuess},
		},
		letter: (*step).letterRead,
	}
}

// letterFound is a screen's argument read back.
type letterFound struct {
	nodes    []string
	deadline spreekuurbot.Date
	sign     Referral
}

func (f letterFound) arg(nodes ...string) string {
	var b strings.Builder
	b.WriteString(strings.Join(nodes, "_"))
	if f.deadline != (spreekuurbot.Date{}) {
		b.WriteString("." + f.deadline.Compact())
	}
	if code, ok := signCodes[f.sign]; ok {
		b.WriteString("." + code)
	}
	return b.String()
}

// parseLetterArg reads a kindLetterRead (one node) or kindLetterGuess
// (several) argument; every node must be an answer of the letter tree.
func (e *Engine) parseLetterArg(arg string, several bool) (letterFound, bool) {
	parts := strings.Split(arg, ".")
	var f letterFound
	f.nodes = strings.Split(parts[0], "_")
	if len(f.nodes) > maxGuesses || (!several && len(f.nodes) != 1) {
		return f, false
	}
	for _, id := range f.nodes {
		if e.letterAnswer(id) == nil {
			return f, false
		}
	}
	for _, p := range parts[1:] {
		if d, ok := spreekuurbot.ParseCompactDate(p); ok && f.deadline == (spreekuurbot.Date{}) {
			f.deadline = d
			continue
		}
		sign, ok := referralOfCode(p)
		if !ok || f.sign != "" {
			return f, false
		}
		f.sign = sign
	}
	return f, true
}

func referralOfCode(code string) (Referral, bool) {
	for r, c := range signCodes {
		if c == code {
			return r, true
		}
	}
	return "", false
}

// letterAnswer returns the answer node of the letter tree with this ID, or
// nil. "None of these words" is an answer of the tree, not a kind of
// letter: reading never names it.
func (e *Engine) letterAnswer(id string) *Node {
	if _, ok := e.letterParent[id]; !ok || id == letterNoWord {
		return nil
	}
	return e.nodes[id]
}

// letterNoWord is the tree's answer for a letter whose top word is none
// of those offered.
const letterNoWord = "letter-w-none"

// letterRead takes a letter the transport read. The answer is the
// screen; what was read, and the first time that nothing of it is kept,
// come in a message after it.
func (st *step) letterRead(r LetterReading) {
	e := st.engine
	var said []spreekuurbot.Msg
	defer func() {
		if r.Outcome == LetterRead || r.Outcome == LetterUnsure || r.Outcome == LetterUnreadable {
			if !st.session.ReadLetters {
				said = append(said, spreekuurbot.Msg{ID: MsgLetterPhotoPrivacy})
				st.session.ReadLetters = true
			}
		}
		if len(said) > 0 {
			st.after = append(st.after, Reply{Text: said})
		}
	}()
	found := letterFound{deadline: r.Deadline}
	if n := e.letterAnswer(r.Urgent); n != nil {
		found.sign = n.Urgent
	}
	switch r.Outcome {
	case LetterRead:
		if n := e.letterAnswer(r.Node); n != nil {
			st.session.push(screenOf(kindLetterRead, found.arg(r.Node)))
			said = append(said, e.letterFoundMsg(n, r.Deadline))
			return
		}
	case LetterUnsure:
		var guesses []string
		// An urgent sign's own answer is among the guesses, first: on a
		// doubt, the urgent one wins.
		for _, id := range append([]string{r.Urgent}, r.Candidates...) {
			if e.letterAnswer(id) != nil && !slices.Contains(guesses, id) && len(guesses) < maxGuesses {
				guesses = append(guesses, id)
			}
		}
		if len(guesses) > 0 {
			st.session.push(screenOf(kindLetterGuess, found.arg(guesses...)))
			return
		}
	case LetterBusy:
		st.fallback(MsgLetterPhotoBusy)
		return
	case LetterUnavailable:
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgLetterPhotoUnavailable})
		st.askLetterTree()
		return
	case LetterTooLarge:
		st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgLetterPhotoTooLarge})
		st.askLetterTree()
		return
	}
	r.Outcome = LetterUnreadable
	st.lead = append(st.lead, spreekuurbot.Msg{ID: MsgLetterPhotoUnreadable})
	st.askLetterTree()
}

// askLetterTree opens the letter tree's first question, when reading gave
// no answer.
func (st *step) askLetterTree() {
	if st.engine.nodes[rootLetter] != nil {
		st.session.push(screenOf(kindNode, rootLetter))
	}
}

// drawLetterRead is the tree's answer for the letter, with its deadline's
// reminder one tap away. A deadline within days, or past, makes the
// answer urgent. What was read comes in a message of its own (letterRead),
// so that the answer stays one phone screen.
func drawLetterRead(d *drawing, arg string) {
	e := d.engine()
	f, _ := e.parseLetterArg(arg, false)
	n := e.nodes[f.nodes[0]]
	today := spreekuurbot.DateOf(d.st.now)
	urgent := f.sign
	if f.deadline != (spreekuurbot.Date{}) && f.deadline.DaysAfter(today) <= remindBefore && urgent == "" {
		urgent = ReferWijkteam
	}
	var remind []Button
	if f.deadline != (spreekuurbot.Date{}) && remindable(today, f.deadline) {
		remind = append(remind, d.act(spreekuurbot.Msg{ID: MsgLetterPhotoRemind, Args: map[string]any{"Date": DateMsg(f.deadline)}},
			actionRemind, n.ID+"."+f.deadline.Compact()))
	}
	drawAnswer(d, n, answerExtras{urgent: urgent, buttons: remind})
}

// letterFoundMsg says what kind of letter it is, by the label that leads
// to its answer in the tree, and the date printed in it. Not the sender:
// one answer serves letters of several senders (a CJIB dwangbevel gets
// the Belastingdienst's).
func (e *Engine) letterFoundMsg(n *Node, deadline spreekuurbot.Date) spreekuurbot.Msg {
	kind := spreekuurbot.Msg{ID: n.label}
	if deadline == (spreekuurbot.Date{}) {
		return spreekuurbot.Msg{ID: MsgLetterPhotoFound, Args: map[string]any{"Kind": kind}}
	}
	return spreekuurbot.Msg{ID: MsgLetterPhotoFoundDate, Args: map[string]any{"Kind": kind, "Date": ShortDateMsg(deadline)}}
}

// letterByWord is the question that finds a letter by the word at its top
// ("I do not know who sent it"): its label names no sender.
const letterByWord = "letter-word"

// drawLetterGuess offers the likely answers, the urgent one first, and
// the tree's own question for a letter that is none of them.
func drawLetterGuess(d *drawing, arg string) {
	e := d.engine()
	f, _ := e.parseLetterArg(arg, true)
	d.say(spreekuurbot.Msg{ID: MsgLetterPhotoUnsure})
	for _, id := range f.nodes {
		n := e.nodes[id]
		one := f
		one.nodes = nil
		d.row(d.open(e.letterFoundLabel(n), screenOf(kindLetterRead, one.arg(id))))
	}
	d.row(d.open(spreekuurbot.Msg{ID: MsgLetterPhotoNoneOfThese}, screenOf(kindNode, rootLetter)))
}

// letterFoundLabel names an answer on a button: sender and kind.
func (e *Engine) letterFoundLabel(n *Node) spreekuurbot.Msg {
	if q := e.letterParent[n.ID]; q != nil && q.label != "" && q.ID != letterByWord {
		return spreekuurbot.Msg{ID: MsgLetterPhotoGuess, Args: map[string]any{"Sender": spreekuurbot.Msg{ID: q.label}, "Kind": spreekuurbot.Msg{ID: n.label}}}
	}
	return spreekuurbot.Msg{ID: n.label}
}
