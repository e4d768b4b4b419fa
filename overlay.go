package spreekuurbot

// Overlay is what coordinators changed about a location on top of the
// configuration: extra closed days, extra walk-in spreekuren, and the
// number of appointments per slot.
type Overlay struct {
	Closures []Closure `json:"closures,omitempty"`
	Extra    []Period  `json:"extra,omitempty"`
	// BookableExtra are the extra spreekuren in which residents can also
	// book (each is in Extra too).
	BookableExtra []Period `json:"bookable,omitempty"`
	Capacity      int      `json:"capacity,omitempty"` // 0: as configured
}
