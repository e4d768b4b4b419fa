// Package deploy holds the deployment files; Go sees it only to embed the
// example configuration, which the bot uses when SPREEKUUR_CONFIG is unset.
package deploy

import _ "embed"

// ExampleConfigPath names the embedded example in messages.
const ExampleConfigPath = "deploy/config.example.toml"

// ExampleConfig is deploy/config.example.toml.
//
//go:embed config.example.toml
var ExampleConfig []byte
