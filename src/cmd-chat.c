/* cmd-chat.c: `kefu chat SCENARIO`, a buyer's messages answered against
 * the clock and the shop's rules (模拟接待). Each message is shown with
 * a countdown of the reply time left; the clock runs from the message
 * on screen to Enter (monotonic), keystrokes are watched as in drills,
 * and each turn is stored before the next message appears. Marking is
 * chat.c's. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "chat.h"
#include "kb.h"
#include "kefu.h"
#include "markup.h"
#include "plan.h"
#include "table.h"
#include "text.h"
#include "typing.h"

#define GREEN "\033[32m"
#define RED "\033[31m"
#define DIM "\033[2m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

/* A chat message is short; a reply this long was not typed in time. */
#define REPLY_MAX 2000

/* One reply being typed. */
struct reply_live {
	struct kefu *k;
	struct typing_rec rec;
	struct sb before;	/* lines given so far (a reply of several) */
	struct sb line;		/* before plus the line being typed */
	double shown;		/* monotonic: the message on screen */
	long within;
	bool first;		/* the first line of the reply */
	char prompt[96];
};

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "[12s left] " while there is time, "[3s over] " in red after. The
 * colour is marked for readline as taking no columns. */
static void
make_prompt(struct reply_live *r)
{
	double left = (double)r->within - (mono() - r->shown);

	if (!r->first)
		snprintf(r->prompt, sizeof(r->prompt), "      … ");
	else if (left >= 0)
		snprintf(r->prompt, sizeof(r->prompt), _("[%lds left] > "), (long)ceil(left));
	else if (r->k->color)
		snprintf(r->prompt, sizeof(r->prompt), "\001" RED "\002%s\001" RESET "\002",
			 _("[late] > "));
	else
		snprintf(r->prompt, sizeof(r->prompt), "%s", _("[late] > "));
}

static void
on_tick(void *arg)
{
	struct reply_live *r = arg;

	make_prompt(r);
	term_prompt(r->prompt);
}

static void
on_key(const char *line, void *arg)
{
	struct reply_live *r = arg;

	if (term_take_paste())
		typing_rec_pasted(&r->rec);
	sb_reset(&r->line);
	sb_adds(&r->line, sb_str(&r->before));
	sb_adds(&r->line, line);
	typing_rec_update(&r->rec, sb_str(&r->line), mono());
}

/* Reads a reply: a line, or several when a line ends with '\'. Control
 * characters and bytes that are not UTF-8 are refused and the line asked
 * again. */
static enum term_read
read_reply(struct reply_live *r, char **reply)
{
	enum term_read rd;

	*reply = NULL;
	r->first = true;
	for (;;) {
		char *line;
		size_t len, bad;

		make_prompt(r);
		if (r->k->tty_in) {
			term_keyhook(on_key, r);
			term_tick(on_tick, r);
			rd = term_read_max(r->prompt, &line, &len, 8 * REPLY_MAX);
			term_tick(NULL, NULL);
			term_keyhook(NULL, NULL);
		} else
			rd = term_read_max("", &line, &len, 8 * REPLY_MAX);
		if (rd != TERM_LINE)
			return rd;
		if (len != strlen(line) || !text_valid(line, len, &bad) ||
		    line[strcspn(line, "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
				 "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d"
				 "\x1e\x1f\x7f")] != '\0' ||
		    text_chars(sb_str(&r->before)) + text_chars(line) > REPLY_MAX) {
			printf(_("  A reply is plain text of at most %d characters; type it again.\n"),
			       REPLY_MAX);
			free(line);
			continue;
		}
		len = strlen(line);
		if (len > 0 && line[len - 1] == '\\') {
			line[len - 1] = '\0';
			sb_adds(&r->before, line);
			sb_addc(&r->before, '\n');
			free(line);
			r->first = false;
			continue;
		}
		sb_adds(&r->before, line);
		free(line);
		*reply = xstrdup(sb_str(&r->before));
		return TERM_LINE;
	}
}

/* The terminal's width, or 80. */
static int
screen_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40)
		return ws.ws_col;
	return 80;
}

/* Appends text made inert and wrapped as lessons are: each of its lines
 * after first_w columns already written (the first) or after indent. */
static void
wrapped(struct sb *sb, const char *text, int first_w, const char *indent)
{
	struct sb inert = SB_INIT;
	const char *p, *nl;
	int width = screen_width() - 1;

	text_inert(&inert, text, true);
	for (p = sb_str(&inert); p && *p; p = nl ? nl + 1 : NULL) {
		char *line;

		nl = strchr(p, '\n');
		line = nl ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		if (p != sb_str(&inert))
			sb_addf(sb, "\n%s", indent);
		markup_wrap(sb, line, width, p == sb_str(&inert) ? first_w : text_width(indent),
			    indent);
		free(line);
	}
	sb_free(&inert);
}

/* Time of day for a message, "14:03". */
static void
clock_words(struct sb *sb, long long at)
{
	time_t t = (time_t)at;
	struct tm tm;
	char buf[16];

	localtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%H:%M", &tm);
	sb_adds(sb, buf);
}

/* The buyer's message, as a chat window shows it. */
static void
show_message(struct kefu *k, const struct scenario *sc, const struct turn *t,
	     size_t i, long long at)
{
	struct sb sb = SB_INIT, name = SB_INIT;

	text_inert(&name, sc->buyer, false);
	sb_addf(&sb, "\n%s%s%s  ", k->color ? BOLD : "", sb_str(&name), k->color ? RESET : "");
	clock_words(&sb, at);
	sb_addf(&sb, _("  (turn %zu of %zu, reply within %ld s)"), i + 1, sc->nturns, t->within);
	sb_adds(&sb, "\n  ");
	wrapped(&sb, t->buyer, 2, "  ");
	sb_addc(&sb, '\n');
	fputs(sb_str(&sb), stdout);
	fflush(stdout);
	sb_free(&sb);
	sb_free(&name);
}

/* "亲 / 您好" for an expected point. */
static void
point_words(struct sb *sb, const struct chat_point *pt)
{
	size_t i;

	for (i = 0; i < pt->nwords; i++) {
		if (i)
			sb_adds(sb, " / ");
		text_inert(sb, pt->words[i], false);
	}
}

static void
seconds_words(struct sb *sb, double secs)
{
	sb_addf(sb, _("%s s"), NUM(round(secs * 10) / 10));
}

/* Practice feedback after a reply: points made and missed, words that
 * spoil it with why, the time against the limit, the turn's score and
 * its explanation. */
static void
feedback(struct kefu *k, const struct turn *t, const char *reply, double secs,
	 const struct chat_mark *m)
{
	struct sb sb = SB_INIT;
	size_t i;

	for (i = 0; i < t->nexpect; i++) {
		sb_addf(&sb, "  %s%s%s ", k->color ? (m->made[i] ? GREEN : RED) : "",
			m->made[i] ? "✓" : "✗", k->color ? RESET : "");
		point_words(&sb, &t->expect[i]);
		sb_addc(&sb, '\n');
	}
	if (m->nhits) {
		char **terms = xcalloc(m->nhits + 1, sizeof(*terms));

		for (i = 0; i < m->nhits; i++)
			terms[i] = m->hits[i].folded;
		sb_adds(&sb, _("  Your reply: "));
		kb_highlight(&sb, reply, terms, m->nhits, k->color ? RED BOLD : "【",
			     k->color ? RESET : "】");
		sb_addc(&sb, '\n');
		free(terms);
	}
	for (i = 0; i < m->nhits; i++) {
		sb_addf(&sb, "  %s✗%s “", k->color ? RED : "", k->color ? RESET : "");
		text_inert(&sb, m->hits[i].word, false);
		/* TRANSLATORS: after a forbidden word in quotes, before why */
		sb_adds(&sb, _("”: "));
		if (m->hits[i].why)
			text_inert(&sb, m->hits[i].why, false);
		else
			sb_adds(&sb, _("a word this reply should avoid"));
		sb_addc(&sb, '\n');
	}
	if (secs >= 0) {
		sb_adds(&sb, _("  Time: "));
		seconds_words(&sb, secs);
		sb_addf(&sb, _(" (within %ld s)"), t->within);
		if (m->late)
			sb_adds(&sb, _(": late, the turn's score is halved"));
		sb_addc(&sb, '\n');
	}
	sb_addf(&sb, _("  This turn: %s%%\n"), NUM(round(m->score * 1000) / 10));
	if (t->explain) {
		sb_adds(&sb, _("  Why: "));
		wrapped(&sb, t->explain, text_width(_("  Why: ")), "    ");
		sb_addc(&sb, '\n');
	}
	fputs(sb_str(&sb), stdout);
	fflush(stdout);
	sb_free(&sb);
}

/* "101" for the points made, and the words hit, one a line. */
static void
mark_strings(const struct turn *t, const struct chat_mark *m, struct sb *made, struct sb *hits)
{
	size_t i;

	for (i = 0; i < t->nexpect; i++)
		sb_addc(made, m->made[i] ? '1' : '0');
	for (i = 0; i < m->nhits; i++) {
		if (i)
			sb_addc(hits, '\n');
		sb_adds(hits, m->hits[i].word);
	}
}

/* The turns of a run as stored, copied out. */
struct turns {
	struct stored {
		double score, seconds, within;
		bool pasted;
		char *hits;
	} *v;
	size_t n;
};

static void
turn_copy(const struct chat_turn_rec *t, void *arg)
{
	struct turns *ts = arg;
	struct stored *s;

	ts->v = xreallocarray(ts->v, ts->n + 1, sizeof(*ts->v));
	s = &ts->v[ts->n++];
	s->score = t->score;
	s->seconds = t->seconds;
	s->within = t->within;
	s->pasted = t->pasted;
	s->hits = t->hits ? xstrdup(t->hits) : NULL;
}

static void
turns_free(struct turns *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		free(ts->v[i].hits);
	free(ts->v);
	memset(ts, 0, sizeof(*ts));
}

const char *
chat_why_text(const char *why)
{
	if (why == NULL)
		return NULL;
	if (strcmp(why, "piped") == 0)
		return _("replies came piped, not typed at a terminal");
	if (strcmp(why, "pasted") == 0)
		return _("a reply was pasted, or its keys came faster or more evenly than a person types");
	return why;
}

/* The end screen: each turn's score and time, the first reply's time,
 * the slowest, what was forbidden, the score against the pass mark and
 * whether the run counts. */
static void
end_screen(struct kefu *k, const struct scenario *sc, const struct turns *ts,
	   double percent, const char *why)
{
	static const struct column cols[] = {
		{ "turn", N_("turn") }, { "score", N_("score %") },
		{ "seconds", N_("time s") }, { "within", N_("within s") },
		{ "note", N_("note") },
	};
	struct table t;
	struct sb sb = SB_INIT;
	size_t i, slowest = (size_t)-1;

	printf(_("\nThe chat is over. Turn by turn:\n"));
	table_init(&t, "chat", cols, ARRAY_SIZE(cols));
	for (i = 0; i < sc->nturns; i++) {
		const struct stored *s = i < ts->n ? &ts->v[i] : NULL;

		table_num(&t, (double)(i + 1), 0);
		table_num(&t, s ? round(s->score * 1000) / 10 : 0, 1);
		if (s && s->seconds >= 0)
			table_num(&t, s->seconds, 1);
		else
			table_null(&t);
		table_num(&t, s ? s->within : (double)sc->turns[i].within, 0);
		sb_reset(&sb);
		if (s == NULL)
			sb_adds(&sb, _("no reply"));
		else {
			if (s->seconds > s->within)
				sb_adds(&sb, _("late"));
			if (s->pasted)
				sb_addf(&sb, "%s%s", sb.len ? ", " : "", _("pasted"));
			if (s->hits)
				sb_addf(&sb, "%s%s", sb.len ? ", " : "", _("forbidden word"));
		}
		table_text(&t, sb.len ? sb_str(&sb) : NULL);
		if (s && s->seconds >= 0 && (slowest == (size_t)-1 || s->seconds > ts->v[slowest].seconds))
			slowest = i;
	}
	table_print(stdout, &t, TABLE_TEXT, false);
	table_free(&t);
	sb_reset(&sb);
	if (ts->n > 0 && ts->v[0].seconds >= 0) {
		sb_adds(&sb, _("First reply: "));
		seconds_words(&sb, ts->v[0].seconds);
		sb_adds(&sb, _("; slowest: turn "));
		sb_addf(&sb, "%zu, ", slowest + 1);
		seconds_words(&sb, ts->v[slowest].seconds);
		sb_addc(&sb, '\n');
	}
	for (i = 0; i < ts->n; i++) {
		char *w, *save = NULL, *copy;

		if (ts->v[i].hits == NULL)
			continue;
		copy = xstrdup(ts->v[i].hits);
		for (w = strtok_r(copy, "\n", &save); w; w = strtok_r(NULL, "\n", &save)) {
			sb_addf(&sb, _("Turn %zu held “"), i + 1);
			text_inert(&sb, w, false);
			sb_adds(&sb, _("”: the turn scores 0\n"));
		}
		free(copy);
	}
	sb_addf(&sb, _("Score: %s%%, pass mark %s%%: %s\n"), NUM(percent), NUM(sc->pass_mark),
		chat_passed(sc, percent) ? _("passed") : _("not passed"));
	if (why)
		sb_addf(&sb, _("This run is practice and meets no gate: %s.\n"), chat_why_text(why));
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
}

/* What a finished run's turns say: the score and whether it counts. */
static void
run_verdict(const struct scenario *sc, const struct turns *ts, double *percent,
	    const char **why)
{
	double *scores = xcalloc(sc->nturns + 1, sizeof(*scores));
	bool piped = false, pasted = false;
	size_t i;

	for (i = 0; i < ts->n && i < sc->nturns; i++) {
		scores[i] = ts->v[i].score;
		piped |= ts->v[i].seconds < 0;
		pasted |= ts->v[i].pasted;
	}
	*percent = chat_percent(scores, sc->nturns);
	*why = chat_why(piped, pasted);
	free(scores);
}

/* Ends the run: stored, logged, shown. */
static int
finish(struct kefu *k, const struct scenario *sc, const struct chat_run *run)
{
	struct store *st = k->store;
	struct turns ts = { NULL, 0 };
	const char *why;
	double percent;
	char *what;
	int rc;

	if (store_chat_turns(st, run->id, turn_copy, &ts) != 0)
		return 1;
	run_verdict(sc, &ts, &percent, &why);
	what = xasprintf("%s %s%%%s%s%s", sc->id, NUM(percent), why ? " (" : "",
			 why ? why : "", why ? ")" : "");
	rc = store_begin(st) != 0 ? -1 :
	    /* practice is not put to a trainer: it meets no gate */
	    store_chat_finish(st, run->id, sc->rubric && why == NULL, percent, why == NULL, why,
			      kefu_clock(k));
	if (rc == 0)
		rc = store_event(st, k->me.id, "chat-finish", k->me.id, what, kefu_clock(k));
	if (rc != 0 || store_commit(st) != 0) {
		store_rollback(st);
		free(what);
		turns_free(&ts);
		if (rc == 1)
			error(_("this run of '%s' was already handed in"), sc->id);
		return 1;
	}
	free(what);
	end_screen(k, sc, &ts, percent, why);
	if (sc->rubric && why == NULL) {
		struct sb who = SB_INIT;

		kefu_graders(k, "trainer", &who);
		printf(_("A trainer reviews this transcript against the scenario's rubric: %s. "
			 "Until then %s%% stands as the automatic score.\n"), sb_str(&who), NUM(percent));
		sb_free(&who);
	}
	turns_free(&ts);
	kefu_update_stages(k);
	return 0;
}

struct resumed {
	size_t n;
};

static void
count_turn(const struct chat_turn_rec *t, void *arg)
{
	(void)t;
	((struct resumed *)arg)->n++;
}

/* Before a run that costs something (an exam, a cap, a time limit):
 * what it costs, and y/N at a terminal. 0 to start. */
static int
confirm_start(struct kefu *k, const struct scenario *sc, int used)
{
	enum term_read rd;
	char *line;
	bool yes;

	if (!k->tty_in || (sc->attempts == 0 && sc->time_limit == 0 && sc->mode != QUIZ_EXAM))
		return 0;
	if (sc->mode == QUIZ_EXAM)
		printf(_("An exam: no feedback until the end.\n"));
	if (sc->attempts)
		printf(_("Attempts: %d of %u used.\n"), used, sc->attempts);
	if (sc->time_limit)
		printf(_("Time limit: %ld s for the whole chat, running from the start even if you stop.\n"),
		       sc->time_limit);
	rd = term_read(_("Start now? [y/N] "), &line);
	if (rd != TERM_LINE)
		return 1;
	yes = line[0] == 'y' || line[0] == 'Y' || strcmp(line, "是") == 0;
	free(line);
	return yes ? 0 : 1;
}

static int
run_chat(struct kefu *k, const struct scenario *sc)
{
	struct store *st = k->store;
	struct chat_run run;
	struct resumed done = { 0 };
	struct reply_live r;
	bool exam = sc->mode == QUIZ_EXAM, stopped = false, interrupted = false;
	int used = 0, rc;
	size_t i;

	if ((rc = store_chat_open(st, k->me.id, sc->id, &run)) < 0)
		return 1;
	if (rc == 0) {
		if (k->tty_in && (sc->attempts || sc->time_limit || exam)) {
			struct quiz_facts f;

			if (store_chat_facts(st, k->me.id, sc->id, &f) != 0)
				return 1;
			if (confirm_start(k, sc, f.attempts) != 0) {
				printf(_("Not started.\n"));
				return 0;
			}
		}
		rc = store_chat_begin(st, k->me.id, sc->id, sc->attempts, exam, kefu_clock(k),
				      &run, &used);
		if (rc < 0)
			return 1;
		if (rc == 2) {
			error(P_("the %d attempt allowed at scenario '%s' is used; a trainer can give attempts back (kefu attempts grant)",
				 "all %d attempts allowed at scenario '%s' are used; a trainer can give attempts back (kefu attempts grant)",
				 used), used, sc->id);
			return 1;
		}
		if (rc == 0 && store_event(st, k->me.id, "chat-start", k->me.id, sc->id,
					   kefu_clock(k)) != 0) {
			chat_run_clear(&run);
			return 1;
		}
	}
	if (store_chat_turns(st, run.id, count_turn, &done) != 0) {
		chat_run_clear(&run);
		return 1;
	}
	{
		struct sb sb = SB_INIT;

		text_inert(&sb, sc->title, false);
		printf(_("Chat: %s%s\n"), sb_str(&sb), exam ? _(" (exam)") : "");
		sb_reset(&sb);
		if (sc->context) {
			wrapped(&sb, sc->context, 0, "");
			printf("%s\n", sb_str(&sb));
		}
		sb_free(&sb);
		if (done.n)
			printf(_("Going on with your open run at turn %zu of %zu.\n"), done.n + 1,
			       sc->nturns);
		else
			printf(k->tty_in ?
			       _("Type each reply and press Enter; a line ending in \\ goes on on the next line.\n") :
			       _("Replies are read line by line; their time is not measured.\n"));
	}
	memset(&r, 0, sizeof(r));
	r.k = k;
	for (i = done.n; i < sc->nturns; i++) {
		const struct turn *t = &sc->turns[i];
		struct chat_turn_rec rec;
		struct chat_mark m;
		struct sb made = SB_INIT, hits = SB_INIT;
		enum term_read rd;
		char *reply;
		double secs = -1;
		bool pasted = false;
		int keys_in = 0;
		long long at = kefu_clock(k);

		if (sc->time_limit && at - run.started >= sc->time_limit) {
			printf(_("\nThe chat's time is up.\n"));
			break;
		}
		if (sc->time_limit && k->tty_in)
			term_deadline(sc->time_limit - (at - run.started));
		show_message(k, sc, t, i, at);
		typing_rec_start(&r.rec, "", false);
		sb_reset(&r.before);
		r.within = t->within;
		r.shown = r.rec.shown = mono();
		rd = read_reply(&r, &reply);
		if (rd == TERM_LINE && k->tty_in) {
			/* the drills' rules for keys no person typed: a paste, a
			 * burst longer than a phrase, bursts as even as a
			 * program sends them */
			struct typing_result keys;

			memset(&keys, 0, sizeof(keys));
			keys.ngaps = r.rec.ngaps;
			keys.gaps = r.rec.gaps;
			keys.gaps2 = r.rec.gaps2;
			secs = mono() - r.shown;
			pasted = r.rec.pasted || r.rec.longest_burst > TYPING_PHRASE_MAX ||
			    typing_even(&keys) || (r.rec.inserted == 0 && *reply);
			keys_in = (int)r.rec.inserted;
		}
		typing_rec_free(&r.rec);
		if (rd == TERM_TIMEOUT) {
			printf(_("\nThe chat's time is up.\n"));
			break;
		}
		if (rd != TERM_LINE) {
			interrupted = rd == TERM_INTERRUPT;
			stopped = true;
			break;
		}
		chat_mark(sc, t, reply, secs, &m);
		mark_strings(t, &m, &made, &hits);
		rec.seq = (int)i;
		rec.message = t->buyer;
		rec.reply = reply;
		rec.shown = at;
		rec.seconds = secs;
		rec.within = (double)t->within;
		rec.keys = keys_in;
		rec.pasted = pasted;
		rec.score = m.score;
		rec.made = sb_str(&made);
		rec.hits = hits.len ? sb_str(&hits) : NULL;
		rc = store_chat_turn_save(st, run.id, &rec);
		if (rc == 0 && !k->tty_in) {
			/* piped: the reply as the chat window would show it */
			struct sb echo = SB_INIT;

			sb_adds(&echo, "> ");
			text_inert(&echo, reply, false);
			puts(sb_str(&echo));
			sb_free(&echo);
		}
		if (rc == 0 && !exam)
			feedback(k, t, reply, secs, &m);
		if (rc == 0 && pasted)
			printf(_("  (pasted: this run will not count for a gate)\n"));
		chat_mark_free(&m);
		sb_free(&made);
		sb_free(&hits);
		free(reply);
		if (rc != 0) {
			if (rc == 1)
				error(_("another kefu answered this turn of '%s' or handed the run in; this reply was not saved"),
				      sc->id);
			term_deadline(0);
			sb_free(&r.before);
			sb_free(&r.line);
			chat_run_clear(&run);
			return 1;
		}
	}
	term_deadline(0);
	sb_free(&r.before);
	sb_free(&r.line);
	if (stopped) {
		printf(_("\nChat paused at turn %zu; 'kefu chat %s' goes on from there.\n"), i + 1,
		       sc->id);
		chat_run_clear(&run);
		return interrupted ? 130 : term_quitting() ? 143 : 0;
	}
	rc = finish(k, sc, &run);
	chat_run_clear(&run);
	return rc;
}


static int
cmd_chat(struct kefu *k, int argc, char **argv)
{
	const struct scenario *sc;
	char *pos[1];
	int npos, status;

	if ((status = cmd_parse(&cmd_chat_entry, argc, argv, NULL, pos, 1, &npos)) != 0)
		return status;
	if (npos != 1)
		return cmd_usage(&cmd_chat_entry);
	if ((sc = content_scenario(kefu_content(k), pos[0])) == NULL) {
		const char **ids;
		size_t n = content_ids(k->content, KIND_SCENARIO, &ids);

		kefu_unknown(_("scenario"), "", pos[0], ids, n, _("'kefu list scenarios' shows them"));
		free(ids);
		return 1;
	}
	kefu_me(k);
	/* before replies are typed that could not be saved */
	if (store_writable(k->store) != 0 || kefu_exam_lock(k, NULL, sc) != 0)
		return 1;
	return run_chat(k, sc);
}

static const char *const chat_words[] = { NULL };

const struct cmd cmd_chat_entry = {
	.name = "chat",
	.usage = "SCENARIO",
	.summary = N_("answer a buyer's chat against the clock and the shop's rules"),
	.help = N_("A buyer writes, message by message, as in a shop's chat window: their\n"
		"name, the time, the message, then your reply line with a countdown of\n"
		"the time left for it. The clock starts when the message is on the\n"
		"screen and stops at Enter. A line ending in \\ goes on on the next\n"
		"line, for a reply of several lines.\n"
		"\n"
		"Each turn scores the share of its expected points your reply makes\n"
		"(a point is made by any one of its words), halved when the reply came\n"
		"after the turn's time, and 0 when it holds a word the turn avoids or\n"
		"a word of the shop's rule lists (微信, 最便宜, ...). Words match\n"
		"anywhere, whatever the width or case. The scenario's score is the mean\n"
		"of its turns in percent; its pass mark decides. In practice you see\n"
		"after each reply which points you made and missed, any word that\n"
		"spoiled it and why, your time and the turn's explanation; an exam\n"
		"(mode: exam) shows nothing until the end. The end screen shows each\n"
		"turn's score and time, the first reply's time, the slowest, and\n"
		"what was forbidden.\n"
		"\n"
		"Each reply is saved before the next message: a chat stopped with\n"
		"Ctrl-C or Ctrl-D, or a kefu killed, goes on at the next turn. Only a\n"
		"run typed at a terminal counts for a plan's gate: piped replies (read\n"
		"line by line, time not measured) and pasted ones are practice. A\n"
		"scenario with a rubric goes to a trainer ('kefu grade'), whose score\n"
		"then counts; the automatic one is kept.\n"),
	.arg = ARG_SCENARIO,
	.words = chat_words,
	.fn = cmd_chat,
};
