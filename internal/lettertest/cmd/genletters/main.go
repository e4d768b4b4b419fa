// Command genletters writes the synthetic test set of letters to a
// directory: per letter a clean page (PNG), a phone-like photo (JPEG),
// a PDF with a text layer and a scanned PDF, plus set.json with what
// each letter should be recognised as.
//
//	go run ./internal/lettertest/cmd/genletters -out /tmp/letters
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"spreekuurbot/internal/lettertest"
)

func main() {
	out := flag.String("out", "letters-testset", "directory to write the set to")
	seed := flag.Uint64("seed", lettertest.Seed, "seed of the set")
	n := flag.Int("n", lettertest.Size, "number of letters")
	flag.Parse()
	if err := run(*out, *seed, *n); err != nil {
		fmt.Fprintln(os.Stderr, "genletters:", err)
		os.Exit(1)
	}
}

func run(dir string, seed uint64, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	set, err := lettertest.Build(seed, n)
	if err != nil {
		return err
	}
	for _, s := range set {
		files := map[string][]byte{
			".png":         s.Clean,
			".photo.jpg":   s.Photo,
			".pdf":         s.TextPDF,
			".scanned.pdf": s.ScannedPDF,
			".txt":         []byte(s.Text()),
		}
		for ext, data := range files {
			if err := os.WriteFile(filepath.Join(dir, s.Name+ext), data, 0o644); err != nil {
				return err
			}
		}
	}
	manifest, err := json.MarshalIndent(set, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "set.json"), manifest, 0o644); err != nil {
		return err
	}
	fmt.Printf("genletters: %d letters in %s\n", len(set), dir)
	return nil
}
