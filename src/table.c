/* table.c: report rows out as text, CSV or JSON. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "text.h"

void
table_init(struct table *t, const char *name, const struct column *cols,
	   size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->cols = cols;
	t->ncols = ncols;
}

static struct cell *
next_cell(struct table *t)
{
	struct cell *c;

	if (t->filled == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xreallocarray(t->cells, t->cap, sizeof(*t->cells));
	}
	c = &t->cells[t->filled++];
	memset(c, 0, sizeof(*c));
	t->nrows = (t->filled + t->ncols - 1) / t->ncols;
	return c;
}

static void
add_text(struct table *t, const char *s, enum cell_kind kind)
{
	struct cell *c = next_cell(t);

	if (s) {
		c->kind = (unsigned char)kind;
		c->u.text = t->text.len;
		sb_add(&t->text, s, strlen(s) + 1);
	}
}

void
table_text(struct table *t, const char *s)
{
	add_text(t, s, CELL_TEXT);
}

void
table_word(struct table *t, const char *msgid)
{
	add_text(t, msgid, CELL_WORD);
}

const char *
table_cell_text(const struct table *t, const struct cell *x)
{
	return t->text.buf + x->u.text;
}

/* What a text table shows for a text cell. */
static const char *
shown(const struct table *t, const struct cell *x)
{
	return x->kind == CELL_WORD ? _(table_cell_text(t, x)) : table_cell_text(t, x);
}

void
table_num(struct table *t, double v, int decimals)
{
	struct cell *c = next_cell(t);

	if (isfinite(v)) {
		c->kind = CELL_NUM;
		c->u.num = v;
		/* more than printf would show of a double is noise */
		c->decimals = (signed char)(decimals < 0 ? 0 : decimals > 40 ? 40 : decimals);
	}
}

void
table_null(struct table *t)
{
	next_cell(t);
}

const struct cell *
table_cell(const struct table *t, size_t r, size_t c)
{
	static const struct cell null;
	size_t i = r * t->ncols + c;

	return i < t->filled ? &t->cells[i] : &null;
}

void
table_free(struct table *t)
{
	free(t->cells);
	sb_free(&t->text);
	memset(t, 0, sizeof(*t));
}

bool
table_format_parse(const char *s, enum table_format *f)
{
	if (strcmp(s, "table") == 0 || strcmp(s, "text") == 0)
		*f = TABLE_TEXT;
	else if (strcmp(s, "csv") == 0)
		*f = TABLE_CSV;
	else if (strcmp(s, "json") == 0)
		*f = TABLE_JSON;
	else
		return false;
	return true;
}

static void
add_num(struct sb *sb, const struct cell *c)
{
	char buf[24], *p = buf + sizeof(buf);
	long long v;

	/* a whole number (days, counts) needs no floating-point printf;
	 * -0 goes through it, to come out as 0 */
	if (c->decimals != 0 || !(fabs(c->u.num) < 1e15) ||
	    (double)(v = (long long)c->u.num) != c->u.num || (v == 0 && signbit(c->u.num))) {
		size_t start = sb->len;

		sb_addf(sb, "%.*f", c->decimals, c->u.num);
		/* as text_num() writes numbers on screens: no trailing
		 * zeros, never "-0" */
		if (c->decimals > 0) {
			while (sb->len > start && sb->buf[sb->len - 1] == '0')
				sb->len--;
			if (sb->len > start && sb->buf[sb->len - 1] == '.')
				sb->len--;
			sb->buf[sb->len] = '\0';
		}
		if (sb->len - start == 2 && memcmp(sb->buf + start, "-0", 2) == 0) {
			sb->len = start;
			sb_addc(sb, '0');
		}
		return;
	}
	do {
		*--p = (char)('0' + (v < 0 ? -(v % 10) : v % 10));
		v /= 10;
	} while (v != 0);
	if (c->u.num < 0)
		*--p = '-';
	sb_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

/* Writing to a file, what is written so far goes out every 32 KiB or
 * so, not a whole report held at once. */
static void
spill(struct sb *sb, FILE *out)
{
	if (out && sb->len >= 32768) {
		fwrite(sb->buf, 1, sb->len, out);
		sb_reset(sb);
	}
}

/* Measures each cell held as a text table shows it (text_width()
 * counts the escapes text_inert() will write), keeping its width in the
 * cell, and widens w to the widest of each column. */
static void
measure(struct table *t, int *w)
{
	struct sb tmp = SB_INIT;
	size_t r, c, i;

	for (r = 0, i = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++, i++) {
			struct cell *x = i < t->filled ? &t->cells[i] : NULL;
			int n;

			if (x == NULL || x->kind == CELL_NULL)
				n = 1;
			else if (x->kind == CELL_NUM) {
				sb_reset(&tmp);
				add_num(&tmp, x);
				n = (int)tmp.len;
			} else
				n = text_width(shown(t, x));
			if (x)
				x->width = n;
			if (n > w[c])
				w[c] = n;
		}
	sb_free(&tmp);
}

static int *
text_widths(const struct table *t)
{
	int *w = xcalloc(t->ncols + 1, sizeof(*w));
	size_t c;

	for (c = 0; c < t->ncols; c++)
		w[c] = text_width(_(t->cols[c].head));
	return w;
}

static void
text_head(struct sb *sb, const struct table *t, const int *w)
{
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		text_pad(sb, _(t->cols[c].head), c + 1 < t->ncols ? w[c] : 0, false);
		sb_adds(sb, c + 1 < t->ncols ? "  " : "\n");
	}
}

/* The rows held, measured, padded to the widths w. */
static void
text_rows(struct sb *sb, const struct table *t, const int *w, FILE *out)
{
	size_t r, c, i;

	for (r = 0, i = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++, i++) {
			const struct cell *x = table_cell(t, r, c);
			bool last = c + 1 == t->ncols;
			int n = i < t->filled ? x->width : 1;

			if (x->kind == CELL_NUM) {
				for (; n < w[c]; n++)
					sb_addc(sb, ' ');
				add_num(sb, x);
			} else {
				/* no trailing blanks on the last column */
				if (x->kind == CELL_NULL)
					sb_addc(sb, '-');
				else
					text_inert(sb, shown(t, x), false);
				for (; !last && n < w[c]; n++)
					sb_addc(sb, ' ');
			}
			sb_adds(sb, last ? "\n" : "  ");
			if (last)
				spill(sb, out);
		}
}

static void
csv_field(struct sb *sb, const char *s)
{
	struct sb tmp = SB_INIT;
	const char *p;
	bool quote;

	/* a spreadsheet runs text that starts like a formula: keep it text */
	if (s[0] && strchr("=+-@\t\r", s[0]))
		sb_addc(&tmp, '\'');
	text_inert(&tmp, s, true);
	p = sb_str(&tmp);
	quote = strpbrk(p, ",\"\r\n") != NULL || p[0] == ' ' ||
	    (tmp.len && p[tmp.len - 1] == ' ');
	if (!quote) {
		sb_adds(sb, p);
	} else {
		sb_addc(sb, '"');
		for (; *p; p++) {
			if (*p == '"')
				sb_addc(sb, '"');
			sb_addc(sb, *p);
		}
		sb_addc(sb, '"');
	}
	sb_free(&tmp);
}

bool
table_translated(void)
{
	/* a heading every report has, as the catalogue has it */
	return strcmp(_("Login"), "Login") != 0;
}

static void
csv_head(struct sb *sb, const struct table *t, bool bom)
{
	struct sb tmp = SB_INIT;
	size_t c;

	if (bom)
		sb_adds(sb, "\xef\xbb\xbf");
	for (c = 0; c < t->ncover; c++) {
		sb_reset(&tmp);
		sb_addf(&tmp, "%s: %s", t->localize ? _(t->cover[2 * c]) : t->cover[2 * c],
			t->cover[2 * c + 1] ? t->cover[2 * c + 1] : "");
		csv_field(sb, sb_str(&tmp));
		sb_adds(sb, c + 1 < t->ncover ? "," : "\r\n");
	}
	sb_free(&tmp);
	for (c = 0; c < t->ncols; c++) {
		csv_field(sb, t->localize ? _(t->cols[c].head) : t->cols[c].key);
		sb_adds(sb, c + 1 < t->ncols ? "," : "\r\n");
	}
}

static void
csv_rows(struct sb *sb, const struct table *t, FILE *out)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const struct cell *x = table_cell(t, r, c);

			if (x->kind == CELL_TEXT || (x->kind == CELL_WORD && !t->localize))
				csv_field(sb, table_cell_text(t, x));
			else if (x->kind == CELL_WORD)
				csv_field(sb, _(table_cell_text(t, x)));
			else if (x->kind == CELL_NUM)
				add_num(sb, x);
			sb_adds(sb, c + 1 < t->ncols ? "," : "\r\n");
			if (c + 1 == t->ncols)
				spill(sb, out);
		}
}

void
table_json_string(struct sb *sb, const char *s)
{
	size_t n = strlen(s), i = 0;

	sb_addc(sb, '"');
	while (i < n) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

		if (k == 0) {
			/* not UTF-8: JSON cannot hold the byte, name it */
			sb_addf(sb, "\\\\x%02x", (unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			sb_addf(sb, "\\%c", (char)cp);
		else if (cp == '\n')
			sb_adds(sb, "\\n");
		else if (cp == '\t')
			sb_adds(sb, "\\t");
		else if (cp == '\r')
			sb_adds(sb, "\\r");
		else if (text_is_control(cp))
			sb_addf(sb, "\\u%04x", (unsigned)cp);
		else
			sb_add(sb, s + i, k);
		i += k;
	}
	sb_addc(sb, '"');
}

static void
json_head(struct sb *sb, const struct table *t)
{
	size_t c;

	sb_adds(sb, "{\"report\": ");
	table_json_string(sb, t->name);
	for (c = 0; c < t->ncover; c++) {
		sb_adds(sb, ", ");
		table_json_string(sb, t->cover[2 * c]);
		sb_adds(sb, ": ");
		if (t->cover[2 * c + 1])
			table_json_string(sb, t->cover[2 * c + 1]);
		else
			sb_adds(sb, "null");
	}
	sb_adds(sb, ", \"rows\": [");
}

/* The rows held; first: whether they start the array. */
static void
json_rows(struct sb *sb, const struct table *t, bool first, FILE *out)
{
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		sb_adds(sb, r || !first ? ",\n  {" : "\n  {");
		for (c = 0; c < t->ncols; c++) {
			const struct cell *x = table_cell(t, r, c);

			if (c)
				sb_adds(sb, ", ");
			table_json_string(sb, t->cols[c].key);
			sb_adds(sb, ": ");
			if (x->kind == CELL_TEXT || x->kind == CELL_WORD)
				table_json_string(sb, table_cell_text(t, x));
			else if (x->kind == CELL_NUM)
				sb_addf(sb, "%.*f", x->decimals, x->u.num);
			else
				sb_adds(sb, "null");
		}
		sb_addc(sb, '}');
		spill(sb, out);
	}
}

static void
json_tail(struct sb *sb, bool any)
{
	sb_adds(sb, any ? "\n]}\n" : "]}\n");
}

/* Forgets the cells held, keeping their memory. */
static void
table_clear(struct table *t)
{
	t->filled = t->nrows = 0;
	sb_reset(&t->text);
}

/* Makes batch i of the rows the one held: with fill, row i alone; else
 * the rows held are the one batch, and nothing is to be done. */
static void
batch(struct table *t, size_t i, table_fill_fn *fill, void *arg)
{
	if (fill == NULL)
		return;
	table_clear(t);
	fill(t, i, arg);
	/* a fill that adds no cell still makes its row, of nulls */
	if (t->nrows == 0)
		t->nrows = 1;
}

/* The one writer: n batches of rows (see batch()), to out a piece at a
 * time when out is not NULL, else into sb. */
static void
write_table(struct sb *sb, FILE *out, struct table *t, size_t n,
	    table_fill_fn *fill, void *arg, enum table_format f, bool bom)
{
	size_t i;
	int *w;

	switch (f) {
	case TABLE_TEXT:
		/* widths first, from every row; rows made one at a time are
		 * made (and measured) again to be written */
		w = text_widths(t);
		for (i = 0; i < n; i++) {
			batch(t, i, fill, arg);
			measure(t, w);
		}
		text_head(sb, t, w);
		for (i = 0; i < n; i++) {
			if (fill) {
				batch(t, i, fill, arg);
				measure(t, w);
			}
			text_rows(sb, t, w, out);
		}
		free(w);
		break;
	case TABLE_CSV:
		csv_head(sb, t, bom);
		for (i = 0; i < n; i++) {
			batch(t, i, fill, arg);
			csv_rows(sb, t, out);
		}
		break;
	case TABLE_JSON:
		json_head(sb, t);
		for (i = 0; i < n; i++) {
			batch(t, i, fill, arg);
			json_rows(sb, t, i == 0, out);
		}
		json_tail(sb, n > 0);
		break;
	}
	if (fill)
		table_clear(t);
	if (out) {
		fwrite(sb->buf, 1, sb->len, out);
		sb_reset(sb);
	}
}

void
table_write(struct sb *sb, struct table *t, enum table_format f, bool bom)
{
	write_table(sb, NULL, t, t->nrows > 0, NULL, NULL, f, bom);
}

void
table_print(FILE *out, struct table *t, enum table_format f, bool bom)
{
	struct sb sb = SB_INIT;

	write_table(&sb, out, t, t->nrows > 0, NULL, NULL, f, bom);
	sb_free(&sb);
}

void
table_write_rows(struct sb *sb, FILE *out, struct table *t, size_t nrows,
		 table_fill_fn *fill, void *arg, enum table_format f, bool bom)
{
	write_table(sb, out, t, nrows, fill, arg, f, bom);
}

/* Text made inert, then escaped for HTML text and quoted attributes. */
void
table_html_text(struct sb *sb, const char *s)
{
	struct sb tmp = SB_INIT;
	const char *p;

	text_inert(&tmp, s ? s : "", false);
	for (p = sb_str(&tmp); *p; p++)
		switch (*p) {
		case '&': sb_adds(sb, "&amp;"); break;
		case '<': sb_adds(sb, "&lt;"); break;
		case '>': sb_adds(sb, "&gt;"); break;
		case '"': sb_adds(sb, "&quot;"); break;
		case '\'': sb_adds(sb, "&#39;"); break;
		default: sb_addc(sb, *p);
		}
	sb_free(&tmp);
}

void
table_html(struct sb *sb, const struct table *t, const char *id)
{
	size_t r, c;

	sb_adds(sb, "<table id=\"");
	table_html_text(sb, id);
	sb_adds(sb, "\">\n<tr>");
	for (c = 0; c < t->ncols; c++) {
		sb_adds(sb, "<th>");
		table_html_text(sb, _(t->cols[c].head));
		sb_adds(sb, "</th>");
	}
	sb_adds(sb, "</tr>\n");
	for (r = 0; r < t->nrows; r++) {
		sb_adds(sb, "<tr>");
		for (c = 0; c < t->ncols; c++) {
			const struct cell *x = table_cell(t, r, c);

			sb_adds(sb, x->kind == CELL_NUM ? "<td class=\"num\">" : "<td>");
			if (x->kind == CELL_NUM)
				add_num(sb, x);
			else if (x->kind == CELL_NULL)
				sb_adds(sb, "-");
			else
				table_html_text(sb, shown(t, x));
			sb_adds(sb, "</td>");
		}
		sb_adds(sb, "</tr>\n");
	}
	sb_adds(sb, "</table>\n");
}
