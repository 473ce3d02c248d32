/* unit-table.c: report output (text, CSV, JSON) and the CSV reader,
 * each read back by the other. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "csv.h"
#include "table.h"

static const struct column cols[] = {
	{ "login", "Login" }, { "name", "姓名" }, { "score", "Score" },
};

static void
fill(struct table *t)
{
	table_init(t, "test", cols, 3);
	table_text(t, "zhang");
	table_text(t, "张三");
	table_num(t, 92.5, 1);
	table_text(t, "o\"brien, jr");
	table_text(t, "line\nbreak");
	table_null(t);
	table_text(t, "=cmd|' /C calc'!A0");
	table_text(t, "esc\033[31m");
	table_num(t, -3, 0);
}

static void
test_text_lines_up(void **state)
{
	struct table t;
	struct sb sb = SB_INIT;

	(void)state;
	fill(&t);
	table_write(&sb, &t, TABLE_TEXT, false);
	/* 姓名 takes 4 columns like "张三"; the escape is shown, not sent */
	assert_non_null(strstr(sb_str(&sb), "Login               姓名           Score\n"));
	assert_non_null(strstr(sb_str(&sb), "zhang               张三            92.5\n"));
	assert_null(strchr(sb_str(&sb), '\033'));
	assert_non_null(strstr(sb_str(&sb), "esc\\x1b[31m"));
	assert_non_null(strstr(sb_str(&sb), "line\\x0abreak"));
	sb_free(&sb);
	table_free(&t);
}

struct rows {
	char v[8][3][64];
	unsigned line[8];
	size_t n;
};

static int
keep(const struct csv_record *r, void *arg)
{
	struct rows *rows = arg;
	size_t i;

	assert_int_equal(r->n, 3);
	for (i = 0; i < r->n; i++)
		strncpy(rows->v[rows->n][i], r->fields[i], 63);
	rows->line[rows->n++] = r->line;
	return 0;
}

static void
test_csv_round_trip(void **state)
{
	struct table t;
	struct sb sb = SB_INIT;
	struct rows rows;
	unsigned line, col;
	const char *why;

	(void)state;
	memset(&rows, 0, sizeof(rows));
	fill(&t);
	table_write(&sb, &t, TABLE_CSV, true);
	assert_memory_equal(sb_str(&sb), "\xef\xbb\xbflogin,name,score\r\n", 20);
	assert_non_null(strstr(sb_str(&sb), "\"o\"\"brien, jr\",\"line\nbreak\",\r\n"));
	assert_int_equal(csv_parse(sb_str(&sb), sb.len, keep, &rows, &line, &col, &why), 0);
	assert_int_equal(rows.n, 4);
	assert_string_equal(rows.v[0][1], "name");
	assert_string_equal(rows.v[1][1], "张三");
	assert_string_equal(rows.v[1][2], "92.5");
	assert_string_equal(rows.v[2][0], "o\"brien, jr");
	assert_string_equal(rows.v[2][1], "line\nbreak");
	assert_string_equal(rows.v[2][2], "");
	assert_int_equal(rows.line[3], 5);	/* the quoted line break counts */
	/* a formula stays text in a spreadsheet */
	assert_string_equal(rows.v[3][0], "'=cmd|' /C calc'!A0");
	assert_string_equal(rows.v[3][1], "esc\\x1b[31m");
	sb_free(&sb);
	table_free(&t);
}

static int
count(const struct csv_record *r, void *arg)
{
	(void)r;
	++*(int *)arg;
	return 0;
}

static void
test_csv_errors(void **state)
{
	unsigned line = 0, col = 0;
	const char *why = NULL, *s;
	int n = 0;

	(void)state;
	s = "a,b\n1,\"2\n3,4\n";
	assert_int_equal(csv_parse(s, strlen(s), count, &n, &line, &col, &why), -1);
	assert_int_equal(line, 2);
	assert_int_equal(col, 3);
	assert_non_null(strstr(why, "not closed"));
	s = "a,b\n中文,x\"y\n";
	assert_int_equal(csv_parse(s, strlen(s), count, &n, &line, &col, &why), -1);
	assert_int_equal(line, 2);
	assert_int_equal(col, 5);	/* columns are characters, not bytes */
	s = "a,\"b\"c\n";
	assert_int_equal(csv_parse(s, strlen(s), count, &n, &line, &col, &why), -1);
	assert_int_equal(col, 6);
	/* blank lines are skipped, CRLF and a last line without an end */
	n = 0;
	s = "a,b\r\n\r\n\nc,d";
	assert_int_equal(csv_parse(s, strlen(s), count, &n, &line, &col, &why), 0);
	assert_int_equal(n, 2);
}

/* where each field starts, for errors that name a line and column */
struct places {
	unsigned line[8], col[8];
	size_t n;
};

static int
places(const struct csv_record *r, void *arg)
{
	struct places *p = arg;
	size_t i;

	for (i = 0; i < r->n && p->n < 8; i++, p->n++) {
		p->line[p->n] = r->lines[i];
		p->col[p->n] = r->cols[i];
	}
	return 0;
}

static void
test_csv_places(void **state)
{
	struct places p;
	unsigned line = 0, col = 0;
	const char *why = NULL, *s;

	(void)state;
	memset(&p, 0, sizeof(p));
	/* a BOM takes no column; characters, not bytes; a quoted line
	 * break moves the next field to the next line */
	s = "\xef\xbb\xbf张三,ab,\"x\ny\",z\r\n,\"q\"\n";
	assert_int_equal(csv_parse(s, strlen(s), places, &p, &line, &col, &why), 0);
	assert_int_equal(p.n, 6);
	assert_int_equal(p.line[0], 1);
	assert_int_equal(p.col[0], 1);
	assert_int_equal(p.col[1], 4);
	assert_int_equal(p.col[2], 7);
	assert_int_equal(p.line[3], 2);
	assert_int_equal(p.col[3], 4);
	assert_int_equal(p.line[4], 3);
	assert_int_equal(p.col[4], 1);
	assert_int_equal(p.col[5], 2);
}

/* headings are read in any case and width, a unit in brackets after */
static void
test_csv_headings(void **state)
{
	static const char *const login[] = { "login", "登录名", NULL };
	char *c;

	(void)state;
	assert_true(csv_heading_is(" Login ", "login"));
	assert_true(csv_heading_is("ＬＯＧＩＮ", "login"));
	assert_true(csv_heading_is("询单转化率（%）", "询单转化率"));
	assert_false(csv_heading_is("logins", "login"));
	assert_true(csv_heading_any("登录名", login));
	assert_false(csv_heading_any("姓名", login));
	c = csv_cell(" \t 张三 \t");
	assert_string_equal(c, "张三");
	free(c);
}

/* what each line of a sheet is, as shops save one */
struct sheet_lines {
	struct csv_sheet sh;
	char what[16];
	size_t n;
};

static int
sheet_line(const struct csv_record *r, void *arg)
{
	static const char *const key[] = { "login", NULL };
	struct sheet_lines *l = arg;

	l->what[l->n++] = "shrw"[csv_sheet_line(&l->sh, r, key)];
	return 0;
}

static void
test_csv_sheet(void **state)
{
	struct sheet_lines l;
	unsigned line, col;
	const char *why, *s;

	(void)state;
	memset(&l, 0, sizeof(l));
	/* a title, an empty row, the header, a row, one with empty cells
	 * past the last heading, one short, one long */
	s = "2026年11月,,\n,,\nlogin,role\na,b\na,b,,\na\na,b,c\n";
	assert_int_equal(csv_parse(s, strlen(s), sheet_line, &l, &line, &col, &why), 0);
	assert_string_equal(l.what, "sshrrww");
	assert_int_equal(l.sh.ncols, 2);
	/* a header of the key alone is no title; nor a line with semicolons */
	memset(&l, 0, sizeof(l));
	s = "Login\nx\n";
	assert_int_equal(csv_parse(s, strlen(s), sheet_line, &l, &line, &col, &why), 0);
	assert_string_equal(l.what, "hr");
	memset(&l, 0, sizeof(l));
	s = "login;role\n";
	assert_int_equal(csv_parse(s, strlen(s), sheet_line, &l, &line, &col, &why), 0);
	assert_string_equal(l.what, "h");
}

static void
test_json(void **state)
{
	struct table t;
	struct sb sb = SB_INIT;

	(void)state;
	fill(&t);
	table_write(&sb, &t, TABLE_JSON, false);
	assert_non_null(strstr(sb_str(&sb), "{\"report\": \"test\", \"rows\": [\n"
				"  {\"login\": \"zhang\", \"name\": \"张三\", \"score\": 92.5},\n"));
	assert_non_null(strstr(sb_str(&sb), "\"o\\\"brien, jr\", \"name\": \"line\\nbreak\", \"score\": null}"));
	assert_non_null(strstr(sb_str(&sb), "\"esc\\u001b[31m\""));
	sb_free(&sb);
	table_free(&t);
	table_init(&t, "empty", cols, 3);
	table_write(&sb, &t, TABLE_JSON, false);
	assert_string_equal(sb_str(&sb), "{\"report\": \"empty\", \"rows\": []}\n");
	sb_free(&sb);
	table_free(&t);
}

/* Numbers print as printf's "%.*f" would, without trailing zeros or a
 * minus on zero (as text_num() on screens), whole ones without it. */
static void
test_numbers(void **state)
{
	static const double v[] = {
		0, -0.0, 7, -3, 10, -10, 1234567, -9876543210, 2.5, 3.5, -2.5,
		0.4, 999999999999999, 1e15, -1e15, 1e300, 92.25,
	};
	static const struct column one[] = { { "n", "N" } };
	struct table t;
	struct sb sb = SB_INIT, want = SB_INIT;
	char num[400];
	size_t i;
	int d;

	(void)state;
	for (d = 0; d < 3; d++)
		for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
			table_init(&t, "n", one, 1);
			table_num(&t, v[i], d);
			sb_reset(&sb);
			table_write(&sb, &t, TABLE_CSV, false);
			sb_reset(&want);
			snprintf(num, sizeof(num), "%.*f", d, v[i]);
			if (d > 0 && strchr(num, '.')) {
				char *e = num + strlen(num);

				while (e[-1] == '0')
					*--e = '\0';
				if (e[-1] == '.')
					e[-1] = '\0';
			}
			sb_addf(&want, "n\r\n%s\r\n", strcmp(num, "-0") == 0 ? "0" : num);
			assert_string_equal(sb_str(&sb), sb_str(&want));
			table_free(&t);
		}
	sb_free(&sb);
	sb_free(&want);
}

/* Rows made one at a time (table_write_rows()) come out as the same
 * rows held whole: text, CSV with a BOM, JSON; none, one, many; a row
 * that fills fewer cells than the columns, words, numbers, nulls,
 * escapes and a wide name longest far down the table. */
static const struct column stream_cols[] = {
	{ "login", "Login" }, { "name", "姓名" }, { "state", "State" },
	{ "days", "Days" }, { "note", "Note" },
};

struct stream {
	size_t calls;
};

static void
stream_row(struct table *t, size_t r, void *arg)
{
	static const char *const words[] = { "pass", "fail", NULL };
	char login[16];

	((struct stream *)arg)->calls++;
	snprintf(login, sizeof(login), "t%04zu", r);
	table_text(t, login);
	table_text(t, r == 37 ? "欧阳娜娜娜娜娜" : r % 3 ? "张三" : "li");
	table_word(t, words[r % 3]);
	if (r == 5)
		return;		/* a short row: the rest are nulls */
	table_num(t, (double)r * (r % 2 ? -1.5 : 1), r % 4 == 0 ? 0 : 1);
	table_text(t, r % 7 ? "ok, \"quoted\"" : "esc\033[2J=x");
}

static void
test_rows_streamed(void **state)
{
	static const size_t counts[] = { 0, 1, 6, 40 };
	static const enum table_format formats[] = { TABLE_TEXT, TABLE_CSV, TABLE_JSON };
	size_t i, j, r;

	(void)state;
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		for (j = 0; j < sizeof(formats) / sizeof(formats[0]); j++) {
			struct table held, streamed;
			struct sb want = SB_INIT, got = SB_INIT;
			struct stream st = { 0 };

			table_init(&held, "rows", stream_cols, 5);
			for (r = 0; r < counts[i]; r++) {
				size_t before = held.filled;

				stream_row(&held, r, &st);
				while (held.filled - before < 5)
					table_null(&held);
			}
			table_write(&want, &held, formats[j], true);
			st.calls = 0;
			table_init(&streamed, "rows", stream_cols, 5);
			table_write_rows(&got, NULL, &streamed, counts[i], stream_row, &st,
					 formats[j], true);
			assert_string_equal(sb_str(&got), sb_str(&want));
			/* a text table makes each row twice: measured, written */
			assert_int_equal(st.calls, counts[i] * (formats[j] == TABLE_TEXT ? 2 : 1));
			/* and holds no more than a row */
			assert_true(streamed.cap <= 64);
			table_free(&held);
			table_free(&streamed);
			sb_free(&want);
			sb_free(&got);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_lines_up),
		cmocka_unit_test(test_csv_round_trip),
		cmocka_unit_test(test_csv_errors),
		cmocka_unit_test(test_csv_places),
		cmocka_unit_test(test_csv_headings),
		cmocka_unit_test(test_csv_sheet),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_rows_streamed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
