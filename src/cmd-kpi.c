/* cmd-kpi.c: `kefu kpi set|import|list`: per-person KPI figures for a
 * period, recorded by trainers and managers. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "date.h"
#include "kefu.h"
#include "priv.h"
#include "table.h"
#include "text.h"

#define CSV_MAX (16u << 20)

/* A period is a short name without spaces or control characters; months
 * as YYYY-MM sort in order. */
static bool
period_ok(const char *s)
{
	size_t i, n = strlen(s);

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '-' || s[i] == '_' || s[i] == '.'))
			return false;
	return n > 0 && n <= 32;
}

/* Reads a figure: a number, full-width digits allowed, a trailing % too. */
static bool
figure(const char *s, double *v)
{
	char *t = text_fold(s);
	size_t n = strlen(t);
	bool ok;

	if (n && t[n - 1] == '%')
		t[--n] = '\0';
	ok = text_number(t, v) && *v > -1e12 && *v < 1e12;
	free(t);
	return ok;
}

/* A header cell names a column by KPI id or title, in any case, with
 * spaces around it ignored. */
static bool
header_is(const char *cell, const char *name)
{
	char *a = text_fold(cell), *b = text_fold(name);
	bool same = strcmp(a, b) == 0;

	free(a);
	free(b);
	return same;
}

static const struct kpi *
find_kpi(const struct curriculum *cu, const char *id, bool quiet)
{
	const char **ids = xreallocarray(NULL, cu->nkpis + 1, sizeof(*ids));
	size_t i;

	for (i = 0; i < cu->nkpis; i++) {
		if (strcmp(cu->kpis[i].id, id) == 0) {
			free(ids);
			return &cu->kpis[i];
		}
		ids[i] = cu->kpis[i].id;
	}
	if (!quiet)
		kefu_unknown(_("KPI"), _(" in the curriculum"), id, ids, cu->nkpis,
			     cu->nkpis ? _("the curriculum lists its KPIs under 'kpis'") :
			     _("the curriculum has no 'kpis'"));
	free(ids);
	return NULL;
}

static int
kpi_set(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *period = NULL;
	const struct cmd_opt opts[] = { { "--period", &period, NULL }, { NULL, NULL, NULL } };
	const struct curriculum *cu;
	const struct kpi *kp;
	struct store *st = kefu_store(k);
	struct person p;
	struct enrollment e;
	struct sb sb = SB_INIT;
	char *pos[3], month[16];
	double v;
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 3, &npos)) != 0)
		return rc;
	if (npos != 3)
		return cmd_usage(c);
	kefu_period(k, month);
	if (period == NULL)
		period = month;
	if (!period_ok(period)) {
		error(_("a period is up to 32 letters, digits, '-', '_' or '.', such as %s"), month);
		return 1;
	}
	if (!figure(pos[2], &v)) {
		error(_("'%s' is not a number"), pos[2]);
		return 1;
	}
	if ((cu = kefu_trainee(k, pos[0], &p, &e)) == NULL)
		return 1;
	rc = 1;
	if (p.id == k->me.id) {
		error(_("you cannot record your own KPI figures; another trainer must"));
		goto out;
	}
	if ((kp = find_kpi(cu, pos[1], false)) == NULL)
		goto out;
	sb_addf(&sb, "%s %s %g", kp->id, period, v);
	if (store_begin(st) != 0 ||
	    store_kpi_set(st, p.id, kp->id, period, v, k->me.id, kefu_clock(k)) != 0 ||
	    store_event(st, k->me.id, "kpi", p.id, sb_str(&sb), kefu_clock(k)) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	sb_reset(&sb);
	text_inert(&sb, p.login, false);
	printf(_("Recorded %s = %g %s for '%s', period %s.\n"), kp->id, v,
	       kp->unit ? kp->unit : "", sb_str(&sb), period);
	rc = 0;
out:
	sb_free(&sb);
	person_clear(&p);
	enrollment_clear(&e);
	return rc;
}

/* One figure of an import, checked, waiting for the commit. */
struct fig {
	int64_t person;
	const struct kpi *kpi;
	char *period;
	double v;
};

struct import {
	struct kefu *k;
	const char *file;
	const struct curriculum *cu;
	const struct kpi **cols;	/* by column; NULL for login, period */
	size_t ncols;
	struct fig *figs;
	size_t nfigs, cap;
	unsigned errors, rows;
	bool bad_header;
};

static void import_error(struct import *, unsigned, unsigned, const char *, ...) PRINTF(4, 5);

static void
import_error(struct import *im, unsigned line, unsigned col, const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (im->errors++ < 50) {
		if (col)
			fprintf(stderr, "kefu: %s:%u:%u: %s\n", im->file, line, col, sb_str(&sb));
		else
			fprintf(stderr, "kefu: %s:%u: %s\n", im->file, line, sb_str(&sb));
	}
	sb_free(&sb);
}

static int
import_row(const struct csv_record *r, void *arg)
{
	struct import *im = arg;
	struct person p;
	size_t i;
	int rc;

	if (im->cols == NULL) {
		/* the header: login, period, then KPI ids */
		im->ncols = r->n;
		im->cols = xcalloc(r->n, sizeof(*im->cols));
		if (r->n < 3 || !header_is(r->fields[0], "login") ||
		    !header_is(r->fields[1], "period")) {
			import_error(im, r->line, 0,
				     _("the first line must name the columns: login,period, then KPI ids"));
			/* without it no row can be read */
			im->bad_header = true;
			return 0;
		}
		for (i = 2; i < r->n; i++) {
			size_t j, kk;

			for (kk = 0; kk < im->cu->nkpis; kk++)
				if (header_is(r->fields[i], im->cu->kpis[kk].id) ||
				    (im->cu->kpis[kk].title &&
				     header_is(r->fields[i], im->cu->kpis[kk].title)))
					im->cols[i] = &im->cu->kpis[kk];
			if (im->cols[i] == NULL && r->fields[i][0] == '\0')
				continue;	/* an empty heading: a column to ignore */
			if (im->cols[i] == NULL) {
				struct sb sb = SB_INIT;

				text_inert(&sb, r->fields[i], false);
				import_error(im, r->line, 0,
					     _("column %zu: '%s' is not a KPI of curriculum %s"),
					     i + 1, sb_str(&sb), im->cu->id);
				sb_free(&sb);
			}
			for (j = 2; j < i; j++)
				if (im->cols[i] && im->cols[j] == im->cols[i])
					import_error(im, r->line, 0,
						     _("column %zu: KPI '%s' appears twice"),
						     i + 1, im->cols[i]->id);
		}
		return 0;
	}
	if (im->bad_header)
		return 0;
	for (i = 0; i < r->n && r->fields[i][0] == '\0'; i++)
		;
	if (i == r->n)
		return 0;	/* ",,," as spreadsheets save an empty row */
	im->rows++;
	if (r->n != im->ncols) {
		import_error(im, r->line, 0, _("%zu fields where the header has %zu"), r->n,
			     im->ncols);
		return 0;
	}
	{
		/* spaces around a login in a spreadsheet cell mean nothing */
		const char *s = r->fields[0];
		size_t n;
		char *login;

		while (*s == ' ' || *s == '\t')
			s++;
		n = strlen(s);
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		login = xstrndup(s, n);
		rc = store_person_by_login(kefu_store(im->k), login, &p);
		free(login);
	}
	if (rc < 0)
		return -2;
	if (rc == 0 || !p.active) {
		struct sb sb = SB_INIT;

		text_inert(&sb, r->fields[0], false);
		import_error(im, r->line, 0, rc == 0 ? _("no person '%s' in this database") :
			     _("'%s' has left"), sb_str(&sb));
		sb_free(&sb);
		person_clear(&p);
		return 0;
	}
	if (p.id == im->k->me.id) {
		import_error(im, r->line, 0, _("your own figures must be recorded by another trainer"));
		person_clear(&p);
		return 0;
	}
	if (!period_ok(r->fields[1])) {
		import_error(im, r->line, 0, _("'period' must be up to 32 letters, digits, '-', '_' or '.', such as 2026-10"));
		person_clear(&p);
		return 0;
	}
	for (i = 2; i < r->n; i++) {
		struct fig *f;
		double v;

		if (r->fields[i][0] == '\0' || im->cols[i] == NULL)
			continue;	/* no figure for this KPI */
		if (!figure(r->fields[i], &v)) {
			struct sb sb = SB_INIT;

			text_inert(&sb, r->fields[i], false);
			import_error(im, r->line, 0, _("column %zu (%s): '%s' is not a number"),
				     i + 1, im->cols[i]->id, sb_str(&sb));
			sb_free(&sb);
			continue;
		}
		if (im->nfigs == im->cap) {
			im->cap = im->cap ? im->cap * 2 : 64;
			im->figs = xreallocarray(im->figs, im->cap, sizeof(*im->figs));
		}
		f = &im->figs[im->nfigs++];
		f->person = p.id;
		f->kpi = im->cols[i];
		f->period = xstrdup(r->fields[1]);
		f->v = v;
	}
	person_clear(&p);
	return 0;
}

static int
kpi_import(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *cur = NULL;
	const struct cmd_opt opts[] = { { "--curriculum", &cur, NULL }, { NULL, NULL, NULL } };
	struct import im;
	struct store *st = kefu_store(k);
	struct sb sb = SB_INIT;
	char *pos[1], *buf = NULL;
	const char *why;
	unsigned line = 0, col = 0;
	size_t len, i, bad;
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0)
		return rc;
	if (npos != 1)
		return cmd_usage(c);
	memset(&im, 0, sizeof(im));
	im.k = k;
	im.file = pos[0];
	if ((im.cu = kefu_pick_curriculum(k, cur)) == NULL)
		return 1;
	/* the user's file, read with the user's own group */
	priv_user();
	rc = read_file(pos[0], CSV_MAX, &buf, &len, &why);
	priv_group();
	if (rc != 0) {
		error(_("cannot read '%s': %s"), pos[0], why);
		return 1;
	}
	if (!text_valid(buf, len, &bad)) {
		for (i = 0, line = 1; i < bad; i++)
			line += buf[i] == '\n';
		error(_("%s:%u: not UTF-8 text (save the file as CSV UTF-8)"), pos[0], line);
		free(buf);
		return 1;
	}
	rc = csv_parse(buf, len, import_row, &im, &line, &col, &why);
	if (rc == -1)
		import_error(&im, line, col, "%s", why);
	else if (rc == -2)
		im.errors++;
	else if (im.cols == NULL)
		import_error(&im, 1, 0, _("the file is empty"));
	if (im.errors) {
		error(P_("'%s' has %u error; nothing was imported",
			 "'%s' has %u errors; nothing was imported", im.errors), pos[0], im.errors);
		rc = 1;
		goto out;
	}
	rc = 1;
	if (store_begin(st) != 0)
		goto out;
	for (i = 0; i < im.nfigs; i++)
		if (store_kpi_set(st, im.figs[i].person, im.figs[i].kpi->id, im.figs[i].period,
				  im.figs[i].v, k->me.id, kefu_clock(k)) != 0)
			goto fail;
	sb_addf(&sb, "%s: %zu figures, %u rows", pos[0], im.nfigs, im.rows);
	if (store_event(st, k->me.id, "kpi-import", 0, sb_str(&sb), kefu_clock(k)) != 0 ||
	    store_commit(st) != 0)
		goto fail;
	{
		char *figs = xasprintf(P_("%zu figure", "%zu figures", im.nfigs), im.nfigs);
		char *rows = xasprintf(P_("%u row", "%u rows", im.rows), im.rows);

		/* TRANSLATORS: "Imported 12 figures from 4 rows." */
		printf(_("Imported %s from %s.\n"), figs, rows);
		free(figs), free(rows);
	}
	rc = 0;
	goto out;
fail:
	store_rollback(st);
out:
	for (i = 0; i < im.nfigs; i++)
		free(im.figs[i].period);
	free(im.figs);
	free(im.cols);
	free(buf);
	sb_free(&sb);
	return rc;
}

int
cmd_kpi(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("kpi");

	if (!kefu_may(k, "trainer", _("record KPI figures")))
		return 1;
	if (argc < 2)
		return cmd_usage(c);
	if (strcmp(argv[1], "set") != 0 && strcmp(argv[1], "import") != 0) {
		static const char *const subs[] = { "set", "import" };

		kefu_unknown(_("'kpi' subcommand"), "", argv[1], subs, ARRAY_SIZE(subs),
			     _("it is set or import"));
		return 2;
	}
	if (strcmp(argv[1], "set") == 0)
		return kpi_set(k, c, argc - 1, argv + 1);
	return kpi_import(k, c, argc - 1, argv + 1);
}
