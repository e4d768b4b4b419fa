// Package typo tells how far a word is from another: what a resident
// typed from the word the bot knows, or what Tesseract read from the word
// printed.
package typo

// MaxLetters bounds the length of the word compared against: longer ones
// are never close, and the rows stay on the stack.
const MaxLetters = 40

// Distance is the optimal string alignment distance between a and b
// (Levenshtein with a swap of two neighbouring letters counted as one
// typo), or max+1 once it exceeds max: callers only want to know whether
// it is small. A b of more than MaxLetters letters is never close.
func Distance(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max || len(b) > MaxLetters {
		return max + 1
	}
	// Three rows: the one before last is needed for swaps.
	var rows [3][MaxLetters + 1]int
	prev2, prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
