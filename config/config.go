// Package config reads the TOML configuration: the spreekuur locations with
// their times and slot rules, and the coordinators. Errors name the file and
// line, so whoever edits the file can find the mistake.
package config

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata"

	"github.com/BurntSushi/toml"

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
	headers := locationLines(data)
	seen := map[string]bool{}
	for i, fl := range fc.Locations {
		line := 0
		if i < len(headers) {
			line = headers[i]
		}
		loc, err := fl.check()
		if err != nil {
			return nil, fmt.Errorf("%s:%d: location %q: %w", path, line, fl.ID, err)
		}
		if seen[loc.ID] {
			return nil, fmt.Errorf("%s:%d: location id %q is used twice", path, line, loc.ID)
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

func (fl fileLocation) check() (spreekuurbot.Location, error) {
	loc := spreekuurbot.Location{
		ID: fl.ID, Name: strings.TrimSpace(fl.Name), Stadsdeel: fl.Stadsdeel, Wijk: fl.Wijk,
		Address: strings.TrimSpace(fl.Address), Lat: fl.Lat, Lon: fl.Lon,
		Verified: fl.Verified, Source: fl.Source, Note: fl.Note,
	}
	switch {
	case !locationID.MatchString(fl.ID):
		return loc, errors.New("id must be 1 to 16 characters a-z, 0-9 or '-'")
	case loc.Name == "":
		return loc, errors.New("name is empty")
	case loc.Address == "":
		return loc, errors.New("address is empty")
	case !oneOf(fl.Stadsdeel, Stadsdelen):
		return loc, fmt.Errorf("stadsdeel %q is not one of %s", fl.Stadsdeel, strings.Join(Stadsdelen, ", "))
	case fl.Lat < 52.2 || fl.Lat > 52.6 || fl.Lon < 5.0 || fl.Lon > 5.5:
		// A box around Almere: a swapped lat/lon or a typo shows here
		// rather than as a pin in the sea.
		return loc, fmt.Errorf("coordinates %.5f, %.5f are not in Almere", fl.Lat, fl.Lon)
	case len(fl.WalkIn) == 0 && len(fl.Slots) == 0:
		return loc, errors.New("has neither walk_in times nor slots")
	}
	for _, h := range fl.WalkIn {
		hours, err := h.check()
		if err != nil {
			return loc, fmt.Errorf("walk_in: %w", err)
		}
		loc.WalkIn = append(loc.WalkIn, hours)
	}
	for _, s := range fl.Slots {
		hours, err := s.check()
		if err != nil {
			return loc, fmt.Errorf("slots: %w", err)
		}
		rule := spreekuurbot.SlotRule{Hours: hours, Minutes: s.Minutes, Capacity: s.Capacity, Weeks: spreekuurbot.Weeks(s.Weeks)}
		if rule.Weeks == "" {
			rule.Weeks = spreekuurbot.AllWeeks
		}
		switch {
		case s.Minutes < 5 || s.Minutes > 240:
			return loc, fmt.Errorf("slots: minutes %d must be between 5 and 240", s.Minutes)
		case int(hours.To-hours.From) < s.Minutes:
			return loc, fmt.Errorf("slots: %s–%s is shorter than one slot of %d minutes", hours.From, hours.To, s.Minutes)
		case s.Capacity < 1 || s.Capacity > 20:
			return loc, fmt.Errorf("slots: capacity %d must be between 1 and 20", s.Capacity)
		case !oneOf(string(rule.Weeks), []string{"all", "even", "odd"}):
			return loc, fmt.Errorf("slots: weeks %q must be all, even or odd", s.Weeks)
		}
		loc.Slots = append(loc.Slots, rule)
	}
	for _, c := range fl.Closures {
		cl := spreekuurbot.Closure{From: date(c.From), To: date(c.To), Reason: c.Reason}
		if cl.To.Before(cl.From) {
			return loc, fmt.Errorf("closure %s to %s ends before it starts", cl.From, cl.To)
		}
		if cl.From.Year == 0 {
			return loc, errors.New("closure has no from date")
		}
		loc.Closures = append(loc.Closures, cl)
	}
	return loc, nil
}

func (h fileHours) check() (spreekuurbot.Hours, error) {
	day, ok := weekdays[h.Day]
	if !ok {
		return spreekuurbot.Hours{}, fmt.Errorf("day %q is not monday … sunday", h.Day)
	}
	from, err := spreekuurbot.ParseClockTime(h.From)
	if err != nil {
		return spreekuurbot.Hours{}, fmt.Errorf("from: %w", err)
	}
	to, err := spreekuurbot.ParseClockTime(h.To)
	if err != nil {
		return spreekuurbot.Hours{}, fmt.Errorf("to: %w", err)
	}
	if to <= from {
		return spreekuurbot.Hours{}, fmt.Errorf("%s %s–%s ends before it starts", h.Day, h.From, h.To)
	}
	return spreekuurbot.Hours{Day: day, From: from, To: to}, nil
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
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

// locationLines finds the line of each [[locations]] header, in order.
func locationLines(data []byte) []int {
	var lines []int
	for i, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == "[[locations]]" {
			lines = append(lines, i+1)
		}
	}
	return lines
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
