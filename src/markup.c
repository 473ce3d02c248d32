/* markup.c: lesson text laid out by display width (see markup.h). */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "text.h"

#define GAP 2		/* columns between table columns */
#define MIN_CELL 8	/* the narrowest a wrapped table column gets */

/* ---- lines ---- */

enum kind { PROSE, BLANK, HEADING, ITEM, ROW };

static enum kind
kind_of(const char *s, size_t n, int *level)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == n)
		return BLANK;
	if (s[i] == '|')
		return ROW;
	if (s[i] == '-' && i + 1 < n && s[i + 1] == ' ')
		return ITEM;
	if (i == 0 && s[0] == '#') {
		size_t h = 0;

		while (h < n && s[h] == '#')
			h++;
		if (h <= 6 && h < n && s[h] == ' ') {
			*level = (int)h;
			return HEADING;
		}
	}
	return PROSE;
}

int
markup_heading_level(const char *line, size_t n)
{
	int level = 0;

	return kind_of(line, n, &level) == HEADING ? level : 0;
}

/* The text of a line after its marker, spaces trimmed; caller frees. */
static char *
after(const char *s, size_t n, size_t skip)
{
	size_t b = 0, e = n;

	while (b < n && (s[b] == ' ' || s[b] == '\t'))
		b++;
	b += skip;
	while (b < e && s[b] == ' ')
		b++;
	while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
		e--;
	return xstrndup(s + b, e - b);
}

/* ---- wrapping ---- */

/* Marks that never start a line (，。) or end one (（“): they go with the
 * character next to them. */
static bool
closing(int32_t cp)
{
	static const int32_t marks[] = {
		0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF09, 0x300D,
		0x300F, 0x3011, 0x300B, 0x201D, 0x2019, 0x2026, 0xFF05, 0x3009,
		',', '.', ';', ':', '!', '?', ')', '%',
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(marks); i++)
		if (marks[i] == cp)
			return true;
	return false;
}

static bool
opening(int32_t cp)
{
	return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == 0x3010 ||
	    cp == 0x300A || cp == 0x201C || cp == 0x2018 || cp == 0x3008 || cp == '(';
}

/* The next unit a line may break before: a wide character with the
 * marks that stick to it, or a word of narrow ones. Sets *end; *space
 * when spaces came before it. Returns false at the end. */
static bool
next_unit(const char *s, size_t n, size_t *pos, size_t *start, size_t *end, bool *space)
{
	size_t i = *pos;
	int32_t cp;
	size_t k;

	*space = false;
	while (i < n && s[i] == ' ') {
		*space = true;
		i++;
	}
	if (i >= n)
		return false;
	*start = i;
	/* opening marks go with what follows */
	while (i < n && (k = text_decode(s + i, n - i, &cp)) > 0 && opening(cp))
		i += k;
	if (i < n) {
		k = text_decode(s + i, n - i, &cp);
		if (k == 0)
			k = 1, cp = '?';
		if (text_cp_width(cp) == 2)
			i += k;
		else
			/* a narrow word: up to a space or a wide character */
			while (i < n && s[i] != ' ') {
				k = text_decode(s + i, n - i, &cp);
				if (k == 0)
					k = 1, cp = '?';
				if (text_cp_width(cp) == 2 && !closing(cp))
					break;
				i += k;
			}
	}
	/* closing marks stay with what precedes them */
	while (i < n && (k = text_decode(s + i, n - i, &cp)) > 0 && closing(cp))
		i += k;
	*end = i;
	*pos = i;
	return true;
}

/* Columns of s[0..n), as text_width() counts them. */
static int
width_of(const char *s, size_t n)
{
	char *t = xstrndup(s, n);
	int w = text_width(t);

	free(t);
	return w;
}

/* Appends s wrapped at width: the first line after first (already
 * written, first_w columns), the rest after rest. Ends without a
 * newline. Returns the number of lines started after the first. */
size_t
markup_wrap(struct sb *sb, const char *s, int width, int first_w, const char *rest)
{
	size_t n = strlen(s), pos = 0, start, end, lines = 0;
	int col = first_w, rest_w = text_width(rest);
	bool space, empty = true;

	while (next_unit(s, n, &pos, &start, &end, &space)) {
		int w = width_of(s + start, end - start);

		if (!empty && col + (space ? 1 : 0) + w > width) {
			sb_addc(sb, '\n');
			sb_adds(sb, rest);
			col = rest_w;
			lines++;
			empty = true;
		}
		if (!empty && space) {
			sb_addc(sb, ' ');
			col++;
		}
		if (col + w > width) {
			/* longer than a line: cut where the width runs out */
			size_t i = start;

			while (i < end) {
				int32_t cp;
				size_t k = text_decode(s + i, end - i, &cp);
				int cw;

				if (k == 0)
					k = 1, cp = '?';
				cw = text_cp_width(cp);
				if (col + cw > width && !empty) {
					sb_addc(sb, '\n');
					sb_adds(sb, rest);
					col = rest_w;
					lines++;
				}
				sb_add(sb, s + i, k);
				col += cw;
				empty = false;
				i += k;
			}
			continue;
		}
		sb_add(sb, s + start, end - start);
		col += w;
		empty = false;
	}
	return lines;
}

/* ---- tables ---- */

static bool
rule_row(const char *s, size_t n)
{
	bool dash = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dash = true;
		else if (s[i] != '|' && s[i] != ':' && s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	}
	return dash;
}

/* The cells of a row, trimmed; *ncells their count; *col0 the column of
 * the row's first |. Caller frees each and the array. */
static char **
cells_of(const char *s, size_t n, size_t *ncells)
{
	char **v = NULL;
	size_t i = 0, count = 0;

	while (i < n && s[i] != '|')
		i++;
	i++;	/* past the first | */
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n > i && s[n - 1] == '|')
		n--;
	for (;;) {
		size_t j = i;

		while (j < n && s[j] != '|')
			j++;
		v = xreallocarray(v, count + 1, sizeof(*v));
		v[count++] = after(s + i, j - i, 0);
		if (j >= n)
			break;
		i = j + 1;
	}
	*ncells = count;
	return v;
}

struct row {
	char **cell;
	size_t n;
};

/* Lays a table out: columns padded to their widest cell; when the whole
 * is wider than width, the last column wraps. Returns lines written. */
static size_t
table(struct sb *sb, struct row *rows, size_t nrows, bool head, int width)
{
	size_t ncols = 0, i, c, lines = 0;
	int *w, total = 0;

	for (i = 0; i < nrows; i++)
		if (rows[i].n > ncols)
			ncols = rows[i].n;
	w = xcalloc(ncols + 1, sizeof(*w));
	for (i = 0; i < nrows; i++)
		for (c = 0; c < rows[i].n; c++) {
			int cw = text_width(rows[i].cell[c]);

			if (cw > w[c])
				w[c] = cw;
		}
	for (c = 0; c < ncols; c++)
		total += w[c] + (c ? GAP : 0);
	if (ncols > 0 && total - w[ncols - 1] > width - MIN_CELL) {
		/* even without the last column too wide for the screen: each
		 * row as a line of its own, its cells apart, wrapped */
		for (i = 0; i < nrows; i++) {
			struct sb line = SB_INIT;

			for (c = 0; c < rows[i].n; c++) {
				if (c)
					sb_adds(&line, " | ");
				sb_adds(&line, rows[i].cell[c]);
			}
			lines += markup_wrap(sb, sb_str(&line), width, 0, "  ") + 1;
			sb_addc(sb, '\n');
			sb_free(&line);
		}
		free(w);
		return lines;
	}
	if (total > width && ncols > 0) {
		int other = total - w[ncols - 1];

		w[ncols - 1] = width - other > MIN_CELL ? width - other : MIN_CELL;
	}
	for (i = 0; i < nrows; i++) {
		struct sb lead = SB_INIT;
		int lead_w = 0;

		/* every column but the last padded; the last wraps under itself */
		for (c = 0; c + 1 < ncols; c++) {
			const char *cell = c < rows[i].n ? rows[i].cell[c] : "";

			text_pad(sb, cell, w[c], false);
			sb_adds(sb, "  ");
			lead_w += (text_width(cell) > w[c] ? text_width(cell) : w[c]) + GAP;
		}
		for (c = 0; c < (size_t)lead_w; c++)
			sb_addc(&lead, ' ');
		if (ncols > 0 && ncols - 1 < rows[i].n)
			lines += markup_wrap(sb, rows[i].cell[ncols - 1], lead_w + w[ncols - 1], lead_w,
				      sb_str(&lead));
		sb_free(&lead);
		/* no blanks at a line's end */
		while (sb->len > 0 && sb->buf[sb->len - 1] == ' ')
			sb->len--;
		sb_addc(sb, '\n');
		lines++;
		if (i == 0 && head) {
			for (c = 0; c < ncols; c++) {
				int k;

				if (c)
					sb_adds(sb, "  ");
				for (k = 0; k < w[c]; k++)
					sb_addc(sb, '-');
			}
			sb_addc(sb, '\n');
			lines++;
		}
	}
	free(w);
	return lines;
}

/* ---- the lesson ---- */

void
markup_layout(const char *text, int width, struct markup *m)
{
	const char *p = text;
	size_t line = 0;

	memset(m, 0, sizeof(*m));
	if (width < 20)
		width = 20;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int level = 0;
		enum kind k = kind_of(p, n, &level);
		char *t;

		switch (k) {
		case BLANK:
			sb_addc(&m->out, '\n');
			line++;
			break;
		case HEADING: {
			int hw, i;

			t = after(p, n, (size_t)level);
			m->heads = xreallocarray(m->heads, m->nheads + 1, sizeof(*m->heads));
			m->heads[m->nheads].text = xstrdup(t);
			m->heads[m->nheads].level = level;
			m->heads[m->nheads++].line = line;
			line += markup_wrap(&m->out, t, width, 0, "") + 1;
			hw = text_width(t) < width ? text_width(t) : width;
			sb_addc(&m->out, '\n');
			for (i = 0; i < hw; i++)
				sb_addc(&m->out, level == 1 ? '=' : '-');
			sb_addc(&m->out, '\n');
			line++;
			free(t);
			break;
		}
		case ITEM:
			t = after(p, n, 1);
			sb_adds(&m->out, "  • ");
			line += markup_wrap(&m->out, t, width, 4, "    ") + 1;
			sb_addc(&m->out, '\n');
			free(t);
			break;
		case ROW: {
			struct row *rows = NULL;
			size_t nrows = 0, i;
			bool head = false;

			/* the run of rows is one table */
			for (;;) {
				if (rule_row(p, n)) {
					head = head || nrows == 1;
				} else {
					rows = xreallocarray(rows, nrows + 1, sizeof(*rows));
					rows[nrows].cell = cells_of(p, n, &rows[nrows].n);
					nrows++;
				}
				if (nl == NULL)
					break;
				{
					const char *q = nl + 1, *nl2 = strchr(q, '\n');
					size_t n2 = nl2 ? (size_t)(nl2 - q) : strlen(q);
					int lv;

					if (*q == '\0' || kind_of(q, n2, &lv) != ROW)
						break;
					p = q;
					nl = nl2;
					n = n2;
				}
			}
			line += table(&m->out, rows, nrows, head, width);
			for (i = 0; i < nrows; i++) {
				size_t c;

				for (c = 0; c < rows[i].n; c++)
					free(rows[i].cell[c]);
				free(rows[i].cell);
			}
			free(rows);
			break;
		}
		case PROSE:
			t = xstrndup(p, n);
			while (*t && t[strlen(t) - 1] == '\r')
				t[strlen(t) - 1] = '\0';
			line += markup_wrap(&m->out, t, width, 0, "") + 1;
			sb_addc(&m->out, '\n');
			free(t);
			break;
		}
		p = nl ? nl + 1 : p + n;
	}
}

void
markup_free(struct markup *m)
{
	size_t i;

	for (i = 0; i < m->nheads; i++)
		free(m->heads[i].text);
	free(m->heads);
	sb_free(&m->out);
	memset(m, 0, sizeof(*m));
}

long
markup_find(const struct markup *m, const char *section)
{
	char *want = text_fold(section), *end;
	long found = -1, n;
	size_t i, len = strlen(want);
	int pass;

	n = strtol(want, &end, 10);
	if (*want && *end == '\0') {
		free(want);
		return n >= 1 && (size_t)n <= m->nheads ? n - 1 : -1;
	}
	/* the start of a heading first; else anywhere in it (商品03 in
	 * 【商品03】碎花雪纺连衣裙) */
	for (pass = 0; pass < 2 && found == -1; pass++)
		for (i = 0; i < m->nheads && len > 0; i++) {
			char *have = text_fold(m->heads[i].text);
			bool match = pass == 0 ? strncmp(have, want, len) == 0 :
			    strstr(have, want) != NULL;

			free(have);
			if (!match)
				continue;
			if (found >= 0) {
				found = -2;
				break;
			}
			found = (long)i;
		}
	free(want);
	return found;
}

size_t
markup_check(const char *text, size_t *col, size_t *cells, size_t *want)
{
	const char *p = text;
	size_t line = 1, first = 0;
	bool in_table = false;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int level;

		if (kind_of(p, n, &level) == ROW) {
			if (!rule_row(p, n)) {
				size_t count, i;
				char **v = cells_of(p, n, &count);

				for (i = 0; i < count; i++)
					free(v[i]);
				free(v);
				if (!in_table)
					first = count;
				else if (count != first) {
					*col = strcspn(p, "|") + 1;
					*cells = count;
					*want = first;
					return line;
				}
			}
			in_table = true;
		} else
			in_table = false;
		line++;
		p = nl ? nl + 1 : p + n;
	}
	return 0;
}
