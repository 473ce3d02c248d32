/* csv.c: an RFC 4180 reader that knows where it is, for errors that name
 * a line and column. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "text.h"
#include "util.h"

struct fields {
	struct sb *v;
	char **p;
	unsigned *line, *col;	/* where each field starts */
	size_t n, cap;
};

static void
field_next(struct fields *f, unsigned line, unsigned col)
{
	if (f->n == f->cap) {
		size_t i;

		f->cap = f->cap ? f->cap * 2 : 8;
		f->v = xreallocarray(f->v, f->cap, sizeof(*f->v));
		f->p = xreallocarray(f->p, f->cap, sizeof(*f->p));
		f->line = xreallocarray(f->line, f->cap, sizeof(*f->line));
		f->col = xreallocarray(f->col, f->cap, sizeof(*f->col));
		for (i = f->n; i < f->cap; i++)
			f->v[i] = (struct sb)SB_INIT;
	}
	f->line[f->n] = line;
	f->col[f->n] = col;
	sb_reset(&f->v[f->n++]);
}

int
csv_parse(const char *buf, size_t n,
	  int (*fn)(const struct csv_record *, void *), void *arg,
	  unsigned *line, unsigned *col, const char **why)
{
	struct fields f = { NULL, NULL, NULL, NULL, 0, 0 };
	unsigned ln = 1, cl = 1, start_line = 1;
	size_t i = 0, k;
	int rc = 0;

	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && rc == 0) {
		bool blank = true;

		f.n = 0;
		start_line = ln;
		field_next(&f, ln, cl);
		for (;;) {
			struct sb *cur = &f.v[f.n - 1];

			if (i < n && buf[i] == '"' && cur->len == 0) {
				unsigned qline = ln, qcol = cl;

				blank = false;
				i++, cl++;
				for (;;) {
					if (i >= n) {
						*line = qline, *col = qcol;
						*why = _("a quoted field is not closed");
						rc = -1;
						goto out;
					}
					if (buf[i] == '"') {
						if (i + 1 < n && buf[i + 1] == '"') {
							sb_addc(cur, '"');
							i += 2, cl += 2;
							continue;
						}
						i++, cl++;
						break;
					}
					if (buf[i] == '\n')
						ln++, cl = 0;
					sb_addc(cur, buf[i]);
					if ((buf[i] & 0xc0) != 0x80)
						cl++;
					i++;
				}
				if (i < n && buf[i] != ',' && buf[i] != '\n' &&
				    !(buf[i] == '\r' && i + 1 < n && buf[i + 1] == '\n') &&
				    !(buf[i] == '\r' && i + 1 == n)) {
					*line = ln, *col = cl;
					*why = _("text after a closing quote (a quote inside a field is written \"\")");
					rc = -1;
					goto out;
				}
			}
			/* an unquoted field, or what follows a quoted one */
			while (i < n && buf[i] != ',' && buf[i] != '\n' && buf[i] != '\r') {
				if (buf[i] == '"') {
					*line = ln, *col = cl;
					*why = _("a quote inside an unquoted field (quote the whole field)");
					rc = -1;
					goto out;
				}
				blank = false;
				k = 1;
				while (i + k < n && (buf[i + k] & 0xc0) == 0x80)
					k++;
				sb_add(cur, buf + i, k);
				i += k, cl++;
			}
			if (i < n && buf[i] == ',') {
				blank = false;
				i++, cl++;
				field_next(&f, ln, cl);
				continue;
			}
			if (i < n && buf[i] == '\r') {
				if (i + 1 < n && buf[i + 1] != '\n') {
					*line = ln, *col = cl;
					*why = _("a carriage return inside an unquoted field");
					rc = -1;
					goto out;
				}
				i++;
			}
			if (i < n && buf[i] == '\n')
				i++;
			ln++, cl = 1;
			break;
		}
		if (!blank) {
			struct csv_record r;
			size_t j;

			for (j = 0; j < f.n; j++)
				f.p[j] = (char *)sb_str(&f.v[j]);
			r.fields = (const char *const *)f.p;
			r.lines = f.line;
			r.cols = f.col;
			r.n = f.n;
			r.line = start_line;
			rc = fn(&r, arg);
		}
	}
out:
	for (k = 0; k < f.cap; k++)
		sb_free(&f.v[k]);
	free(f.v);
	free(f.p);
	free(f.line);
	free(f.col);
	return rc;
}

bool
csv_heading_is(const char *cell, const char *name)
{
	char *a = text_fold(cell), *b = text_fold(name), *br;
	bool same = strcmp(a, b) == 0;

	/* a unit in brackets after the heading, as sheets write them:
	 * 询单转化率(%), 客单价（元） (folded to ASCII brackets) */
	if (!same && (br = strrchr(a, '(')) != NULL && br > a && a[strlen(a) - 1] == ')') {
		while (br > a && br[-1] == ' ')
			br--;
		*br = '\0';
		same = strcmp(a, b) == 0;
	}
	free(a);
	free(b);
	return same;
}

bool
csv_heading_any(const char *cell, const char *const *names)
{
	for (; *names; names++)
		if (csv_heading_is(cell, *names))
			return true;
	return false;
}

char *
csv_cell(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

enum csv_sheet_line
csv_sheet_line(struct csv_sheet *sh, const struct csv_record *r,
	       const char *const *key_heads)
{
	size_t i, filled;

	for (i = 0, filled = 0; i < r->n; i++)
		filled += r->fields[i][0] != '\0';
	if (filled == 0)
		return CSV_SHEET_SKIP;
	if (!sh->header_done) {
		for (i = 0; i < r->n && r->fields[i][0] == '\0'; i++)
			;
		if (filled == 1 && sh->titles < 5 && !csv_heading_any(r->fields[i], key_heads) &&
		    !(r->n == 1 && strpbrk(r->fields[0], ";\t"))) {
			sh->titles++;
			return CSV_SHEET_SKIP;
		}
		sh->header_done = true;
		sh->ncols = r->n;
		return CSV_SHEET_HEADER;
	}
	if (r->n == sh->ncols)
		return CSV_SHEET_ROW;
	for (i = sh->ncols; i < r->n && r->fields[i][0] == '\0'; i++)
		;
	return r->n < sh->ncols || i < r->n ? CSV_SHEET_WIDTH : CSV_SHEET_ROW;
}
