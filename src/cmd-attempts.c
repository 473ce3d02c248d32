/* cmd-attempts.c: `kefu attempts`, a person's quiz attempts, and a
 * trainer's two corrections: attempts given back (grant) and an attempt
 * set aside (void), each with a reason, logged and on the transcript. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "text.h"

/* The most attempts one grant gives back. */
#define GRANT_MAX 20

static const struct column attempt_cols[] = {
	{ "attempt", N_("Attempt") }, { "quiz", N_("Quiz") }, { "state", N_("State") },
	{ "percent", N_("Score %") }, { "points", N_("Points") },
	{ "max_points", N_("Of") }, { "started", N_("Started") },
	{ "finished", N_("Handed in") }, { "note", N_("Note") },
};

/* An attempt's state in the user's language (CSV and JSON keep the
 * stored word). */
static const char *
state_name(const char *state)
{
	if (strcmp(state, "open") == 0)
		return C_("attempt", "open");
	if (strcmp(state, "pending") == 0)
		return C_("attempt", "pending");
	if (strcmp(state, "final") == 0)
		return C_("attempt", "final");
	if (strcmp(state, "void") == 0)
		return C_("attempt", "set aside");
	return state;
}

struct listing {
	struct table t;
	enum table_format f;
};

static void
attempt_row(const struct attempt_info *a, void *arg)
{
	struct listing *l = arg;
	struct table *t = &l->t;
	char when[17];

	table_num(t, (double)a->id, 0);
	table_text(t, a->quiz);
	table_text(t, l->f == TABLE_TEXT ? state_name(a->state) : a->state);
	if (a->scored && strcmp(a->state, "open") != 0) {
		/* a pending attempt's percent would count its essays as 0 */
		if (strcmp(a->state, "pending") == 0)
			table_null(t);
		else
			table_num(t, a->percent, 1);
		table_num(t, a->points, 2);
		table_num(t, a->max_points, 2);
	} else {
		table_null(t);
		table_null(t);
		table_null(t);
	}
	table_text(t, date_format_time(a->started, when));
	table_text(t, a->finished ? date_format_time(a->finished, when) : NULL);
	if (a->void_reason) {
		char *note = xasprintf(_("set aside by %s: %s"), a->void_by, a->void_reason);

		table_text(t, note);
		free(note);
	} else if (strcmp(a->state, "void") == 0)
		table_text(t, _("set aside: the quiz changed under it"));
	else if (strcmp(a->state, "pending") == 0)
		table_text(t, _("points so far are the automatic part; essays wait for grading"));
	else
		table_null(t);
}

/* A reason, as a trainer must give one: not empty. NULL after saying so. */
static const char *
reason_of(const char *reason, const struct cmd *c)
{
	const char *s = reason;

	while (s && (*s == ' ' || *s == '\t'))
		s++;
	if (s == NULL || *s == '\0') {
		error(_("say why with --reason TEXT: it goes on the trainee's record"));
		cmd_usage(c);
		return NULL;
	}
	return reason;
}

static int
list(struct kefu *k, const struct cmd *c, char **pos, int npos, const char *format)
{
	struct listing l;
	struct person p;
	int rc;

	if (npos < 1 || npos > 2)
		return cmd_usage(c);
	if ((rc = cmd_format(format, &l.f)) != 0)
		return rc;
	/* trainees see their own (and are told no other login); their
	 * trainers everyone's */
	kefu_me(k);
	if (strcmp(pos[0], k->me.login) != 0 &&
	    !kefu_may(k, "trainer", _("list someone else's attempts")))
		return 1;
	if (kefu_person(k, pos[0], &p) != 1)
		return 1;
	if (npos == 2 && kefu_quiz(k, pos[1]) == NULL) {
		person_clear(&p);
		return 1;
	}
	table_init(&l.t, "attempts", attempt_cols, ARRAY_SIZE(attempt_cols));
	rc = store_attempts_of(k->store, p.id, npos == 2 ? pos[1] : NULL, attempt_row, &l);
	if (rc == 0 && l.t.nrows == 0 && l.f == TABLE_TEXT) {
		struct sb who = SB_INIT;

		text_inert(&who, p.login, false);
		printf(_("'%s' has no attempts%s.\n"), sb_str(&who),
		       npos == 2 ? _(" at this quiz") : "");
		sb_free(&who);
	} else if (rc == 0)
		table_print(stdout, &l.t, l.f, false);
	table_free(&l.t);
	person_clear(&p);
	return rc != 0;
}

/* Runs of a chat scenario given back, as attempts at a quiz are. */
static int
grant_runs(struct kefu *k, const struct scenario *sc, const char *login, long count,
	   const char *reason)
{
	struct store *st = kefu_store(k);
	struct quiz_facts f;
	struct person p;
	struct sb detail = SB_INIT, who = SB_INIT;
	char *key = store_chat_grant_key(sc->id);
	int rc = 1;

	if (kefu_person(k, login, &p) != 1) {
		free(key);
		return 1;
	}
	text_inert(&who, p.login, false);
	if (p.id == k->me.id)
		error(_("you cannot give yourself attempts; another trainer must"));
	else if (sc->attempts == 0)
		error(_("scenario '%s' has no cap on attempts: there is nothing to give back"), sc->id);
	else {
		sb_addf(&detail, "%s +%ld: %s", key, count, reason);
		if (store_begin(st) != 0 ||
		    store_attempt_grant(st, p.id, key, (int)count, reason, k->me.id,
					kefu_clock(k)) != 0 ||
		    store_event(st, k->me.id, "attempt-grant", p.id, sb_str(&detail),
				kefu_clock(k)) != 0 ||
		    store_chat_facts(st, p.id, sc->id, &f) != 0 || store_commit(st) != 0)
			store_rollback(st);
		else {
			printf(P_("Gave %s %ld attempt at scenario '%s' back: %d used of %d allowed.\n",
				  "Gave %s %ld attempts at scenario '%s' back: %d used of %d allowed.\n",
				  count), sb_str(&who), count, sc->id, f.attempts,
			       (int)sc->attempts + f.granted);
			rc = 0;
		}
	}
	free(key);
	sb_free(&detail);
	sb_free(&who);
	person_clear(&p);
	return rc;
}

static int
grant(struct kefu *k, const struct cmd *c, char **pos, int npos,
      const char *count_s, const char *reason)
{
	const struct scenario *sc;
	const struct quiz *qz;
	struct attempt_count n;
	struct store *st;
	struct person p;
	struct sb detail = SB_INIT, who = SB_INIT;
	long count = 1;
	int rc = 1;

	if (npos != 3)
		return cmd_usage(c);
	if (count_s) {
		char *end;

		errno = 0;
		count = strtol(count_s, &end, 10);
		if (*end || !*count_s || errno || count < 1 || count > GRANT_MAX) {
			error(_("--count is a whole number from 1 to %d, not '%s'"), GRANT_MAX,
			      count_s);
			return cmd_usage(c);
		}
	}
	if ((reason = reason_of(reason, c)) == NULL)
		return 2;
	if (!kefu_may(k, "trainer", _("give attempts back")))
		return 1;
	if (content_quiz(kefu_content(k), pos[2]) == NULL &&
	    (sc = content_scenario(k->content, pos[2])) != NULL)
		return grant_runs(k, sc, pos[1], count, reason);
	if ((qz = kefu_quiz(k, pos[2])) == NULL)
		return 1;
	if (kefu_person(k, pos[1], &p) != 1)
		return 1;
	st = kefu_store(k);
	text_inert(&who, p.login, false);
	if (p.id == k->me.id) {
		error(_("you cannot give yourself attempts; another trainer must"));
		goto out;
	}
	if (qz->attempts == 0) {
		error(_("quiz '%s' has no cap on attempts: there is nothing to give back"), qz->id);
		goto out;
	}
	sb_addf(&detail, "%s +%ld: %s", qz->id, count, reason);
	if (store_begin(st) != 0)
		goto out;
	if (store_attempt_grant(st, p.id, qz->id, (int)count, reason, k->me.id,
				kefu_clock(k)) != 0 ||
	    store_event(st, k->me.id, "attempt-grant", p.id, sb_str(&detail),
			kefu_clock(k)) != 0 ||
	    store_attempt_counts(st, p.id, qz->id, qz->attempts, &n) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	printf(P_("Gave %s %ld attempt at quiz '%s' back: %d used of %d allowed.\n",
		  "Gave %s %ld attempts at quiz '%s' back: %d used of %d allowed.\n", count),
	       sb_str(&who), count, qz->id, n.used, n.allowed);
	rc = 0;
out:
	sb_free(&detail);
	sb_free(&who);
	person_clear(&p);
	return rc;
}

static int
void_attempt(struct kefu *k, const struct cmd *c, char **pos, int npos,
	     const char *reason)
{
	struct attempt at;
	struct store *st;
	struct person p = { 0 };
	struct sb detail = SB_INIT, who = SB_INIT;
	char *end;
	long long id;
	int rc = 1, done;

	if (npos != 2)
		return cmd_usage(c);
	errno = 0;
	id = strtoll(pos[1], &end, 10);
	if (*end || !*pos[1] || errno || id <= 0) {
		error(_("an attempt is a number, as 'kefu attempts LOGIN' lists them, not '%s'"),
		      pos[1]);
		return cmd_usage(c);
	}
	if ((reason = reason_of(reason, c)) == NULL)
		return 2;
	if (!kefu_may(k, "trainer", _("set attempts aside")))
		return 1;
	st = kefu_store(k);
	if ((done = store_attempt_get(st, (int64_t)id, &at)) != 1) {
		if (done == 0)
			error(_("no attempt %lld"), id);
		return 1;
	}
	if (store_person_by_id(st, at.person_id, &p) != 1)
		goto out;
	text_inert(&who, p.login, false);
	if (p.id == k->me.id) {
		error(_("you cannot set your own attempt aside; another trainer must"));
		goto out;
	}
	sb_addf(&detail, "%s #%lld: %s", at.quiz, id, reason);
	if (store_begin(st) != 0)
		goto out;
	done = store_attempt_void(st, &at, reason, k->me.id, kefu_clock(k));
	if (done < 0 || (done == 0 &&
			 (store_event(st, k->me.id, "attempt-void", p.id, sb_str(&detail),
				      kefu_clock(k)) != 0 ||
			  store_commit(st) != 0))) {
		store_rollback(st);
		goto out;
	}
	if (done == 1) {
		store_rollback(st);
		error(_("attempt %lld of '%s' is set aside already"), id, sb_str(&who));
		goto out;
	}
	printf(_("Attempt %lld of '%s' at quiz '%s' is set aside: it no longer counts, for or against.\n"),
	       id, sb_str(&who), at.quiz);
	if (strcmp(at.state, "open") == 0)
		printf(_("It was open: a kefu still answering on it can save nothing more.\n"));
	/* a stage it completed is complete no longer: cleared on the record */
	{
		struct enrollment e = { 0 };

		if (store_enrollment(st, p.id, &e) == 1)
			kefu_update_stages_of(k, &p, &e);
		enrollment_clear(&e);
	}
	rc = 0;
out:
	sb_free(&detail);
	sb_free(&who);
	person_clear(&p);
	attempt_clear(&at);
	return rc;
}

int
cmd_attempts(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("attempts");
	const char *count = NULL, *reason = NULL, *format = NULL;
	const struct cmd_opt opts[] = {
		{ "--count", &count, NULL }, { "--reason", &reason, NULL },
		{ "--format", &format, NULL }, { NULL, NULL, NULL }
	};
	char *pos[3];
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 3, &npos)) != 0)
		return rc;
	if (npos >= 1 && strcmp(pos[0], "grant") == 0)
		return format ? cmd_usage(c) : grant(k, c, pos, npos, count, reason);
	if (npos >= 1 && strcmp(pos[0], "void") == 0)
		return format || count ? cmd_usage(c) : void_attempt(k, c, pos, npos, reason);
	if (count || reason)
		return cmd_usage(c);
	return list(k, c, pos, npos, format);
}

static const char *const attempts_words[] = {
	"grant", "void", "--count", "--reason", "--format", NULL
};

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_attempts_entry = {
	.name = "attempts",
	.usage = "LOGIN [QUIZ] [--format F] | grant LOGIN QUIZ [--count N] --reason TEXT | void ATTEMPT --reason TEXT",
	.summary = N_("a person's quiz attempts; give attempts back or set one aside (trainers)"),
	.help = N_("  LOGIN [QUIZ]   list the person's attempts (at one quiz, or all):\n"
		"      number, state (open, pending, final, set aside), score,\n"
		"      when it started and was handed in, and why it was set aside;\n"
		"      --format table, csv or json. Trainees may list their own.\n"
		"  grant LOGIN QUIZ [--count N] --reason TEXT\n"
		"      give N attempts (default 1, at most 20) at a capped quiz back:\n"
		"      an exam started by mistake, a power cut; QUIZ may be a chat\n"
		"      scenario with attempts\n"
		"  void ATTEMPT --reason TEXT\n"
		"      set an attempt aside: it no longer counts, for or against; an\n"
		"      open one is closed and takes no more answers; a stage it\n"
		"      completed is open again until it is passed anew\n"
		"\n"
		"Only trainers and managers grant and void, never for themselves.\n"
		"Each is kept with its reason and who gave it, in the event log, in\n"
		"the trainee's 'kefu progress' and in 'kefu report trainee'.\n"),
	.arg = ARG_PERSON,
	.words = attempts_words,
	.fn = cmd_attempts,
};
