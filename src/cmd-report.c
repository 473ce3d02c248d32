/* cmd-report.c: `kefu report KIND`: what trainers and managers ask of
 * the records. Each report is a file under src/report/; this one picks
 * it and checks who may see it. */
#include "config.h"

#include <string.h>

#include "kefu.h"
#include "report/report.h"

int
cmd_report(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("report");
	const char *format = NULL;
	struct report_opts o = { TABLE_TEXT, false, NULL, NULL, NULL, NULL };
	const struct cmd_opt opts[] = {
		{ "--format", &format, NULL }, { "--bom", NULL, &o.bom },
		{ "--html", &o.html, NULL }, { "--period", &o.period, NULL },
		{ "--curriculum", &o.curriculum, NULL }, { "--stage", &o.stage, NULL },
		{ NULL, NULL, NULL }
	};
	static const char *const kinds[] = { "stages", "trainee", "overdue", "probation", "elite" };
	const struct curriculum *cu;
	char *pos[2];
	int npos, rc;
	size_t i;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 2, &npos)) != 0)
		return rc;
	if (npos < 1)
		return cmd_usage(c);
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strcmp(pos[0], kinds[i]) == 0)
			break;
	if (i == ARRAY_SIZE(kinds)) {
		kefu_unknown(_("report"), "", pos[0], kinds, ARRAY_SIZE(kinds),
			     _("see 'kefu help report'"));
		return 2;
	}
	if ((rc = cmd_format(format, &o.format)) != 0)
		return rc;
	if ((npos == 2) != (i == 1) || (o.html && i != 0) || (o.html && format) ||
	    (o.period && i != 4) || (o.stage && i != 3))
		return cmd_usage(c);
	if (i == 1)
		return report_trainee(k, pos[1], &o);
	if (!kefu_may(k, "trainer", _("see reports")))
		return 1;
	if ((cu = kefu_pick_curriculum(k, o.curriculum)) == NULL)
		return 1;
	/* every report reads one snapshot of the database */
	if (store_begin_read(kefu_store(k)) != 0)
		return 1;
	switch (i) {
	case 0:
		rc = report_stages(k, cu, &o);
		break;
	case 2:
		rc = report_overdue(k, cu, &o);
		break;
	case 3:
		rc = report_probation(k, cu, &o);
		break;
	default:
		rc = report_elite(k, cu, &o);
		break;
	}
	store_rollback(kefu_store(k));
	return rc;
}
