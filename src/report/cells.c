/* cells.c: the cells and columns the reports share: days, moments, an
 * outcome, columns named at run time, text made safe for HTML. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "kpi.h"
#include "priv.h"
#include "report/report.h"
#include "table.h"
#include "text.h"

void
cell_day(struct table *t, long day)
{
	char buf[11];

	if (day < 0)
		table_null(t);
	else
		table_text(t, date_format(day, buf));
}

void
cell_moment(struct table *t, long long at)
{
	if (at <= 0)
		table_null(t);
	else
		cell_day(t, date_of((time_t)at));
}


void
cell_col(struct cell_cols *c, const char *key, const char *head)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n].key = arena_strdup(c->a, key);
	c->v[c->n].head = arena_strdup(c->a, head);
	c->n++;
}

/* A column keyed ID_SUFFIX. */
void
cell_col2(struct cell_cols *c, const char *owner, const char *word, const char *id,
	  const char *suffix)
{
	struct sb key = SB_INIT, head = SB_INIT;

	sb_addf(&key, "%s_%s", id, suffix);
	if (owner)
		sb_addf(&head, "%s %s", owner, word);
	else
		sb_adds(&head, word);
	cell_col(c, sb_str(&key), sb_str(&head));
	sb_free(&key);
	sb_free(&head);
}

void
cell_cols_free(struct cell_cols *c)
{
	free(c->v);
	arena_free(c->a);
}

void
cell_outcome(struct table *t, const struct row *x)
{
	char *s = facts_failed_words(x);

	if (s)
		table_text(t, s);
	else if (x->probation == OUTCOME_PASS)
		table_word(t, N_("pass"));
	else if (x->probation == OUTCOME_EXTEND)
		table_word(t, N_("extend"));
	else
		table_null(t);
	free(s);
}


void
cell_key(const char *head, const char *id, const char *title, const char *unit)
{
	struct sb sb = SB_INIT;

	sb_addf(&sb, "  %-4s ", head);
	text_inert(&sb, id, false);
	if (title) {
		sb_adds(&sb, "  ");
		text_inert(&sb, title, false);
	}
	if (unit)
		/* TRANSLATORS: a unit after a title, such as " (字/分)" */
		sb_addf(&sb, _(" (%s)"), unit);
	puts(sb_str(&sb));
	sb_free(&sb);
}

void
cell_cover(struct table *t, const struct report_opts *o, const char *curriculum,
	   const char *key, const char *value)
{
	/* a report makes one table at a time */
	static const char *cover[8];
	size_t n = 0;

	if (o->ids)
		return;
	if (curriculum) {
		cover[n++] = N_("curriculum");
		cover[n++] = curriculum;
	}
	cover[n++] = N_("as_of");
	cover[n++] = o->as_of;
	if (key) {
		cover[n++] = key;
		cover[n++] = value;
	}
	t->cover = cover;
	t->ncover = n / 2;
	t->localize = table_translated();
}
