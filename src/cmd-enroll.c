/* cmd-enroll.c: `kefu enroll CURRICULUM` for the person running kefu. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "text.h"

int
cmd_enroll(struct kefu *k, int argc, char **argv)
{
	const struct content *c;
	const struct curriculum *cu;
	struct store *st;
	struct sb title = SB_INIT;
	char today[11];

	char *pos[1];
	int npos, status;

	if ((status = cmd_parse(&cmd_enroll_entry, argc, argv, NULL, pos, 1, &npos)) != 0)
		return status;
	if (npos != 1)
		return cmd_usage(&cmd_enroll_entry);
	c = kefu_content(k);
	kefu_me(k);
	st = kefu_store(k);
	cu = content_curriculum(c, pos[0]);
	if (cu == NULL) {
		const char **ids;
		size_t n = content_ids(c, KIND_CURRICULUM, &ids);

		kefu_unknown(_("curriculum"), "", pos[0], ids, n,
			     _("'kefu list curricula' shows them"));
		free(ids);
		return 1;
	}
	text_inert(&title, cu->title, false);
	if (k->enr.id && strcmp(k->enr.curriculum, cu->id) == 0) {
		struct sb since = SB_INIT;

		text_inert(&since, k->enr.started, false);
		printf(_("You are already enrolled in %s (since %s).\n"), sb_str(&title),
		       sb_str(&since));
		sb_free(&since);
		sb_free(&title);
		return 0;
	}
	date_format(k->today, today);
	if (store_begin(st) != 0 ||
	    store_enroll(st, k->me.id, cu->id, today, k->now) < 0 ||
	    store_event(st, k->me.id, "enroll", k->me.id, cu->id, k->now) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		sb_free(&title);
		return 1;
	}
	enrollment_clear(&k->enr);
	if (store_enrollment(st, k->me.id, &k->enr) != 1) {
		sb_free(&title);
		return 1;
	}
	/* coming back to a curriculum keeps its first start date */
	sb_reset(&title);
	text_inert(&title, cu->title, false);
	sb_adds(&title, strcmp(k->enr.started, today) == 0 ? _(" from ") : _(" again, as from "));
	text_inert(&title, k->enr.started, false);
	printf(_("Enrolled in %s. 'kefu plan' shows where to start.\n"), sb_str(&title));
	sb_free(&title);
	return 0;
}


/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_enroll_entry = {
	.name = "enroll",
	.usage = "CURRICULUM",
	.summary = N_("enroll yourself in a curriculum"),
	.help = N_("Enrolls you in a curriculum from today. kefu enrolls you on its\n"
		"own when the content has exactly one curriculum; with several,\n"
		"pick one with this command (see `kefu list curricula`).\n"),
	.arg = ARG_CURRICULUM,
	.words = NULL,
	.fn = cmd_enroll,
};
