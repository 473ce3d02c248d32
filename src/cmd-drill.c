/* cmd-drill.c: `kefu drill ID`, typing a drill's lines. At a terminal
 * every change to the input line is timed (monotonic clock) and the
 * target above it is coloured as the trainee types. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kefu.h"
#include "plan.h"
#include "quiz.h"
#include "text.h"
#include "typing.h"


struct drill_run {
	struct kefu *k;
	const struct drill *dr;
	struct typing_rec rec;
	struct sb draw;		/* reused for each redraw */
	char *last;		/* the line as it last stood */
	const char *target;
	long limit;		/* seconds; 0 for none */
	double start;		/* the first keystroke of the drill */
	const char *slowest;	/* the target of the line that took longest */
	double shown;		/* when the first line was shown */
	double end;		/* monotonic deadline once typing starts */
	bool live;		/* this line can be redrawn in place */
	int cols, rows;		/* the terminal's size */
	int trows;		/* rows the target line takes */
};

static double
mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The row (from 0) on which the first len bytes of s end when printed
 * from column col of a terminal cols wide: a wide character that does
 * not fit at the end of a row goes to the next. */
static int
row_of(const char *s, size_t len, int col, int cols, int *endcol)
{
	size_t i = 0;
	int row = 0;

	while (i < len) {
		int32_t cp;
		size_t k = text_decode(s + i, len - i, &cp);
		int w;

		if (k == 0)
			k = 1, cp = '?';
		w = text_cp_width(cp);
		if (col + w > cols)
			row++, col = 0;
		col += w;
		i += k;
	}
	if (endcol)
		*endcol = col;
	return row;
}

/* Redraws the target line above the input, coloured by typing_paint():
 * up over the rows the input takes to the cursor and the rows of the
 * target, however many the terminal wrapped them into. Kept small: it
 * runs on every keystroke. */
static void
redraw(struct drill_run *d, const char *line)
{
	int col, up = d->trows + row_of(line, term_point(), 2, d->cols, &col);

	/* a row filled to its last column: readline has moved the cursor
	 * to the start of the next */
	if (col >= d->cols)
		up++;

	if (up >= d->rows)
		return;	/* the target has scrolled off the screen */
	sb_reset(&d->draw);
	sb_addf(&d->draw, "\0337\033[%dA\r  ", up);
	typing_paint(&d->draw, &d->rec, d->target);
	sb_adds(&d->draw, "\033[K\0338");
	if (write(STDOUT_FILENO, d->draw.buf, d->draw.len) < 0)
		return;	/* the feedback is a nicety; typing goes on */
}

/* The drill's clock starts at its first keystroke, Enter included; in
 * timed mode the deadline with it. */
static void
start_clock(struct drill_run *d, double t)
{
	if (d->start != 0 || d->rec.first < 0)
		return;
	d->start = t;
	if (d->limit) {
		d->end = t + (double)d->limit;
		term_deadline(d->limit);
	}
}

static void
on_key(const char *line, void *arg)
{
	struct drill_run *d = arg;
	double t = mono();

	if (term_take_paste())
		typing_rec_pasted(&d->rec);
	typing_rec_update(&d->rec, line, t);
	start_clock(d, t);
	free(d->last);
	d->last = xstrdup(line);
	if (d->live)
		redraw(d, line);
}

/* The first n characters of s; caller frees. */
static char *
prefix_chars(const char *s, size_t n)
{
	size_t len = strlen(s), i = 0;

	while (i < len && n > 0) {
		int32_t cp;
		size_t k = text_decode(s + i, len - i, &cp);

		i += k ? k : 1;
		n--;
	}
	return xstrndup(s, i);
}

static const struct module *
drill_module(struct kefu *k, const struct drill *dr)
{
	const struct curriculum *cu = k->enr.id ?
	    content_curriculum(k->content, k->enr.curriculum) : NULL;
	size_t i, j;

	for (i = 0; cu && i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++)
			if (cu->stages[i].modules[j].kind == MOD_DRILL &&
			    cu->stages[i].modules[j].drill == dr)
				return &cu->stages[i].modules[j];
	return NULL;
}

/* The speed ceiling of a drill: the lowest of its modules' in the
 * person's curriculum, so a run too fast for one counts for none. */
static double
drill_ceiling(struct kefu *k, const struct drill *dr)
{
	const struct curriculum *cu = k->enr.id ?
	    content_curriculum(k->content, k->enr.curriculum) : NULL;
	double ceiling = typing_ceiling(dr->unit, -1), c;
	bool any = false;
	size_t i, j;

	for (i = 0; cu && i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++) {
			const struct module *m = &cu->stages[i].modules[j];

			if (m->kind != MOD_DRILL || m->drill != dr)
				continue;
			c = typing_ceiling(dr->unit, m->max_speed);
			if (!any || c < ceiling)
				ceiling = c;
			any = true;
		}
	return ceiling;
}

static void
add_clock(struct sb *sb, double secs)
{
	long s = (long)(secs + 0.5);

	sb_addf(sb, "%ld:%02ld", s / 60, s % 60);
}

/* The gate line of the end screen: the gate, and whether this run met
 * it by plan_drill_meets(), the one rule. */
static void
add_gate(struct sb *sb, struct kefu *k, const struct module *m, const char *unit,
	 double net, double acc, enum typing_why why)
{
	bool met = plan_drill_meets(m, net, acc, why == TYPING_COUNTED);

	sb_adds(sb, _("Gate:     "));
	if (m->min_speed >= 0)
		sb_addf(sb, _("%s %s"), NUM(m->min_speed), unit);
	if (m->min_speed >= 0 && m->min_accuracy >= 0)
		sb_adds(sb, _(" at "));
	if (m->min_accuracy >= 0)
		sb_addf(sb, _("%s%% accuracy"), NUM(m->min_accuracy));
	if (m->min_speed < 0 && m->min_accuracy < 0)
		sb_adds(sb, _("one full run"));
	sb_addf(sb, " — %s%s%s", kefu_color(k, met ? "\033[32m" : "\033[31m"),
		met ? _("met") : why != TYPING_COUNTED ? _("not met: this run does not count") :
		_("not met yet"), kefu_color(k, "\033[0m"));
	sb_addc(sb, '\n');
}

static void
end_screen(struct drill_run *d, struct typing_result *res, enum typing_why why,
	   int had_best, double best)
{
	const struct drill *dr = d->dr;
	const char *unit = content_unit_name(dr->unit);
	const struct module *m = drill_module(d->k, dr);
	double net = typing_net_speed(res, dr->unit), acc = typing_accuracy(res);
	struct sb sb = SB_INIT;
	size_t i;

	sb_addf(&sb, P_("\n%zu line typed.\n", "\n%zu lines typed.\n", res->lines), res->lines);
	if (res->seconds <= 0 && res->timed)
		sb_adds(&sb, _("Speed:    not measured (nothing was typed)"));
	else if (res->seconds <= 0)
		sb_adds(&sb, _("Speed:    not measured (the lines were piped in, not typed)"));
	else
		sb_addf(&sb, _("Speed:    %.0f %s net, %.0f %s raw"), net, unit,
			typing_raw_speed(res, dr->unit), unit);
	sb_addf(&sb, _("\nAccuracy: %.1f%% of the lines, %.1f%% of keystrokes; %zu corrected (回改)\n"),
		acc, typing_key_accuracy(res), res->deleted);
	sb_adds(&sb, _("Time:     "));
	add_clock(&sb, res->seconds);
	if (res->pauses)
		sb_addf(&sb, P_(" typing; %u pause over %.0f s (%.0f s) not counted",
			   " typing; %u pauses over %.0f s (%.0f s) not counted", res->pauses),
			res->pauses, TYPING_IDLE_SECONDS, res->idle);
	sb_addc(&sb, '\n');
	typing_tally_sort(res->tally, res->ntally);
	if (res->ntally) {
		sb_adds(&sb, _("Mistyped: "));
		for (i = 0; i < res->ntally && i < 5; i++) {
			char buf[8];
			int32_t cp = res->tally[i].cp;

			text_encode(cp, buf);
			sb_adds(&sb, i ? "  " : "");
			text_inert(&sb, cp == ' ' ? "␠" : buf, false);
			sb_addf(&sb, "×%u", res->tally[i].count);
		}
		sb_addc(&sb, '\n');
	}
	if (res->timed && res->lines > 1 && d->slowest) {
		sb_addf(&sb, _("Slowest:  line %zu, "), res->slowest + 1);
		add_clock(&sb, res->slowest_seconds);
		sb_adds(&sb, ": ");
		text_inert(&sb, d->slowest, false);
		sb_addc(&sb, '\n');
	}
	if (why == TYPING_COUNTED)
		sb_adds(&sb, _("Counted:  yes, a full run typed at a terminal\n"));
	else
		sb_addf(&sb, _("Counted:  no — %s\n"), _(typing_why_text(why)));
	if (why == TYPING_COUNTED && res->seconds > 0 && (had_best == 0 || net > best)) {
		if (had_best)
			sb_addf(&sb, _("%sNew personal best:%s %.0f %s (was %.0f).\n"),
				kefu_color(d->k, "\033[1;32m"), kefu_color(d->k, "\033[0m"),
				net, unit, best);
		else
			sb_addf(&sb, _("%sFirst counted run:%s %.0f %s, your best to beat.\n"),
				kefu_color(d->k, "\033[1;32m"), kefu_color(d->k, "\033[0m"),
				net, unit);
	}
	if (m == NULL)
		sb_adds(&sb, _("Practice: this drill is not a module of your plan, so it gates nothing.\n"));
	else
		add_gate(&sb, d->k, m, unit, net, acc, why);
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
}

static int
save(struct drill_run *d, struct typing_result *res, enum typing_why why)
{
	struct store *st = d->k->store;
	struct drill_row row;
	char *what;
	int rc;

	row.at = kefu_clock(d->k);
	row.seconds = res->seconds;
	row.typed = (long)res->typed_chars;
	row.correct = (long)res->correct;
	row.raw_speed = typing_raw_speed(res, d->dr->unit);
	row.net_speed = typing_net_speed(res, d->dr->unit);
	row.accuracy = typing_accuracy(res);
	row.key_accuracy = typing_key_accuracy(res);
	row.backspaces = (long)res->deleted;
	row.timed = res->timed;
	row.counted = why == TYPING_COUNTED;
	snprintf(row.why, sizeof(row.why), "%s", why == TYPING_COUNTED ? "" : typing_why_code(why));
	what = xasprintf("%s %.0f %.1f%%%s%s%s", d->dr->id, row.net_speed, row.accuracy,
			 row.why[0] ? " (" : "", row.why, row.why[0] ? ")" : "");
	rc = store_begin(st) != 0 ||
	    store_drill_save(st, d->k->me.id, d->dr->id,
			     d->dr->unit == UNIT_WPM ? "wpm" : "cpm", &row) != 0 ||
	    store_event(st, d->k->me.id, "drill", d->k->me.id, what, row.at) != 0 ||
	    store_commit(st) != 0;
	free(what);
	if (rc) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

/* One short line after each line typed at a terminal: its speed and
 * accuracy, from what the line added to the result. */
static void
line_feedback(struct drill_run *d, const struct typing_result *before,
	      const struct typing_result *after)
{
	struct typing_result one;

	memset(&one, 0, sizeof(one));
	one.seconds = after->seconds - before->seconds;
	one.correct = after->correct - before->correct;
	one.typed_chars = after->typed_chars - before->typed_chars;
	one.target_chars = after->target_chars - before->target_chars;
	one.edits = after->edits - before->edits;
	if (one.seconds <= 0)
		return;
	printf("  %s%.0f %s · %.0f%%%s\n", kefu_color(d->k, "\033[2m"),
	       typing_net_speed(&one, d->dr->unit), content_unit_name(d->dr->unit),
	       typing_accuracy(&one), kefu_color(d->k, "\033[0m"));
}

/* Sets up live colouring of a target line at a terminal: only text that
 * prints as it is, with the terminal's size. */
static void
live_setup(struct drill_run *d, const char *target)
{
	struct sb inert = SB_INIT;
	struct winsize ws;

	d->live = false;
	if (!d->k->tty_in || !d->k->color)
		return;
	d->cols = 80;
	d->rows = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		d->cols = ws.ws_col;
		d->rows = ws.ws_row > 0 ? ws.ws_row : 24;
	}
	if (d->cols < 8)
		return;
	text_inert(&inert, target, false);
	d->live = strcmp(sb_str(&inert), target) == 0;
	sb_free(&inert);
	d->trows = row_of(target, strlen(target), 2, d->cols, NULL) + 1;
}

int
cmd_drill(struct kefu *k, int argc, char **argv)
{
	struct drill_run d;
	struct typing_result res;
	struct typing_run run;
	enum typing_why why;
	const char *id, *time_s = NULL;
	char *pos[1];
	size_t *order, n, whole = 0, i;
	bool random = false, interrupted = false, timed_out = false;
	long limit = -1;
	double t0 = 0, tstart = 0, best = 0;
	int npos, status = 0, had_best;
	const struct cmd_opt opts[] = {
		{ "--time", &time_s, NULL },
		{ "--random", NULL, &random },
		{ NULL, NULL, NULL }
	};

	if ((status = cmd_parse(&cmd_drill_entry, argc, argv, opts, pos, 1, &npos)) != 0)
		return status;
	if (npos != 1)
		return cmd_usage(&cmd_drill_entry);
	id = pos[0];
	if (time_s) {
		char *end;

		limit = strtol(time_s, &end, 10);
		if (end == time_s || limit <= 0 || limit > 86400)	/* a day at most */
			return cmd_usage(&cmd_drill_entry);
		if (*end == 'm' && end[1] == '\0' && limit <= 1440)
			limit *= 60;
		else if (*end == 'm')
			return cmd_usage(&cmd_drill_entry);
		else if (!(*end == '\0' || (*end == 's' && end[1] == '\0')))
			return cmd_usage(&cmd_drill_entry);
	}
	memset(&d, 0, sizeof(d));
	d.k = k;
	if ((d.dr = content_drill(kefu_content(k), id)) == NULL) {
		const char **ids;

		n = content_ids(k->content, KIND_DRILL, &ids);
		kefu_unknown(_("drill"), "", id, ids, n, _("'kefu list drills' shows them"));
		free(ids);
		return 1;
	}
	kefu_me(k);
	/* before lines are typed whose result could not be saved */
	if (store_writable(k->store) != 0)
		return 1;
	if ((had_best = store_drill_best(k->store, k->me.id, d.dr->id, &best)) < 0)
		return 1;
	d.limit = limit > 0 ? limit : d.dr->time_limit;
	n = d.dr->nlines;
	order = xreallocarray(NULL, n, sizeof(*order));
	for (i = 0; i < n; i++)
		order[i] = i;
	if (random) {
		uint64_t rng = kefu_seed();

		for (i = n; i > 1; i--) {
			size_t j = (size_t)(quiz_random(&rng) % i), t = order[i - 1];

			order[i - 1] = order[j];
			order[j] = t;
		}
	}
	{
		struct sb title = SB_INIT;

		text_inert(&title, d.dr->title, false);
		printf(P_("%s — %zu line, speed in %s", "%s — %zu lines, speed in %s", n),
		       sb_str(&title), n,
		       content_unit_name(d.dr->unit));
		if (d.limit)
			printf(_(", %ld s from your first keystroke"), d.limit);
		printf(_(".\nType each line below it and press Enter; the clock starts at your first key.\n"));
		if (k->tty_in && d.dr->time_limit && d.limit < d.dr->time_limit)
			printf(_("This run is shorter than the drill's %ld s: it is practice and meets no gate.\n"),
			       d.dr->time_limit);
		sb_free(&title);
	}
	memset(&res, 0, sizeof(res));
	res.timed = k->tty_in;
	res.strict = d.dr->strict_width;
	if (!k->tty_in)
		t0 = tstart = mono();
	for (i = 0; d.limit || i < n; i++) {
		const char *target = d.dr->lines[order[i % n]];
		struct typing_result before = res;
		struct sb shown = SB_INIT;
		enum term_read r;
		char *line = NULL;

		if (d.limit && !k->tty_in && i > 0 && mono() - tstart >= (double)d.limit)
			break;
		sb_adds(&shown, "\n  ");
		text_inert(&shown, target, false);
		sb_addc(&shown, '\n');
		fputs(sb_str(&shown), stdout);
		sb_free(&shown);
		fflush(stdout);
		d.target = target;
		typing_rec_start(&d.rec, target, d.dr->strict_width);
		d.rec.shown = mono();
		if (d.shown == 0)
			d.shown = d.rec.shown;
		live_setup(&d, target);
		if (k->tty_in) {
			term_keyhook(on_key, &d);
			r = term_read("> ", &line);
			term_keyhook(NULL, NULL);
		} else
			r = term_read("", &line);
		if (r == TERM_LINE) {
			if (k->tty_in) {
				double t = mono();

				/* Enter is a keystroke too: it ends the line's time */
				typing_rec_update(&d.rec, line, t);
				typing_rec_time(&d.rec, t);
				start_clock(&d, t);
				typing_add_line(&res, target, line, &d.rec, 0);
				line_feedback(&d, &before, &res);
			} else {
				double t = mono();

				typing_add_line(&res, target, line, NULL, t - t0);
				t0 = t;
			}
			if (res.slowest == res.lines - 1)
				d.slowest = target;
			whole++;
		} else if (r == TERM_TIMEOUT && d.last && *d.last) {
			/* time is up mid-line: what was typed counts against as
			 * much of the target */
			char *part = prefix_chars(target, d.rec.ncur);

			typing_add_line(&res, part, d.last, &d.rec, 0);
			if (res.slowest == res.lines - 1)
				d.slowest = target;
			free(part);
			printf(_("\nTime is up.\n"));
		} else if (r == TERM_TIMEOUT)
			printf(_("\nTime is up.\n"));
		else if (r == TERM_INTERRUPT)
			interrupted = true;
		if (r == TERM_TIMEOUT)
			timed_out = true;
		free(line);
		typing_rec_free(&d.rec);
		free(d.last);
		d.last = NULL;
		if (r != TERM_LINE)
			break;
		if (d.limit && d.end && mono() >= d.end) {
			printf(_("\nTime is up.\n"));
			timed_out = true;
			break;
		}
		if (d.limit && !k->tty_in && mono() - tstart >= (double)d.limit)
			timed_out = true;
	}
	term_deadline(0);
	free(order);
	sb_free(&d.draw);
	if (res.lines == 0) {
		printf(_("\nDrill stopped; nothing was recorded.\n"));
		return interrupted ? 130 : 0;
	}
	if (!res.timed && res.seconds < 1)
		res.seconds = 0;	/* lines piped in at once say nothing of speed */
	if (res.timed && d.limit && d.start > 0) {
		/* timed mode: speed over the whole time, not line by line, so
		 * a quick burst and a wait is not fast */
		double stop = d.end > 0 && mono() > d.end ? d.end : mono();

		res.seconds = stop - d.shown - res.idle;
		if (res.seconds < 0)
			res.seconds = 0;
	}
	/* the run's verdict: typing_verdict(), the one rule */
	memset(&run, 0, sizeof(run));
	run.terminal = k->tty_in;
	run.whole = d.dr->time_limit ? timed_out && d.limit >= d.dr->time_limit : whole >= n;
	if (d.dr->time_limit && whole == 0)
		res.half_typed++;	/* a timed run with no line typed through */
	run.stopped = !run.whole && !timed_out;
	run.limit = (double)d.dr->time_limit;
	run.ceiling = drill_ceiling(k, d.dr);
	why = typing_verdict(&run, &res, d.dr->unit);
	if (interrupted && why != TYPING_COUNTED)
		printf(P_("\nDrill stopped; the %zu line finished is kept as practice.\n",
			  "\nDrill stopped; the %zu lines finished are kept as practice.\n",
			  res.lines), res.lines);
	else if (interrupted)
		printf(_("\nDrill stopped.\n"));
	end_screen(&d, &res, why, had_best, best);
	if (save(&d, &res, why) != 0)
		status = 1;
	else
		kefu_update_stages(k);
	if (status == 0 && term_quitting())
		status = 143;	/* ended by SIGTERM or SIGHUP: what was typed is kept */
	return status != 0 ? status : interrupted ? 130 : 0;
}

static const char *const drill_words[] = { "--time", "--random", NULL };

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_drill_entry = {
	.name = "drill",
	.usage = "DRILL [--time SECONDS] [--random]",
	.summary = N_("type a drill's lines for speed and accuracy"),
	.help = N_("Shows each line of the drill; type it below and press Enter. At a\n"
		"terminal the line above turns green where you typed right and red\n"
		"where you typed wrong; each line is timed from when it is shown.\n"
		"Speed is 字/分 (characters a minute) or WPM (five characters\n"
		"a word) as the drill says: raw counts every character you sent,\n"
		"net only the right ones. What you type is lined up with the line\n"
		"by edit distance, live and at the end: one character left out or\n"
		"doubled (an input method committing 亲亲) marks that character only.\n"
		"Keystroke accuracy counts every slip, even one you fixed; 回改\n"
		"counts wrong characters you deleted. Full-width letters and digits\n"
		"(Ｔ恤, １００％) count as their half-width forms unless the drill\n"
		"says strict_width. A pause counts 5 seconds at most. After each\n"
		"line you see its speed and accuracy; at the end, the slowest line\n"
		"and a new personal best.\n"
		"\n"
		"Only a full run typed at a terminal counts for a gate: every line\n"
		"at least half typed (or, for a drill with a time limit, keys for\n"
		"at least half of the whole time). A shorter --time, a run stopped\n"
		"with Ctrl-C or Ctrl-D (the lines finished are kept), and piped\n"
		"lines are practice. Pasted text, characters arriving faster than\n"
		"a person types (more than a phrase at once, or as evenly as only a\n"
		"program sends them) and speeds over the ceiling (300 字/分,\n"
		"150 WPM, or the plan's max_speed) are not counted either; yank,\n"
		"history, completion and macros do nothing in a drill. The end\n"
		"screen says whether the run counted and why not; 'kefu progress'\n"
		"and the trainee's record show it too.\n"
		"\n"
		"  --time SECONDS   keep giving lines until this many seconds (or\n"
		"                   minutes, with m: 2m) have passed\n"
		"  --random         shuffle the lines\n"),
	.arg = ARG_DRILL,
	.words = drill_words,
	.fn = cmd_drill,
};
