/* html.c: the frame of kefu's HTML pages: one self-contained file (no
 * scripts, nothing fetched), the page's own fonts falling back to a CJK
 * one, written with the user's own rights for the team to read. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "priv.h"
#include "report/report.h"
#include "table.h"

void
html_begin(struct sb *h, const struct kefu *k, const char *title, const char *sub)
{
	char today[11];

	sb_adds(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	table_html_text(h, title);
	sb_adds(h, " · kefu</title>\n<style>\n"
		"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Zen Hei\","
		"\"PingFang SC\",\"Microsoft YaHei\",sans-serif;margin:2em;color:#222}\n"
		"table{border-collapse:collapse;margin-bottom:1em}"
		"td,th{padding:4px 10px;text-align:left;border-bottom:1px solid #ddd}\n"
		"td.num{text-align:right}tr:nth-child(even){background:#f5f5f5}\n"
		".late{color:#c62828;font-weight:bold}.legend span{display:inline-block;"
		"width:1em;height:1em;margin:0 .3em 0 1em;vertical-align:middle}\n"
		"</style>\n</head>\n<body>\n<h1>");
	table_html_text(h, title);
	sb_addf(h, "</h1>\n<p>%s", date_format(k->today, today));
	if (sub) {
		sb_adds(h, " · ");
		table_html_text(h, sub);
	}
	sb_adds(h, "</p>\n");
}

void
html_end(struct sb *h)
{
	sb_adds(h, "</body>\n</html>\n");
}

int
html_write(const char *path, const struct sb *h, size_t n)
{
	int rc;

	/* the user names the file: written with the user's own group */
	priv_user();
	/* names and results: for the team, not the world */
	rc = write_atomic(path, h->buf, h->len, 0640, true) != 0;
	if (rc)
		error(_("cannot write '%s': %s"), path, strerror(errno));
	priv_group();
	if (rc == 0)
		fprintf(stderr, P_("Wrote %s (%zu trainee).\n", "Wrote %s (%zu trainees).\n", n),
			path, n);
	return rc;
}

int
report_html_table(struct kefu *k, const char *path, const char *title,
		  const struct table *t, size_t n)
{
	struct sb h = SB_INIT;
	int rc;

	html_begin(&h, k, title, NULL);
	table_html(&h, t, t->name);
	html_end(&h);
	rc = html_write(path, &h, n);
	sb_free(&h);
	return rc;
}
