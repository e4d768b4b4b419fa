// Package letters recognises a Dutch letter from its text: who sent it,
// what kind of letter it is, whether it carries an urgent sign, and by
// when the resident must act. It maps the letter onto the answer nodes of
// the letter tree (flows/content/letters.toml), so a letter read from a
// photo gets the same answer as one found with the buttons.
//
// What points to which node is data, not code: recognise.toml, embedded
// and keyed by the tree's node IDs. The package keeps no state and never
// logs or stores the text it is given.
package letters
