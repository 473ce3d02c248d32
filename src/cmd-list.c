/* cmd-list.c: `kefu list [WHAT]`, the ids other commands take. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kefu.h"
#include "text.h"

struct row {
	const char *id, *title, *note;
};

static void
print_rows(const char *heading, const struct row *rows, size_t n)
{
	struct sb sb = SB_INIT;
	size_t i;
	int w = 0, tw = 0;

	for (i = 0; i < n; i++) {
		if (text_width(rows[i].id) > w)
			w = text_width(rows[i].id);
		if (rows[i].note && text_width(rows[i].title) > tw)
			tw = text_width(rows[i].title);
	}
	/* TRANSLATORS: a heading over a list of ids */
	sb_addf(&sb, _("%s:\n"), heading);
	if (n == 0)
		sb_adds(&sb, _("  (none)\n"));
	for (i = 0; i < n; i++) {
		sb_adds(&sb, "  ");
		text_pad(&sb, rows[i].id, w, false);
		sb_adds(&sb, "  ");
		/* the notes in a column of their own */
		if (rows[i].note)
			text_pad(&sb, rows[i].title, tw, false);
		else
			text_inert(&sb, rows[i].title, false);
		if (rows[i].note) {
			struct sb note = SB_INIT;

			text_inert(&note, rows[i].note, false);
			/* TRANSLATORS: a note after an id and title in a list */
			sb_addf(&sb, _("  (%s)"), sb_str(&note));
			sb_free(&note);
		}
		sb_addc(&sb, '\n');
	}
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
}

int
cmd_list(struct kefu *k, int argc, char **argv)
{
	static const char *const whats[] = {
		"lessons", "stages", "quizzes", "drills", "curricula", "libraries", "scripts",
		"scenarios", "rules"
	};
	static const char *const headings[] = {
		N_("Lessons"), N_("Stages"), N_("Quizzes"), N_("Drills"), N_("Curricula"),
		N_("Script libraries"), N_("Scripts"), N_("Chat scenarios"), N_("Rule lists")
	};
	const struct content *c;
	const struct curriculum *cu = NULL;
	struct row *rows;
	char **owned;
	size_t i, j, s, n, cap, w, nowned = 0;
	int shown = 0;

	char *pos[1];
	int npos, status;
	const char *what;

	if ((status = cmd_parse(&cmd_list_entry, argc, argv, NULL, pos, 1, &npos)) != 0)
		return status;
	what = npos ? pos[0] : NULL;
	if (what) {
		for (w = 0; w < ARRAY_SIZE(whats); w++)
			if (strcmp(what, whats[w]) == 0)
				break;
		if (w == ARRAY_SIZE(whats))
			return cmd_usage(&cmd_list_entry);
	}
	c = kefu_content(k);
	kefu_me(k);
	if (k->enr.id)
		cu = content_curriculum(c, k->enr.curriculum);
	if (cu == NULL && c->ncurricula == 1)
		cu = c->curricula[0];
	cap = c->nquizzes + c->ndrills + c->ncurricula + c->nlibraries + c->nscenarios +
	    c->nrule_lists + 1;
	for (i = 0; i < c->nlibraries; i++)
		cap += c->libraries[i]->nitems;
	for (s = 0; cu && s < cu->nstages; s++)
		cap += cu->stages[s].nmodules + 1;
	rows = xcalloc(cap, sizeof(*rows));
	owned = xcalloc(cap, sizeof(*owned));

	for (w = 0; w < ARRAY_SIZE(whats); w++) {
		if (what && strcmp(what, whats[w]) != 0)
			continue;
		/* all of them: scripts are many, and listed by library */
		if (!what && (w == 6 || w == 8 || (w == 5 && c->nlibraries == 0) ||
			      (w == 7 && c->nscenarios == 0)))
			continue;
		n = 0;
		switch (w) {
		case 0:
			for (s = 0; cu && s < cu->nstages; s++)
				for (j = 0; j < cu->stages[s].nmodules; j++)
					if (cu->stages[s].modules[j].kind == MOD_LESSON) {
						/* the stage each lesson is in, by its title */
						rows[n].id = cu->stages[s].modules[j].id;
						rows[n].title = cu->stages[s].modules[j].title;
						rows[n++].note = cu->stages[s].title;
					}
			break;
		case 1:
			for (s = 0; cu && s < cu->nstages; s++) {
				rows[n].id = cu->stages[s].id;
				rows[n++].title = cu->stages[s].title;
			}
			break;
		case 2:
			for (i = 0; i < c->nquizzes; i++) {
				rows[n].id = c->quizzes[i]->id;
				rows[n].title = c->quizzes[i]->title;
				rows[n++].note = c->quizzes[i]->mode == QUIZ_EXAM ?
				    _("exam") : _("practice");
			}
			break;
		case 3:
			for (i = 0; i < c->ndrills; i++) {
				rows[n].id = c->drills[i]->id;
				rows[n].title = c->drills[i]->title;
				rows[n++].note = content_unit_name(c->drills[i]->unit);
			}
			break;
		case 4:
			for (i = 0; i < c->ncurricula; i++) {
				rows[n].id = c->curricula[i]->id;
				rows[n].title = c->curricula[i]->title;
				rows[n++].note = cu == c->curricula[i] && k->enr.id ?
				    _("enrolled") : NULL;
			}
			break;
		case 5:
			for (i = 0; i < c->nlibraries; i++) {
				rows[n].id = c->libraries[i]->id;
				rows[n].title = c->libraries[i]->title;
				rows[n++].note = c->libraries[i]->situation;
			}
			break;
		case 6:
			/* as copy takes them: LIBRARY/ID */
			for (i = 0; i < c->nlibraries; i++)
				for (j = 0; j < c->libraries[i]->nitems; j++) {
					const struct script *it = &c->libraries[i]->items[j];

					rows[n].id = owned[nowned++] =
					    xasprintf("%s/%s", c->libraries[i]->id, it->id);
					rows[n++].title = it->title;
				}
			break;
		case 7:
			for (i = 0; i < c->nscenarios; i++) {
				const struct scenario *sc = c->scenarios[i];

				rows[n].id = sc->id;
				rows[n].title = sc->title;
				rows[n++].note = owned[nowned++] =
				    xasprintf("%s%s", content_scenario_kind_name(sc->kind),
					      sc->mode == QUIZ_EXAM ? _(", exam") : "");
			}
			break;
		case 8:
			for (i = 0; i < c->nrule_lists; i++) {
				rows[n].id = c->rule_lists[i]->id;
				rows[n].title = c->rule_lists[i]->title;
				rows[n++].note = owned[nowned++] =
				    xasprintf(P_("%zu word", "%zu words", c->rule_lists[i]->nwords),
					      c->rule_lists[i]->nwords);
			}
			break;
		}
		if (shown++)
			fputc('\n', stdout);
		print_rows(_(headings[w]), rows, n);
	}
	free(rows);
	while (nowned)
		free(owned[--nowned]);
	free(owned);
	return 0;
}

static const char *const list_words[] = {
	"lessons", "quizzes", "drills", "stages", "curricula", "libraries", "scripts",
	"scenarios", "rules", NULL
};

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_list_entry = {
	.name = "list",
	.usage = "[lessons|quizzes|drills|stages|curricula|libraries|scripts|scenarios|rules]",
	.summary = N_("list the ids you can use with other commands"),
	.help = N_("Lists ids and titles from the loaded content: lessons and stages\n"
		"of your curriculum, and every quiz, drill, curriculum and script\n"
		"library; scripts as LIBRARY/ID, as 'kefu scripts copy' takes them;\n"
		"chat scenarios ('kefu chat') and the rule lists replies are checked\n"
		"against ('kefu lint'). With no argument, lists them all but scripts\n"
		"and rule lists.\n"),
	.arg = ARG_WORDS,
	.words = list_words,
	.fn = cmd_list,
};
