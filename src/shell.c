/* shell.c: the interactive prompt: the same commands as the one-shot
 * form, with completion of commands and ids, and history. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/readline.h>

#include "kefu.h"
#include "scripts.h"
#include "priv.h"
#include "plan.h"
#include "text.h"

static struct kefu *shell_k;

int
shell_split(const char *line, char ***argvp)
{
	char **argv = NULL;
	int argc = 0;
	const char *p = line;

	for (;;) {
		struct sb word = SB_INIT;
		bool have = false;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '\'' || *p == '"') {
				char q = *p++;
				const char *end = strchr(p, q);

				if (end == NULL) {
					sb_free(&word);
					shell_free_argv(argc, argv);
					*argvp = NULL;
					return -1;
				}
				sb_add(&word, p, (size_t)(end - p));
				p = end + 1;
			} else if (*p == '\\' && p[1]) {
				sb_addc(&word, p[1]);
				p += 2;
			} else
				sb_addc(&word, *p++);
			have = true;
		}
		if (!have)
			continue;
		argv = xreallocarray(argv, (size_t)argc + 2, sizeof(*argv));
		argv[argc++] = sb_detach(&word);
		argv[argc] = NULL;
	}
	if (argv == NULL) {
		argv = xcalloc(1, sizeof(*argv));
	}
	*argvp = argv;
	return argc;
}

void
shell_free_argv(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

/* ---- completion ---- */

static const char **comp_words;
static size_t comp_n, comp_i;
/* logins copied out of the store, kept until the next completion */
static char **comp_owned;
static size_t comp_nowned;

static void
comp_add(const char *w)
{
	comp_words = xreallocarray(comp_words, comp_n + 1, sizeof(*comp_words));
	comp_words[comp_n++] = w;
}

static void
comp_add_copy(const char *w, void *arg)
{
	(void)arg;
	comp_owned = xreallocarray(comp_owned, comp_nowned + 1, sizeof(*comp_owned));
	comp_owned[comp_nowned] = xstrdup(w);
	comp_add(comp_owned[comp_nowned++]);
}

static void
comp_free_owned(void)
{
	while (comp_nowned > 0)
		free(comp_owned[--comp_nowned]);
	free(comp_owned);
	comp_owned = NULL;
}

static char *
comp_next(const char *text, int state)
{
	size_t len = strlen(text);

	if (state == 0)
		comp_i = 0;
	while (comp_i < comp_n) {
		const char *w = comp_words[comp_i++];

		if (strncmp(w, text, len) == 0)
			return xstrdup(w);
	}
	return NULL;
}

/* Fills the candidates for an argument of the given kind. */
static void
comp_fill(enum arg_kind kind, const struct cmd *c, int argc, char **argv)
{
	const struct content *ct = shell_k->content;
	size_t i, j, s;

	comp_n = 0;
	comp_free_owned();
	/* after `scripts copy`: the scripts, by id, as copy takes them */
	if (kind == ARG_SCRIPT && argc >= 2 && strcmp(argv[1], "copy") == 0) {
		struct store_proposals held;
		struct team_script *v;
		size_t n;

		if (argc > 2 || ct == NULL)
			return;
		n = kefu_team_scripts(shell_k, NULL, &v, &held);
		/* ids and shortcuts: copy takes either */
		for (i = 0; i < n; i++) {
			comp_add_copy(v[i].id, NULL);
			if (v[i].shortcut)
				comp_add_copy(v[i].shortcut, NULL);
		}
		free(v);
		store_proposals_free(&held);
		return;
	}
	for (i = 0; c && c->words && c->words[i]; i++)
		comp_add(c->words[i]);
	switch (kind) {
	case ARG_COMMAND:
		for (i = 0; i < cmd_count; i++)
			comp_add(cmd_table[i]->name);
		break;
	case ARG_QUIZ:
		for (i = 0; ct && i < ct->nquizzes; i++)
			comp_add(ct->quizzes[i]->id);
		break;
	case ARG_DRILL:
		for (i = 0; ct && i < ct->ndrills; i++)
			comp_add(ct->drills[i]->id);
		break;
	case ARG_SCENARIO:
		for (i = 0; ct && i < ct->nscenarios; i++)
			comp_add(ct->scenarios[i]->id);
		break;
	case ARG_CURRICULUM:
		for (i = 0; ct && i < ct->ncurricula; i++)
			comp_add(ct->curricula[i]->id);
		break;
	case ARG_PERSON:
		/* logins are for trainers and managers to see */
		if (shell_k->store && kefu_holds(shell_k, "trainer"))
			store_logins(shell_k->store, comp_add_copy, NULL);
		break;
	case ARG_LESSON:
	case ARG_STAGE:
		for (i = 0; ct && i < ct->ncurricula; i++)
			for (s = 0; s < ct->curricula[i]->nstages; s++) {
				const struct stage *st = &ct->curricula[i]->stages[s];

				if (kind == ARG_STAGE) {
					comp_add(st->id);
					continue;
				}
				for (j = 0; j < st->nmodules; j++)
					if (st->modules[j].kind == MOD_LESSON)
						comp_add(st->modules[j].id);
			}
		break;
	case ARG_SCRIPT:
		/* libraries: the one to list, export or propose for */
		if (argc >= 2 && strcmp(argv[1], "export") != 0 &&
		    strcmp(argv[1], "propose") != 0)
			break;
		for (i = 0; ct && i < ct->nlibraries; i++)
			comp_add(ct->libraries[i]->id);
		break;
	case ARG_WORDS:
		break;
	case ARG_NONE:
	case ARG_FILE:
		break;
	}
}

static char **
shell_complete(const char *text, int start, int end)
{
	char **argv;
	const struct cmd *c;
	int argc;
	char *head;

	(void)end;
	rl_attempted_completion_over = 1;
	head = xstrndup(rl_line_buffer, (size_t)start);
	argc = shell_split(head, &argv);
	free(head);
	if (argc < 0)
		return NULL;
	if (argc == 0) {
		comp_fill(ARG_COMMAND, NULL, 0, NULL);
	} else {
		c = cmd_find(argv[0]);
		if (c == NULL || c->arg == ARG_NONE) {
			shell_free_argv(argc, argv);
			return NULL;
		}
		if (c->arg == ARG_FILE) {
			shell_free_argv(argc, argv);
			rl_attempted_completion_over = 0;
			return NULL;	/* readline's own file names */
		}
		comp_fill(c->arg, c, argc, argv);
	}
	shell_free_argv(argc, argv);
	return rl_completion_matches(text, comp_next);
}

/* ---- the loop ---- */

/* "kefu 张三 · 入职培训> " for the person and their current stage. */
static char *
shell_prompt(struct kefu *k)
{
	const struct curriculum *cu = k->enr.id ? content_curriculum(k->content, k->enr.curriculum) : NULL;
	struct sb sb = SB_INIT;

	sb_adds(&sb, "kefu ");
	text_inert(&sb, k->me.name && *k->me.name ? k->me.name : k->me.login, false);
	if (cu) {
		enum stage_state *states = kefu_states(k, cu);
		size_t cur;

		cur = plan_current(states, cu->nstages);
		sb_adds(&sb, " · ");
		if (cur < cu->nstages)
			text_inert(&sb, cu->stages[cur].title, false);
		else
			sb_adds(&sb, _("all stages complete"));
		free(states);
	}
	sb_adds(&sb, "> ");
	return sb_detach(&sb);
}

int
shell_run(struct kefu *k)
{
	char *dir, *hist;
	int status = 0;

	shell_k = k;
	k->in_shell = true;
	term_shell();
	kefu_content(k);
	kefu_me(k);
	if (k->tty_in) {
		dir = xdg_dir("XDG_STATE_HOME", ".local/state");
		/* the history is the user's own file */
		priv_user();
		if (dir && mkdir_p(dir, 0700) == 0) {
			hist = path_join(dir, "history");
			term_history_load(hist);
			free(hist);
		}
		priv_group();
		free(dir);
		term_set_completion(shell_complete);
		printf(_("kefu %s: type 'help' for commands, 'quit' or Ctrl-D to leave.\n"),
		       PACKAGE_VERSION);
	}
	for (;;) {
		char *prompt = k->tty_in ? shell_prompt(k) : xstrdup("");
		char *line, **argv;
		enum term_read r = term_read(prompt, &line);
		int argc;

		free(prompt);
		if (r == TERM_EOF)
			break;
		if (r == TERM_INTERRUPT)
			continue;
		{
			/* completion leaves a trailing space; history need not keep it */
			size_t n = strlen(line);

			while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
				line[--n] = '\0';
		}
		term_history_add(line);
		argc = shell_split(line, &argv);
		free(line);
		if (argc < 0) {
			error(_("unclosed quote"));
			status = 2;
			continue;
		}
		if (argc == 0 || argv[0][0] == '#') {
			shell_free_argv(argc, argv);
			continue;
		}
		if (strcmp(argv[0], "quit") == 0 || strcmp(argv[0], "exit") == 0) {
			shell_free_argv(argc, argv);
			break;
		}
		status = cmd_run(k, argc, argv);
		shell_free_argv(argc, argv);
		fflush(stdout);
		if (term_quitting())
			break;
	}
	term_history_save();
	free(comp_words);
	comp_words = NULL;
	comp_free_owned();
	return status;
}


/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_quit_entry = {
	.name = "quit",
	.usage = "",
	.summary = N_("leave the kefu prompt (also: exit, Ctrl-D)"),
	.help = N_("Leaves the interactive prompt. Everything is already saved.\n"),
	.arg = ARG_NONE,
	.words = NULL,
	.fn = NULL,
};
