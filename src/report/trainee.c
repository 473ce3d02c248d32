/* trainee.c: `kefu report trainee LOGIN`: one person's record, in
 * time order. */
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

static const struct column transcript_cols[] = {
	{ "at", N_("When") }, { "kind", N_("What") }, { "item", N_("Item") },
	{ "result", N_("Result") }, { "by", N_("By") }, { "note", N_("Note") },
};

struct transcript {
	struct table *t;
	bool own;	/* the trainee reads their own: private notes left out */
	bool words;	/* kinds in words: a table for people */
};

/* What a transcript line is, in words for a table a person reads; the
 * machine formats keep the kind as stored. */
static const char *
kind_label(const char *kind)
{
	static const struct {
		const char *kind, *label;
	} labels[] = {
		{ "lesson", N_("lesson read") }, { "quiz-start", N_("quiz started") },
		{ "quiz-final", N_("quiz handed in") },
		{ "quiz-pending", N_("quiz handed in, essays waiting") },
		{ "quiz-void", N_("attempt set aside") }, { "quiz-open", N_("quiz open") },
		{ "drill", N_("drill") }, { "grading", N_("essay graded") },
		{ "signoff", N_("sign-off") }, { "assessment", N_("assessment") },
		{ "stage-complete", N_("stage complete") }, { "stage-reopen", N_("stage reopened") },
		{ "stage-open", N_("stage opened early") }, { "exempt", N_("exemption") },
		{ "kpi", N_("KPI figure") }, { "kpi-delete", N_("KPI figure deleted") },
		{ "attempt-grant", N_("attempts given back") },
		{ "attempt-void", N_("attempt set aside") },
		{ "chat-final", N_("chat") }, { "chat-pending", N_("chat, waiting for review") },
		{ "chat-review", N_("chat reviewed") },
	};
	size_t i;

	for (i = 0; kind && i < ARRAY_SIZE(labels); i++)
		if (strcmp(labels[i].kind, kind) == 0)
			return _(labels[i].label);
	return kind;
}

static void
transcript_row(const struct transcript_entry *r, void *arg)
{
	const struct transcript *tr = arg;
	struct table *t = tr->t;
	char when[17];

	table_text(t, date_format_time(r->at, when));
	table_text(t, tr->words ? kind_label(r->kind) : r->kind);
	table_text(t, r->item);
	table_text(t, r->result);
	table_text(t, r->by);
	if (tr->own && r->note_private)
		table_null(t);
	else
		table_text(t, r->note);
}

int
report_trainee(struct kefu *k, const char *login, const struct report_opts *o)
{
	struct person p;
	struct table t;
	struct transcript tr;
	int rc;

	kefu_me(k);
	/* the role first: a trainee learns nothing of other logins */
	if (strcmp(login, k->me.login) != 0 &&
	    !kefu_may(k, "trainer", _("see someone else's record")))
		return 1;
	if (kefu_person(k, login, &p) != 1)
		return 1;
	table_init(&t, "trainee", transcript_cols, ARRAY_SIZE(transcript_cols));
	cell_cover(&t, o, NULL, N_("person"), p.login);
	tr.t = &t;
	tr.own = p.id == k->me.id && strcmp(k->me.role, "trainee") == 0;
	tr.words = o->format == TABLE_TEXT || (o->format == TABLE_CSV && table_translated() && !o->ids);
	rc = store_transcript(kefu_store(k), p.id, transcript_row, &tr) != 0;
	if (rc == 0) {
		if (o->format == TABLE_TEXT) {
			struct sb sb = SB_INIT;

			struct sb who = SB_INIT;

			text_inert(&sb, p.name ? p.name : p.login, false);
			text_inert(&who, p.login, false);
			printf(_("Record of %s (%s), hired %s\n\n"), sb_str(&sb), sb_str(&who),
			       p.hired ? p.hired : "-");
			sb_free(&who);
			sb_free(&sb);
		}
		table_print(stdout, &t, o->format, o->bom);
	}
	table_free(&t);
	person_clear(&p);
	return rc;
}
