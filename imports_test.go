package spreekuurbot_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportRules keeps the house as STYLE.md draws it: the domain at the
// root imports nothing of the project; the conversation (flows) knows no
// storage, transport, configuration or texts; the store knows neither the
// conversation nor the transport; the transport reaches storage only
// through the ports. Test files may cross these lines; production code
// may not.
func TestImportRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}:{{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, list, _ := strings.Cut(line, ":")
		imports[pkg] = strings.Fields(list)
	}
	const module = "spreekuurbot"
	forbidden := map[string][]string{
		module:               {module + "/"}, // any project package
		module + "/flows":    {module + "/store", module + "/bot", module + "/config", module + "/locales", "github.com/go-telegram/", "github.com/redis/"},
		module + "/store":    {module + "/flows", module + "/bot"},
		module + "/bot":      {module + "/store"},
		module + "/config":   {module + "/flows", module + "/store", module + "/bot"},
		module + "/locales":  {module + "/flows", module + "/store", module + "/bot"},
		module + "/calendar": {module + "/flows", module + "/store", module + "/bot"},
		module + "/chart":    {module + "/flows", module + "/store", module + "/bot"},
		module + "/poster":   {module + "/", "github.com/go-telegram/", "github.com/redis/"}, // texts come in as strings
		module + "/ops":      {module + "/flows", module + "/store", module + "/bot"},
		// Matching typed words needs the domain, golang.org/x/text and the
		// edit distance only.
		module + "/intent":        {module + "/", "github.com/", "gonum.org/", "codeberg.org/"},
		module + "/reading":       {module + "/store", module + "/bot", module + "/config", module + "/locales"},
		module + "/internal/typo": {module, "github.com/", "golang.org/"},
	}
	// The exceptions to the lines above.
	allowed := map[string]string{module + "/intent": module + "/internal/typo"}
	for pkg, bad := range forbidden {
		list, ok := imports[pkg]
		if !ok {
			t.Errorf("package %s is gone: update the rules", pkg)
			continue
		}
		for _, imp := range list {
			// "x/" forbids every package below x, "x" x and those below.
			for _, b := range bad {
				if (imp == b || strings.HasPrefix(imp, b)) && allowed[pkg] != imp {
					t.Errorf("%s imports %s", pkg, imp)
				}
			}
		}
	}
}
