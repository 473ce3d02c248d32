/* items.c: `kefu report items QUIZ`: item analysis of a quiz's final
 * attempts, as Moodle's quiz statistics compute it (stats.c): for each
 * question how many were given it, its facility, standard deviation and
 * discrimination, how often each choice was picked, and why it is
 * flagged; for the quiz the mean, median, standard deviation and
 * Cronbach's alpha. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "kefu.h"
#include "quiz.h"
#include "report/report.h"
#include "stats.h"
#include "table.h"
#include "text.h"

struct items {
	const struct quiz *qz;
	/* question ids to their index, by a hash of their bytes: a marks
	 * string names a question a million times in a large analysis */
	struct qslot { const char *id; size_t len, q; } *slot;
	size_t mask;
	double *score, *percent, *max;
	size_t n, cap;			/* attempts */
	unsigned *picks;		/* by question, nchoices each (true/false: 2) */
	size_t *pick_at;		/* where each question's picks start */
	struct item_stats *is;		/* by question */
	struct quiz_stats qs;
	size_t flagged;
};

static size_t
nchoices(const struct question *q)
{
	return q->type == Q_TRUEFALSE ? 2 : q->type == Q_SINGLE || q->type == Q_MULTI ?
	    q->nchoices : 0;
}

/* Points as SQLite writes a REAL ("1.0", "2.5"): digits, a point and
 * one or two decimals, read without strtod(); anything else by it. */
static double
points_of(const char *s)
{
	long long v = 0;
	int scale = 1;
	const char *p = s;

	while (*p >= '0' && *p <= '9' && v < 1000000000000LL)
		v = v * 10 + (*p++ - '0');
	if (p > s && *p == '.' && p[1] >= '0' && p[1] <= '9') {
		v = v * 10 + (p[1] - '0');
		scale = 10;
		p += 2;
		if (*p >= '0' && *p <= '9') {
			v = v * 10 + (*p++ - '0');
			scale = 100;
		}
	}
	/* an exact integer over 10 or 100 rounds as strtod() would */
	if (p > s && (*p == '\x1e' || *p == '\0'))
		return (double)v / scale;
	return strtod(s, NULL);
}

static size_t
id_hash(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void
ids_init(struct items *it)
{
	size_t n = 16, i, h;

	while (n < 2 * it->qz->nquestions)
		n *= 2;
	it->slot = xcalloc(n, sizeof(*it->slot));
	it->mask = n - 1;
	for (i = 0; i < it->qz->nquestions; i++) {
		const char *id = it->qz->questions[i].id;
		size_t len = strlen(id);

		for (h = id_hash(id, len) & it->mask; it->slot[h].id; h = (h + 1) & it->mask)
			;
		it->slot[h] = (struct qslot){ id, len, i };
	}
}

/* The index of the question id s (n bytes), or (size_t)-1. */
static size_t
id_find(const struct items *it, const char *s, size_t n)
{
	size_t h;

	for (h = id_hash(s, n) & it->mask; it->slot[h].id; h = (h + 1) & it->mask)
		if (it->slot[h].len == n && memcmp(it->slot[h].id, s, n) == 0)
			return it->slot[h].q;
	return (size_t)-1;
}

/* One answer's marks: question, points, choice response. */
static void
item_mark(struct items *it, const char *q, size_t qn, const char *pts, const char *resp,
	  size_t rn)
{
	size_t nq = it->qz->nquestions, i = id_find(it, q, qn);
	const struct question *qu;

	if (i == (size_t)-1)
		return;		/* a question since taken out of the quiz */
	qu = &it->qz->questions[i];
	it->score[(it->n - 1) * nq + i] = points_of(pts);
	if (rn == 0 || !nchoices(qu))
		return;
	if (qu->type == Q_TRUEFALSE)
		it->picks[it->pick_at[i] + (rn == 4 && memcmp(resp, "true", 4) == 0 ? 0 : 1)]++;
	else if (rn == 1) {
		/* one choice, one digit: most answers */
		if ((unsigned)(resp[0] - '0') < qu->nchoices)
			it->picks[it->pick_at[i] + (unsigned)(resp[0] - '0')]++;
	} else if (rn < 128) {
		char r[128];
		unsigned v[64];
		size_t k, nv;

		memcpy(r, resp, rn);
		r[rn] = '\0';
		for (nv = quiz_stored_choices(r, v, 64), k = 0; k < nv; k++)
			if (v[k] < qu->nchoices)
				it->picks[it->pick_at[i] + v[k]]++;
	}
}

/* A final attempt: percent, marks. */
static void
item_row(const struct item_marks *r, void *arg)
{
	struct items *it = arg;
	size_t nq = it->qz->nquestions, i;
	const char *p = r->marks ? r->marks : "";

	if (it->n == it->cap)
		return;		/* more than counted: none in one read */
	for (i = 0; i < nq; i++)
		it->score[it->n * nq + i] = NAN;
	it->percent[it->n++] = r->has_percent ? r->percent : 0;
	while (*p) {
		const char *end = strchr(p, '\x1f'), *f1, *f2;

		if (end == NULL)
			end = p + strlen(p);
		f1 = memchr(p, '\x1e', (size_t)(end - p));
		f2 = f1 ? memchr(f1 + 1, '\x1e', (size_t)(end - f1 - 1)) : NULL;
		if (f1 && f2)
			item_mark(it, p, (size_t)(f1 - p), f1 + 1, f2 + 1, (size_t)(end - f2 - 1));
		p = *end ? end + 1 : end;
	}
}

/* "A 12* · B 3 · C 0": each choice's picks, * for a right one. */
static void
picks_words(struct sb *sb, const struct items *it, size_t i)
{
	const struct question *q = &it->qz->questions[i];
	size_t c, k;

	for (c = 0; c < nchoices(q); c++) {
		bool right = false;

		if (q->type == Q_TRUEFALSE)
			right = (c == 0) == q->truth;
		for (k = 0; q->type != Q_TRUEFALSE && k < q->nanswer; k++)
			right = right || q->answer[k] == c;
		if (c)
			sb_adds(sb, " · ");
		if (q->type == Q_TRUEFALSE)
			sb_adds(sb, c == 0 ? _("true") : _("false"));
		else
			sb_addc(sb, (char)('A' + (c < 26 ? c : 25)));
		sb_addf(sb, " %u%s", it->picks[it->pick_at[i] + c], right ? "*" : "");
	}
}

static void
num_or_null(struct table *t, double v, int decimals)
{
	if (isnan(v))
		table_null(t);
	else
		table_num(t, v, decimals);
}

static const struct column item_cols[] = {
	{ "question", N_("Question") }, { "type", N_("Type") }, { "attempts", N_("Given") },
	{ "facility", N_("Facility %") }, { "sd", N_("SD %") },
	{ "discrimination", N_("Discrimination") }, { "choices", N_("Choices picked") },
	{ "flags", N_("Flagged") },
};

/* Reads a quiz's final attempts and analyses them. */
static int
items_analyse(struct kefu *k, const struct quiz *qz, struct items *it)
{
	struct stats_matrix m;
	size_t i, npicks = 0;
	long n;

	memset(it, 0, sizeof(*it));
	it->qz = qz;
	it->max = xcalloc(qz->nquestions + 1, sizeof(*it->max));
	it->pick_at = xcalloc(qz->nquestions + 1, sizeof(*it->pick_at));
	for (i = 0; i < qz->nquestions; i++) {
		it->max[i] = qz->questions[i].points;
		it->pick_at[i] = npicks;
		npicks += nchoices(&qz->questions[i]);
	}
	it->picks = xcalloc(npicks + 1, sizeof(*it->picks));
	ids_init(it);
	/* the matrix is made once, its size known: 50 000 attempts of 47
	 * questions are 19 MB */
	if ((n = store_item_count(kefu_store(k), qz->id)) < 0)
		return -1;
	it->cap = (size_t)n;
	it->score = xmalloc_big(it->cap * qz->nquestions + 1, sizeof(*it->score));
	it->percent = xmalloc(it->cap * sizeof(*it->percent) + 1);
	if (store_item_answers(kefu_store(k), qz->id, item_row, it) != 0)
		return -1;
	m.attempts = it->n;
	m.items = qz->nquestions;
	m.score = it->score;
	m.max = it->max;
	it->is = xcalloc(qz->nquestions + 1, sizeof(*it->is));
	stats_items(&m, it->is);
	stats_quiz(&m, it->percent, &it->qs);
	for (i = 0; i < qz->nquestions; i++)
		it->flagged += it->is[i].flags != 0;
	return 0;
}

static void
items_free(struct items *it)
{
	free(it->slot);
	free(it->score);
	free(it->percent);
	free(it->max);
	free(it->picks);
	free(it->pick_at);
	free(it->is);
}

/* The questions' rows; words: types named for people, else by id. */
static void
items_table(const struct items *it, bool words, struct table *t)
{
	const struct quiz *qz = it->qz;
	struct sb sb = SB_INIT;
	size_t i;

	table_init(t, "items", item_cols, ARRAY_SIZE(item_cols));
	for (i = 0; i < qz->nquestions; i++) {
		const struct question *q = &qz->questions[i];
		const struct item_stats *is = &it->is[i];

		table_text(t, q->id);
		table_text(t, words ? ask_type_label(q->type) : content_qtype_name(q->type));
		table_num(t, (double)is->n, 0);
		num_or_null(t, is->facility, 1);
		num_or_null(t, is->sd, 1);
		num_or_null(t, is->discrimination, 2);
		sb_reset(&sb);
		picks_words(&sb, it, i);
		table_text(t, sb.len ? sb_str(&sb) : NULL);
		sb_reset(&sb);
		stats_flag_words(&sb, is->flags);
		table_text(t, sb.len ? sb_str(&sb) : NULL);
	}
	sb_free(&sb);
}

/* "上岗考试 (exam): 2 final attempts." and the quiz's figures. */
static void
items_summary(struct sb *out, const struct items *it)
{
	const struct quiz *qz = it->qz;
	const struct quiz_stats *qs = &it->qs;
	char sd[32] = "-", alpha[32] = "-";

	text_inert(out, qz->title ? qz->title : qz->id, false);
	sb_addf(out, P_(" (%s): %zu final attempt.\n", " (%s): %zu final attempts.\n", it->n),
		qz->id, it->n);
	if (it->n == 0)
		return;
	if (!isnan(qs->sd))
		snprintf(sd, sizeof(sd), "%.1f", qs->sd);
	if (!isnan(qs->alpha))
		snprintf(alpha, sizeof(alpha), "%.2f", qs->alpha);
	sb_addf(out, _("Mean %.1f%%, median %.1f%%, standard deviation %s, Cronbach's alpha %s.\n"),
		qs->mean, qs->median, sd, alpha);
}

void
items_html(struct sb *h, struct kefu *k, const struct quiz *qz)
{
	struct items it;
	struct table t;
	struct sb sum = SB_INIT;

	sb_addf(h, "<h2 id=\"item-analysis\">%s</h2>\n", _("Item analysis"));
	if (items_analyse(k, qz, &it) == 0) {
		items_summary(&sum, &it);
		sb_adds(h, "<p>");
		table_html_text(h, sb_str(&sum));
		sb_adds(h, "</p>\n");
		items_table(&it, true, &t);
		if (it.n)
			table_html(h, &t, "items");
		table_free(&t);
	}
	items_free(&it);
	sb_free(&sum);
}

int
report_items(struct kefu *k, const char *quiz, const struct report_opts *o)
{
	const struct quiz *qz = kefu_quiz(k, quiz);
	struct items it;
	struct table t;
	struct sb sum = SB_INIT;
	int rc = 1;

	if (qz == NULL)
		return 1;
	if (items_analyse(k, qz, &it) != 0)
		goto out;
	items_table(&it, o->format == TABLE_TEXT || (o->format == TABLE_CSV && !o->ids &&
						       table_translated()), &t);
	cell_cover(&t, o, NULL, N_("quiz"), qz->id);
	if (o->format == TABLE_TEXT) {
		items_summary(&sum, &it);
		printf("%s\n", sb_str(&sum));
	}
	if (o->format == TABLE_TEXT && it.n == 0)
		printf(_("Nothing to analyse until an attempt is final.\n"));
	else
		table_print(stdout, &t, o->format, o->bom);
	if (o->format == TABLE_TEXT && it.n)
		printf(P_("\n%zu question is flagged. Facility: the mean score as a percent of its\n"
			  "points; discrimination: how its score goes with the rest of the paper\n"
			  "(under 0.1 it tells the able from the rest poorly); * marks a right choice.\n",
			  "\n%zu questions are flagged. Facility: the mean score as a percent of its\n"
			  "points; discrimination: how its score goes with the rest of the paper\n"
			  "(under 0.1 it tells the able from the rest poorly); * marks a right choice.\n",
			  it.flagged), it.flagged);
	table_free(&t);
	rc = 0;
out:
	items_free(&it);
	sb_free(&sum);
	return rc;
}
