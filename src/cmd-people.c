/* cmd-people.c: `kefu people add|import|list|edit|role|leave`: who uses
 * this database and in which role. Only managers change people; the
 * rules of a record are people.c's, the same for every subcommand. */
#include "config.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "date.h"
#include "kefu.h"
#include "people.h"
#include "table.h"
#include "text.h"

static const char *const roles[] = { "trainee", "trainer", "manager" };

/* The role a word names, as stored; else says so and returns NULL. */
static const char *
role_ok(const char *word)
{
	const char *role = people_role_of(word);

	if (role == NULL)
		kefu_unknown(_("role"), "", word, roles, ARRAY_SIZE(roles),
			     _("a role is trainee, trainer or manager"));
	return role;
}

/* What is wrong with a login, in words, s made inert. */
static void
login_problem(struct sb *why, const char *s)
{
	struct sb sb = SB_INIT;

	text_inert(&sb, s, false);
	sb_addf(why, _("'%s' is not a login name (letters, digits, '.', '_' and '-', at most 32)"),
		sb_str(&sb));
	sb_free(&sb);
}

static bool
login_ok(const char *s)
{
	struct sb why = SB_INIT;

	if (people_login_ok(s))
		return true;
	login_problem(&why, s);
	error("%s", sb_str(&why));
	sb_free(&why);
	return false;
}

/* What is wrong with a name, in words; NULL when nothing is. */
static const char *
name_problem(const char *s)
{
	switch (people_text_check(s, PEOPLE_NAME_MAX)) {
	case PEOPLE_TEXT_OK:
		return NULL;
	case PEOPLE_TEXT_CONTROL:
		return _("a name cannot hold control characters");
	default:
		return _("a name is 1 to 64 characters of UTF-8");
	}
}

static bool
name_ok(const char *s)
{
	const char *why = name_problem(s);

	if (why)
		error("%s", why);
	return why == NULL;
}

/* Appends why a day cannot be taken: a hire date, or a leaving day;
 * other is the day it must not pass (the day they left, or were hired). */
static void
day_problem(struct sb *why, enum people_day d, const char *other)
{
	switch (d) {
	case PEOPLE_DAY_OK:
		break;
	case PEOPLE_DAY_BAD:
		sb_adds(why, _("is not a date: write it as YYYY-MM-DD, such as 2026-11-03"));
		break;
	case PEOPLE_DAY_FUTURE:
		if (other)
			sb_adds(why, _("is still to come"));
		else
			sb_addf(why, _("is more than %d days ahead"), PEOPLE_HIRE_AHEAD);
		break;
	case PEOPLE_DAY_BEFORE_HIRED:
		sb_addf(why, _("is before the hire date, %s"), other);
		break;
	case PEOPLE_DAY_AFTER_LEFT:
		sb_addf(why, _("is after the day they left, %s"), other);
		break;
	}
}

/* A hire date as people add and edit take it (left: the day the person
 * left, or NULL), written YYYY-MM-DD into day; else says why. */
static bool
hired_ok(const struct kefu *k, const char *s, const char *left, char day[11])
{
	struct sb why = SB_INIT, text = SB_INIT;
	enum people_day d;
	long n, l;

	if (left == NULL || !date_parse(left, &l))
		l = -1;
	if ((d = people_hired_check(s, k->today, l, &n)) == PEOPLE_DAY_OK) {
		date_format(n, day);
		return true;
	}
	day_problem(&why, d, left);
	text_inert(&text, s, false);
	error(_("hire date '%s' %s"), sb_str(&text), sb_str(&why));
	sb_free(&why);
	sb_free(&text);
	return false;
}

/* Someone to add, or to bring back, as people add and people import
 * take them: checked. */
struct newcomer {
	const char *login;
	const char *role;		/* as stored */
	const char *name;		/* NULL: none given */
	const char *hired;		/* YYYY-MM-DD; NULL: none given (today) */
	const struct curriculum *cu;	/* a trainee's; NULL for anyone else */
	const char *source;		/* for the event log: FILE:LINE, or NULL */
};

/* Adds n, or brings back was (someone who left) keeping their records,
 * within the caller's transaction and on the event log. A trainee is
 * enrolled from the hire date (today when none is given); someone who
 * comes back starts the plan again from then. 0, or -1 after an error. */
static int
newcomer_put(struct kefu *k, const struct newcomer *n, const struct person *was)
{
	struct store *st = kefu_store(k);
	struct sb detail = SB_INIT;
	char today[11];
	const char *from = n->hired ? n->hired : date_format(k->today, today);
	int64_t id;
	int rc = -1;

	if (was) {
		id = was->id;
		if (store_person_update(st, id, n->name, n->hired) != 0 ||
		    store_person_role(st, id, n->role) != 0 ||
		    store_person_active(st, id, true) != 0)
			goto out;
	} else if ((id = store_person_add(st, n->login, n->name, n->role, from, k->now)) < 0)
		goto out;
	sb_adds(&detail, n->role);
	if (n->source)
		sb_addf(&detail, " (%s)", n->source);
	if (store_event(st, k->me.id, was ? "person-return" : "person-add", id, sb_str(&detail),
			k->now) != 0)
		goto out;
	if (n->cu && (store_enroll(st, id, n->cu->id, from, k->now) < 0 ||
		      (was && store_enroll_start(st, id, n->cu->id, from) != 0) ||
		      store_event(st, k->me.id, "enroll", id, n->cu->id, k->now) != 0))
		goto out;
	rc = 0;
out:
	sb_free(&detail);
	return rc;
}

static int
people_add(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *role = NULL, *name = NULL, *hired = NULL, *cur = NULL;
	const struct cmd_opt opts[] = {
		{ "--role", &role, NULL }, { "--name", &name, NULL },
		{ "--hired", &hired, NULL }, { "--curriculum", &cur, NULL },
		{ NULL, NULL, NULL }
	};
	struct store *st = kefu_store(k);
	struct newcomer n = { NULL, NULL, NULL, NULL, NULL, NULL };
	struct person p;
	struct sb who = SB_INIT;
	char *pos[1], day[11], today[11];
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0)
		return rc;
	if (npos != 1 || role == NULL) {
		error(_("'people add' needs a login and --role"));
		return cmd_usage(c);
	}
	n.login = pos[0];
	n.name = name;
	if (!login_ok(pos[0]) || (n.role = role_ok(role)) == NULL || (name && !name_ok(name)))
		return 1;
	if (hired && !hired_ok(k, hired, NULL, day))
		return 1;
	n.hired = hired ? day : NULL;
	if (strcmp(n.role, "trainee") == 0 && (n.cu = kefu_pick_curriculum(k, cur)) == NULL)
		return 1;
	text_inert(&who, pos[0], false);
	if (store_begin(st) != 0)
		return 1;
	rc = store_person_by_login(st, pos[0], &p);
	if (rc > 0 && p.active) {
		store_rollback(st);
		error(_("'%s' is already in this database, as a %s"), sb_str(&who),
		      kefu_role_name(p.role));
		person_clear(&p);
		sb_free(&who);
		return 1;
	}
	if (rc < 0 || newcomer_put(k, &n, rc > 0 ? &p : NULL) != 0 || store_commit(st) != 0) {
		store_rollback(st);
		person_clear(&p);
		sb_free(&who);
		return 1;
	}
	printf(rc > 0 ? _("'%s' is back, as a %s; their records are kept.\n") :
	       _("Added '%s' as a %s.\n"), sb_str(&who), kefu_role_name(n.role));
	if (n.cu) {
		struct sb t = SB_INIT;

		text_inert(&t, n.cu->title, false);
		printf(_("Enrolled in %s from %s.\n"), sb_str(&t),
		       n.hired ? n.hired : date_format(k->today, today));
		sb_free(&t);
	}
	if (getpwnam(pos[0]) == NULL)
		printf(_("Note: this machine has no account '%s' yet; kefu knows people by their login.\n"),
		       sb_str(&who));
	person_clear(&p);
	sb_free(&who);
	return 0;
}

/* ---- import ---- */

/* The columns of a people file, each named in English or as a shop's
 * HR sheet names it. */
enum field { F_LOGIN, F_NAME, F_ROLE, F_HIRED, F_CURRICULUM, F_COUNT };
static const char *const login_heads[] = { "login", "登录名", "账号", "帐号", NULL };
static const char *const name_heads[] = { "name", "姓名", "名字", NULL };
static const char *const role_heads[] = { "role", "角色", NULL };
static const char *const hired_heads[] = { "hired", "hire date", "入职日期", "入职时间", NULL };
static const char *const curriculum_heads[] = { "curriculum", "课程", "培训课程", NULL };
static const char *const *const heads[F_COUNT] = {
	login_heads, name_heads, role_heads, hired_heads, curriculum_heads
};
#define NO_COLUMN ((size_t)-1)

/* A line of the file, checked, waiting for the commit. */
struct arrival {
	char *login, *name, *hired;	/* name, hired: NULL when not given */
	const char *role;
	const struct curriculum *cu;
	unsigned line;
	enum { ARRIVAL_NEW, ARRIVAL_BACK, ARRIVAL_SAME } what;
	struct person was;		/* ARRIVAL_BACK: as they left */
};

struct people_import {
	struct kefu *k;
	struct sb file;			/* its name as given, made inert */
	struct csv_sheet sheet;
	size_t col[F_COUNT];		/* NO_COLUMN: none */
	struct arrival *v;
	size_t n, cap;
	/* each login of the file, good line or bad, to the line it is on
	 * (as a pointer): a second is an error. The keys are in logins. */
	struct strmap seen;
	char **logins;
	size_t nlogins, caplogins;
	unsigned errors;
	bool bad_header;
};

static void at_error(struct people_import *, unsigned, unsigned, const char *, ...)
	PRINTF(4, 5);

/* An error at FILE:LINE:COLUMN. */
static void
at_error(struct people_import *im, unsigned line, unsigned col, const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	im->errors++;
	fprintf(stderr, "kefu: %s:%u:%u: %s\n", sb_str(&im->file), line, col, sb_str(&sb));
	sb_free(&sb);
}

/* Where field i of a record starts; past its last field, where that one
 * ends. */
static void
place(const struct csv_record *r, size_t i, unsigned *line, unsigned *col)
{
	if (i < r->n) {
		*line = r->lines[i];
		*col = r->cols[i];
	} else if (r->n > 0) {
		*line = r->lines[r->n - 1];
		*col = r->cols[r->n - 1] + (unsigned)text_chars(r->fields[r->n - 1]);
	} else {
		*line = r->line;
		*col = 1;
	}
}

static void cell_error(struct people_import *, const struct csv_record *, size_t,
		       const char *, ...) PRINTF(4, 5);

/* An error in field i of record r, or at its first field when the file
 * has no such column. */
static void
cell_error(struct people_import *im, const struct csv_record *r, size_t i,
	   const char *fmt, ...)
{
	struct sb sb = SB_INIT;
	unsigned line, col;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	place(r, i == NO_COLUMN ? 0 : i, &line, &col);
	at_error(im, line, col, "%s", sb_str(&sb));
	sb_free(&sb);
}

/* The header: which column holds what. */
static void
read_heads(struct people_import *im, const struct csv_record *r)
{
	struct sb extra = SB_INIT;
	size_t i, f;

	for (f = 0; f < F_COUNT; f++)
		im->col[f] = NO_COLUMN;
	for (i = 0; i < r->n; i++) {
		if (r->fields[i][0] == '\0')
			continue;	/* an empty heading: a column to ignore */
		for (f = 0; f < F_COUNT; f++)
			if (csv_heading_any(r->fields[i], heads[f]))
				break;
		if (f == F_COUNT) {
			if (extra.len)
				sb_adds(&extra, ", ");
			text_inert(&extra, r->fields[i], false);
			sb_addf(&extra, " (%zu)", i + 1);
		} else if (im->col[f] != NO_COLUMN) {
			cell_error(im, r, i, _("columns %zu and %zu are both '%s'"), im->col[f] + 1,
				   i + 1, heads[f][0]);
			im->bad_header = true;
		} else
			im->col[f] = i;
	}
	if (r->n == 1 && strpbrk(r->fields[0], ";\t")) {
		cell_error(im, r, 0,
			   _("the fields are separated by '%s', not commas: save the sheet as CSV (comma delimited)"),
			   strchr(r->fields[0], ';') ? ";" : "\\t");
		im->bad_header = true;
	} else {
		if (im->col[F_LOGIN] == NO_COLUMN) {
			cell_error(im, r, 0, _("no login column: name one login, 登录名 or 账号"));
			im->bad_header = true;
		}
		if (im->col[F_ROLE] == NO_COLUMN) {
			cell_error(im, r, 0, _("no role column: name one role or 角色"));
			im->bad_header = true;
		}
	}
	if (extra.len && !im->bad_header)
		fprintf(stderr, _("kefu: %s:%u: note: columns left out: %s\n"), sb_str(&im->file),
			r->line, sb_str(&extra));
	sb_free(&extra);
}

/* The cell of field f in r, trimmed ("" when the file has no such
 * column); the caller frees it. */
static char *
cell_of(const struct people_import *im, const struct csv_record *r, enum field f)
{
	size_t i = im->col[f];

	return csv_cell(i != NO_COLUMN && i < r->n ? r->fields[i] : "");
}

/* The curriculum a trainee's line names, by id or title; the only one
 * when the line names none. NULL after saying why. */
static const struct curriculum *
curriculum_of(struct people_import *im, const struct csv_record *r, const char *id)
{
	const struct content *c = kefu_content(im->k);
	size_t i = im->col[F_CURRICULUM], j, n;
	struct sb sb = SB_INIT;
	const char **ids, *sug;

	if (*id == '\0' && c->ncurricula == 1)
		return c->curricula[0];
	for (j = 0; *id && j < c->ncurricula; j++)
		if (strcmp(c->curricula[j]->id, id) == 0 ||
		    (c->curricula[j]->title && csv_heading_is(id, c->curricula[j]->title)))
			return c->curricula[j];
	n = content_ids(c, KIND_CURRICULUM, &ids);
	if (*id == '\0')
		cell_error(im, r, i,
			   _("no curriculum: the content has %zu, so a trainee's line names one in a curriculum (课程) column"),
			   n);
	else {
		text_inert(&sb, id, false);
		if ((sug = text_suggest(id, ids, n)) != NULL)
			cell_error(im, r, i, _("no curriculum '%s' (did you mean '%s'?)"), sb_str(&sb),
				   sug);
		else
			cell_error(im, r, i, _("no curriculum '%s'; 'kefu list curricula' shows them"),
				   sb_str(&sb));
	}
	free(ids);
	sb_free(&sb);
	return NULL;
}

/* For someone already here and active: the line must say what the
 * record says. True when it does; else names each difference and the
 * command that would make it. */
static bool
same_as_here(struct people_import *im, const struct csv_record *r, const struct arrival *a,
	     const struct person *p, const char *cur)
{
	struct store *st = kefu_store(im->k);
	struct sb who = SB_INIT, was = SB_INIT, now = SB_INIT;
	struct enrollment e;
	unsigned before = im->errors;
	long d1, d2;
	int rc;

	text_inert(&who, p->login, false);
	if (strcmp(p->role, a->role) != 0)
		cell_error(im, r, im->col[F_ROLE],
			   _("'%s' is here as a %s, not a %s: 'kefu people role %s %s' changes that"),
			   sb_str(&who), kefu_role_name(p->role), kefu_role_name(a->role),
			   sb_str(&who), a->role);
	if (a->name && (p->name == NULL || strcmp(p->name, a->name) != 0)) {
		text_inert(&was, p->name ? p->name : "-", false);
		text_inert(&now, a->name, false);
		cell_error(im, r, im->col[F_NAME],
			   _("'%s' is here as %s, not %s: 'kefu people edit %s --name NAME' changes that"),
			   sb_str(&who), sb_str(&was), sb_str(&now), sb_str(&who));
	}
	if (a->hired && (p->hired == NULL || !date_parse(p->hired, &d1) ||
			 !date_parse(a->hired, &d2) || d1 != d2))
		cell_error(im, r, im->col[F_HIRED],
			   _("'%s' was hired on %s, not %s: 'kefu people edit %s --hired DATE' changes that"),
			   sb_str(&who), p->hired ? p->hired : "-", a->hired, sb_str(&who));
	if (a->cu && *cur) {
		if ((rc = store_enrollment(st, p->id, &e)) < 0)
			im->errors++;
		else if (rc == 0 || strcmp(e.curriculum, a->cu->id) != 0)
			cell_error(im, r, im->col[F_CURRICULUM], _("'%s' is enrolled in %s, not %s"),
				   sb_str(&who), rc ? e.curriculum : "-", a->cu->id);
		if (rc > 0)
			enrollment_clear(&e);
	}
	sb_free(&who);
	sb_free(&was);
	sb_free(&now);
	return im->errors == before;
}

/* Checks one line: every bad cell is named; a good line waits in im->v. */
static int
check_line(struct people_import *im, const struct csv_record *r)
{
	struct arrival a;
	struct sb sb = SB_INIT;
	char *login = cell_of(im, r, F_LOGIN), *role = cell_of(im, r, F_ROLE);
	char *name = cell_of(im, r, F_NAME), *hired = cell_of(im, r, F_HIRED);
	char *cur = cell_of(im, r, F_CURRICULUM), day[11];
	unsigned before = im->errors;
	const char *why;
	enum people_day d;
	void *first;
	long n = 0;
	int rc = 0, found;

	memset(&a, 0, sizeof(a));
	a.line = r->line;
	if (*login == '\0')
		cell_error(im, r, im->col[F_LOGIN], _("no login"));
	else if (!people_login_ok(login)) {
		login_problem(&sb, login);
		cell_error(im, r, im->col[F_LOGIN], "%s", sb_str(&sb));
	} else if ((first = strmap_get(&im->seen, login)) != NULL)
		cell_error(im, r, im->col[F_LOGIN], _("'%s' is on line %u already"), login,
			   (unsigned)(uintptr_t)first);
	else {
		if (im->nlogins == im->caplogins) {
			im->caplogins = im->caplogins ? im->caplogins * 2 : 64;
			im->logins = xreallocarray(im->logins, im->caplogins, sizeof(*im->logins));
		}
		im->logins[im->nlogins] = xstrdup(login);
		strmap_put(&im->seen, im->logins[im->nlogins++], (void *)(uintptr_t)r->line);
	}
	sb_reset(&sb);
	if (*role == '\0')
		cell_error(im, r, im->col[F_ROLE], _("no role: a role is trainee, trainer or manager"));
	else if ((a.role = people_role_of(role)) == NULL) {
		text_inert(&sb, role, false);
		cell_error(im, r, im->col[F_ROLE],
			   _("no role '%s': a role is trainee (新人), trainer (培训师) or manager (主管)"),
			   sb_str(&sb));
	}
	if (*name && (why = name_problem(name)) != NULL)
		cell_error(im, r, im->col[F_NAME], "%s", why);
	if (*hired && (d = people_hired_check(hired, im->k->today, -1, &n)) != PEOPLE_DAY_OK) {
		struct sb text = SB_INIT;

		sb_reset(&sb);
		day_problem(&sb, d, NULL);
		text_inert(&text, hired, false);
		cell_error(im, r, im->col[F_HIRED], _("hire date '%s' %s"), sb_str(&text),
			   sb_str(&sb));
		sb_free(&text);
	}
	if (a.role && strcmp(a.role, "trainee") == 0)
		a.cu = curriculum_of(im, r, cur);
	if (im->errors > before)
		goto out;
	a.login = login, login = NULL;
	if (*name)
		a.name = name, name = NULL;
	if (*hired)
		a.hired = xstrdup(date_format(n, day));
	found = store_person_by_login(kefu_store(im->k), a.login, &a.was);
	if (found < 0) {
		rc = -2;
		goto bad;
	}
	if (found == 0)
		a.what = ARRIVAL_NEW;
	else if (!a.was.active)
		a.what = ARRIVAL_BACK;
	else if (same_as_here(im, r, &a, &a.was, cur))
		a.what = ARRIVAL_SAME;
	else
		goto bad;
	if (im->n == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 64;
		im->v = xreallocarray(im->v, im->cap, sizeof(*im->v));
	}
	im->v[im->n++] = a;
	goto out;
bad:
	free(a.login), free(a.name), free(a.hired);
	person_clear(&a.was);
out:
	free(login), free(role), free(name), free(hired), free(cur);
	sb_free(&sb);
	return rc;
}

static int
import_line(const struct csv_record *r, void *arg)
{
	struct people_import *im = arg;

	switch (csv_sheet_line(&im->sheet, r, login_heads)) {
	case CSV_SHEET_SKIP:
		return 0;
	case CSV_SHEET_HEADER:
		read_heads(im, r);
		return 0;
	case CSV_SHEET_WIDTH:
		if (!im->bad_header)
			cell_error(im, r, r->n < im->sheet.ncols ? r->n : im->sheet.ncols,
				   _("%zu fields where the header has %zu"), r->n, im->sheet.ncols);
		return 0;
	case CSV_SHEET_ROW:
		break;
	}
	return im->bad_header ? 0 : check_line(im, r);
}

static void
import_free(struct people_import *im)
{
	size_t i;

	for (i = 0; i < im->n; i++) {
		free(im->v[i].login), free(im->v[i].name), free(im->v[i].hired);
		person_clear(&im->v[i].was);
	}
	strmap_free(&im->seen);
	for (i = 0; i < im->nlogins; i++)
		free(im->logins[i]);
	free(im->logins);
	free(im->v);
	sb_free(&im->file);
}

/* Adds everyone the file names, or brings them back, as people add
 * would; all of it or, when any line is wrong, none. */
static int
people_import(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	struct store *st = kefu_store(k);
	struct people_import im;
	struct sb sb = SB_INIT, absent = SB_INIT;
	char *pos[1], *buf = NULL, *real = NULL;
	const char *why, *where;
	unsigned line = 0, col = 0, count[3] = { 0, 0, 0 }, nabsent = 0;
	size_t len, i;
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, NULL, pos, 1, &npos)) != 0)
		return rc;
	if (npos != 1)
		return cmd_usage(c);
	memset(&im, 0, sizeof(im));
	im.k = k;
	text_inert(&im.file, pos[0], false);
	kefu_content(k);	/* before the transaction: it may take a while */
	if (kefu_read_csv(pos[0], &buf, &len, &real) != 0)
		return 1;
	where = real ? real : pos[0];
	/* what the lines are checked against is what they are written to */
	rc = 1;
	if (store_begin(st) != 0)
		goto out;
	switch (csv_parse(buf, len, import_line, &im, &line, &col, &why)) {
	case -1:
		at_error(&im, line, col, "%s", why);
		break;
	case -2:
		im.errors++;	/* the store said why */
		break;
	default:
		if (!im.sheet.header_done)
			at_error(&im, 1, 1, _("the file has no header line naming its columns"));
	}
	if (im.errors) {
		store_rollback(st);
		error(P_("'%s' has %u error; nothing was imported",
			 "'%s' has %u errors; nothing was imported", im.errors),
		      sb_str(&im.file), im.errors);
		goto out;
	}
	for (i = 0; i < im.n; i++) {
		struct arrival *a = &im.v[i];
		struct newcomer n = { a->login, a->role, a->name, a->hired, a->cu, NULL };
		char *source;

		count[a->what]++;
		if (a->what == ARRIVAL_SAME)
			continue;
		source = xasprintf("%s:%u", where, a->line);
		n.source = source;
		rc = newcomer_put(k, &n, a->what == ARRIVAL_BACK ? &a->was : NULL);
		free(source);
		if (rc != 0)
			goto fail;
		/* ten named are enough to see what is wrong */
		if (getpwnam(a->login) == NULL && nabsent++ < 10) {
			if (absent.len)
				sb_adds(&absent, ", ");
			sb_adds(&absent, a->login);
		}
	}
	sb_addf(&sb, "%s: %u added, %u back, %u unchanged", where, count[ARRIVAL_NEW],
		count[ARRIVAL_BACK], count[ARRIVAL_SAME]);
	if (store_event(st, k->me.id, "people-import", 0, sb_str(&sb), k->now) != 0 ||
	    store_commit(st) != 0)
		goto fail;
	/* TRANSLATORS: "people.csv: 3 added, 1 came back, 2 unchanged." */
	printf(_("%s: %u added, %u came back, %u unchanged.\n"), sb_str(&im.file),
	       count[ARRIVAL_NEW], count[ARRIVAL_BACK], count[ARRIVAL_SAME]);
	if (nabsent > 10)
		sb_addf(&absent, P_(" and %u more", " and %u more", nabsent - 10), nabsent - 10);
	if (nabsent)
		printf(_("Note: this machine has no account for %s yet; kefu knows people by their login.\n"),
		       sb_str(&absent));
	rc = 0;
	goto out;
fail:
	rc = 1;
	store_rollback(st);
out:
	import_free(&im);
	sb_free(&sb);
	sb_free(&absent);
	free(buf);
	free(real);
	return rc;
}

/* ---- list ---- */

static const struct column people_cols[] = {
	{ "login", N_("Login") }, { "name", N_("Name") }, { "role", N_("Role") },
	{ "hired", N_("Hired") }, { "curriculum", N_("Curriculum") },
	{ "status", N_("Status") },
	/* only for those who left (a text table: with --all) */
	{ "left", N_("Left") }, { "left_reason", N_("Reason") },
};

static void
people_row(const struct roster_entry *r, void *arg)
{
	struct table *t = arg;

	table_text(t, r->login);
	table_text(t, r->name);
	table_word(t, kefu_role_word(r->role));
	table_text(t, r->hired);
	table_text(t, r->curriculum);
	table_word(t, r->active ? N_("active") : N_("left"));
	if (t->ncols > 6) {
		table_text(t, r->left);
		table_text(t, r->left_reason);
	}
}

static int
people_list(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *format = NULL;
	bool all = false;
	const struct cmd_opt opts[] = {
		{ "--all", NULL, &all }, { "--format", &format, NULL },
		{ NULL, NULL, NULL }
	};
	enum table_format f;
	struct table t;
	char *pos[1];
	int npos, rc;

	if (!kefu_may(k, "trainer", _("list people")))
		return 1;
	if ((rc = cmd_parse(c, argc, argv, opts, pos, 0, &npos)) != 0)
		return rc;
	if ((rc = cmd_format(format, &f)) != 0)
		return rc;
	/* CSV and JSON keep their keys; a table shows leaving with --all */
	table_init(&t, "people", people_cols,
		   f == TABLE_TEXT && !all ? ARRAY_SIZE(people_cols) - 2 : ARRAY_SIZE(people_cols));
	if (store_people(kefu_store(k), all, people_row, &t) != 0) {
		table_free(&t);
		return 1;
	}
	table_print(stdout, &t, f, false);
	table_free(&t);
	return 0;
}

/* ---- edit ---- */

/* Says how a plan's due dates move when its start does. */
static void
say_dues(struct kefu *k, const struct curriculum *cu, int64_t enrollment_id, long from,
	 long to)
{
	long *was = xcalloc(cu->nstages, sizeof(*was)), *now = xcalloc(cu->nstages, sizeof(*now));
	char a[11], b[11];
	size_t i;

	kefu_dues(k, cu, enrollment_id, from, was);
	kefu_dues(k, cu, enrollment_id, to, now);
	for (i = 0; i < cu->nstages; i++) {
		struct sb title = SB_INIT;

		text_inert(&title, cu->stages[i].title ? cu->stages[i].title : cu->stages[i].id,
			   false);
		if (was[i] >= 0 && was[i] != now[i])
			printf(_("  stage %zu %s: due %s, was %s\n"), i + 1, sb_str(&title),
			       date_format(now[i], a), date_format(was[i], b));
		else if (was[i] >= 0 && from != to)
			printf(_("  stage %zu %s: due %s still (an extension holds it)\n"), i + 1,
			       sb_str(&title), date_format(now[i], a));
		sb_free(&title);
	}
	free(was);
	free(now);
}

static int
people_edit(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *name = NULL, *hired = NULL;
	const struct cmd_opt opts[] = {
		{ "--name", &name, NULL }, { "--hired", &hired, NULL }, { NULL, NULL, NULL }
	};
	struct store *st = kefu_store(k);
	const struct curriculum *cu = NULL;
	struct person p;
	struct enrollment e;
	struct sb who = SB_INIT, detail = SB_INIT, t = SB_INIT;
	char *pos[1], day[11];
	bool new_name, new_hired, move = false;
	long from = 0, to = 0;
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0)
		return rc;
	if (npos != 1 || (name == NULL && hired == NULL)) {
		error(_("'people edit' needs a login and --name or --hired"));
		return cmd_usage(c);
	}
	if (name && !name_ok(name))
		return 1;
	if (kefu_person(k, pos[0], &p) != 1)
		return 1;
	memset(&e, 0, sizeof(e));
	rc = 1;
	if (hired && !hired_ok(k, hired, p.left, day))
		goto out;
	text_inert(&who, p.login, false);
	if (store_begin(st) != 0)
		goto out;
	new_name = name && (p.name == NULL || strcmp(p.name, name) != 0);
	new_hired = hired && (p.hired == NULL || strcmp(p.hired, day) != 0);
	if (!new_name && !new_hired) {
		store_rollback(st);
		printf(_("'%s' has that name and hire date already: nothing changed.\n"),
		       sb_str(&who));
		rc = 0;
		goto out;
	}
	if (new_name)
		sb_addf(&detail, "name: %s -> %s", p.name ? p.name : "-", name);
	if (new_hired) {
		sb_addf(&detail, "%shired: %s -> %s", detail.len ? "; " : "",
			p.hired ? p.hired : "-", day);
		/* a plan that started on the hire date starts on the new one */
		if ((rc = store_enrollment(st, p.id, &e)) < 0)
			goto fail;
		move = rc > 0 && p.hired && strcmp(e.started, p.hired) == 0 &&
		       date_parse(e.started, &from) && date_parse(day, &to);
		if (move) {
			sb_addf(&detail, "; %s starts: %s -> %s", e.curriculum, e.started, day);
			if (store_enroll_start(st, p.id, e.curriculum, day) != 0)
				goto fail;
		}
	}
	if (store_person_update(st, p.id, new_name ? name : NULL, new_hired ? day : NULL) != 0 ||
	    store_event(st, k->me.id, "person-edit", p.id, sb_str(&detail), k->now) != 0 ||
	    store_commit(st) != 0)
		goto fail;
	if (new_name) {
		struct sb was = SB_INIT;

		text_inert(&t, name, false);
		text_inert(&was, p.name ? p.name : "-", false);
		printf(_("'%s' is now named %s (was %s).\n"), sb_str(&who), sb_str(&t),
		       sb_str(&was));
		sb_free(&was);
	}
	if (new_hired)
		printf(_("'%s' was hired on %s (was %s).\n"), sb_str(&who), day,
		       p.hired ? p.hired : "-");
	if (e.id) {
		cu = content_curriculum(kefu_content(k), e.curriculum);
		sb_reset(&t);
		text_inert(&t, cu && cu->title ? cu->title : e.curriculum, false);
	}
	if (move) {
		printf(_("Their plan in %s starts on %s now, not %s:\n"), sb_str(&t), day,
		       e.started);
		if (cu)
			say_dues(k, cu, e.id, from, to);
	} else if (new_hired && e.id)
		printf(_("Their plan in %s still starts on %s, which was not their hire date.\n"),
		       sb_str(&t), e.started);
	rc = 0;
	goto out;
fail:
	rc = 1;
	store_rollback(st);
out:
	person_clear(&p);
	enrollment_clear(&e);
	sb_free(&who);
	sb_free(&detail);
	sb_free(&t);
	return rc;
}

/* ---- role and leave ---- */

struct managers {
	int active;
};

static void
count_manager(const struct person *p, void *arg)
{
	(void)p;
	((struct managers *)arg)->active++;
}

/* Inside a transaction: false, having said so, when p is the last
 * active manager and is about to stop being one. */
static bool
not_last_manager(struct kefu *k, const struct person *p)
{
	struct managers m = { 0 };
	struct sb who = SB_INIT;

	if (store_managers(kefu_store(k), count_manager, &m) != 0)
		return false;
	if (strcmp(p->role, "manager") != 0 || !p->active || m.active > 1)
		return true;
	text_inert(&who, p->login, false);
	error(_("'%s' is the last manager; make someone else a manager first"), sb_str(&who));
	sb_free(&who);
	return false;
}

static int
people_role(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	struct store *st = kefu_store(k);
	struct person p;
	struct sb who = SB_INIT, detail = SB_INIT;
	const char *role;
	char *pos[2];
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, NULL, pos, 2, &npos)) != 0)
		return rc;
	if (npos != 2)
		return cmd_usage(c);
	if ((role = role_ok(pos[1])) == NULL || kefu_person(k, pos[0], &p) != 1)
		return 1;
	text_inert(&who, p.login, false);
	sb_addf(&detail, "%s -> %s", p.role, role);
	rc = store_begin(st) != 0 ||
	     (strcmp(role, "manager") != 0 && !not_last_manager(k, &p)) ||
	     store_person_role(st, p.id, role) != 0 ||
	     store_event(st, k->me.id, "role", p.id, sb_str(&detail), k->now) != 0 ||
	     store_commit(st) != 0;
	if (rc)
		store_rollback(st);
	else
		printf(_("'%s' is now a %s (was a %s).\n"), sb_str(&who), kefu_role_name(role),
		       kefu_role_name(p.role));
	person_clear(&p);
	sb_free(&who);
	sb_free(&detail);
	return rc;
}

static int
people_leave(struct kefu *k, const struct cmd *c, int argc, char **argv)
{
	const char *date = NULL, *reason = NULL;
	const struct cmd_opt opts[] = {
		{ "--date", &date, NULL }, { "--reason", &reason, NULL }, { NULL, NULL, NULL }
	};
	struct store *st = kefu_store(k);
	struct person p;
	struct sb who = SB_INIT, detail = SB_INIT, why = SB_INIT;
	enum people_day d;
	char *pos[1], day[11];
	long n = k->today, hired;
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0)
		return rc;
	if (npos != 1)
		return cmd_usage(c);
	if (reason) {
		switch (people_text_check(reason, PEOPLE_REASON_MAX)) {
		case PEOPLE_TEXT_OK:
			break;
		case PEOPLE_TEXT_EMPTY:
			error(_("--reason is empty: say why, or leave it out"));
			return 1;
		case PEOPLE_TEXT_CONTROL:
			error(_("a reason cannot hold control characters"));
			return 1;
		default:
			error(_("a reason is 1 to %d characters of UTF-8"), PEOPLE_REASON_MAX);
			return 1;
		}
	}
	if (kefu_person(k, pos[0], &p) != 1)
		return 1;
	text_inert(&who, p.login, false);
	rc = 1;
	if (p.hired == NULL || !date_parse(p.hired, &hired))
		hired = -1;
	if (date && (d = people_left_check(date, k->today, hired, &n)) != PEOPLE_DAY_OK) {
		struct sb text = SB_INIT;

		day_problem(&why, d, p.hired);
		text_inert(&text, date, false);
		error(_("leaving day '%s' %s"), sb_str(&text), sb_str(&why));
		sb_free(&text);
		goto out;
	}
	if (!date && hired > n) {
		error(_("'%s' is to be hired on %s: leaving today is before that; give --date, or change the hire date with 'kefu people edit'"),
		      sb_str(&who), p.hired);
		goto out;
	}
	date_format(n, day);
	if (!p.active) {
		printf(_("'%s' has already left.\n"), sb_str(&who));
		rc = 0;
		goto out;
	}
	sb_adds(&detail, day);
	if (reason)
		sb_addf(&detail, ": %s", reason);
	if (store_begin(st) != 0 || !not_last_manager(k, &p) ||
	    store_person_leave(st, p.id, day, reason) != 0 ||
	    store_event(st, k->me.id, "person-leave", p.id, sb_str(&detail), k->now) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		goto out;
	}
	printf(_("'%s' left on %s: hidden from lists and reports, records kept.\n"),
	       sb_str(&who), day);
	rc = 0;
out:
	person_clear(&p);
	sb_free(&who);
	sb_free(&detail);
	sb_free(&why);
	return rc;
}

int
cmd_people(struct kefu *k, int argc, char **argv)
{
	static const char *const subs[] = { "add", "import", "list", "edit", "role", "leave" };
	const struct cmd *c = cmd_find("people");
	const char *sub = argc > 1 ? argv[1] : "list";
	size_t i;

	if (strcmp(sub, "list") == 0)
		return people_list(k, c, argc > 1 ? argc - 1 : argc, argc > 1 ? argv + 1 : argv);
	if (!kefu_may(k, "manager", _("change people")))
		return 1;
	for (i = 0; i < ARRAY_SIZE(subs); i++)
		if (strcmp(sub, subs[i]) == 0)
			break;
	switch (i) {
	case 0:
		return people_add(k, c, argc - 1, argv + 1);
	case 1:
		return people_import(k, c, argc - 1, argv + 1);
	case 3:
		return people_edit(k, c, argc - 1, argv + 1);
	case 4:
		return people_role(k, c, argc - 1, argv + 1);
	case 5:
		return people_leave(k, c, argc - 1, argv + 1);
	default:
		kefu_unknown(_("'people' subcommand"), "", sub, subs, ARRAY_SIZE(subs),
			     _("it is add, import, list, edit, role or leave"));
		return 2;
	}
}

static const char *const people_words[] = {
	"add", "import", "list", "edit", "role", "leave", "--role", "--name", "--hired",
	"--curriculum", "--all", "--format", "--date", "--reason", "trainee", "trainer",
	"manager", NULL
};

/* The command as `kefu help` and the prompt know it. */
const struct cmd cmd_people_entry = {
	.name = "people",
	.usage = "add LOGIN --role ROLE [--name NAME] [--hired DATE] [--curriculum ID] | import FILE.csv | list [--all] [--format F] | edit LOGIN [--name NAME] [--hired DATE] | role LOGIN ROLE | leave LOGIN [--date DATE] [--reason TEXT]",
	.summary = N_("who uses this database, and in which role (managers)"),
	.help = N_("Everyone is known by their login on this machine and has a role:\n"
		"trainee, trainer or manager (a manager may do all a trainer does).\n"
		"Only managers change people; trainers may list them.\n"
		"\n"
		"  add LOGIN --role ROLE   add someone; a trainee is enrolled in the\n"
		"      curriculum (the only one, or --curriculum ID) from the hire\n"
		"      date (--hired YYYY-MM-DD, default today; at most 31 days\n"
		"      ahead). --name gives the name shown in reports (张三). Adding\n"
		"      someone who left brings them back with their records.\n"
		"  import FILE.csv         add everyone a CSV file lists, as add\n"
		"      would: columns login, role, name, hired, curriculum (or\n"
		"      登录名/账号, 角色, 姓名, 入职日期, 课程; roles also 新人,\n"
		"      培训师, 主管; dates also 2026/11/3 and 2026年11月3日).\n"
		"      Someone here already with the same details is left as is.\n"
		"      Every wrong cell is named FILE:LINE:COLUMN, and then nothing\n"
		"      is imported.\n"
		"  list [--all]            active people (--all: those who left too,\n"
		"      with the day and why); --format table, csv or json\n"
		"  edit LOGIN [--name NAME] [--hired DATE]\n"
		"      correct a name or hire date; a plan that started on the old\n"
		"      hire date starts on the new one, and its due dates move\n"
		"  role LOGIN ROLE         change someone's role\n"
		"  leave LOGIN [--date DATE] [--reason TEXT]\n"
		"      someone has left (on DATE, default today; not before they\n"
		"      were hired): hidden from lists and reports, their records kept\n"
		"\n"
		"Every change is logged. The last manager cannot leave or step down.\n"),
	.arg = ARG_PERSON,
	.words = people_words,
	.fn = cmd_people,
};
