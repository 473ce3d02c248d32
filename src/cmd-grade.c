/* cmd-grade.c: `kefu grade`: trainers give essay answers their points
 * and a comment, oldest first; `grade --question QUIZ:QUESTION` takes
 * one question's answers in turn, as Moodle's grading by question does;
 * regrading an attempt is `grade ATTEMPT`. Every grading is kept and
 * logged with the old and new points. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "quiz.h"
#include "table.h"
#include "text.h"

struct essay {
	int64_t attempt, person;
	int seq;
	char *login, *name, *quiz, *question, *response;
	long long answered;
	double points;		/* < 0 while ungraded */
};

struct essays {
	struct essay *v;
	size_t n, cap;
};

static struct essay *
essay_new(struct essays *es)
{
	if (es->n == es->cap) {
		es->cap = es->cap ? es->cap * 2 : 16;
		es->v = xreallocarray(es->v, es->cap, sizeof(*es->v));
	}
	memset(&es->v[es->n], 0, sizeof(es->v[0]));
	es->v[es->n].points = -1;
	return &es->v[es->n++];
}

/* The grading queue, or one question's part of it (quiz, question). */
struct queue {
	struct essays *es;
	const char *quiz, *question;
};

/* A row of store_essays_pending(). */
static void
queue_row(const struct pending_essay *r, void *arg)
{
	struct queue *qu = arg;
	struct essay *e;

	if (qu->quiz && (strcmp(r->quiz, qu->quiz) != 0 ||
			 strcmp(r->question, qu->question) != 0))
		return;
	e = essay_new(qu->es);
	e->attempt = r->attempt_id;
	e->seq = r->seq;
	e->login = xstrdup_null(r->login);
	e->name = xstrdup_null(r->name);
	e->quiz = xstrdup_null(r->quiz);
	e->question = xstrdup_null(r->question);
	e->response = xstrdup_null(r->response);
	e->answered = r->answered;
	e->person = r->person_id;
}

static void
essays_free(struct essays *es)
{
	size_t i;

	for (i = 0; i < es->n; i++) {
		free(es->v[i].login);
		free(es->v[i].name);
		free(es->v[i].quiz);
		free(es->v[i].question);
		free(es->v[i].response);
	}
	free(es->v);
}

/* Whole calendar days from the day an answer was given to today. */
static long
waited_days(const struct kefu *k, long long answered)
{
	long d = date_of((time_t)kefu_clock(k)) - date_of((time_t)answered);

	return d > 0 ? d : 0;
}

static const struct column queue_cols[] = {
	{ "attempt", N_("Attempt") }, { "login", N_("Login") }, { "name", N_("Name") },
	{ "quiz", N_("Quiz") }, { "question", N_("Question") },
	{ "answered", N_("Answered") }, { "waited_days", N_("Days waited") },
};

static const struct column chat_cols[] = {
	{ "run", N_("Run") }, { "login", N_("Login") }, { "scenario", N_("Scenario") },
	{ "automatic", N_("Automatic %") }, { "waited_days", N_("Days waited") },
};

static int
list_queue(struct kefu *k, const struct essays *es, enum table_format f)
{
	struct table t;
	size_t i;

	/* chat transcripts first, in their own table */
	table_init(&t, "chat-queue", chat_cols, ARRAY_SIZE(chat_cols));
	if (grade_chats_list(k, &t) != 0) {
		table_free(&t);
		return 1;
	}
	if (t.nrows) {
		if (f == TABLE_TEXT)
			printf(_("Chat transcripts to review:\n"));
		table_print(stdout, &t, f, false);
		if (f == TABLE_TEXT)
			printf(_("\nEssay answers to grade:\n"));
	}
	table_free(&t);

	table_init(&t, "grading-queue", queue_cols, ARRAY_SIZE(queue_cols));
	for (i = 0; i < es->n; i++) {
		char when[17];

		table_num(&t, (double)es->v[i].attempt, 0);
		table_text(&t, es->v[i].login);
		table_text(&t, es->v[i].name);
		table_text(&t, es->v[i].quiz);
		table_text(&t, es->v[i].question);
		table_text(&t, date_format_time(es->v[i].answered, when));
		table_num(&t, (double)waited_days(k, es->v[i].answered), 0);
	}
	if (es->n == 0 && f == TABLE_TEXT)
		printf(_("No essay answers wait for grading.\n"));
	else
		table_print(stdout, &t, f, false);
	table_free(&t);
	return 0;
}

struct last_grading {
	int64_t attempt;
	int seq;
	char *by, *comment;
	double points;
	bool found;
};

static void
last_grading_row(const struct grading_entry *r, void *arg)
{
	struct last_grading *g = arg;

	if (r->attempt_id != g->attempt || r->seq != g->seq)
		return;
	g->found = true;
	g->points = r->points;
	free(g->comment);
	free(g->by);
	g->comment = xstrdup_null(r->comment);
	g->by = xstrdup_null(r->grader);
}

enum step { STEP_DONE, STEP_SKIP, STEP_STOP, STEP_FAIL };
static enum step read_points(double max, double *points);

int
grade_read_points(double max, double *points)
{
	enum step s = read_points(max, points);

	return s == STEP_DONE ? 0 : s == STEP_SKIP ? 1 : 2;
}

/* Reads the points; STEP_DONE with *points set, or skip/stop. */
static enum step
read_points(double max, double *points)
{
	for (;;) {
		struct sb prompt = SB_INIT;
		enum term_read r;
		char *line = NULL, *t;

		sb_addf(&prompt, _("Points 0-%s (or skip, quit): "), NUM(max));
		r = term_read(sb_str(&prompt), &line);
		sb_free(&prompt);
		if (r != TERM_LINE) {
			free(line);
			return STEP_STOP;
		}
		t = text_fold(line);
		free(line);
		if (strcmp(t, "skip") == 0 || strcmp(t, "跳过") == 0 || strcmp(t, "s") == 0) {
			free(t);
			return STEP_SKIP;
		}
		if (strcmp(t, "quit") == 0 || strcmp(t, "q") == 0 || strcmp(t, "退出") == 0) {
			free(t);
			return STEP_STOP;
		}
		if (quiz_points_parse(t, max, points)) {
			free(t);
			return STEP_DONE;
		}
		printf(_("  Give a number from 0 to %s, in hundredths at most.\n"), NUM(max));
		free(t);
	}
}

/* Appends the question with its points and rubric. */
static void
question_words(struct sb *sb, const struct question *q)
{
	sb_addf(sb, P_("Question (%s point): ", "Question (%s points): ", q->points == 1 ? 1 : 2),
		NUM(q->points));
	text_inert(sb, q->text, true);
	if (q->rubric) {
		sb_adds(sb, _("\nRubric: "));
		text_inert(sb, q->rubric, true);
	}
}

/* Shows one essay answer, with its question unless the question was
 * shown once for all (by_question), and grades it. */
static enum step
grade_one(struct kefu *k, const struct essay *e, size_t i, size_t n, bool by_question)
{
	struct store *st = kefu_store(k);
	const struct quiz *qz;
	const struct question *q = content_question(kefu_content(k), e->quiz,
						    e->question, &qz);
	struct last_grading last = { e->attempt, e->seq, NULL, NULL, 0, false };
	struct sb sb = SB_INIT, detail = SB_INIT;
	struct attempt at = { 0 }, before = { 0 };
	struct stored_answer now = { 0 };
	struct person p;
	struct enrollment enr;
	char when[17], *comment = NULL;
	double points;
	enum step step;
	int found = 0;

	if (q == NULL || q->type != Q_ESSAY) {
		struct sb id = SB_INIT;

		text_inert(&id, e->quiz, false);
		sb_addc(&id, ' ');
		text_inert(&id, e->question, false);
		error(_("cannot grade %s: the content has no such essay question any more"),
		      sb_str(&id));
		sb_free(&id);
		sb_free(&sb);
		return STEP_SKIP;
	}
	if (store_gradings(st, e->person, last_grading_row, &last) != 0)
		return STEP_FAIL;
	sb_addf(&sb, _("\n[%zu/%zu] "), i + 1, n);
	if (e->name) {
		text_inert(&sb, e->name, false);
		sb_adds(&sb, " (");
	}
	text_inert(&sb, e->login, false);
	if (e->name)
		sb_addc(&sb, ')');
	if (!by_question) {
		sb_adds(&sb, " · ");
		text_inert(&sb, qz->title ? qz->title : qz->id, false);
	}
	sb_addf(&sb, _(" · attempt %lld · answered %s"), (long long)e->attempt,
		date_format_time(e->answered, when));
	if (e->points < 0) {
		long d = waited_days(k, e->answered);

		sb_addf(&sb, P_(" · waited %ld day", " · waited %ld days", d), d);
	}
	if (!by_question) {
		sb_addc(&sb, '\n');
		question_words(&sb, q);
	}
	sb_adds(&sb, _("\nAnswer:\n  "));
	{
		struct sb ans = SB_INIT;
		const char *s;

		text_inert(&ans, e->response, true);
		for (s = sb_str(&ans); *s; s++) {
			sb_addc(&sb, *s);
			if (*s == '\n')
				sb_adds(&sb, "  ");
		}
		sb_free(&ans);
	}
	sb_addc(&sb, '\n');
	if (last.found) {
		sb_addf(&sb, _("Graded before: %s by "), NUM(last.points));
		text_inert(&sb, last.by ? last.by : "?", false);
		if (last.comment) {
			sb_adds(&sb, " — ");
			text_inert(&sb, last.comment, true);
		}
		sb_addc(&sb, '\n');
	}
	fputs(sb_str(&sb), stdout);
	sb_reset(&sb);

	step = read_points(q->points, &points);
	if (step == STEP_DONE) {
		enum term_read r = term_read(_("Comment (Enter for none): "), &comment);

		if (r != TERM_LINE)
			step = STEP_STOP;
		else if (comment[0] == '\0') {
			free(comment);
			comment = NULL;
		}
	}
	if (step != STEP_DONE)
		goto out;

	/* look again inside the transaction: another trainer may have graded
	 * it, or the attempt been set aside, since it was shown */
	if (store_begin(st) != 0 ||
	    (found = store_answer_get(st, e->attempt, e->seq, &now)) < 0 ||
	    store_attempt_get(st, e->attempt, &before) != 1) {
		store_rollback(st);
		step = STEP_FAIL;
		goto out;
	}
	if (!found || (strcmp(before.state, "pending") != 0 &&
			   strcmp(before.state, "final") != 0)) {
		store_rollback(st);
		error(_("attempt %lld is no longer open to grading (it is %s)"),
		      (long long)e->attempt, before.state);
		step = STEP_SKIP;
		goto out;
	}
	sb_addf(&detail, "%s #%lld %s: ", e->quiz, (long long)e->attempt, e->question);
	if (now.graded)
		sb_addf(&detail, "%g -> %g", now.points, points);
	else
		sb_addf(&detail, "- -> %g", points);
	if (store_answer_grade(st, e->attempt, e->seq, points, points >= q->points,
			       k->me.id, comment, kefu_clock(k)) != 0 ||
	    store_attempt_get(st, e->attempt, &at) != 1) {
		store_rollback(st);
		step = STEP_FAIL;
		goto out;
	}
	sb_addf(&detail, " (attempt %s %.1f%% -> %s %.1f%%)", before.state, before.percent,
		at.state, at.percent);
	if (store_event(st, k->me.id, now.graded ? "regrade" : "grade", e->person,
			sb_str(&detail), kefu_clock(k)) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		step = STEP_FAIL;
		goto out;
	}
	if (strcmp(at.state, "final") == 0)
		printf(_("Saved. The attempt is final: %s of %s points, %s%%.\n"),
		       NUM(at.points), NUM(at.max_points), NUM(at.percent));
	else
		printf(_("Saved. The attempt has more essays to grade.\n"));
	/* a final score may complete the trainee's stage */
	if (store_person_by_login(st, e->login, &p) == 1) {
		if (store_enrollment(st, p.id, &enr) == 1)
			kefu_update_stages_of(k, &p, &enr);
		enrollment_clear(&enr);
		person_clear(&p);
	}
out:
	stored_answer_clear(&now);
	attempt_clear(&at);
	attempt_clear(&before);
	free(comment);
	free(last.by);
	free(last.comment);
	sb_free(&sb);
	sb_free(&detail);
	return step;
}

struct attempt_answers {
	struct essays *es;
	const struct quiz *qz;
	const struct attempt *at;
	const struct person *p;
	const char *only;
};

static void
attempt_answer(const struct answer *a, void *arg)
{
	struct attempt_answers *aa = arg;
	const struct question *q;
	struct essay *e;

	if (a->response == NULL)
		return;
	q = content_quiz_question(aa->qz, a->question);
	if (q == NULL || q->type != Q_ESSAY || (aa->only && strcmp(aa->only, a->question) != 0))
		return;
	e = essay_new(aa->es);
	e->attempt = aa->at->id;
	e->person = aa->p->id;
	e->seq = a->seq;
	e->login = xstrdup(aa->p->login);
	e->name = xstrdup_null(aa->p->name);
	e->quiz = xstrdup(aa->at->quiz);
	e->question = xstrdup(a->question);
	e->response = xstrdup(a->response);
	e->answered = aa->at->finished;
	e->points = a->points;
}

/* The essay answers of one attempt, graded or not, for regrading. */
static int
attempt_essays(struct kefu *k, const char *id_text, const char *only,
	       struct essays *es)
{
	struct store *st = kefu_store(k);
	struct attempt_answers aa;
	struct attempt at;
	struct person p = { 0 };
	double id;
	int rc = 1;

	if (!text_number(id_text, &id) || id < 1 || id > 1e15 || id != floor(id)) {
		error(_("an attempt is a number, as 'kefu grade --list' and 'kefu report trainee' show"));
		return 2;
	}
	if (store_attempt_get(st, (int64_t)id, &at) != 1) {
		error(_("no attempt %s"), id_text);
		return 1;
	}
	if (strcmp(at.state, "pending") != 0 && strcmp(at.state, "final") != 0) {
		error(_("attempt %s is %s: only submitted attempts are graded"), id_text, at.state);
		goto out;
	}
	aa.qz = content_quiz(kefu_content(k), at.quiz);
	if (aa.qz == NULL) {
		error(_("attempt %s is of quiz '%s', which the content no longer has"), id_text,
		      at.quiz);
		goto out;
	}
	if (store_person_by_id(st, at.person_id, &p) != 1)
		goto out;
	aa.es = es;
	aa.at = &at;
	aa.p = &p;
	aa.only = only;
	if (store_answers(st, at.id, attempt_answer, &aa) != 0)
		goto out;
	if (es->n == 0) {
		if (only)
			error(_("attempt %s has no answered essay question '%s'"), id_text, only);
		else
			error(_("attempt %s has no answered essay questions"), id_text);
		goto out;
	}
	rc = 0;
out:
	person_clear(&p);
	attempt_clear(&at);
	return rc;
}

/* Reads --question QUIZ:QUESTION (spec, which is cut at the colon) into
 * the quiz and the essay question it names; 0, else 1 or 2 having said
 * why. */
static int
question_spec(struct kefu *k, char *spec, const struct quiz **qz,
	      const struct question **q)
{
	char *colon = strchr(spec, ':');
	const char **ids;
	struct sb where = SB_INIT, hint = SB_INIT;
	size_t i, n = 0;

	if (colon == NULL || colon == spec || colon[1] == '\0') {
		text_inert(&where, spec, false);
		error(_("--question is QUIZ:QUESTION, as 'kefu grade --list' shows them, not '%s'"),
		      sb_str(&where));
		sb_free(&where);
		return 2;
	}
	*colon = '\0';
	if ((*qz = kefu_quiz(k, spec)) == NULL)
		return 1;
	if ((*q = content_quiz_question(*qz, colon + 1)) != NULL) {
		if ((*q)->type == Q_ESSAY)
			return 0;
		error(_("question '%s' of quiz '%s' is %s, not an essay: kefu scores it itself"),
		      (*q)->id, (*qz)->id, content_qtype_name((*q)->type));
		return 1;
	}
	/* what it could have meant: the quiz's essay questions */
	ids = xreallocarray(NULL, (*qz)->nquestions + 1, sizeof(*ids));
	for (i = 0; i < (*qz)->nquestions; i++)
		if ((*qz)->questions[i].type == Q_ESSAY)
			ids[n++] = (*qz)->questions[i].id;
	sb_addf(&where, _(" in quiz '%s'"), (*qz)->id);
	if (n == 0)
		sb_adds(&hint, _("it has no essay questions"));
	else {
		sb_adds(&hint, _("its essay questions: "));
		for (i = 0; i < n; i++)
			sb_addf(&hint, i ? ", %s" : "%s", ids[i]);
	}
	kefu_unknown(_("question"), sb_str(&where), colon + 1, ids, n, sb_str(&hint));
	free(ids);
	sb_free(&where);
	sb_free(&hint);
	return 1;
}

int
cmd_grade(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("grade");
	const char *format = NULL, *question = NULL;
	bool list = false;
	const struct cmd_opt opts[] = {
		{ "--list", NULL, &list }, { "--format", &format, NULL },
		{ "--question", &question, NULL }, { NULL, NULL, NULL }
	};
	struct essays es = { NULL, 0, 0 };
	struct queue qu = { &es, NULL, NULL };
	const struct quiz *qz = NULL;
	const struct question *q = NULL;
	enum table_format f = TABLE_TEXT;
	size_t i, own = 0, done = 0, skipped = 0;
	char *pos[2];
	int npos, rc;
	bool whole;

	if (!kefu_may(k, "trainer", _("grade")))
		return 1;
	if ((rc = cmd_parse(c, argc, argv, opts, pos, 2, &npos)) != 0)
		return rc;
	if ((rc = cmd_format(format, &f)) != 0)
		return rc;
	if ((list || format || question) && npos)
		return cmd_usage(c);
	kefu_content(k);
	if (question) {
		char *spec = xstrdup(question);

		rc = question_spec(k, spec, &qz, &q);
		free(spec);
		if (rc != 0)
			return rc;
		qu.quiz = qz->id;
		qu.question = q->id;
	}
	if (npos == 1 && strncmp(pos[0], "chat:", 5) == 0) {
		/* one chat run, to review or review again */
		char *end;
		long long id = strtoll(pos[0] + 5, &end, 10);

		if (end == pos[0] + 5 || *end || id <= 0)
			return cmd_usage(c);
		rc = grade_chats(k, id, &done, &own);
		return rc < 0 ? 1 : rc;
	}
	if (npos) {
		if ((rc = attempt_essays(k, pos[0], npos > 1 ? pos[1] : NULL, &es)) != 0) {
			essays_free(&es);
			return rc;
		}
		if (es.v[0].person == k->me.id) {
			error(_("you cannot grade your own answers; another trainer must"));
			essays_free(&es);
			return 1;
		}
	} else if (store_essays_pending(kefu_store(k), queue_row, &qu) != 0) {
		essays_free(&es);
		return 1;
	}
	if (list || format) {
		rc = list_queue(k, &es, f);
		essays_free(&es);
		return rc;
	}
	if (q && es.n == 0) {
		printf(_("No answers to %s:%s wait for grading.\n"), qz->id, q->id);
		essays_free(&es);
		return 0;
	}
	/* the queue without one's own answers */
	for (i = 0; i < es.n; i++)
		if (es.v[i].person == k->me.id)
			own++;
	if (es.n - own == 0) {
		size_t cdone = 0, cown = 0;

		printf(_("No essay answers wait for you to grade.\n"));
		if (own == 1)
			printf(_("Your own answer waits for another trainer.\n"));
		else if (own)
			printf(_("%zu of your own answers wait for another trainer.\n"), own);
		essays_free(&es);
		/* then the chat transcripts */
		if (!npos && !q) {
			rc = grade_chats(k, 0, &cdone, &cown);
			if (cdone)
				printf(P_("\nReviewed %zu chat.\n", "\nReviewed %zu chats.\n", cdone), cdone);
			if (cown)
				printf(P_("%zu of your own chats waits for another trainer.\n",
					  "%zu of your own chats wait for another trainer.\n", cown), cown);
			return rc < 0 ? 1 : 0;
		}
		return 0;
	}
	if (q) {
		/* the question once, for every answer to it */
		struct sb sb = SB_INIT;

		text_inert(&sb, qz->title ? qz->title : qz->id, false);
		sb_addf(&sb, " (%s:%s)\n", qz->id, q->id);
		question_words(&sb, q);
		sb_addc(&sb, '\n');
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
	}
	if (!npos)
		printf(P_("%zu essay answer to grade, oldest first.\n",
			  "%zu essay answers to grade, oldest first.\n", es.n - own), es.n - own);
	rc = 0;
	for (i = 0; i < es.n; i++) {
		enum step s;

		if (es.v[i].person == k->me.id)
			continue;
		s = grade_one(k, &es.v[i], done + skipped, es.n - own, q != NULL);
		if (s == STEP_DONE)
			done++;
		else if (s == STEP_SKIP)
			skipped++;
		else {
			rc = s == STEP_FAIL;
			break;
		}
	}
	if (npos)
		printf(_("\nGraded %zu.\n"), done);
	else if (q)
		printf(_("\nGraded %zu; %zu left of this question.\n"), done,
		       es.n - own - done);
	else
		printf(_("\nGraded %zu; %zu left in the queue.\n"), done,
		       es.n - own - done);
	whole = i == es.n;
	essays_free(&es);
	if (rc == 0 && !npos && !q && whole) {
		/* the essays done: the chat transcripts */
		size_t cdone = 0, cown = 0;

		rc = grade_chats(k, 0, &cdone, &cown) < 0;
		if (cdone)
			printf(P_("\nReviewed %zu chat.\n", "\nReviewed %zu chats.\n", cdone), cdone);
	}
	return rc;
}

static const char *const grade_words[] = { "--list", "--format", "--question", NULL };

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_grade_entry = {
	.name = "grade",
	.usage = "[--list [--format F]] [--question QUIZ:QUESTION] | [ATTEMPT [QUESTION]] | [chat:RUN]",
	.summary = N_("grade essays and chat transcripts waiting for a trainer (trainers)"),
	.help = N_("Puts the essay answers that wait for a trainer, oldest first: who\n"
		"wrote it, the quiz, the question, its rubric, the answer and how\n"
		"many days it has waited. Give points from 0 to the question's\n"
		"points (hundredths allowed) and a comment the trainee sees in\n"
		"'kefu progress'; 'skip' leaves an answer for later, 'quit' stops.\n"
		"An attempt's score is final when its last essay is graded. Nobody\n"
		"grades their own answers.\n"
		"\n"
		"  --list [--format F]  list the queue (table, csv or json), with the\n"
		"                       days each answer has waited\n"
		"  --question QUIZ:QUESTION\n"
		"                       grade one essay question across every trainee:\n"
		"                       its text and rubric once, then each answer to\n"
		"                       it in turn (with --list: its part of the queue)\n"
		"  ATTEMPT [QUESTION]   grade or regrade the essays of one attempt (its\n"
		"                       number is in the queue and in 'report trainee')\n"
		"  chat:RUN             review or review again one chat run\n"
		"\n"
		"After the essays come the chat transcripts: runs of a scenario with a\n"
		"rubric, each turn with the buyer's message, the reply, its time and\n"
		"automatic marks, then the rubric. Give a percent from 0 to 100; it\n"
		"counts for the run from then on, and the automatic score is kept.\n"
		"\n"
		"Every grading is kept and logged with the old and new points.\n"),
	.arg = ARG_NONE,
	.words = grade_words,
	.fn = cmd_grade,
};
