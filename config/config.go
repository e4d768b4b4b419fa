// Package config reads the TOML configuration: the spreekuur locations with
// their times and slot rules, and the coordinators. Errors name the file and
// line, so whoever edits the file can find the mistake.
package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"spreekuurbot"
)

// Zone is the name of the time zone of all times in the file.
const Zone = "Europe/Amsterdam"

// Config is the checked configuration.
type Config struct {
	// Path is the file it came from.
	Path         string
	Coordinators []int64
	// ConfirmWithin is how long volunteers have to take an appointment
	// before the coordinators are told; default 24 hours.
	ConfirmWithin time.Duration
	Locations     []spreekuurbot.Location
	Zone          *time.Location
}

// Stadsdelen are Almere's districts; every location lies in one.
var Stadsdelen = []string{"Haven", "Stad", "Buiten", "Hout", "Poort", "Pampus"}

type fileConfig struct {
	Coordinators []int64 `toml:"coordinators"`
	// ConfirmWithinHours: a coordinator is told when no volunteer has
	// taken an appointment this long after it was made.
	ConfirmWithinHours int            `toml:"confirm_within_hours"`
	Locations          []fileLocation `toml:"locations"`
}

type fileLocation struct {
	ID        string        `toml:"id"`
	Name      string        `toml:"name"`
	Stadsdeel string        `toml:"stadsdeel"`
	Wijk      string        `toml:"wijk"`
	Address   string        `toml:"address"`
	Lat       float64       `toml:"lat"`
	Lon       float64       `toml:"lon"`
	Source    string        `toml:"source"`
	Verified  bool          `toml:"verified"`
	Note      string        `toml:"note"`
	WalkIn    []fileHours   `toml:"walk_in"`
	Slots     []fileSlots   `toml:"slots"`
	Closures  []fileClosure `toml:"closures"`
	Arrival   *fileArrival  `toml:"arrival"`
}

// fileArrival is what a resident needs to know before coming.
type fileArrival struct {
	StepFree  bool     `toml:"step_free"`
	Floor     int      `toml:"floor"`
	Lift      bool     `toml:"lift"`
	Entrance  string   `toml:"entrance"`
	Languages string   `toml:"languages"`
	Spoken    []string `toml:"spoken"`
	Bring     []string `toml:"bring"`
}

type fileHours struct {
	Day  string `toml:"day"`
	From string `toml:"from"`
	To   string `toml:"to"`
}

type fileSlots struct {
	fileHours
	Minutes  int    `toml:"minutes"`
	Capacity int    `toml:"capacity"`
	Weeks    string `toml:"weeks"`
}

type fileClosure struct {
	From   time.Time `toml:"from"`
	To     time.Time `toml:"to"`
	Reason string    `toml:"reason"`
}

// Load reads and checks the file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse checks data as if read from path.
func Parse(path string, data []byte) (*Config, error) {
	var fc fileConfig
	md, err := toml.Decode(string(data), &fc)
	if err != nil {
		// For a value of the wrong type BurntSushi/toml names the line of
		// the last key of that name in the file: the file is read again
		// without Go types to find the value itself.
		var doc map[string]any
		if toml.Unmarshal(data, &doc) == nil {
			if key, want := wrongType(reflect.TypeOf(fc), doc, ""); key != "" {
				name := strings.TrimRight(key, "0123456789.") // "coordinators" for "coordinators.1"
				return nil, fmt.Errorf("%s:%d: %s must be %s", path, keyLines(data).of(key), name[strings.LastIndexByte(name, '.')+1:], want)
			}
		}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d: %s", path, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		key := undecoded[0].String()
		return nil, fmt.Errorf("%s:%d: unknown key %q", path, keyLine(data, undecoded[0][len(undecoded[0])-1]), key)
	}
	zone, err := time.LoadLocation(Zone)
	if err != nil {
		return nil, fmt.Errorf("load time zone: %w", err)
	}
	cfg := &Config{Path: path, Coordinators: fc.Coordinators, Zone: zone, ConfirmWithin: 24 * time.Hour}
	if fc.ConfirmWithinHours < 0 || fc.ConfirmWithinHours > 24*14 {
		return nil, fmt.Errorf("%s:%d: confirm_within_hours %d must be between 1 and 336", path, keyLine(data, "confirm_within_hours"), fc.ConfirmWithinHours)
	}
	if fc.ConfirmWithinHours > 0 {
		cfg.ConfirmWithin = time.Duration(fc.ConfirmWithinHours) * time.Hour
	}
	lines := keyLines(data)
	seen := map[string]bool{}
	for i, fl := range fc.Locations {
		key := "locations." + strconv.Itoa(i)
		loc, err := fl.check()
		if err != nil {
			var v *badValue
			if errors.As(err, &v) {
				key += "." + v.key
			}
			return nil, fmt.Errorf("%s:%d: location %q: %w", path, lines.of(key), fl.ID, err)
		}
		if seen[loc.ID] {
			return nil, fmt.Errorf("%s:%d: location id %q is used twice", path, lines.of(key+".id"), loc.ID)
		}
		seen[loc.ID] = true
		cfg.Locations = append(cfg.Locations, loc)
	}
	for _, id := range fc.Coordinators {
		if id <= 0 {
			return nil, fmt.Errorf("%s:%d: coordinator %d is not a Telegram user ID", path, keyLine(data, "coordinators"), id)
		}
	}
	return cfg, nil
}

// Role gives the role the configuration grants: coordinators are listed;
// everyone else is a resident here (volunteers are kept in the store).
func (c *Config) Role(userID int64) spreekuurbot.Role {
	for _, id := range c.Coordinators {
		if id == userID {
			return spreekuurbot.Coordinator
		}
	}
	return spreekuurbot.Resident
}

var locationID = regexp.MustCompile(`^[a-z0-9-]{1,16}$`)

// badValue is an error in the value of key, a path from the location's
// table down ("walk_in.1.from"), so that the error can name its line.
type badValue struct {
	key string
	err error
}

func (e *badValue) Error() string { return e.err.Error() }
func (e *badValue) Unwrap() error { return e.err }

func bad(key string, err error) error { return &badValue{key: key, err: err} }

func (fl fileLocation) check() (spreekuurbot.Location, error) {
	loc := spreekuurbot.Location{
		ID: fl.ID, Name: strings.TrimSpace(fl.Name), Stadsdeel: fl.Stadsdeel, Wijk: fl.Wijk,
		Address: strings.TrimSpace(fl.Address), Lat: fl.Lat, Lon: fl.Lon,
		Verified: fl.Verified, Source: fl.Source, Note: fl.Note,
	}
	switch {
	case !locationID.MatchString(fl.ID):
		return loc, bad("id", errors.New("id must be 1 to 16 characters a-z, 0-9 or '-'"))
	case loc.Name == "":
		return loc, bad("name", errors.New("name is empty"))
	case loc.Address == "":
		return loc, bad("address", errors.New("address is empty"))
	case !oneOf(fl.Stadsdeel, Stadsdelen):
		return loc, bad("stadsdeel", fmt.Errorf("stadsdeel %q is not one of %s", fl.Stadsdeel, strings.Join(Stadsdelen, ", ")))
	case fl.Lat < 52.2 || fl.Lat > 52.6 || fl.Lon < 5.0 || fl.Lon > 5.5:
		// A box around Almere: a swapped lat/lon or a typo shows here
		// rather than as a pin in the sea.
		key := "lat"
		if fl.Lat >= 52.2 && fl.Lat <= 52.6 {
			key = "lon"
		}
		return loc, bad(key, fmt.Errorf("coordinates %.5f, %.5f are not in Almere", fl.Lat, fl.Lon))
	case len(fl.WalkIn) == 0 && len(fl.Slots) == 0:
		return loc, errors.New("has neither walk_in times nor slots")
	}
	for i, h := range fl.WalkIn {
		hours, err := h.check("walk_in." + strconv.Itoa(i))
		if err != nil {
			return loc, fmt.Errorf("walk_in: %w", err)
		}
		loc.WalkIn = append(loc.WalkIn, hours)
	}
	for i, s := range fl.Slots {
		key := "slots." + strconv.Itoa(i)
		hours, err := s.check(key)
		if err != nil {
			return loc, fmt.Errorf("slots: %w", err)
		}
		rule := spreekuurbot.SlotRule{Hours: hours, Minutes: s.Minutes, Capacity: s.Capacity, Weeks: spreekuurbot.Weeks(s.Weeks)}
		if rule.Weeks == "" {
			rule.Weeks = spreekuurbot.AllWeeks
		}
		switch {
		case s.Minutes < 5 || s.Minutes > 240:
			return loc, bad(key+".minutes", fmt.Errorf("slots: minutes %d must be between 5 and 240", s.Minutes))
		case int(hours.To-hours.From) < s.Minutes:
			return loc, bad(key+".minutes", fmt.Errorf("slots: %s–%s is shorter than one slot of %d minutes", hours.From, hours.To, s.Minutes))
		case s.Capacity < 1 || s.Capacity > 20:
			return loc, bad(key+".capacity", fmt.Errorf("slots: capacity %d must be between 1 and 20", s.Capacity))
		case !oneOf(string(rule.Weeks), []string{"all", "even", "odd"}):
			return loc, bad(key+".weeks", fmt.Errorf("slots: weeks %q must be all, even or odd", s.Weeks))
		}
		loc.Slots = append(loc.Slots, rule)
	}
	for i, c := range fl.Closures {
		key := "closures." + strconv.Itoa(i)
		cl := spreekuurbot.Closure{From: date(c.From), To: date(c.To), Reason: c.Reason}
		if cl.To.Before(cl.From) {
			return loc, bad(key+".to", fmt.Errorf("closure %s to %s ends before it starts", cl.From, cl.To))
		}
		if cl.From.Year == 0 {
			return loc, bad(key, errors.New("closure has no from date"))
		}
		loc.Closures = append(loc.Closures, cl)
	}
	if fl.Arrival != nil {
		a, err := fl.Arrival.check()
		if err != nil {
			return loc, err
		}
		loc.Arrival = a
	}
	return loc, nil
}

// check reads what a resident needs to know before coming; the errors
// name the key under "arrival".
func (fa fileArrival) check() (*spreekuurbot.Arrival, error) {
	a := &spreekuurbot.Arrival{StepFree: fa.StepFree, Floor: fa.Floor, Lift: fa.Lift, Entrance: fa.Entrance, Languages: fa.Languages}
	entrances := []string{spreekuurbot.EntranceMain, spreekuurbot.EntranceSide, spreekuurbot.EntranceBack}
	helps := []string{spreekuurbot.HelpNone, spreekuurbot.HelpVolunteer, spreekuurbot.HelpInterpreter}
	switch {
	case fa.Floor < 0 || fa.Floor > 20:
		return nil, bad("arrival.floor", fmt.Errorf("arrival: floor %d must be 0 (the ground floor) to 20", fa.Floor))
	case fa.StepFree && fa.Floor > 0 && !fa.Lift:
		return nil, bad("arrival.lift", fmt.Errorf("arrival: step_free on floor %d needs lift = true", fa.Floor))
	case fa.Lift && fa.Floor == 0:
		return nil, bad("arrival.lift", errors.New("arrival: lift on the ground floor (floor = 0): say the floor, or leave lift out"))
	case !oneOf(fa.Entrance, entrances):
		return nil, bad("arrival.entrance", fmt.Errorf("arrival: entrance %q must be %s", fa.Entrance, strings.Join(entrances, ", ")))
	case !oneOf(fa.Languages, helps):
		return nil, bad("arrival.languages", fmt.Errorf("arrival: languages %q must be %s", fa.Languages, strings.Join(helps, ", ")))
	case fa.Languages == spreekuurbot.HelpVolunteer && len(fa.Spoken) == 0:
		return nil, bad("arrival.spoken", errors.New(`arrival: languages = "volunteer" needs spoken = [the languages, as "ar", "tr"]`))
	case fa.Languages != spreekuurbot.HelpVolunteer && len(fa.Spoken) > 0:
		return nil, bad("arrival.languages", fmt.Errorf(`arrival: spoken is for languages = "volunteer", not %q`, fa.Languages))
	case len(fa.Bring) == 0:
		return nil, bad("arrival.bring", errors.New(`arrival: bring is empty: list what to bring, of "id", "letters", "digid"`))
	}
	for _, code := range fa.Spoken {
		base, err := language.ParseBase(code)
		if err != nil || base.String() != code || code == "nl" {
			return nil, bad("arrival.spoken", fmt.Errorf("arrival: spoken %q is not a two-letter language code (ISO 639-1) besides nl", code))
		}
		if slices.Contains(a.Spoken, code) {
			return nil, bad("arrival.spoken", fmt.Errorf("arrival: spoken names %q twice", code))
		}
		a.Spoken = append(a.Spoken, code)
	}
	things := []string{spreekuurbot.BringID, spreekuurbot.BringLetters, spreekuurbot.BringDigiD}
	for _, b := range fa.Bring {
		if !oneOf(b, things) {
			return nil, bad("arrival.bring", fmt.Errorf("arrival: bring %q must be one of %s", b, strings.Join(things, ", ")))
		}
		if slices.Contains(a.Bring, b) {
			return nil, bad("arrival.bring", fmt.Errorf("arrival: bring names %q twice", b))
		}
		a.Bring = append(a.Bring, b)
	}
	return a, nil
}

// check reads the hours of the table at key ("walk_in.0").
func (h fileHours) check(key string) (spreekuurbot.Hours, error) {
	day, ok := spreekuurbot.ParseWeekday(h.Day)
	if !ok {
		return spreekuurbot.Hours{}, bad(key+".day", fmt.Errorf("day %q is not monday … sunday", h.Day))
	}
	from, err := spreekuurbot.ParseClockTime(h.From)
	if err != nil {
		return spreekuurbot.Hours{}, bad(key+".from", fmt.Errorf("from: %w", err))
	}
	to, err := spreekuurbot.ParseClockTime(h.To)
	if err != nil {
		return spreekuurbot.Hours{}, bad(key+".to", fmt.Errorf("to: %w", err))
	}
	if to <= from {
		return spreekuurbot.Hours{}, bad(key+".to", fmt.Errorf("%s %s–%s ends before it starts", h.Day, h.From, h.To))
	}
	return spreekuurbot.Hours{Day: day, From: from, To: to}, nil
}

func date(t time.Time) spreekuurbot.Date {
	if t.IsZero() {
		return spreekuurbot.Date{}
	}
	return spreekuurbot.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// lines holds where each key and table of a file is set, by its path
// with the index of every array of tables on the way: the header of the
// third location is "locations.2", the `from` of its first walk-in
// "locations.2.walk_in.0.from". (BurntSushi/toml keeps one position per
// key name, "locations.walk_in.from", the last one set, which cannot tell
// one location's values from another's.)
type lines map[string]int

// keyLines reads the tables and keys of a TOML file line by line, as this
// configuration writes them: one key per line, tables as headers. A key
// inside an inline table is found by the line of the key that holds it.
func keyLines(data []byte) lines {
	ix := lines{}
	count := map[string]int{} // tables so far in each array of tables
	// path names a table header's table within the current tables:
	// "locations.walk_in" is "locations.2.walk_in" in the third location.
	path := func(name string) string {
		parts := strings.Split(name, ".")
		p := ""
		for i, part := range parts {
			p = strings.TrimPrefix(p+"."+strings.TrimSpace(part), ".")
			if n := count[p]; n > 0 && i < len(parts)-1 {
				p += "." + strconv.Itoa(n-1)
			}
		}
		return p
	}
	table, quotes := "", ""
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if quotes != "" { // inside a multi-line string
			if strings.Count(l, quotes)%2 == 1 {
				quotes = ""
			}
			continue
		}
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "[["):
			name, _, _ := strings.Cut(l[2:], "]]")
			array := path(name)
			count[array]++
			table = array + "." + strconv.Itoa(count[array]-1)
			ix[table] = i + 1
		case strings.HasPrefix(l, "["):
			name, _, _ := strings.Cut(l[1:], "]")
			table = path(name)
			ix[table] = i + 1
		default:
			key, value, ok := strings.Cut(l, "=")
			if !ok {
				continue
			}
			ix[strings.TrimPrefix(table+"."+strings.TrimSpace(key), ".")] = i + 1
			for _, q := range []string{`"""`, `'''`} {
				if strings.Count(value, q)%2 == 1 {
					quotes = q
				}
			}
		}
	}
	return ix
}

// of returns the line of key, or else of the nearest table that holds it.
func (ix lines) of(key string) int {
	for {
		if n, ok := ix[key]; ok {
			return n
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return 1
		}
		key = key[:i]
	}
}

// wrongType finds the first value in doc, a file decoded without a Go
// type, that does not fit t, and returns its path ("locations.2.slots.0.
// capacity") and what it should be: BurntSushi/toml names only the line
// of the last key of that name in the file.
func wrongType(t reflect.Type, doc any, path string) (key, want string) {
	v := reflect.ValueOf(doc)
	switch {
	case t == reflect.TypeOf(time.Time{}):
		if _, ok := doc.(time.Time); !ok {
			return path, "a date such as 2026-12-24"
		}
	case t.Kind() == reflect.Struct:
		m, ok := doc.(map[string]any)
		if !ok {
			return path, "a table"
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
			if f.Anonymous {
				if key, want := wrongType(f.Type, doc, path); key != "" {
					return key, want
				}
			} else if x, ok := m[name]; ok {
				if key, want := wrongType(f.Type, x, strings.TrimPrefix(path+"."+name, ".")); key != "" {
					return key, want
				}
			}
		}
	case t.Kind() == reflect.Slice:
		if v.Kind() != reflect.Slice {
			return path, "a list"
		}
		for i := range v.Len() {
			if key, want := wrongType(t.Elem(), v.Index(i).Interface(), path+"."+strconv.Itoa(i)); key != "" {
				return key, want
			}
		}
	case t.Kind() == reflect.Float64 && v.Kind() != reflect.Float64 && v.Kind() != reflect.Int64:
		return path, "a number"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64 && v.Kind() != reflect.Int64:
		return path, "a whole number"
	case t.Kind() == reflect.String && v.Kind() != reflect.String:
		return path, "text in quotes"
	case t.Kind() == reflect.Bool && v.Kind() != reflect.Bool:
		return path, "true or false"
	}
	return "", ""
}

// keyLine finds the first line that sets key, for error messages.
func keyLine(data []byte, key string) int {
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, key+" ") || strings.HasPrefix(l, key+"=") {
			return i + 1
		}
	}
	return 1
}
