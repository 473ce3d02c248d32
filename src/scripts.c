/* scripts.c: script libraries without I/O: placeholders, the OSC 52
 * clipboard sequence, libraries written as YAML and read from a chat
 * tool's quick-phrase CSV. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "scripts.h"
#include "text.h"

/* The next placeholder at or after p: its '{' in *open and the byte
 * after its '}' returned; NULL when there is none. A placeholder is
 * {NAME} with a name of no braces or line breaks. */
static const char *
next_placeholder(const char *p, const char **open)
{
	while ((p = strchr(p, '{')) != NULL) {
		size_t n = strcspn(p + 1, "{}\n");

		if (p[1 + n] == '}' && n > 0) {
			*open = p;
			return p + n + 2;
		}
		p++;
	}
	return NULL;
}

size_t
scripts_placeholders(const char *text, char **names, size_t max)
{
	const char *p = text, *open, *end;
	size_t n = 0, i;

	while (n < max && (end = next_placeholder(p, &open)) != NULL) {
		char *name = xstrndup(open + 1, (size_t)(end - open - 2));

		for (i = 0; i < n && strcmp(names[i], name) != 0; i++)
			;
		if (i < n)
			free(name);
		else
			names[n++] = name;
		p = end;
	}
	return n;
}

char *
scripts_fill(const char *text, char *const *names, char *const *values, size_t n)
{
	struct sb sb = SB_INIT;
	const char *p = text, *open, *end;
	size_t i;

	while ((end = next_placeholder(p, &open)) != NULL) {
		size_t len = (size_t)(end - open - 2);

		sb_add(&sb, p, (size_t)(open - p));
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == len && strncmp(names[i], open + 1, len) == 0)
				break;
		if (i < n)
			sb_adds(&sb, values[i]);
		else
			sb_add(&sb, open, (size_t)(end - open));
		p = end;
	}
	sb_adds(&sb, p);
	return sb_detach(&sb);
}

void
scripts_osc52(struct sb *sb, const char *text)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), i;

	/* ESC ] 52 ; c ; base64 BEL: the clipboard ("c"), set by the
	 * terminal, over SSH and tmux alike */
	sb_adds(sb, "\033]52;c;");
	for (i = 0; i + 2 < n; i += 3) {
		sb_addc(sb, b64[s[i] >> 2]);
		sb_addc(sb, b64[((s[i] & 3) << 4) | (s[i + 1] >> 4)]);
		sb_addc(sb, b64[((s[i + 1] & 15) << 2) | (s[i + 2] >> 6)]);
		sb_addc(sb, b64[s[i + 2] & 63]);
	}
	if (n - i == 1) {
		sb_addc(sb, b64[s[i] >> 2]);
		sb_addc(sb, b64[(s[i] & 3) << 4]);
		sb_adds(sb, "==");
	} else if (n - i == 2) {
		sb_addc(sb, b64[s[i] >> 2]);
		sb_addc(sb, b64[((s[i] & 3) << 4) | (s[i + 1] >> 4)]);
		sb_addc(sb, b64[(s[i + 1] & 15) << 2]);
		sb_addc(sb, '=');
	}
	sb_addc(sb, '\a');
}

void
scripts_yaml_string(struct sb *sb, const char *s)
{
	sb_addc(sb, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			sb_addf(sb, "\\%c", c);
		else if (c == '\n')
			sb_adds(sb, "\\n");
		else if (c == '\t')
			sb_adds(sb, "\\t");
		else if (c < 0x20 || c == 0x7f)
			sb_addf(sb, "\\x%02x", c);
		else
			sb_addc(sb, (char)c);
	}
	sb_addc(sb, '"');
}

void
scripts_yaml(struct sb *sb, const char *id, const char *title,
	     const char *situation, const struct team_script *v, size_t n)
{
	size_t i, t;

	sb_addf(sb, "scripts: %s\ntitle: ", id);
	scripts_yaml_string(sb, title);
	if (situation) {
		sb_adds(sb, "\nsituation: ");
		scripts_yaml_string(sb, situation);
	}
	sb_adds(sb, "\nitems:\n");
	for (i = 0; i < n; i++) {
		sb_addf(sb, "  - id: %s\n    title: ", v[i].id);
		scripts_yaml_string(sb, v[i].title);
		sb_adds(sb, "\n    text: ");
		scripts_yaml_string(sb, v[i].text);
		sb_addc(sb, '\n');
		if (v[i].ntags) {
			sb_adds(sb, "    tags: [");
			for (t = 0; t < v[i].ntags; t++) {
				if (t)
					sb_adds(sb, ", ");
				scripts_yaml_string(sb, v[i].tags[t]);
			}
			sb_adds(sb, "]\n");
		}
		if (v[i].shortcut)
			sb_addf(sb, "    shortcut: %s\n", v[i].shortcut);
	}
}

char *
scripts_make_id(const char *s)
{
	struct sb sb = SB_INIT;

	for (; *s; s++) {
		unsigned char c = (unsigned char)tolower((unsigned char)*s);

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			sb_addc(&sb, (char)c);
		else if (sb.len && sb_str(&sb)[sb.len - 1] != '-')
			sb_addc(&sb, '-');
	}
	while (sb.len && sb_str(&sb)[sb.len - 1] == '-')
		sb.len--, sb.buf[sb.len] = '\0';
	if (sb.len == 0) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}

const char *
scripts_text_problem(const char *s, bool lines, bool placeholders,
		     unsigned char *bad)
{
	const char *p, *open = NULL;

	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if ((c < 0x20 && !(lines && (c == '\n' || c == '\r'))) || c == 0x7f) {
			if (bad)
				*bad = c;
			return _("it holds a control character");
		}
		if (!placeholders)
			continue;
		if (c == '{') {
			if (open)
				return _("a '{' inside a placeholder; write placeholders like {买家}");
			open = p;
		} else if (c == '}') {
			if (!open)
				return _("a '}' without its '{'; write placeholders like {买家}");
			if (p == open + 1)
				return _("an empty placeholder '{}'; name what goes there, like {买家}");
			open = NULL;
		} else if (open && (c == '\n' || p - open > 40))
			return _("a '{' that is not closed; write placeholders like {买家}");
	}
	if (open)
		return _("a '{' that is not closed; write placeholders like {买家}");
	return NULL;
}

/* ---- reading a quick-phrase CSV ---- */

enum { COL_GROUP, COL_KEY, COL_TEXT, COL_TITLE, COL_ID, NCOLS };

static const char *const heads_group[] = { "group", "分组", "分组名称", "分类", NULL };
static const char *const heads_key[] = {
	"shortcut", "快捷编码", "编码", "快捷键", "快捷短语编码", NULL
};
static const char *const heads_text[] = {
	"text", "phrase", "快捷短语", "短语", "短语内容", "内容", "话术", "回复", NULL
};
static const char *const heads_title[] = { "title", "标题", NULL };
static const char *const heads_id[] = { "id", NULL };
static const char *const *const heads[NCOLS] = {
	heads_group, heads_key, heads_text, heads_title, heads_id
};

struct item {
	char *group, *key, *text, *title, *id;
	unsigned line;
};

struct reader {
	struct csv_sheet sheet;
	int col[NCOLS];		/* the field of each column; -1 for none */
	struct item *items;
	size_t n;
	struct sb *errors;
	int problems;
};

static PRINTF(4, 5) void
problem(struct reader *r, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	sb_addf(r->errors, "%u:%u: ", line, col);
	va_start(ap, fmt);
	sb_vaddf(r->errors, fmt, ap);
	va_end(ap);
	sb_addc(r->errors, '\n');
	r->problems++;
}

/* A cell as kept: spaces around it gone; the quote a spreadsheet puts
 * before text that looks like a formula ('=...) taken off. */
static char *
cell(const struct csv_record *rec, int col)
{
	char *s;

	if (col < 0 || (size_t)col >= rec->n)
		return NULL;
	s = csv_cell(rec->fields[col]);
	if (s[0] == '\'' && s[1] && strchr("=+-@", s[1]))
		memmove(s, s + 1, strlen(s));
	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

static int
on_record(const struct csv_record *rec, void *arg)
{
	static const char *const key_heads[] = {
		"text", "phrase", "快捷短语", "短语", "短语内容", "内容", "话术", "回复", NULL
	};
	struct reader *r = arg;
	struct item it = { 0 };
	size_t i, c;

	switch (csv_sheet_line(&r->sheet, rec, key_heads)) {
	case CSV_SHEET_SKIP:
		return 0;
	case CSV_SHEET_HEADER:
		for (c = 0; c < NCOLS; c++)
			r->col[c] = -1;
		for (i = 0; i < rec->n; i++)
			for (c = 0; c < NCOLS; c++)
				if (r->col[c] < 0 && csv_heading_any(rec->fields[i], heads[c])) {
					r->col[c] = (int)i;
					break;
				}
		if (r->col[COL_TEXT] < 0)
			problem(r, rec->line, 1, _("no phrase column: the header needs one named 快捷短语, 短语, 内容, 话术 or text"));
		return r->col[COL_TEXT] < 0;	/* nothing more can be read */
	case CSV_SHEET_WIDTH:
		problem(r, rec->line, 1, _("this row has %zu fields but the header has %zu"),
			rec->n, r->sheet.ncols);
		return 0;
	case CSV_SHEET_ROW:
		break;
	}
	it.line = rec->line;
	it.text = cell(rec, r->col[COL_TEXT]);
	it.group = cell(rec, r->col[COL_GROUP]);
	it.key = cell(rec, r->col[COL_KEY]);
	it.title = cell(rec, r->col[COL_TITLE]);
	it.id = cell(rec, r->col[COL_ID]);
	r->items = xreallocarray(r->items, r->n + 1, sizeof(*r->items));
	r->items[r->n++] = it;
	return 0;
}

/* The field's column (from 1, in characters) in the record at line;
 * the row's start when unknown. */
static unsigned
col_of(int col)
{
	return col < 0 ? 1 : (unsigned)col + 1;
}

/* A title made of a text: its first 12 characters, on one line. */
static char *
title_of(const char *text)
{
	struct sb sb = SB_INIT;
	size_t i = 0, n = strlen(text), count = 0;

	while (i < n && count < 12 && text[i] != '\n') {
		int32_t cp;
		size_t k = text_decode(text + i, n - i, &cp);

		if (k == 0)
			break;
		sb_add(&sb, text + i, k);
		i += k;
		count++;
	}
	if (i < n)
		sb_adds(&sb, "…");
	return sb_detach(&sb);
}

int
scripts_import_csv(const char *buf, size_t len, const struct scripts_import *how,
		   struct sb *yaml, struct sb *errors, size_t *count)
{
	struct reader r;
	struct team_script *v;
	struct strmap ids = STRMAP_INIT, keys = STRMAP_INIT;
	char **owned;
	size_t i, nowned = 0;
	unsigned line, col;
	const char *why, *group = NULL;
	bool groups = false;
	int rc;

	memset(&r, 0, sizeof(r));
	r.errors = errors;
	for (i = 0; i < NCOLS; i++)
		r.col[i] = -1;
	*count = 0;
	rc = csv_parse(buf, len, on_record, &r, &line, &col, &why);
	if (rc < 0)
		problem(&r, line, col, "%s", why);
	else if (!r.sheet.header_done && r.problems == 0)
		problem(&r, 1, 1, _("no header: the file needs a header line naming its columns, such as 分组,快捷编码,快捷短语"));
	else if (r.n == 0 && r.problems == 0)
		problem(&r, 1, 1, _("no phrases below the header"));
	v = xcalloc(r.n + 1, sizeof(*v));
	owned = xcalloc(3 * r.n + 1, sizeof(*owned));
	for (i = 0; i < r.n; i++) {
		struct item *it = &r.items[i];
		struct team_script *s = &v[i];
		const char *bad;
		char *id;

		if (it->text == NULL) {
			problem(&r, it->line, col_of(r.col[COL_TEXT]), _("the phrase is empty"));
			continue;
		}
		/* a spreadsheet's line breaks inside a cell are CRLF or CR */
		{
			char *p, *q;

			for (p = q = it->text; *p; p++)
				if (*p == '\r') {
					*q++ = '\n';
					if (p[1] == '\n')
						p++;
				} else
					*q++ = *p;
			*q = '\0';
		}
		if ((bad = scripts_text_problem(it->text, true, true, NULL)) != NULL)
			problem(&r, it->line, col_of(r.col[COL_TEXT]), _("the phrase: %s"), bad);
		else if (text_chars(it->text) > 2000)
			problem(&r, it->line, col_of(r.col[COL_TEXT]), _("the phrase is longer than 2000 characters"));
		if (it->title && (bad = scripts_text_problem(it->title, false, false, NULL)) != NULL)
			problem(&r, it->line, col_of(r.col[COL_TITLE]), _("the title: %s"), bad);
		if (it->key) {
			const char *k;
			size_t kl = strlen(it->key);
			char *low = xstrdup(it->key), *c;

			for (k = it->key; *k && ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
						  (*k >= '0' && *k <= '9')); k++)
				;
			for (c = low; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			if (*k || kl > 16)
				problem(&r, it->line, col_of(r.col[COL_KEY]),
					_("shortcut '%s' must be 1 to 16 ASCII letters or digits"), it->key);
			else if (strmap_get(&keys, low))
				problem(&r, it->line, col_of(r.col[COL_KEY]),
					_("shortcut '%s' is already taken (line %u)"), it->key,
					*(unsigned *)strmap_get(&keys, low));
			else {
				strmap_put(&keys, low, &it->line);
				owned[nowned++] = low;
				low = NULL;
			}
			free(low);
		}
		/* the id: given, else of the shortcut, else of the line */
		if (it->id)
			id = scripts_make_id(it->id);
		else if (it->key)
			id = scripts_make_id(it->key);
		else
			id = NULL;
		if (id == NULL || strmap_get(&ids, id)) {
			free(id);
			id = xasprintf("item-%u", it->line);
		}
		strmap_put(&ids, id, &it->line);
		owned[nowned++] = id;
		s->id = id;
		s->text = it->text;
		s->shortcut = it->key;
		if (it->title)
			s->title = it->title;
		else
			s->title = owned[nowned++] = title_of(it->text);
		if (it->group) {
			if (group && strcmp(group, it->group) != 0)
				groups = true;
			if (group == NULL)
				group = it->group;
			s->tags = (const char *const *)&it->group;
			s->ntags = 0;	/* set below when the file holds several groups */
		}
	}
	if (groups)
		for (i = 0; i < r.n; i++)
			if (r.items[i].group)
				v[i].ntags = 1;	/* the group kept as a tag */
	if (r.problems == 0) {
		const char *title = how->title ? how->title : group && !groups ? group : how->id;

		scripts_yaml(yaml, how->id, title, how->situation, v, r.n);
		*count = r.n;
	}
	for (i = 0; i < nowned; i++)
		free(owned[i]);
	free(owned);
	for (i = 0; i < r.n; i++) {
		free(r.items[i].group), free(r.items[i].key), free(r.items[i].text);
		free(r.items[i].title), free(r.items[i].id);
	}
	free(r.items);
	free(v);
	strmap_free(&ids);
	strmap_free(&keys);
	return r.problems;
}
