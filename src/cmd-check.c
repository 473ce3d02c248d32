/* cmd-check.c: `kefu check [PATH...]`, the trainer's content validator. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "kefu.h"
#include "priv.h"
#include "text.h"

static void
summary(const struct content *c)
{
	size_t i, j, questions = 0, lines = 0, stages = 0, modules = 0;

	for (i = 0; i < c->nquizzes; i++)
		questions += c->quizzes[i]->nown;	/* a pool's are counted in their banks */
	for (i = 0; i < c->ndrills; i++)
		lines += c->drills[i]->nlines;
	for (i = 0; i < c->ncurricula; i++) {
		stages += c->curricula[i]->nstages;
		for (j = 0; j < c->curricula[i]->nstages; j++)
			modules += c->curricula[i]->stages[j].nmodules;
	}
	/* each count with its own plural form, then the sentence around them */
	{
		char *f = xasprintf(P_("%zu file", "%zu files", c->nfiles), c->nfiles);
		char *cu = xasprintf(P_("%zu curriculum", "%zu curricula", c->ncurricula),
				     c->ncurricula);
		char *st = xasprintf(P_("%zu stage", "%zu stages", stages), stages);
		char *mo = xasprintf(P_("%zu module", "%zu modules", modules), modules);
		char *qz = xasprintf(P_("%zu quiz", "%zu quizzes", c->nquizzes), c->nquizzes);
		char *qu = xasprintf(P_("%zu question", "%zu questions", questions), questions);
		char *dr = xasprintf(P_("%zu drill", "%zu drills", c->ndrills), c->ndrills);
		char *li = xasprintf(P_("%zu line", "%zu lines", lines), lines);

		/* TRANSLATORS: the counts of what `kefu check` read: files,
		 * curricula (stages, modules), quizzes (questions), drills
		 * (lines) */
		printf(_("ok: %s: %s (%s, %s), %s (%s), %s (%s)"), f, cu, st, mo, qz, qu, dr, li);
		if (c->nlibraries || c->ncasebooks) {
			size_t items = 0, cases = 0;
			char *lb, *it, *cb, *cs;

			for (i = 0; i < c->nlibraries; i++)
				items += c->libraries[i]->nitems;
			for (i = 0; i < c->ncasebooks; i++)
				cases += c->casebooks[i]->ncases;
			lb = xasprintf(P_("%zu script library", "%zu script libraries",
					  c->nlibraries), c->nlibraries);
			it = xasprintf(P_("%zu script", "%zu scripts", items), items);
			cb = xasprintf(P_("%zu case book", "%zu case books", c->ncasebooks),
				       c->ncasebooks);
			cs = xasprintf(P_("%zu case", "%zu cases", cases), cases);
			/* TRANSLATORS: continues the counts above: script
			 * libraries (scripts), case books (cases) */
			printf(_(", %s (%s), %s (%s)"), lb, it, cb, cs);
			free(lb), free(it), free(cb), free(cs);
		}
		if (c->nrule_lists || c->nscenarios) {
			size_t words = 0, turns = 0;
			char *rl, *wd, *sc, *tu;

			for (i = 0; i < c->nrule_lists; i++)
				words += c->rule_lists[i]->nwords;
			for (i = 0; i < c->nscenarios; i++)
				turns += c->scenarios[i]->nturns;
			rl = xasprintf(P_("%zu rule list", "%zu rule lists", c->nrule_lists),
				       c->nrule_lists);
			wd = xasprintf(P_("%zu word", "%zu words", words), words);
			sc = xasprintf(P_("%zu scenario", "%zu scenarios", c->nscenarios),
				       c->nscenarios);
			tu = xasprintf(P_("%zu turn", "%zu turns", turns), turns);
			/* TRANSLATORS: continues the counts above: rule lists
			 * (words), chat scenarios (turns) */
			printf(_(", %s (%s), %s (%s)"), rl, wd, sc, tu);
			free(rl), free(wd), free(sc), free(tu);
		}
		putchar('\n');
		free(f), free(cu), free(st), free(mo), free(qz), free(qu), free(dr), free(li);
	}
}

int
cmd_check(struct kefu *k, int argc, char **argv)
{
	struct diag d = DIAG_INIT(stderr);
	struct content *c = content_new(), *tree = NULL;
	int i, status;

	if (argc == 1) {
		content_load_tree(c, k->content_dir, &d);
		content_resolve(c, NULL, &d);
		content_warnings(c, NULL, &d);
	} else {
		struct diag quiet = DIAG_INIT(NULL);

		/* the files named are read with the user's own group */
		priv_user();
		for (i = 1; i < argc; i++)
			content_load_path(c, argv[i], &d);
		priv_group();
		/* files checked alone may name quizzes and drills of the tree */
		tree = content_new();
		content_load_tree(tree, k->content_dir, &quiet);
		content_resolve(tree, NULL, &quiet);
		content_resolve(c, tree, &d);
		content_warnings(c, tree, &d);
		content_clashes(c, tree, &d);
	}
	if (d.errors == 0 && c->nfiles == 0) {
		error(_("no content files (*.yaml, *.yml) found"));
		status = 1;
	} else if (d.errors == 0) {
		summary(c);
		status = 0;
	} else {
		char *e = xasprintf(P_("%u error", "%u errors", d.errors), d.errors);
		char *f = xasprintf(P_("%zu file", "%zu files", c->nfiles), c->nfiles);

		/* TRANSLATORS: "3 errors in 12 files" */
		error(_("%s in %s"), e, f);
		free(e), free(f);
		status = 1;
	}
	content_free(tree);
	content_free(c);
	return status;
}


/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_check_entry = {
	.name = "check",
	.usage = "[PATH...]",
	.summary = N_("validate content files"),
	.help = N_("Checks curricula, quizzes and drills against the content format\n"
		"and reports every problem as FILE:LINE:COLUMN: message. With no\n"
		"PATH, checks the content tree kefu uses. A PATH may be a file or a\n"
		"directory (every .yaml/.yml below it). References to quizzes and\n"
		"drills not among the PATHs are looked up in the content tree.\n"
		"Exit status: 0 when all is well, 1 when anything is wrong.\n"),
	.arg = ARG_FILE,
	.words = NULL,
	.fn = cmd_check,
};
