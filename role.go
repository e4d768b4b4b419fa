package spreekuurbot

// Role is what a user may do. Roles are checked on the server for every
// action: a button proves nothing.
type Role int

// The roles, from least to most allowed.
const (
	Resident Role = iota
	Volunteer
	Coordinator
)

// String names the role for logs, metrics and the command line.
func (r Role) String() string {
	switch r {
	case Volunteer:
		return "volunteer"
	case Coordinator:
		return "coordinator"
	}
	return "resident"
}

// ParseRole reads a role name as String writes it.
func ParseRole(s string) (Role, bool) {
	for _, r := range []Role{Resident, Volunteer, Coordinator} {
		if r.String() == s {
			return r, true
		}
	}
	return Resident, false
}
