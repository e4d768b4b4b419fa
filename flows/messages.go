package flows

// MsgID names a text in the locale files. Every ID the flows can show is
// declared here, so `spreekuurbot check` and the locale tests can prove that
// each one exists in every language and that no locale key is left unused.
type MsgID string

// Message IDs, grouped by the screen that shows them.
const (
	// MsgLanguageName is the language's own name in its own script; the
	// language picker shows each button in its own language.
	MsgLanguageName   MsgID = "language_name"
	MsgLanguageChoose MsgID = "language_choose"
	MsgLanguageSaved  MsgID = "language_saved"

	MsgHomeText            MsgID = "home_text"
	MsgHomeRoleVolunteer   MsgID = "home_role_volunteer"
	MsgHomeRoleCoordinator MsgID = "home_role_coordinator"

	MsgHelpText     MsgID = "help_text"
	MsgHelpCommands MsgID = "help_commands"

	MsgButtonHelp     MsgID = "button_help"
	MsgButtonLanguage MsgID = "button_language"
	MsgButtonBack     MsgID = "button_back"
	MsgButtonHome     MsgID = "button_home"

	MsgButtonInvalid    MsgID = "button_invalid"
	MsgFallbackText     MsgID = "fallback_text"
	MsgFallbackMedia    MsgID = "fallback_media"
	MsgFallbackLocation MsgID = "fallback_location"
	MsgFallbackCommand  MsgID = "fallback_command"
	MsgErrorUnavailable MsgID = "error_unavailable"

	MsgCommandStart    MsgID = "command_start"
	MsgCommandHelp     MsgID = "command_help"
	MsgCommandLanguage MsgID = "command_language"
)

// AllMessages lists every MsgID above. A test parses this file and fails
// when a constant is missing here.
var AllMessages = []MsgID{
	MsgLanguageName, MsgLanguageChoose, MsgLanguageSaved,
	MsgHomeText, MsgHomeRoleVolunteer, MsgHomeRoleCoordinator,
	MsgHelpText, MsgHelpCommands,
	MsgButtonHelp, MsgButtonLanguage, MsgButtonBack, MsgButtonHome,
	MsgButtonInvalid, MsgFallbackText, MsgFallbackMedia, MsgFallbackLocation, MsgFallbackCommand,
	MsgErrorUnavailable,
	MsgCommandStart, MsgCommandHelp, MsgCommandLanguage,
}
