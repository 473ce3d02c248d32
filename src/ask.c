/* ask.c: one question on the screen, one answer read. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "text.h"

const char *
ask_type_label(enum qtype t)
{
	static const char *const labels[] = {
		[Q_SINGLE] = N_("single choice"), [Q_MULTI] = N_("multiple choice"),
		[Q_TRUEFALSE] = N_("true or false"), [Q_FILL] = N_("fill in"),
		[Q_NUMERIC] = N_("number"), [Q_ORDER] = N_("order"),
		[Q_MATCH] = N_("match"), [Q_ESSAY] = N_("essay"),
	};

	return _(labels[t]);
}

/* How to answer, shown once under the question. Valid until the next
 * call. */
static const char *
how(const struct question *q)
{
	static char buf[256];

	if (q->unit && strcmp(q->unit, "percent") == 0)
		return _("a number in percent, with or without %, like 12.5 or 12.5%");
	if (q->unit && q->type == Q_NUMERIC) {
		snprintf(buf, sizeof(buf), _("a number of %s, with or without the unit"), q->unit);
		return buf;
	}
	if (q->unit && q->type == Q_FILL) {
		snprintf(buf, sizeof(buf), _("the missing words; a number in %s, with or without the unit"),
			 q->unit);
		return buf;
	}
	switch (q->type) {
	case Q_SINGLE:
		return _("one letter");
	case Q_MULTI:
		return _("every right letter, like AC");
	case Q_TRUEFALSE:
		return _("true or false (对/错)");
	case Q_FILL:
		return _("the missing words");
	case Q_NUMERIC:
		return _("a number alone");
	case Q_ORDER:
		return _("the letters in the right order, like BDAC");
	case Q_MATCH:
		return _("number-letter pairs, like 1B 2A");
	case Q_ESSAY:
		return _("as many lines as you need, then a line holding only '.' "
			 "(at a terminal Ctrl-X Ctrl-E opens your editor); a trainer grades it");
	}
	return "";
}

void
ask_show(struct sb *sb, const struct question *q, const struct paper_item *it,
	 bool moves)
{
	size_t i;
	int w = 0;

	sb_addf(sb, "[%s] ", ask_type_label(q->type));
	text_inert(sb, q->text, true);
	sb_addf(sb, P_("  (%s point)\n", "  (%s points)\n", q->points == 1 ? 1 : 2), NUM(q->points));
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTI:
	case Q_ORDER:
		for (i = 0; i < it->nperm; i++) {
			sb_addf(sb, "  %c. ", (char)('A' + i));
			text_inert(sb, q->type == Q_ORDER ? q->steps[it->perm[i]] :
				   q->choices[it->perm[i]], false);
			sb_addc(sb, '\n');
		}
		break;
	case Q_MATCH:
		for (i = 0; i < q->npairs; i++)
			if (text_width(q->left[i]) > w)
				w = text_width(q->left[i]);
		for (i = 0; i < q->npairs; i++) {
			sb_addf(sb, "  %zu. ", i + 1);
			text_pad(sb, q->left[i], w, false);
			sb_addf(sb, "    %c. ", (char)('A' + i));
			text_inert(sb, q->right[it->perm[i]], false);
			sb_addc(sb, '\n');
		}
		break;
	default:
		break;
	}
	if (moves)
		sb_addf(sb, _("  Answer with %s; 'skip' comes back to it later.\n"), how(q));
	else
		sb_addf(sb, _("  Answer with %s.\n"), how(q));
}

/* Why the line read cannot be an answer, as a hint; NULL when it can.
 * A line longer than keep bytes was cut in reading. Caller frees. */
static char *
refusal(const char *line, size_t len, size_t keep, size_t max)
{
	struct sb sb = SB_INIT;
	size_t what;

	if (len > keep) {
		sb_addf(&sb, _("an answer holds at most %zu characters; this one has more than %zu"),
			max, max);
		return sb_detach(&sb);
	}
	switch (text_answer_check(line, len, max, &what)) {
	case TEXT_ANSWER_OK:
		return NULL;
	case TEXT_ANSWER_CONTROL:
		sb_addf(&sb, _("an answer holds no control characters such as a tab; this one has U+%04X"),
			(unsigned)what);
		break;
	case TEXT_ANSWER_INVALID:
		sb_addf(&sb, _("byte %zu is not UTF-8 text (is the terminal set to UTF-8?)"),
			what + 1);
		break;
	case TEXT_ANSWER_LONG:
		sb_addf(&sb, _("an answer holds at most %zu characters; this one has %zu"),
			max, what);
		break;
	}
	return sb_detach(&sb);
}

/* Why a text from the editor cannot be an answer (newlines and tabs
 * allowed as typed lines are), NULL when it can. Caller frees. */
static char *
refusal_text(const char *text, size_t max)
{
	struct sb lines = SB_INIT;
	const char *p;
	char *why;

	/* each line as it would be typed */
	for (p = text; *p; p++)
		sb_addc(&lines, *p == '\n' || *p == '\t' ? ' ' : *p);
	why = refusal(sb_str(&lines), lines.len, 8 * max, max);
	sb_free(&lines);
	return why;
}

bool
ask_goto(const char *f, long *n)
{
	const char *p = NULL, *e;
	char *end;

	if (strncmp(f, "goto", 4) == 0)
		p = f + 4;
	else if (strncmp(f, "go ", 3) == 0)
		p = f + 3;
	else if (strncmp(f, "跳到", strlen("跳到")) == 0)
		p = f + strlen("跳到");
	else if (strncmp(f, "第", strlen("第")) == 0)
		p = f + strlen("第");
	if (p == NULL)
		return false;
	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	*n = strtol(p, &end, 10);
	if (errno)
		return false;
	e = end;
	while (*e == ' ')
		e++;
	if (strncmp(e, "题", strlen("题")) == 0)
		e += strlen("题");
	return *e == '\0';
}

/* Whether a line is a move rather than an answer: skip, back or goto N
 * (Skip, ｓｋｉｐ and 跳过 too). For goto, *response holds N in digits;
 * ASK_ANSWER when the line is no move. */
static enum ask_result
move_of(const char *line, char **response)
{
	char *f = text_fold(line);
	enum ask_result move = ASK_ANSWER;
	long n = 0;

	if (strcmp(f, "skip") == 0 || strcmp(f, "跳过") == 0)
		move = ASK_SKIP;
	else if (strcmp(f, "back") == 0 || strcmp(f, "返回") == 0)
		move = ASK_BACK;
	else if (ask_goto(f, &n))
		move = ASK_GOTO;
	free(f);
	*response = move == ASK_GOTO ? xasprintf("%ld", n) : NULL;
	return move;
}

enum ask_result
ask_read(const struct question *q, const struct paper_item *it, bool moves,
	 char **response)
{
	size_t max = ASK_ANSWER_MAX;
	/* a character is at most four bytes, so a line of more than 8 × max
	 * is too long whatever it holds: no more of it is kept */
	size_t keep = 8 * max;

	if (q->type == Q_ESSAY)
		return ask_read_essay(q, it, moves, NULL, response);
	for (;;) {
		const char *hint;
		char *line, *resp, *refused;
		size_t len;
		enum term_read r = term_read_max(_("answer> "), &line, &len, keep);

		if (r == TERM_EOF)
			return ASK_STOP;
		if (r == TERM_TIMEOUT)
			return ASK_TIMEOUT;
		if (r == TERM_INTERRUPT)
			return ASK_INTERRUPT;
		refused = refusal(line, len, keep, max);
		if (moves && refused == NULL) {
			enum ask_result move = move_of(line, response);

			if (move != ASK_ANSWER) {
				free(line);
				return move;
			}
			if (text_blank(line)) {
				/* only a quiz can come back to a question */
				free(line);
				printf(_("  Type an answer, or 'skip' to come back to this question later.\n"));
				fflush(stdout);
				continue;
			}
		}
		resp = refused ? NULL : quiz_parse(q, it, line, &hint);
		free(line);
		if (resp) {
			*response = resp;
			return ASK_ANSWER;
		}
		/* never scored: asked again */
		printf(_("  Not an answer kefu can read: %s.\n"), refused ? refused : hint);
		fflush(stdout);
		free(refused);
	}
}

/* Whether a line ends an essay: only ".", "。" or "．", spaces around. */
static bool
essay_end(const char *line)
{
	char *f = text_fold(line);
	bool end = strcmp(f, ".") == 0;

	free(f);
	return end;
}

/* Shows the draft so far, each line indented. */
static void
show_draft(const char *title, const char *draft)
{
	struct sb sb = SB_INIT;
	const char *p;

	struct sb inert = SB_INIT;

	/* a draft is the person's own text: shown inert all the same */
	text_inert(&inert, draft, true);
	sb_addf(&sb, "  %s\n    ", title);
	for (p = sb_str(&inert); *p; p++) {
		sb_addc(&sb, *p);
		if (*p == '\n')
			sb_adds(&sb, "    ");
	}
	sb_free(&inert);
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
	fputs(_("\n  Go on typing; a line holding only '.' gives the answer.\n"), stdout);
	fflush(stdout);
}

/* Keeps the draft through d; says so when it cannot be kept. */
static void
keep_draft(struct ask_draft *d, const struct sb *draft)
{
	if (d && d->save && d->save(draft->len ? draft->buf : "", d->arg) != 0)
		printf(_("  (the draft could not be saved; the answer is kept once given)\n"));
}

enum ask_result
ask_read_essay(const struct question *q, const struct paper_item *it, bool moves,
	       struct ask_draft *d, char **response)
{
	size_t keep = 8 * ASK_ESSAY_MAX;
	struct sb draft = SB_INIT;
	enum ask_result res;
	bool first = true, fresh = true;	/* fresh: no line typed this time */

	if (d && d->text && *d->text) {
		sb_adds(&draft, d->text);
		show_draft(_("Your draft so far:"), d->text);
		first = false;
	}
	term_edit_key(true);
	for (;;) {
		char *line, *refused, *edited = NULL;
		size_t len, total;
		enum term_read r = term_read_max(first ? _("answer> ") : "      > ", &line, &len,
						 keep);

		if (r == TERM_EOF || r == TERM_TIMEOUT || r == TERM_INTERRUPT) {
			res = r == TERM_EOF ? ASK_STOP : r == TERM_TIMEOUT ? ASK_TIMEOUT :
			    ASK_INTERRUPT;
			/* at the time limit, what was typed before it counts */
			*response = res == ASK_TIMEOUT && draft.len ?
			    quiz_parse(q, it, sb_str(&draft), &(const char *){ NULL }) : NULL;
			goto out;
		}
		if (term_take_edit()) {
			/* the editor gets the draft with the line begun */
			if (*line) {
				if (draft.len)
					sb_addc(&draft, '\n');
				sb_adds(&draft, line);
			}
			free(line);
			if (term_edit(sb_str(&draft), keep, &edited) >= 0 && edited) {
				refused = refusal_text(edited, ASK_ESSAY_MAX);
				if (refused) {
					printf(_("  Not an answer kefu can take: %s. The draft is as it was.\n"),
					       refused);
					free(refused);
				} else {
					sb_reset(&draft);
					sb_adds(&draft, edited);
				}
			}
			free(edited);
			keep_draft(d, &draft);
			if (draft.len)
				show_draft(_("Your answer as it stands:"), sb_str(&draft));
			first = draft.len == 0;
			fresh = false;
			continue;
		}
		if (fresh && moves) {
			enum ask_result move = move_of(line, response);

			if (move != ASK_ANSWER) {
				free(line);
				res = move;
				goto out;
			}
		}
		if (essay_end(line)) {
			free(line);
			if (draft.len == 0 || text_blank(sb_str(&draft))) {
				printf(_("  Type your answer first; a line holding only '.' gives it.\n"));
				fflush(stdout);
				continue;
			}
			*response = quiz_parse(q, it, sb_str(&draft), &(const char *){ NULL });
			res = ASK_ANSWER;
			goto out;
		}
		if (first && text_blank(line)) {
			free(line);
			printf(moves ? _("  Type an answer, or 'skip' to come back to this question later.\n") :
			       _("  Type an answer.\n"));
			fflush(stdout);
			continue;
		}
		/* a line is taken whole or not at all */
		refused = refusal(line, len, keep, ASK_ESSAY_MAX);
		/* the line break between two lines counts as a character */
		total = text_chars(sb_str(&draft)) + (draft.len ? 1 : 0) + text_chars(line);
		if (refused == NULL && total > ASK_ESSAY_MAX)
			refused = xasprintf(_("an answer holds at most %zu characters; with this line it would have %zu"),
					    (size_t)ASK_ESSAY_MAX, total);
		if (refused) {
			printf(_("  This line of the essay is not taken: %s.\n"), refused);
			fflush(stdout);
			free(refused);
			free(line);
			continue;
		}
		if (draft.len)
			sb_addc(&draft, '\n');
		sb_adds(&draft, line);
		free(line);
		first = fresh = false;
		keep_draft(d, &draft);
	}
out:
	term_edit_key(false);
	sb_free(&draft);
	return res;
}

void
ask_feedback(struct sb *sb, const struct kefu *k, const struct question *q,
	     const struct paper_item *it, double points, bool key_ok)
{
	char *key;

	if (q->type == Q_ESSAY) {
		sb_adds(sb, _("  Saved; a trainer will grade it.\n"));
		return;
	}
	if (points >= q->points) {
		sb_addf(sb, _("  %s✓ right%s\n"), kefu_color(k, "\033[32m"),
			kefu_color(k, "\033[0m"));
	} else {
		if (points > 0)
			sb_addf(sb, _("  %s~ partly right (%s of %s)%s"),
				kefu_color(k, "\033[33m"), NUM(points), NUM(q->points),
				kefu_color(k, "\033[0m"));
		else
			sb_addf(sb, _("  %s✗ wrong%s"), kefu_color(k, "\033[31m"),
				kefu_color(k, "\033[0m"));
		if (!key_ok) {
			/* an exam's key stays with the trainers */
			sb_addc(sb, '\n');
			return;
		}
		key = quiz_key(q, it);
		/* TRANSLATORS: follows "✗ wrong" or "~ partly right (1 of 2)" */
		sb_adds(sb, _(": the answer is "));
		text_inert(sb, key, false);
		sb_addc(sb, '\n');
		free(key);
	}
	if (q->explain) {
		sb_adds(sb, "  ");
		text_inert(sb, q->explain, true);
		sb_addc(sb, '\n');
	}
}
