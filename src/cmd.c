/* cmd.c: the list of commands, shared by `kefu CMD` and the prompt, and
 * the one parser of their arguments. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kefu.h"

/* The commands in the order `kefu help` lists them; each one's entry
 * (usage, help text, options and words to complete) is in its own file. */
const struct cmd *const cmd_table[] = {
	&cmd_plan_entry,
	&cmd_study_entry,
	&cmd_quiz_entry,
	&cmd_drill_entry,
	&cmd_chat_entry,
	&cmd_progress_entry,
	&cmd_review_entry,
	&cmd_scripts_entry,
	&cmd_kb_entry,
	&cmd_lint_entry,
	&cmd_list_entry,
	&cmd_enroll_entry,
	&cmd_check_entry,
	&cmd_import_entry,
	&cmd_export_entry,
	&cmd_db_entry,
	&cmd_people_entry,
	&cmd_grade_entry,
	&cmd_attempts_entry,
	&cmd_assess_entry,
	&cmd_signoff_entry,
	&cmd_stage_entry,
	&cmd_exempt_entry,
	&cmd_kpi_entry,
	&cmd_inbox_entry,
	&cmd_report_entry,
	&cmd_help_entry,
	&cmd_quit_entry,
};

const size_t cmd_count = ARRAY_SIZE(cmd_table);

const struct cmd *
cmd_find(const char *name)
{
	size_t i;

	if (strcmp(name, "exit") == 0)
		name = "quit";
	for (i = 0; i < cmd_count; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

int
cmd_usage(const struct cmd *c)
{
	fprintf(stderr, _("usage: kefu %s %s\n"), c->name, c->usage);
	fprintf(stderr, _("Try 'kefu help %s' for more.\n"), c->name);
	return 2;
}

int
cmd_run(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find(argv[0]);
	size_t i;

	if (c == NULL) {
		const char *names[ARRAY_SIZE(cmd_table)];

		for (i = 0; i < cmd_count; i++)
			names[i] = cmd_table[i]->name;
		kefu_unknown(_("command"), "", argv[0], names, cmd_count,
			     _("'kefu help' lists the commands"));
		return 2;
	}
	if (c->fn == NULL) {
		if (!k->in_shell)
			error(_("'%s' only means something at the kefu prompt"), c->name);
		return k->in_shell ? 0 : 2;
	}
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		char *help_argv[] = { (char *)"help", argv[0], NULL };

		return cmd_help(k, 2, help_argv);
	}
	return c->fn(k, argc, argv);
}

int
cmd_parse(const struct cmd *c, int argc, char **argv,
	  const struct cmd_opt *opts, char **pos, int maxpos, int *npos)
{
	bool dashdash = false;
	const struct cmd_opt *o;
	int i;

	/* the entry's words are what completion and help offer: an option
	 * the command takes must be among them */
	for (o = opts; o && o->name; o++) {
		const char *const *w;

		for (w = c->words; w && *w && strcmp(*w, o->name) != 0; w++)
			;
		if (w == NULL || *w == NULL)
			BUG("option %s of '%s' is not in its entry's words", o->name, c->name);
	}
	*npos = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *eq;
		size_t len;

		/* words, and numbers such as -5 */
		if (dashdash || a[0] != '-' || a[1] == '\0' ||
		    (a[1] >= '0' && a[1] <= '9') || a[1] == '.') {
			if (*npos == maxpos)
				return cmd_usage(c);
			pos[(*npos)++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			dashdash = true;
			continue;
		}
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o && o->name; o++)
			if (strlen(o->name) == len && strncmp(o->name, a, len) == 0)
				break;
		if (o == NULL || o->name == NULL) {
			error(_("'%s' has no option '%.*s'"), c->name, (int)len, a);
			return cmd_usage(c);
		}
		if (o->value == NULL) {
			if (eq)
				return cmd_usage(c);
			*o->flag = true;
		} else if (eq)
			*o->value = eq + 1;
		else if (i + 1 < argc)
			*o->value = argv[++i];
		else {
			error(_("option '%s' needs a value"), o->name);
			return cmd_usage(c);
		}
	}
	return 0;
}

int
cmd_format(const char *s, enum table_format *f)
{
	*f = TABLE_TEXT;
	if (s && !table_format_parse(s, f)) {
		error(_("--format is table, csv or json, not '%s'"), s);
		return 2;
	}
	return 0;
}
