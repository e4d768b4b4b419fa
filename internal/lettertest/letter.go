// Package lettertest makes the synthetic test set of Dutch letters that
// measures reading a letter from a photo: letters written for this
// project, of many kinds, each with a fake resident, a fake BSN, amounts
// and its deadline phrased one of the letters' ways, rendered to a clean
// page, to a phone-like photo and to PDF. Each letter carries what
// recognising it should give. Everything is made from a seed, so the set
// need not be committed.
package lettertest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Letter is one synthetic letter and what recognising it should give.
type Letter struct {
	// Name is unique in the set and safe as a file name.
	Name string
	// Kind is the template's name, e.g. "bd-dwangbevel".
	Kind string
	// Node is the letter tree's answer node it should lead to.
	Node string
	// Urgent is whether that node is urgent.
	Urgent bool
	// Dated is the letter's date; Deadline the earliest date it asks
	// something by (zero when it asks nothing by a date).
	Dated, Deadline time.Time
	// Resident and BSN are the fake person's name and citizen number on
	// the letter, unique in the set.
	Resident, BSN string
	// Lines are the letter as laid out on the page.
	Lines []Line
}

// Line is a line or paragraph of a letter's page.
type Line struct {
	Text  string
	Style Style
	// Gap is the empty space before the line, in lines.
	Gap float64
}

// Style is how a line is set.
type Style int

// The styles of a letter's lines.
const (
	Body Style = iota
	Bold
	Heading // the sender's name at the top
	Title   // the letter's subject, set large
)

// Text is the letter as a perfect reader would read it, line by line.
func (l Letter) Text() string {
	var b strings.Builder
	for _, ln := range l.Lines {
		b.WriteString(ln.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

var monthNames = []string{"", "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
var weekdays = []string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
var numberNames = map[int]string{2: "twee", 3: "drie", 4: "vier", 6: "zes", 7: "zeven", 8: "acht"}

func longDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), monthNames[t.Month()], t.Year())
}

// phrasings are the ways letters put a deadline; due is days after the
// letter's date. ok is false when the phrasing cannot say that many days.
var phrasings = []func(deadline time.Time, due int) (string, bool){
	func(d time.Time, _ int) (string, bool) { return "vóór " + longDate(d), true },
	func(d time.Time, _ int) (string, bool) { return "voor " + longDate(d), true },
	func(d time.Time, _ int) (string, bool) { return "uiterlijk " + d.Format("02-01-2006"), true },
	func(d time.Time, _ int) (string, bool) {
		return fmt.Sprintf("uiterlijk op %s %d %s", weekdays[d.Weekday()], d.Day(), monthNames[d.Month()]), true
	},
	func(_ time.Time, due int) (string, bool) {
		return fmt.Sprintf("binnen %d dagen na de dagtekening van deze brief", due), true
	},
	func(_ time.Time, due int) (string, bool) {
		n, ok := numberNames[due/7]
		return "binnen " + n + " weken", ok && due%7 == 0
	},
	func(_ time.Time, due int) (string, bool) {
		return fmt.Sprintf("binnen %d weken na de datum van deze brief", due/7), due%7 == 0 && due >= 14
	},
	func(_ time.Time, due int) (string, bool) {
		n, ok := numberNames[due]
		return "binnen " + n + " dagen", ok
	},
}

const bezwaar = "Bent u het niet eens met deze beslissing? Dan kunt u binnen 6 weken na de datum van deze brief bezwaar maken. Schrijf in uw bezwaar waarom u het er niet mee eens bent."

var (
	firstNames = []string{"Fatma", "Yusuf", "Olena", "Mariam", "Abdi", "Kasia", "Tesfay", "Hamza", "Ayse", "Dmytro", "Sahra", "Piotr", "Noor", "Senait", "Mehmet", "Amina"}
	lastNames  = []string{"Yilmaz", "Kowalczyk", "Haile", "Bakker", "Warsame", "Shevchenko", "El Amrani", "Nowak", "Tesfamariam", "Demir", "Hassan", "de Vries", "Mulder", "Osman", "Kaya", "Bondarenko"}
	streets    = []string{"Zonnebloemstraat", "Boeierstraat", "Rentmeesterstraat", "Operetteweg", "Kruidenweg", "Muziekwijk-Noordlaan", "Tarwestraat", "Vrijheidweg"}
)

// Set makes the test set: n letters from the seed, the kinds taken in
// turn so every kind is in it when n is at least the number of kinds.
func Set(seed uint64, n int) []Letter {
	out := make([]Letter, n)
	for i := range n {
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		out[i] = make1(i, kinds[i%len(kinds)], rng)
	}
	return out
}

// Kinds is the number of kinds of letter the set draws from.
func Kinds() int { return len(kinds) }

func make1(i int, k kind, rng *rand.Rand) Letter {
	dated := time.Date(2026, time.September, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(240))
	l := Letter{
		Name:   fmt.Sprintf("%02d-%s", i, k.name),
		Kind:   k.name,
		Node:   k.node,
		Urgent: k.urgent,
		Dated:  dated,
		BSN:    fakeBSN(rng),
	}
	first := firstNames[i%len(firstNames)]
	last := lastNames[(i/len(firstNames)*5+i)%len(lastNames)]
	l.Resident = first + " " + last

	var deadlines []time.Time
	deadline := ""
	if len(k.due) > 0 {
		due := k.due[rng.IntN(len(k.due))]
		d := dated.AddDate(0, 0, due)
		allowed := k.phrases
		if allowed == nil {
			allowed = []int{0, 1, 2, 3, 4, 5, 6}
		}
		for {
			var ok bool
			if deadline, ok = phrasings[allowed[rng.IntN(len(allowed))]](d, due); ok {
				break
			}
		}
		deadlines = append(deadlines, d)
	}
	event := ""
	if k.event != "" {
		d := dated.AddDate(0, 0, 21+rng.IntN(15))
		for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			d = d.AddDate(0, 0, 1)
		}
		event = strings.ReplaceAll(k.event, "{DATUM2}", weekdays[d.Weekday()]+" "+longDate(d))
		deadlines = append(deadlines, d)
	}
	fill := strings.NewReplacer(
		"{DEADLINE}", deadline,
		"{BEDRAG}", fmt.Sprintf("€ %d,%02d", 40+rng.IntN(2400), rng.IntN(100)),
		"{JAAR}", fmt.Sprint(dated.Year()-1),
		"{JAAR1}", fmt.Sprint(dated.Year()+1),
		"{KENMERK}", fmt.Sprintf("%04d.%02d.%06d", 1000+rng.IntN(9000), rng.IntN(100), rng.IntN(1000000)),
	)

	// The letterhead, then the resident's address.
	l.Lines = append(l.Lines, Line{Text: k.sender.name, Style: Heading})
	for _, s := range k.sender.lines {
		l.Lines = append(l.Lines, Line{Text: s})
	}
	mrs := i%2 == 0
	salutation := "Mevrouw"
	if !mrs {
		salutation = "De heer"
	}
	l.Lines = append(l.Lines,
		Line{Text: salutation + " " + first[:1] + ". " + last, Gap: 2.5},
		Line{Text: fmt.Sprintf("%s %d", streets[rng.IntN(len(streets))], 1+rng.IntN(180))},
		Line{Text: fmt.Sprintf("13%02d %c%c Almere", 10+rng.IntN(80), 'A'+rng.IntN(20), 'B'+rng.IntN(20))},
	)

	// The letter's date, its references and its subject.
	title := fill.Replace(k.title)
	var meta []Line
	placeDated := false
	switch rng.IntN(4) {
	case 0:
		meta = append(meta, Line{Text: "Dagtekening: " + longDate(dated)})
	case 1:
		meta = append(meta, Line{Text: "Datum: " + dated.Format("02-01-2006")})
	case 2:
		placeDated = true
	default:
		meta = append(meta, Line{Text: "Datum " + longDate(dated)})
	}
	meta = append(meta,
		Line{Text: "Ons kenmerk: " + fill.Replace("{KENMERK}")},
		Line{Text: "Burgerservicenummer: " + l.BSN},
	)
	titleLine := Line{Text: title, Style: Title, Gap: 1}
	if rng.IntN(2) == 0 {
		meta = append(meta, Line{Text: "Betreft: " + title})
		titleLine = Line{}
	}
	meta[0].Gap = 2
	l.Lines = append(l.Lines, meta...)
	if placeDated {
		l.Lines = append(l.Lines, Line{Text: "Almere, " + longDate(dated), Gap: 1})
	}
	if titleLine.Text != "" {
		l.Lines = append(l.Lines, titleLine)
	}
	name := "mevrouw " + last
	if !mrs {
		name = "heer " + last
	}
	l.Lines = append(l.Lines, Line{Text: "Geachte " + name + ",", Gap: 1})
	for _, p := range k.body {
		text := fill.Replace(p)
		if p == "BEZWAAR" {
			text = bezwaar
			deadlines = append(deadlines, dated.AddDate(0, 0, 42))
		}
		l.Lines = append(l.Lines, Line{Text: text, Gap: 0.6})
	}
	if event != "" {
		l.Lines = append(l.Lines, Line{Text: event, Gap: 0.6})
	}
	l.Lines = append(l.Lines,
		Line{Text: "Met vriendelijke groet,", Gap: 1},
		Line{Text: k.sender.name, Gap: 1.5},
	)
	for _, d := range deadlines {
		if l.Deadline.IsZero() || d.Before(l.Deadline) {
			l.Deadline = d
		}
	}
	return l
}

// fakeBSN makes a number that passes the BSN eleven-test, so a search for
// personal data would take it for a real one.
func fakeBSN(rng *rand.Rand) string {
	for {
		d := make([]int, 9)
		for i := range 8 {
			d[i] = rng.IntN(10)
		}
		d[0] = max(d[0], 1)
		sum := 0
		for i := range 8 {
			sum += (9 - i) * d[i]
		}
		if last := sum % 11; last < 10 {
			d[8] = last
			var b strings.Builder
			for _, x := range d {
				b.WriteByte(byte('0' + x))
			}
			return b.String()
		}
	}
}
