package flows

import (
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/BurntSushi/toml"

	"spreekuurbot"
)

//go:embed content/*.toml
var content embed.FS

//go:embed content/lines/gemeente.toml
var gemeenteLine []byte

// BuiltinTrees loads the information trees built into the binary.
func BuiltinTrees() ([]*Tree, error) {
	sub, err := fs.Sub(content, "content")
	if err != nil {
		return nil, err
	}
	return LoadTrees(sub, "flows/content")
}

// phoneLine is a phone line the advice names only while it is open.
type phoneLine struct {
	Number string   `toml:"number"`
	Days   []string `toml:"days"`
	From   string   `toml:"from"`
	To     string   `toml:"to"`
	Source string   `toml:"source"`

	days     map[time.Weekday]bool
	from, to spreekuurbot.ClockTime
}

// loadPhoneLine reads and checks a phone line's data.
func loadPhoneLine(name string, data []byte) (phoneLine, error) {
	var l phoneLine
	if _, err := toml.Decode(string(data), &l); err != nil {
		return l, fmt.Errorf("%s: %w", name, err)
	}
	var err error
	if l.from, err = spreekuurbot.ParseClockTime(l.From); err == nil {
		l.to, err = spreekuurbot.ParseClockTime(l.To)
	}
	if err != nil || l.Number == "" || l.Source == "" || l.to <= l.from {
		return l, fmt.Errorf("%s: want a number, a source and opening hours from < to (%v)", name, err)
	}
	l.days = map[time.Weekday]bool{}
	for _, d := range l.Days {
		day, ok := spreekuurbot.ParseWeekday(d)
		if !ok {
			return l, fmt.Errorf("%s: %q is not monday … sunday", name, d)
		}
		l.days[day] = true
	}
	return l, nil
}

// open reports whether the line answers at now: on its days, within its
// hours, not on a public holiday.
func (l phoneLine) open(now time.Time) bool {
	day := spreekuurbot.DateOf(now)
	if _, holiday := spreekuurbot.Holiday(day); holiday || !l.days[now.Weekday()] {
		return false
	}
	at := spreekuurbot.ClockTime(now.Hour()*60 + now.Minute())
	return l.from <= at && at < l.to
}
