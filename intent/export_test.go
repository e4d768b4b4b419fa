package intent

// FoldWords is what Understand does with a text before comparing it, for
// the benchmark's baseline.
func FoldWords(s string) []string { return words(fold(s)) }
