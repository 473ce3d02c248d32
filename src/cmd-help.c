/* cmd-help.c: `kefu help [COMMAND]`. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kefu.h"

int
cmd_help(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c;
	size_t i;

	(void)k;
	if (argc > 2)
		return cmd_usage(cmd_find("help"));
	if (argc == 1) {
		printf(_("Commands (kefu COMMAND, or at the kefu prompt):\n"));
		for (i = 0; i < cmd_count; i++)
			printf("  %-9s %s\n", cmd_table[i]->name, _(cmd_table[i]->summary));
		printf(_("\n'help COMMAND' explains one; 'kefu --help' lists options too.\n"));
		return 0;
	}
	c = cmd_find(argv[1]);
	if (c == NULL) {
		const char *names[64];

		for (i = 0; i < cmd_count && i < ARRAY_SIZE(names); i++)
			names[i] = cmd_table[i]->name;
		kefu_unknown(_("command"), "", argv[1], names, i,
			     _("'kefu help' lists the commands"));
		return 2;
	}
	printf(_("usage: kefu %s%s%s\n\n%s.\n\n%s"), c->name, *c->usage ? " " : "",
	       c->usage, _(c->summary), _(c->help));
	return 0;
}


/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_help_entry = {
	.name = "help",
	.usage = "[COMMAND]",
	.summary = N_("list commands, or explain one"),
	.help = N_("Without an argument, lists the commands. With one, explains it.\n"),
	.arg = ARG_COMMAND,
	.words = NULL,
	.fn = cmd_help,
};
