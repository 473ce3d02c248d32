/* aiken.c: Aiken, the plainest multiple-choice format: a question on a
 * line, its choices as "A. ..." or "A) ...", then "ANSWER: B". */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bank/bank.h"
#include "text.h"

/* 'A'-'Z' when line starts a choice ("A. ", "B) ", full-width "Ａ．"
 * too), with *rest at its text; else 0. */
static char
choice_line(const char *line, size_t n, const char **rest)
{
	static const char *const marks[] = { ".", ")", "．", "）", "、" };
	size_t i, k;

	if (n < 2 || line[0] < 'A' || line[0] > 'Z')
		return 0;
	for (i = 0; i < ARRAY_SIZE(marks); i++) {
		k = strlen(marks[i]);
		if (n > k && strncmp(line + 1, marks[i], k) == 0 &&
		    (line[1 + k] == ' ' || line[1 + k] == '\t' || (unsigned char)line[1 + k] >= 0x80)) {
			*rest = line + 1 + k;
			return line[0];
		}
	}
	return 0;
}

/* The letter of an "ANSWER: B" line, else 0 (-1: an answer line naming
 * no one letter). */
static int
answer_line(const char *line, size_t n)
{
	size_t k = strlen("ANSWER");
	const char *p;

	if (n < k || strncmp(line, "ANSWER", k) != 0)
		return 0;
	p = line + k;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == ':')
		p++;
	else if (strncmp(p, "：", strlen("：")) == 0)
		p += strlen("：");
	else
		return 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p < 'A' || *p > 'Z')
		return -1;
	return p[1] == '\0' || p[1] == ' ' || p[1] == '\r' || p[1] == '\n' ? *p : -1;
}

int
bank_read_aiken(struct bank *b, const char *buf, size_t n)
{
	const char *p = buf, *end = buf + n;
	struct bank_q *q = NULL;
	unsigned lineno = 0, qline = 0;
	char expect = 'A';
	bool dead = false;	/* the question at hand is already left out */

	if (memchr(buf, '\0', n)) {
		bank_note(b, BANK_ERROR, 0, 0, "%s", _("a NUL byte: this is no Aiken text"));
		return -1;
	}
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (; p < end; ) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *rest;
		size_t len = (size_t)((nl ? nl : end) - p);
		int a;
		char c;

		lineno++;
		while (len && (p[len - 1] == '\r' || p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len == 0) {
			/* a blank line after the choices ends a question that
			 * never had its ANSWER */
			if (q != NULL && q->nchoices > 0) {
				bank_note(b, BANK_SKIPPED, qline, 1, "%s",
					  _("no ANSWER line"));
				bank_drop_last(b);
				q = NULL;
			}
			dead = false;
		}
		else if (q == NULL && !dead) {
			q = bank_add(b, Q_SINGLE, lineno);
			q->text = bank_str(p, len);
			qline = lineno;
			expect = 'A';
		} else if ((c = choice_line(p, len, &rest)) != 0) {
			if (dead)
				;
			else if (c != expect) {
				bank_note(b, BANK_SKIPPED, lineno, 1,
					  _("choice %c where %c was due: question at line %u left out"),
					  c, expect, qline);
				bank_drop_last(b);
				q = NULL;
				dead = true;
			} else {
				bank_add_choice(q, rest, len - (size_t)(rest - p), false);
				expect++;
			}
		} else if ((a = answer_line(p, len)) != 0) {
			if (dead)
				;
			else if (a < 0 || a - 'A' >= (int)q->nchoices) {
				bank_note(b, BANK_SKIPPED, lineno, 1,
					  _("the answer names no choice of the question at line %u"), qline);
				bank_drop_last(b);
			} else if (q->nchoices < 2) {
				bank_note(b, BANK_SKIPPED, qline, 1, "%s",
					  _("a question with fewer than two choices"));
				bank_drop_last(b);
			} else
				q->correct[a - 'A'] = true;
			q = NULL;
			dead = false;
		} else if (!dead && q->nchoices == 0) {
			/* a question's text may run on over lines */
			struct sb sb = SB_INIT;

			sb_addf(&sb, "%s\n", q->text ? q->text : "");
			sb_add(&sb, p, len);
			free(q->text);
			q->text = bank_str(sb_str(&sb), sb.len);
			sb_free(&sb);
		} else if (!dead) {
			bank_note(b, BANK_SKIPPED, lineno, 1,
				  _("a line that is no choice and no ANSWER: question at line %u left out"),
				  qline);
			bank_drop_last(b);
			q = NULL;
			dead = true;
		}
		p = nl ? nl + 1 : end;
	}
	if (q != NULL) {
		bank_note(b, BANK_SKIPPED, qline, 1, "%s", _("no ANSWER line"));
		bank_drop_last(b);
	}
	return 0;
}
