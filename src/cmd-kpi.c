/* cmd-kpi.c: `kefu kpi set|import|history|delete`: per-person KPI figures
 * for a month, recorded by trainers and managers, every change kept. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "date.h"
#include "kefu.h"
#include "kpi.h"
#include "priv.h"
#include "table.h"
#include "text.h"

static const char *const login_names[] = { "login", "登录名", "账号", "帐号", NULL };
static const char *const period_names[] = { "period", "月份", NULL };

/* A KPI by id or title. */
static const struct kpi *
kpi_named(const struct curriculum *cu, const char *name)
{
	size_t i;

	for (i = 0; i < cu->nkpis; i++)
		if (csv_heading_is(name, cu->kpis[i].id) ||
		    (cu->kpis[i].title && csv_heading_is(name, cu->kpis[i].title)))
			return &cu->kpis[i];
	return NULL;
}

static const struct kpi *
find_kpi(const struct curriculum *cu, const char *id)
{
	const struct kpi *kp = kpi_named(cu, id);
	const char **ids;
	size_t i;

	if (kp)
		return kp;
	ids = xreallocarray(NULL, cu->nkpis + 1, sizeof(*ids));
	for (i = 0; i < cu->nkpis; i++)
		ids[i] = cu->kpis[i].id;
	kefu_unknown(_("KPI"), _(" in the curriculum"), id, ids, cu->nkpis,
		     cu->nkpis ? _("the curriculum lists its KPIs under 'kpis'") :
		     _("the curriculum has no 'kpis'"));
	free(ids);
	return NULL;
}

/* Why a period cannot be taken, in words; NULL when it can (*month set). */
static const char *
period_problem(const struct kefu *k, const char *s, kpi_month *month)
{
	switch (kpi_period_check(s, kefu_month(k), month)) {
	case KPI_PERIOD_OK:
		return NULL;
	case KPI_PERIOD_FUTURE:
		return _("is a month still to come");
	default:
		return _("is not a month: write it as YYYY-MM, such as 2026-11");
	}
}

/* Why a figure cannot be taken, in words (sb); false then. */
static bool
value_ok(const struct kpi *kp, const char *text, double *v, struct sb *why)
{
	switch (kpi_value_parse(kp, text, v)) {
	case KPI_VALUE_OK:
		return true;
	case KPI_VALUE_BAD:
		sb_adds(why, _("is not a number"));
		break;
	case KPI_VALUE_UNIT:
		sb_addf(why, _("is not in the KPI's unit (%s)"), kp->unit ? kp->unit : "-");
		break;
	case KPI_VALUE_RANGE:
		sb_adds(why, _("is out of range: its figures go "));
		kpi_bounds_words(why, kp);
		break;
	}
	return false;
}

/* What `kpi set` and `kpi delete` act on: LOGIN KPI [VALUE] with
 * --period and --reason, checked. */
struct target {
	struct person p;
	struct enrollment e;
	const struct kpi *kp;
	const char *reason;
	char *pos[3], month[8];
	struct sb who;
};

static void
target_clear(struct target *t)
{
	person_clear(&t->p);
	enrollment_clear(&t->e);
	sb_free(&t->who);
}

/* Parses the command line into t: npos positional arguments; the month
 * (this one by default) must be a real month, not one to come unless
 * any_month (a figure to delete may be one from before months were
 * checked). 0 when all is well, else the exit status, said. */
static int
target_of(struct kefu *k, const struct cmd *c, int argc, char **argv, int npos,
	  bool any_month, struct target *t)
{
	const char *period = NULL;
	const struct cmd_opt opts[] = {
		{ "--period", &period, NULL }, { "--reason", &t->reason, NULL },
		{ NULL, NULL, NULL }
	};
	const struct curriculum *cu;
	const char *why = NULL;
	kpi_month m = kefu_month(k);
	int n, rc;

	memset(t, 0, sizeof(*t));
	if ((rc = cmd_parse(c, argc, argv, opts, t->pos, npos, &n)) != 0)
		return rc;
	if (n != npos || (any_month && period == NULL))
		return cmd_usage(c);
	if (any_month && t->reason == NULL) {
		error(_("a deletion needs a reason (--reason TEXT): it stays on the record"));
		return 1;
	}
	if (period && any_month && !kpi_period_parse(period, &m))
		why = _("is not a month: write it as YYYY-MM, such as 2026-11");
	else if (period && !any_month)
		why = period_problem(k, period, &m);
	if (why) {
		text_inert(&t->who, period, false);
		error(_("period '%s' %s"), sb_str(&t->who), why);
		return 1;
	}
	kpi_period_format(m, t->month);
	if ((cu = kefu_trainee(k, t->pos[0], &t->p, &t->e)) == NULL)
		return 1;
	text_inert(&t->who, t->p.login, false);
	if (t->p.id == k->me.id) {
		error(_("you cannot change your own KPI figures; another trainer must"));
		return 1;
	}
	if ((t->kp = find_kpi(cu, t->pos[1])) == NULL)
		return 1;
	return 0;
}

static int
kpi_set(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	struct store *st = kefu_store(k);
	struct sb sb = SB_INIT;
	struct target t;
	struct kpi_entry f;
	double v, old = 0;
	bool had = false;
	int rc;

	if ((rc = target_of(k, c, argc, argv, 3, false, &t)) != 0)
		goto out;
	rc = 1;
	if (!value_ok(t.kp, t.pos[2], &v, &sb)) {
		struct sb text = SB_INIT;

		text_inert(&text, t.pos[2], false);
		error(_("%s: '%s' %s"), t.kp->id, sb_str(&text), sb_str(&sb));
		sb_free(&text);
		goto out;
	}
	f = (struct kpi_entry){ t.p.id, t.kp->id, t.month, v, "kefu kpi set", t.reason };
	if (store_begin(st) != 0)
		goto out;
	sb_reset(&sb);
	sb_addf(&sb, "%s %s %g", t.kp->id, t.month, v);
	if ((rc = store_kpi_set(st, &f, k->me.id, kefu_clock(k), &old, &had)) < 0 ||
	    (rc > 0 && store_event(st, k->me.id, "kpi", t.p.id, sb_str(&sb), kefu_clock(k)) != 0) ||
	    store_commit(st) != 0) {
		store_rollback(st);
		rc = 1;
		goto out;
	}
	sb_reset(&sb);
	kpi_figure_words(&sb, t.kp, v);
	if (rc == 0)
		printf(_("%s of '%s' for %s is %s already: nothing changed.\n"), t.kp->id,
		       sb_str(&t.who), t.month, sb_str(&sb));
	else if (had) {
		struct sb was = SB_INIT;

		kpi_figure_words(&was, t.kp, old);
		printf(_("Recorded %s = %s for '%s', %s (was %s; 'kefu kpi history %s' keeps both).\n"),
		       t.kp->id, sb_str(&sb), sb_str(&t.who), t.month, sb_str(&was),
		       sb_str(&t.who));
		sb_free(&was);
	} else
		printf(_("Recorded %s = %s for '%s', %s.\n"), t.kp->id, sb_str(&sb),
		       sb_str(&t.who), t.month);
	rc = 0;
out:
	sb_free(&sb);
	target_clear(&t);
	return rc;
}

static int
kpi_delete(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	struct store *st = kefu_store(k);
	struct sb sb = SB_INIT;
	struct target t;
	struct kpi_entry f;
	double old = 0;
	int rc;

	if ((rc = target_of(k, c, argc, argv, 2, true, &t)) != 0)
		goto out;
	rc = 1;
	if (text_blank(t.reason)) {
		error(_("a deletion needs a reason (--reason TEXT): it stays on the record"));
		goto out;
	}
	f = (struct kpi_entry){ t.p.id, t.kp->id, t.month, 0, "kefu kpi delete", t.reason };
	if (store_begin(st) != 0)
		goto out;
	sb_addf(&sb, "%s %s", t.kp->id, t.month);
	if ((rc = store_kpi_delete(st, &f, k->me.id, kefu_clock(k), &old)) < 0 ||
	    (rc > 0 && store_event(st, k->me.id, "kpi-delete", t.p.id, sb_str(&sb),
				   kefu_clock(k)) != 0) ||
	    store_commit(st) != 0) {
		store_rollback(st);
		rc = 1;
		goto out;
	}
	if (rc == 0) {
		error(_("'%s' has no %s figure for %s"), sb_str(&t.who), t.kp->id, t.month);
		rc = 1;
		goto out;
	}
	sb_reset(&sb);
	kpi_figure_words(&sb, t.kp, old);
	printf(_("Deleted %s = %s of '%s' for %s; the history keeps it with your reason.\n"),
	       t.kp->id, sb_str(&sb), sb_str(&t.who), t.month);
	rc = 0;
out:
	sb_free(&sb);
	target_clear(&t);
	return rc;
}

/* ---- history ---- */

struct history {
	struct table *t;
	const struct curriculum *cu;
};

/* The decimals a figure was recorded with (up to 6): an audit shows
 * 25.5556, not 25.56. */
static int
decimals(double v)
{
	char buf[64], *dot;

	snprintf(buf, sizeof(buf), "%.6f", v);
	if ((dot = strchr(buf, '.')) == NULL)
		return 0;
	for (size_t n = strlen(buf); n > 0 && buf[n - 1] == '0'; n--)
		buf[n - 1] = '\0';
	return (int)strlen(dot + 1);
}

static void
history_row(const struct kpi_change *c, void *arg)
{
	struct history *h = arg;
	char when[17];

	table_text(h->t, c->kpi);
	table_text(h->t, c->period);
	if (!c->had_old)
		table_null(h->t);
	else
		table_num(h->t, c->old_value, decimals(c->old_value));
	if (!c->has_new)
		table_word(h->t, N_("deleted"));
	else
		table_num(h->t, c->new_value, decimals(c->new_value));
	table_text(h->t, c->by);
	table_text(h->t, date_format_time(c->at, when));
	table_text(h->t, c->source);
	table_text(h->t, c->reason);
}

static const struct column history_cols[] = {
	{ "kpi", N_("KPI") }, { "period", N_("Month") }, { "old", N_("Was") },
	{ "new", N_("Now") }, { "by", N_("By") }, { "at", N_("When") },
	{ "source", N_("From") }, { "reason", N_("Reason") },
};

static int
kpi_history(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *format = NULL;
	const struct cmd_opt opts[] = { { "--format", &format, NULL }, { NULL, NULL, NULL } };
	struct person p;
	struct table t;
	struct history h = { &t, NULL };
	const struct kpi *kp = NULL;
	enum table_format fmt;
	char *pos[2];
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 2, &npos)) != 0)
		return rc;
	if (npos < 1)
		return cmd_usage(c);
	if ((rc = cmd_format(format, &fmt)) != 0)
		return rc;
	kefu_me(k);
	if (strcmp(pos[0], k->me.login) != 0 &&
	    !kefu_may(k, "trainer", _("see someone else's KPI figures")))
		return 1;
	if (kefu_person(k, pos[0], &p) != 1)
		return 1;
	if (npos > 1) {
		/* a KPI of the person's curriculum, by id or title */
		struct enrollment e;
		const struct curriculum *cu = NULL;

		if (store_enrollment(kefu_store(k), p.id, &e) == 1) {
			cu = content_curriculum(kefu_content(k), e.curriculum);
			enrollment_clear(&e);
		}
		if (cu == NULL || (kp = find_kpi(cu, pos[1])) == NULL) {
			if (cu == NULL)
				error(_("'%s' is not enrolled in a curriculum, so has no KPI '%s'"),
				      pos[0], pos[1]);
			person_clear(&p);
			return 1;
		}
	}
	table_init(&t, "kpi-history", history_cols, ARRAY_SIZE(history_cols));
	rc = store_kpi_history(kefu_store(k), p.id, kp ? kp->id : NULL, history_row,
			       &h) != 0;
	if (rc == 0 && fmt == TABLE_TEXT && t.nrows == 0) {
		struct sb who = SB_INIT;

		text_inert(&who, p.login, false);
		printf(_("No KPI figures were ever recorded for '%s'.\n"), sb_str(&who));
		sb_free(&who);
	} else if (rc == 0)
		table_print(stdout, &t, fmt, false);
	table_free(&t);
	person_clear(&p);
	return rc;
}

/* ---- import ---- */

/* One figure of an import, checked, waiting for the commit. */
struct fig {
	int64_t person;
	const struct kpi *kpi;
	char period[8];
	double v;
	unsigned line;
};

struct import {
	struct kefu *k;
	const char *file;
	const struct curriculum *cu;
	const char *period;	/* --period, for a file without a period column */
	kpi_month period_month;
	const struct kpi **cols;	/* by column; NULL for any other */
	struct csv_sheet sheet;
	size_t ncols, login_col, period_col;	/* (size_t)-1: none */
	struct fig *figs;
	size_t nfigs, cap;
	unsigned errors, rows;
	bool bad_header;
};

static void import_error(struct import *, unsigned, const char *, ...) PRINTF(3, 4);

static void
import_error(struct import *im, unsigned line, const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (im->errors++ < 50) {
		if (line)
			fprintf(stderr, "kefu: %s:%u: %s\n", im->file, line, sb_str(&sb));
		else
			fprintf(stderr, "kefu: %s: %s\n", im->file, sb_str(&sb));
	}
	sb_free(&sb);
}

/* The header row: which column is the login, the month and each KPI. */
static void
read_header(struct import *im, const struct csv_record *r)
{
	struct sb extra = SB_INIT, sb = SB_INIT;
	size_t i, j, nkpi = 0;

	im->ncols = r->n;
	im->cols = xcalloc(r->n + 1, sizeof(*im->cols));
	im->login_col = im->period_col = (size_t)-1;
	for (i = 0; i < r->n; i++) {
		if (r->fields[i][0] == '\0')
			continue;	/* an empty heading: a column to ignore */
		if (csv_heading_any(r->fields[i], login_names)) {
			if (im->login_col != (size_t)-1)
				import_error(im, r->line, _("columns %zu and %zu are both logins"),
					     im->login_col + 1, i + 1);
			im->login_col = i;
		} else if (csv_heading_any(r->fields[i], period_names)) {
			if (im->period_col != (size_t)-1)
				import_error(im, r->line, _("columns %zu and %zu are both months"),
					     im->period_col + 1, i + 1);
			im->period_col = i;
		} else if ((im->cols[i] = kpi_named(im->cu, r->fields[i])) != NULL) {
			nkpi++;
			for (j = 0; j < i; j++)
				if (im->cols[j] == im->cols[i])
					import_error(im, r->line,
						     _("columns %zu and %zu are both KPI '%s'"),
						     j + 1, i + 1, im->cols[i]->id);
		} else {
			if (extra.len)
				sb_adds(&extra, ", ");
			text_inert(&extra, r->fields[i], false);
			sb_addf(&extra, " (%zu)", i + 1);
		}
	}
	if (r->n == 1 && strpbrk(r->fields[0], ";\t")) {
		import_error(im, r->line,
			     _("the fields are separated by '%s', not commas: save the sheet as CSV (comma delimited)"),
			     strchr(r->fields[0], ';') ? ";" : "\\t");
		im->bad_header = true;
	} else if (im->login_col == (size_t)-1) {
		import_error(im, r->line, _("no login column: name one login, 登录名 or 账号"));
		im->bad_header = true;
	}
	if (im->period_col != (size_t)-1 && im->period != NULL) {
		import_error(im, r->line,
			     _("column %zu holds the months: --period is for a file without one"),
			     im->period_col + 1);
		im->bad_header = true;
	}
	if (im->period_col == (size_t)-1 && im->period == NULL) {
		import_error(im, r->line,
			     _("no period column: name one period or 月份, or give --period YYYY-MM"));
		im->bad_header = true;
	}
	if (nkpi == 0) {
		for (i = 0; i < im->cu->nkpis; i++) {
			sb_adds(&sb, i ? ", " : "");
			sb_adds(&sb, im->cu->kpis[i].id);
			if (im->cu->kpis[i].title)
				sb_addf(&sb, " (%s)", im->cu->kpis[i].title);
		}
		import_error(im, r->line, _("no KPI column: name columns by the KPIs of curriculum %s: %s"),
			     im->cu->id, im->cu->nkpis ? sb_str(&sb) : _("it lists none"));
		im->bad_header = true;
	}
	if (extra.len && !im->bad_header)
		fprintf(stderr, _("kefu: %s:%u: note: columns left out, not KPIs of %s: %s\n"),
			im->file, r->line, im->cu->id, sb_str(&extra));
	sb_free(&extra);
	sb_free(&sb);
}

static int
import_row(const struct csv_record *r, void *arg)
{
	struct import *im = arg;
	struct person p;
	struct sb sb = SB_INIT;
	kpi_month m = im->period_month;
	char month[8], *login;
	size_t i;
	int rc;

	switch (csv_sheet_line(&im->sheet, r, login_names)) {
	case CSV_SHEET_SKIP:
		return 0;
	case CSV_SHEET_HEADER:
		read_header(im, r);
		return 0;
	case CSV_SHEET_WIDTH:
		if (!im->bad_header) {
			im->rows++;
			import_error(im, r->line, _("%zu fields where the header has %zu"), r->n,
				     im->ncols);
		}
		return 0;
	case CSV_SHEET_ROW:
		break;
	}
	if (im->bad_header)
		return 0;
	im->rows++;
	if (im->login_col >= r->n || r->fields[im->login_col][0] == '\0') {
		import_error(im, r->line, _("column %zu: no login"), im->login_col + 1);
		return 0;
	}
	login = csv_cell(r->fields[im->login_col]);
	rc = store_person_by_login(kefu_store(im->k), login, &p);
	free(login);
	if (rc < 0)
		return -2;
	if (rc == 0 || !p.active) {
		text_inert(&sb, r->fields[im->login_col], false);
		import_error(im, r->line, rc == 0 ? _("column %zu: no person '%s' in this database") :
			     _("column %zu: '%s' has left"), im->login_col + 1, sb_str(&sb));
		sb_free(&sb);
		person_clear(&p);
		return 0;
	}
	if (p.id == im->k->me.id) {
		import_error(im, r->line, _("your own figures must be recorded by another trainer"));
		person_clear(&p);
		return 0;
	}
	{
		/* figures are a trainee's, in the curriculum they count in */
		struct enrollment e;
		int er = store_enrollment(kefu_store(im->k), p.id, &e);

		if (er < 0) {
			person_clear(&p);
			return -2;
		}
		if (er == 0 || strcmp(e.curriculum, im->cu->id) != 0) {
			text_inert(&sb, p.login, false);
			import_error(im, r->line, _("column %zu: '%s' is not enrolled in %s"),
				     im->login_col + 1, sb_str(&sb), im->cu->id);
			sb_reset(&sb);
			if (er > 0)
				enrollment_clear(&e);
			person_clear(&p);
			return 0;
		}
		enrollment_clear(&e);
	}
	if (im->period_col != (size_t)-1) {
		const char *why;
		char *s = im->period_col < r->n ? csv_cell(r->fields[im->period_col]) : xstrdup("");

		if ((why = period_problem(im->k, s, &m)) != NULL) {
			text_inert(&sb, s, false);
			import_error(im, r->line, _("column %zu: period '%s' %s"),
				     im->period_col + 1, sb_str(&sb), why);
			sb_free(&sb);
			free(s);
			person_clear(&p);
			return 0;
		}
		free(s);
	}
	kpi_period_format(m, month);
	for (i = 0; i < r->n && i < im->ncols; i++) {
		const struct kpi *kp = im->cols[i];
		struct fig *f;
		double v;
		size_t j;

		if (kp == NULL || r->fields[i][0] == '\0')
			continue;	/* no figure for this KPI */
		sb_reset(&sb);
		if (!value_ok(kp, r->fields[i], &v, &sb)) {
			struct sb t = SB_INIT;

			text_inert(&t, r->fields[i], false);
			import_error(im, r->line, _("column %zu (%s): '%s' %s"), i + 1, kp->id,
				     sb_str(&t), sb_str(&sb));
			sb_free(&t);
			continue;
		}
		for (j = 0; j < im->nfigs; j++)
			if (im->figs[j].person == p.id && im->figs[j].kpi == kp &&
			    strcmp(im->figs[j].period, month) == 0)
				break;
		if (j < im->nfigs) {
			sb_reset(&sb);
			text_inert(&sb, p.login, false);
			import_error(im, r->line, _("a second %s figure for '%s' in %s: line %u has one"),
				     kp->id, sb_str(&sb), month, im->figs[j].line);
			continue;
		}
		if (im->nfigs == im->cap) {
			im->cap = im->cap ? im->cap * 2 : 64;
			im->figs = xreallocarray(im->figs, im->cap, sizeof(*im->figs));
		}
		f = &im->figs[im->nfigs++];
		f->person = p.id;
		f->kpi = kp;
		memcpy(f->period, month, sizeof(month));
		f->v = v;
		f->line = r->line;
	}
	sb_free(&sb);
	person_clear(&p);
	return 0;
}

static int
kpi_import(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *cur = NULL, *period = NULL;
	const struct cmd_opt opts[] = {
		{ "--curriculum", &cur, NULL }, { "--period", &period, NULL },
		{ NULL, NULL, NULL }
	};
	struct import im;
	struct store *st = kefu_store(k);
	struct sb sb = SB_INIT;
	char *pos[1], *buf = NULL, *where = NULL;
	const char *why;
	unsigned line = 0, col = 0, added = 0, changed = 0;
	size_t len, i;
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0)
		return rc;
	if (npos != 1)
		return cmd_usage(c);
	memset(&im, 0, sizeof(im));
	im.k = k;
	im.file = pos[0];
	im.period = period;
	if (period && (why = period_problem(k, period, &im.period_month)) != NULL) {
		text_inert(&sb, period, false);
		error(_("period '%s' %s"), sb_str(&sb), why);
		sb_free(&sb);
		return 1;
	}
	if ((im.cu = kefu_pick_curriculum(k, cur)) == NULL)
		return 1;
	kefu_me(k);
	/* the history names the file so that an auditor finds it again */
	if (kefu_read_csv(pos[0], &buf, &len, &where) != 0)
		return 1;
	rc = csv_parse(buf, len, import_row, &im, &line, &col, &why);
	if (rc == -1) {
		fprintf(stderr, "kefu: %s:%u:%u: %s\n", im.file, line, col, why);
		im.errors++;
	}
	else if (rc == -2)
		im.errors++;
	else if (!im.sheet.header_done)
		import_error(&im, 0, _("the file has no header line naming its columns"));
	if (im.errors) {
		error(P_("'%s' has %u error; nothing was imported",
			 "'%s' has %u errors; nothing was imported", im.errors), pos[0], im.errors);
		rc = 1;
		goto out;
	}
	rc = 1;
	if (store_begin(st) != 0)
		goto out;
	for (i = 0; i < im.nfigs; i++) {
		char source[300];
		struct kpi_entry f;
		bool had;
		int r;

		snprintf(source, sizeof(source), "%.280s:%u", where ? where : pos[0],
			 im.figs[i].line);
		f = (struct kpi_entry){ im.figs[i].person, im.figs[i].kpi->id, im.figs[i].period,
					im.figs[i].v, source, NULL };
		if ((r = store_kpi_set(st, &f, k->me.id, kefu_clock(k), NULL, &had)) < 0)
			goto fail;
		added += r > 0 && !had;
		changed += r > 0 && had;
	}
	sb_addf(&sb, "%s: %zu figures, %u rows, %u new, %u changed", pos[0], im.nfigs, im.rows,
		added, changed);
	if (store_event(st, k->me.id, "kpi-import", 0, sb_str(&sb), kefu_clock(k)) != 0 ||
	    store_commit(st) != 0)
		goto fail;
	{
		char *figs = xasprintf(P_("%zu figure", "%zu figures", im.nfigs), im.nfigs);
		char *rows = xasprintf(P_("%u row", "%u rows", im.rows), im.rows);

		/* TRANSLATORS: "Imported 12 figures from 4 rows: 10 new, 2 changed,
		 * 0 as they were." */
		printf(_("Imported %s from %s: %u new, %u changed, %zu as they were.\n"), figs, rows,
		       added, changed, im.nfigs - added - changed);
		if (changed)
			printf(_("The figures replaced are kept: 'kefu kpi history LOGIN'.\n"));
		free(figs), free(rows);
	}
	rc = 0;
	goto out;
fail:
	store_rollback(st);
out:
	free(where);
	free(im.figs);
	free(im.cols);
	free(buf);
	sb_free(&sb);
	return rc;
}

int
cmd_kpi(struct kefu *k, int argc, char **argv)
{
	static const char *const subs[] = { "set", "import", "history", "delete" };
	const struct cmd *c = cmd_find("kpi");
	size_t i;

	/* anyone may read their own history; the rest is for trainers */
	if ((argc < 2 || strcmp(argv[1], "history") != 0) &&
	    !kefu_may(k, "trainer", _("record KPI figures")))
		return 1;
	if (argc < 2)
		return cmd_usage(c);
	for (i = 0; i < ARRAY_SIZE(subs); i++)
		if (strcmp(argv[1], subs[i]) == 0)
			break;
	if (i == ARRAY_SIZE(subs)) {
		kefu_unknown(_("'kpi' subcommand"), "", argv[1], subs, ARRAY_SIZE(subs),
			     _("it is set, import, history or delete"));
		return 2;
	}
	switch (i) {
	case 0:
		return kpi_set(k, c, argc - 1, argv + 1);
	case 1:
		return kpi_import(k, c, argc - 1, argv + 1);
	case 2:
		return kpi_history(k, c, argc - 1, argv + 1);
	default:
		return kpi_delete(k, c, argc - 1, argv + 1);
	}
}

static const char *const kpi_words[] = {
	"set", "import", "history", "delete", "--period", "--curriculum", "--reason",
	"--format", NULL
};

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_kpi_entry = {
	.name = "kpi",
	.usage = "set LOGIN KPI VALUE [--period P] [--reason TEXT] | import FILE.csv [--period P] [--curriculum ID] | history LOGIN [KPI] | delete LOGIN KPI --period P --reason TEXT",
	.summary = N_("record KPI figures, one by one or from a CSV file (trainers)"),
	.help = N_("KPI figures are kept per person, KPI and month. A month is written\n"
		"YYYY-MM (2026-11); 2026/11, 2026年11月 and Excel's Nov-26 and\n"
		"26-Nov are read as the same month. A month still to come is\n"
		"refused. A figure must fit its KPI's unit and range: percent from 0\n"
		"to 100 (25%, 25％ and 25 alike), other units 0 or more (￥1,650.00\n"
		"and 1650 alike for yuan), or the KPI's 'range'.\n"
		"\n"
		"  set LOGIN KPI VALUE [--period P] [--reason TEXT]\n"
		"      record one figure (this month by default). A figure already\n"
		"      there is replaced, and kept in the history.\n"
		"  import FILE.csv [--period P]   record a file of figures. The header\n"
		"      names a login column (login, 登录名 or 账号), a period column\n"
		"      (period or 月份; or give --period) and KPI columns by id or\n"
		"      title (询单转化率); other columns (a name) are left out, with\n"
		"      a note; a title line above the header is skipped. UTF-8, with\n"
		"      or without a BOM, as Excel saves \"CSV UTF-8\". Every bad cell\n"
		"      and every second figure for one person, KPI and month is\n"
		"      reported with its line; if there is any, nothing of the file\n"
		"      is imported.\n"
		"  history LOGIN [KPI]   every change of the person's figures: old\n"
		"      and new, who, when, the file and line or command, the reason\n"
		"      (a trainee may see their own)\n"
		"  delete LOGIN KPI --period P --reason TEXT   remove a wrong figure;\n"
		"      the history keeps it with the reason\n"
		"\n"
		"An assessment keeps the figures it was decided on, whatever is\n"
		"recorded later.\n"),
	.arg = ARG_WORDS,
	.words = kpi_words,
	.fn = cmd_kpi,
};
