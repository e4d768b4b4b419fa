package config_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"spreekuurbot"
	"spreekuurbot/config"
	"spreekuurbot/deploy"
)

func TestExampleConfig(t *testing.T) {
	cfg, err := config.Parse(deploy.ExampleConfigPath, deploy.ExampleConfig)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Locations) < 5 {
		t.Errorf("%d locations, want Almere's stadsdelen covered", len(cfg.Locations))
	}
	stadsdelen := map[string]bool{}
	for _, l := range cfg.Locations {
		stadsdelen[l.Stadsdeel] = true
		if l.Source == "" {
			t.Errorf("%s: no source: every fact needs one", l.ID)
		}
		if !strings.Contains(l.Source, "checked") {
			t.Errorf("%s: source %q has no checked date", l.ID, l.Source)
		}
	}
	for _, sd := range []string{"Haven", "Stad", "Buiten", "Poort", "Hout"} {
		if !stadsdelen[sd] {
			t.Errorf("no location in %s", sd)
		}
	}
	if cfg.Zone.String() != "Europe/Amsterdam" {
		t.Errorf("zone %s", cfg.Zone)
	}
}

const valid = `coordinators = [111]

[[locations]]
id = "haven"
name = "Wijkteam Haven"
stadsdeel = "Haven"
wijk = "Centrum"
address = "Markt 1, 1354 AA Almere"
lat = 52.337
lon = 5.219
source = "test (checked 2026-11-23)"
verified = true

  [[locations.walk_in]]
  day = "tuesday"
  from = "09:30"
  to = "11:30"

  [[locations.slots]]
  day = "thursday"
  from = "13:00"
  to = "16:00"
  minutes = 30
  capacity = 2
  weeks = "even"

  [[locations.closures]]
  from = 2026-12-24
  to = 2027-01-03
  reason = "Kerst"

  [locations.arrival]
  step_free = true
  floor = 1
  lift = true
  entrance = "side"
  languages = "volunteer"
  spoken = ["ar", "tr"]
  bring = ["id", "letters"]
`

func TestParseValid(t *testing.T) {
	cfg, err := config.Parse("test.toml", []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	l := cfg.Locations[0]
	if l.WalkIn[0].Day != time.Tuesday || l.WalkIn[0].From.String() != "09:30" || l.WalkIn[0].To.String() != "11:30" {
		t.Errorf("walk-in = %+v", l.WalkIn[0])
	}
	if s := l.Slots[0]; s.Capacity != 2 || s.Minutes != 30 || s.Weeks != spreekuurbot.EvenWeeks {
		t.Errorf("slots = %+v", s)
	}
	if c := l.Closures[0]; c.From.String() != "2026-12-24" || c.To.String() != "2027-01-03" {
		t.Errorf("closure = %+v", c)
	}
	if a := l.Arrival; a == nil || !a.StepFree || a.Floor != 1 || !a.Lift || a.Entrance != "side" || a.Languages != "volunteer" ||
		!slices.Equal(a.Spoken, []string{"ar", "tr"}) || !slices.Equal(a.Bring, []string{"id", "letters"}) {
		t.Errorf("arrival = %+v", l.Arrival)
	}
	if cfg.Role(111) != spreekuurbot.Coordinator || cfg.Role(112) != spreekuurbot.Resident {
		t.Error("coordinator role not given by the list")
	}
}

// TestParseErrors: each broken file gives an error with the file, the line
// of the bad value itself and what is wrong, so whoever edits it can fix
// it; also when there are more locations, whose keys have the same names.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"syntax", `verified = true`, `verified = `, ""},
		{"unknown key", `wijk = "Centrum"`, `wijk = "Centrum"` + "\nopening = 1", `unknown key "locations.opening"`},
		{"bad time", `from = "09:30"`, `from = "25:00"`, `walk_in: from: "25:00" is not a time`},
		{"bad day", `day = "tuesday"`, `day = "dinsdag"`, `day "dinsdag" is not monday`},
		{"ends before start", `to = "11:30"`, `to = "08:00"`, "ends before it starts"},
		{"bad stadsdeel", `stadsdeel = "Haven"`, `stadsdeel = "Lelystad"`, `stadsdeel "Lelystad" is not one of`},
		{"bad id", `id = "haven"`, `id = "Haven Centrum"`, "id must be"},
		{"not in Almere", `lat = 52.337`, `lat = 5.219`, "not in Almere"},
		{"slot minutes", `minutes = 30`, `minutes = 300`, "minutes 300"},
		{"capacity", `capacity = 2`, `capacity = 0`, "capacity 0"},
		{"weeks", `weeks = "even"`, `weeks = "sometimes"`, `weeks "sometimes"`},
		{"closure backwards", `to = 2027-01-03`, `to = 2026-01-03`, "ends before it starts"},
		{"coordinator", `coordinators = [111]`, `coordinators = [-5]`, "coordinator -5"},
		{"wrong type", `capacity = 2`, `capacity = "two"`, "capacity must be a whole number"},
		{"not a number", `lat = 52.337`, `lat = "52.337"`, "lat must be a number"},
		{"not a date", `from = 2026-12-24`, `from = "24 december"`, "from must be a date"},
		{"not a list", `coordinators = [111]`, `coordinators = 111`, "coordinators must be a list"},
		{"arrival floor", `floor = 1`, `floor = -1`, "floor -1 must be 0"},
		{"step-free upstairs without a lift", `lift = true`, `lift = false`, "step_free on floor 1 needs lift = true"},
		{"arrival entrance", `entrance = "side"`, `entrance = "rear"`, `entrance "rear" must be main, side, back`},
		{"arrival languages", `languages = "volunteer"`, `languages = "sometimes"`, `languages "sometimes" must be none, volunteer, interpreter`},
		{"spoken not a code", `spoken = ["ar", "tr"]`, `spoken = ["ar", "arabic"]`, `spoken "arabic" is not a two-letter language code`},
		{"spoken without a volunteer", `languages = "volunteer"`, `languages = "interpreter"`, `spoken is for languages = "volunteer"`},
		{"volunteer without spoken", `spoken = ["ar", "tr"]`, `spoken = []`, `needs spoken =`},
		{"bring", `bring = ["id", "letters"]`, `bring = ["id", "passport"]`, `bring "passport" must be one of id, letters, digid`},
		{"nothing to bring", `bring = ["id", "letters"]`, `bring = []`, "bring is empty"},
		{"unknown arrival key", `entrance = "side"`, `entrance = "side"` + "\n  ramp = true", `unknown key "locations.arrival.ramp"`},
	}
	two := valid + "\n" + strings.Replace(valid[strings.Index(valid, "[[locations]]"):], `id = "haven"`, `id = "haven-2"`, 1)
	files := []struct {
		name, content string
		find          func(s, substr string) int
	}{
		{"one location", valid, strings.Index},
		{"first of two", two, strings.Index},
		{"second of two", two, strings.LastIndex},
	}
	for _, file := range files {
		for _, tt := range tests {
			t.Run(file.name+"/"+tt.name, func(t *testing.T) {
				i := file.find(file.content, tt.from)
				if i < 0 {
					t.Fatalf("%q not in the valid file", tt.from)
				}
				broken := file.content[:i] + tt.to + file.content[i+len(tt.from):]
				line := strings.Count(broken[:i+len(tt.to)], "\n") + 1
				_, err := config.Parse("test.toml", []byte(broken))
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.want)
				}
				if at := fmt.Sprintf("test.toml:%d: ", line); !strings.HasPrefix(err.Error(), at) {
					t.Errorf("error = %v, want it at the bad value's line, %q", err, at)
				}
			})
		}
	}
	dup := valid + strings.Replace(valid[strings.Index(valid, "[[locations]]"):], "Wijkteam Haven", "Other", 1)
	if _, err := config.Parse("test.toml", []byte(dup)); err == nil || !strings.Contains(err.Error(), `test.toml:41: location id "haven" is used twice`) {
		t.Errorf("duplicate id: %v", err)
	}
}
