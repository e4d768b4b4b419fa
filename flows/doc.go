// Package flows is the conversation of spreekuurbot: an Event plus the
// person's Session gives replies, the next Session and effects. It knows
// no Telegram type and no Redis client; it speaks to storage through the
// ports of the domain (package spreekuurbot). Texts are message IDs with
// arguments; package locales turns them into words at the edge.
//
// The house. Each flow is one file that defines one value (its screens,
// the button actions it answers, its commands, the typed text it takes)
// and is listed once in theFlows (house.go). The engine builds its tables
// from that list at start-up and refuses a screen kind, action or command
// claimed twice. A step (step.go) takes one event through the flow that
// owns it, then draws the person's current screen (drawing.go).
//
// One rule for changing state. A step asks for every change through an
// Effect, which Engine.carryOut makes after the step, in order: following
// a place, reminders, deleting data, a volunteer's places, name and
// languages, a broadcast, messages to other people. A step calls a port
// itself only where its reply depends on the answer: booking, moving and
// cancelling (the slot may be full, the booking gone), claiming an
// appointment (the first to confirm wins), making and using an invite
// (the code, the places), saving and undoing a log or a street's counts
// (the ID to undo, too late), marking came or no-show (the booking may be
// gone), and a coordinator's change to a place (every replica must draw
// the new times at once). What a screen shows is read before it is drawn,
// by the screen's load or the action, into the step's view; drawing only
// draws (reading storage while drawing voids the step, so a test finds
// it). A step that asks for a change through an effect changes its view
// too, so the screen shows what the person asked for.
package flows
