package chart

import (
	"strconv"
	"testing"
)

// TestCountTicks: the y-axis counts help requests, so it is marked at
// whole numbers only, also when there are few, and with at most six marks
// when there are many.
func TestCountTicks(t *testing.T) {
	tests := []struct {
		name string
		top  int // the tallest bar
		want string
	}{
		{"nothing yet", 0, "0 1"},
		{"one request", 1, "0 1"},
		{"two", 2, "0 1 2"},
		{"three", 3, "0 1 2 3"},
		{"seven", 7, "0 2 4 6 8"},
		{"ten", 10, "0 5 10"},
		{"a year", 170, "0 50 100 150 200"},
		{"many years", 1938, "0 500 1000 1500 2000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var this [12]int
			this[3] = tt.top
			p, err := monthly(this, [12]int{}, Labels{ThisYear: "2026", LastYear: "2025"})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, tick := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
				if tick.IsMinor() {
					continue
				}
				if _, err := strconv.Atoi(tick.Label); err != nil {
					t.Errorf("tick %q is not a whole number", tick.Label)
				}
				if got != "" {
					got += " "
				}
				got += tick.Label
			}
			if got != tt.want {
				t.Errorf("ticks %q, want %q", got, tt.want)
			}
		})
	}
}
