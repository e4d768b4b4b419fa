package fakebotapi

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
)

// apiJSON is the Bot API reference as data (see testdata/README.md).
//
//go:embed testdata/api.min.json
var apiJSON []byte

// apiField is one parameter of a Bot API method as listed in the reference.
type apiField struct {
	Name     string   `json:"name"`
	Types    []string `json:"types"`
	Required bool     `json:"required"`
}

// isJSON reports whether the field carries a JSON-serialised object or
// array (as opposed to a plain string, number, boolean or file).
func (f apiField) isJSON() bool {
	for _, t := range f.Types {
		switch t {
		case "String", "Integer", "Float", "Boolean", "InputFile":
			return false
		}
	}
	return len(f.Types) > 0
}

// isFile reports whether the field may be sent as an uploaded file.
func (f apiField) isFile() bool {
	for _, t := range f.Types {
		if t == "InputFile" {
			return true
		}
	}
	return false
}

// apiMethod is one Bot API method as listed in the reference.
type apiMethod struct {
	Name    string     `json:"name"`
	Fields  []apiField `json:"fields"`
	Returns []string   `json:"returns"`

	byName map[string]apiField
}

// field returns the named parameter of the method.
func (m *apiMethod) field(name string) (apiField, bool) {
	f, ok := m.byName[name]
	return f, ok
}

// apiSpec is the parsed reference, with methods indexed by lower-case name
// because the real Bot API matches method names case-insensitively.
type apiSpec struct {
	Version string `json:"version"`
	methods map[string]*apiMethod
}

// method looks a method up case-insensitively.
func (s *apiSpec) method(name string) (*apiMethod, bool) {
	m, ok := s.methods[strings.ToLower(name)]
	return m, ok
}

var loadSpec = sync.OnceValues(func() (*apiSpec, error) {
	var raw struct {
		Version string                `json:"version"`
		Methods map[string]*apiMethod `json:"methods"`
	}
	if err := json.Unmarshal(apiJSON, &raw); err != nil {
		return nil, fmt.Errorf("fakebotapi: parse api.min.json: %w", err)
	}
	if len(raw.Methods) == 0 {
		return nil, fmt.Errorf("fakebotapi: api.min.json lists no methods")
	}
	spec := &apiSpec{Version: raw.Version, methods: make(map[string]*apiMethod, len(raw.Methods))}
	for key, m := range raw.Methods {
		if m.Name == "" {
			m.Name = key
		}
		m.byName = make(map[string]apiField, len(m.Fields))
		for _, f := range m.Fields {
			m.byName[f.Name] = f
		}
		spec.methods[strings.ToLower(m.Name)] = m
	}
	return spec, nil
})
