package flows

import (
	"embed"
	"io/fs"
)

//go:embed content/*.toml
var content embed.FS

// BuiltinTrees loads the information trees built into the binary.
func BuiltinTrees() ([]*Tree, error) {
	sub, err := fs.Sub(content, "content")
	if err != nil {
		return nil, err
	}
	return LoadTrees(sub, "flows/content")
}
