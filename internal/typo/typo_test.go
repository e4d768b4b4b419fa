package typo

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"dwangbevel", "dwangbevel", 2, 0},
		{"dwangbevel", "dwangbeval", 2, 1},
		{"afspraak", "afpsraak", 2, 1}, // two letters swapped: one typo
		{"kwijtschelding", "kwijtscelding", 2, 1},
		{"huur", "hour", 1, 1},
		{"ontruiming", "ontruim", 2, 3}, // over max: max+1
		{"ab", "abcdef", 2, 3},
		{"", "abc", 3, 3},
		{"aanmaning", "aamnaning", 1, 1},                  // OCR and typists swap letters alike
		{"x", strings.Repeat("x", MaxLetters+1), 99, 100}, // too long to compare
	}
	for _, tt := range tests {
		if got := Distance([]rune(tt.a), []rune(tt.b), tt.max); got != tt.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}
