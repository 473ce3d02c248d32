/* cmd-report.c: `kefu report KIND`: what trainers and managers ask of
 * the records. Each report is a file under src/report/; this one picks
 * it and checks who may see it. */
#include "config.h"

#include <string.h>

#include "date.h"
#include "kefu.h"
#include "report/report.h"

/* The reports, what each takes besides --format, and who runs it. */
enum { R_HTML = 1, R_PERIOD = 2, R_STAGE = 4, R_ALL = 8, R_NEEDS_HTML = 16 };
struct report_kind {
	const char *name;
	int minpos, maxpos;	/* words after the report's name */
	unsigned takes;		/* R_* */
};
static const struct report_kind kinds[] = {
	{ "stages", 0, 0, R_HTML },
	{ "trainee", 1, 1, 0 },
	{ "overdue", 0, 0, 0 },
	{ "probation", 0, 0, R_STAGE | R_ALL },
	{ "elite", 0, 0, R_PERIOD },
	{ "grades", 0, 64, R_HTML },
	{ "attention", 0, 0, R_HTML },
	{ "items", 1, 1, 0 },
	{ "dashboard", 0, 0, R_HTML | R_NEEDS_HTML },
	{ "leavers", 0, 0, 0 },
};

static int
run(struct kefu *k, const struct curriculum *cu, size_t i, char **pos, int npos,
    const struct report_opts *o)
{
	switch (i) {
	case 0: return report_stages(k, cu, o);
	case 2: return report_overdue(k, cu, o);
	case 3: return report_probation(k, cu, o);
	case 4: return report_elite(k, cu, o);
	case 5: return report_grades(k, cu, pos, npos, o);
	case 6: return report_attention(k, cu, o);
	case 7: return report_items(k, pos[0], o);
	case 8: return report_dashboard(k, cu, o);
	case 9: return report_leavers(k, cu, o);
	default: BUG("report %zu", i);
	}
}

int
cmd_report(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("report");
	const char *format = NULL;
	struct report_opts o = { TABLE_TEXT, false, NULL, NULL, NULL, NULL, false, false, "" };
	const struct cmd_opt opts[] = {
		{ "--format", &format, NULL }, { "--bom", NULL, &o.bom },
		{ "--html", &o.html, NULL }, { "--period", &o.period, NULL },
		{ "--curriculum", &o.curriculum, NULL }, { "--stage", &o.stage, NULL },
		{ "--all", NULL, &o.all }, { "--ids", NULL, &o.ids },
		{ NULL, NULL, NULL }
	};
	const char *names[ARRAY_SIZE(kinds)];
	const struct report_kind *r;
	const struct curriculum *cu;
	char *pos[66];
	int npos, rc;
	size_t i;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 66, &npos)) != 0)
		return rc;
	if (npos < 1)
		return cmd_usage(c);
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strcmp(pos[0], (names[i] = kinds[i].name)) == 0)
			break;
	if (i == ARRAY_SIZE(kinds)) {
		kefu_unknown(_("report"), "", pos[0], names, ARRAY_SIZE(kinds),
			     _("see 'kefu help report'"));
		return 2;
	}
	r = &kinds[i];
	date_format(k->today, o.as_of);
	if ((rc = cmd_format(format, &o.format)) != 0)
		return rc;
	if (npos - 1 < r->minpos || npos - 1 > r->maxpos ||
	    (o.html && !(r->takes & R_HTML)) || (o.html && format) ||
	    (o.period && !(r->takes & R_PERIOD)) || (o.stage && !(r->takes & R_STAGE)) ||
	    (o.all && !(r->takes & R_ALL)) || (!o.html && (r->takes & R_NEEDS_HTML)))
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
	rc = run(k, cu, i, pos + 1, npos - 1, &o);
	store_rollback(kefu_store(k));
	return rc;
}
