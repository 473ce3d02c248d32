/* cmd-study.c: `kefu study LESSON`, reading a lesson. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "kefu.h"
#include "plan.h"
#include "text.h"

static void
no_such_lesson(const struct curriculum *cu, const char *id)
{
	const char **ids = NULL;
	size_t n = 0, i, j;

	for (i = 0; i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++)
			if (cu->stages[i].modules[j].kind == MOD_LESSON) {
				ids = xreallocarray(ids, n + 1, sizeof(*ids));
				ids[n++] = cu->stages[i].modules[j].id;
			}
	kefu_unknown(_("lesson"), _(" in your curriculum"), id, ids, n,
		     _("'kefu list lessons' shows them"));
	free(ids);
}

int
cmd_study(struct kefu *k, int argc, char **argv)
{
	const struct curriculum *cu;
	const struct stage *stage;
	const struct module *m;
	struct store *st;
	struct sb sb = SB_INIT;

	if (argc != 2)
		return cmd_usage(cmd_find("study"));
	if ((cu = kefu_curriculum(k)) == NULL)
		return 1;
	if ((m = content_lesson(cu, argv[1], &stage)) == NULL) {
		no_such_lesson(cu, argv[1]);
		return 1;
	}
	sb_adds(&sb, m->title);
	sb_adds(&sb, "\n");
	sb_addf(&sb, _("(stage: %s · lesson: %s)\n\n"), stage->title, m->id);
	sb_adds(&sb, m->text);
	term_page(k, sb_str(&sb));
	sb_free(&sb);

	st = kefu_store(k);
	if (store_begin(st) != 0 ||
	    store_lesson_read(st, k->me.id, m->id, k->now) != 0 ||
	    store_event(st, k->me.id, "lesson-read", k->me.id, m->id, k->now) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		return 1;
	}
	kefu_update_stages(k);
	return 0;
}
