/* cmd-check.c: `kefu check [PATH...]`, the trainer's content validator. */
#include "config.h"

#include <stdio.h>

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
	printf(_("ok: %zu file%s: %zu curricul%s (%zu stage%s, %zu module%s), "
		 "%zu quiz%s (%zu question%s), %zu drill%s (%zu line%s)\n"),
	       c->nfiles, PLURAL(c->nfiles),
	       c->ncurricula, c->ncurricula == 1 ? "um" : "a",
	       stages, PLURAL(stages), modules, PLURAL(modules),
	       c->nquizzes, c->nquizzes == 1 ? "" : "zes",
	       questions, PLURAL(questions),
	       c->ndrills, PLURAL(c->ndrills), lines, PLURAL(lines));
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
		content_clashes(c, tree, &d);
	}
	if (d.errors == 0 && c->nfiles == 0) {
		error(_("no content files (*.yaml, *.yml) found"));
		status = 1;
	} else if (d.errors == 0) {
		summary(c);
		status = 0;
	} else {
		error(_("%u error%s in %zu file%s"), d.errors, PLURAL(d.errors),
		      c->nfiles, PLURAL(c->nfiles));
		status = 1;
	}
	content_free(tree);
	content_free(c);
	return status;
}
