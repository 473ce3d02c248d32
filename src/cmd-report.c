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

static const char *const report_words[] = {
	"stages", "trainee", "overdue", "probation", "elite", "grades", "attention", "items",
	"dashboard", "leavers", "--ids",
	"--format", "--bom", "--html", "--period", "--curriculum", "--stage", "--all",
	"table", "csv", "json", NULL
};

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_report_entry = {
	.name = "report",
	.usage = "stages|trainee LOGIN|overdue|probation [--all]|elite|grades [ID...]|attention|items QUIZ|dashboard --html FILE|leavers [--format table|csv|json] [--bom] [--ids] [--html FILE] [--period P] [--stage ID] [--curriculum ID]",
	.summary = N_("who is where, who is late, who passed, who is elite (trainers)"),
	.help = N_("  stages      one row per active trainee: hire date, current stage,\n"
		"              each stage's status and completion date (and how late\n"
		"              it was completed), days late, the outcome\n"
		"  trainee LOGIN  the full record of one person in time order: lessons,\n"
		"              attempts, drills, gradings, KPI figures, assessments,\n"
		"              sign-offs (trainees may see their own)\n"
		"  overdue     who is past their current stage's due date, and by how\n"
		"              much, the longest overdue first\n"
		"  probation   everyone in the first stage with an assessment (or\n"
		"              --stage ID), each part's figure and pass, the outcome;\n"
		"              --all: everyone decided on too, past outcomes (passed,\n"
		"              extended, failed) and those who left included\n"
		"  elite       标杆: the team mean of each KPI for a period (--period,\n"
		"              default the latest) and the people whose every KPI beats\n"
		"              it in its better direction, with their margins (a KPI\n"
		"              nobody has a figure for in the period is left out)\n"
		"  grades [ID...]  the gradebook: a row per trainee, a column per quiz\n"
		"              (best final percent, attempts used of allowed, * one\n"
		"              waits for grading, vN set aside) and per drill (the\n"
		"              fastest run that counts for a gate, its accuracy); IDs\n"
		"              pick quizzes and drills of the plan\n"
		"  attention   everyone who needs a trainer's action, most urgent\n"
		"              first: essays to grade, assessments and sign-offs due,\n"
		"              no attempts left, failed assessments, past a due date,\n"
		"              idle for 7 days; each with the reason and the command\n"
		"              that acts on it\n"
		"  items QUIZ  item analysis of the quiz's final attempts, as Moodle's\n"
		"              quiz statistics: for each question how many were given\n"
		"              it, facility (mean score, percent of its points), SD,\n"
		"              discrimination (its score against the rest of the\n"
		"              paper) and the picks of each choice; for the quiz the\n"
		"              mean, median, SD and Cronbach's alpha. A facility under\n"
		"              20 or over 95 (percent) and a discrimination under 0.1\n"
		"              are flagged\n"
		"  dashboard --html FILE  the page a supervisor opens first: who needs\n"
		"              a trainer, the stage funnel, every trainee (late ones\n"
		"              first) with stage, due date, lateness, probation outcome,\n"
		"              exam and typing bests and a legend, the gradebook, the\n"
		"              probation exam's item analysis and quizzes and drills\n"
		"              done a week; self-contained ('stages --html' writes it\n"
		"              too)\n"
		"  leavers     everyone who left: role, hire and leaving days, days\n"
		"              between, the stage they had reached, a failed\n"
		"              assessment, and why they left\n"
		"\n"
		"  --format F  table (default, lined up for Chinese), csv (RFC 4180) or\n"
		"              json (one document: {\"report\": ..., \"rows\": [...]})\n"
		"  --bom       start CSV with a byte order mark, for Excel\n"
		"  --ids       CSV for scripts: the header of keys and the status\n"
		"              words in English (sentences, such as a reason, stay in\n"
		"              your language), no first row of what the report covers;\n"
		"              without it a CSV starts with that row (curriculum, day,\n"
		"              period...), and in a translated locale its headings and\n"
		"              words are in that language, for Excel\n"
		"  --html FILE write 'stages' or 'dashboard' as the dashboard page,\n"
		"              'attention' or 'grades' as a page with its table\n"
		"  --curriculum ID  whose trainees, when the content has several\n"
		"\n"
		"In CSV, text that a spreadsheet would take for a formula (= + - @)\n"
		"starts with an apostrophe.\n"),
	.arg = ARG_WORDS,
	.words = report_words,
	.fn = cmd_report,
};
