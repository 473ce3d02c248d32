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

#include "kefu.h"
#include "quiz.h"
#include "report/report.h"
#include "stats.h"
#include "table.h"
#include "text.h"

struct items {
	const struct quiz *qz;
	struct strmap at;		/* question id to index + 1 */
	double *score, *percent, *max;
	size_t n, cap;			/* attempts */
	int64_t last;			/* the attempt being read */
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

/* An answer: attempt, percent, question, points, response. */
static void
item_row(const struct store_row *r, void *arg)
{
	struct items *it = arg;
	size_t nq = it->qz->nquestions, i;
	void *at = strmap_get(&it->at, store_col_text(r, 2));
	const struct question *q;

	if (it->n == 0 || store_col_int(r, 0) != it->last) {
		if (it->n == it->cap) {
			it->cap = it->cap ? it->cap * 2 : 1024;
			it->score = xreallocarray(it->score, it->cap * nq + 1, sizeof(*it->score));
			it->percent = xreallocarray(it->percent, it->cap, sizeof(*it->percent));
		}
		for (i = 0; i < nq; i++)
			it->score[it->n * nq + i] = NAN;
		it->percent[it->n++] = store_col_real(r, 1);
		it->last = store_col_int(r, 0);
	}
	if (at == NULL)
		return;		/* a question since taken out of the quiz */
	i = (size_t)(uintptr_t)at - 1;
	q = &it->qz->questions[i];
	it->score[(it->n - 1) * nq + i] = store_col_real(r, 3);
	if (nchoices(q) && !store_col_null(r, 4)) {
		const char *resp = store_col_text(r, 4);
		unsigned v[64];
		size_t k, nv;

		if (q->type == Q_TRUEFALSE)
			it->picks[it->pick_at[i] + (strcmp(resp, "true") == 0 ? 0 : 1)]++;
		else
			for (nv = quiz_stored_choices(resp, v, 64), k = 0; k < nv; k++)
				if (v[k] < q->nchoices)
					it->picks[it->pick_at[i] + v[k]]++;
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

	memset(it, 0, sizeof(*it));
	it->qz = qz;
	it->max = xcalloc(qz->nquestions + 1, sizeof(*it->max));
	it->pick_at = xcalloc(qz->nquestions + 1, sizeof(*it->pick_at));
	for (i = 0; i < qz->nquestions; i++) {
		strmap_put(&it->at, qz->questions[i].id, (void *)(uintptr_t)(i + 1));
		it->max[i] = qz->questions[i].points;
		it->pick_at[i] = npicks;
		npicks += nchoices(&qz->questions[i]);
	}
	it->picks = xcalloc(npicks + 1, sizeof(*it->picks));
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
	strmap_free(&it->at);
	free(it->score);
	free(it->percent);
	free(it->max);
	free(it->picks);
	free(it->pick_at);
	free(it->is);
}

static void
items_table(const struct items *it, struct table *t)
{
	const struct quiz *qz = it->qz;
	struct sb sb = SB_INIT;
	size_t i;

	table_init(t, "items", item_cols, ARRAY_SIZE(item_cols));
	for (i = 0; i < qz->nquestions; i++) {
		const struct question *q = &qz->questions[i];
		const struct item_stats *is = &it->is[i];

		table_text(t, q->id);
		table_text(t, content_qtype_name(q->type));
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
		items_table(&it, &t);
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
	items_table(&it, &t);
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
