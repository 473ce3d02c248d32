/* cmd-people.c: `kefu people add|list|role|leave`: who uses this
 * database and in which role. Only managers change people. */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "table.h"
#include "text.h"

static const char *const roles[] = { "trainee", "trainer", "manager" };

static bool
role_ok(const char *role)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(roles); i++)
		if (strcmp(role, roles[i]) == 0)
			return true;
	kefu_unknown(_("role"), "", role, roles, ARRAY_SIZE(roles),
		     _("a role is trainee, trainer or manager"));
	return false;
}

/* A login as the system writes them: letters, digits, . _ - and a
 * trailing $, up to 32 bytes, not starting with '-'. */
static bool
login_ok(const char *s)
{
	size_t n = strlen(s), i;
	struct sb sb = SB_INIT;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      (c == '-' && i > 0) || (c == '$' && i == n - 1 && i > 0)))
			break;
	}
	if (n > 0 && n <= 32 && i == n)
		return true;
	text_inert(&sb, s, false);
	error(_("'%s' is not a login name (letters, digits, '.', '_' and '-', at most 32)"),
	      sb_str(&sb));
	sb_free(&sb);
	return false;
}

static bool
name_ok(const char *s)
{
	size_t n = strlen(s), bad, i = 0;

	if (!text_valid(s, n, &bad) || text_chars(s) > 64 || n == 0) {
		error(_("a name is 1 to 64 characters of UTF-8"));
		return false;
	}
	while (i < n) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

		if (text_is_control(cp)) {
			error(_("a name cannot hold control characters"));
			return false;
		}
		i += k;
	}
	return true;
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
	const struct curriculum *cu = NULL;
	struct store *st = kefu_store(k);
	struct person p;
	struct sb who = SB_INIT;
	char *pos[1], today[11];
	int npos, rc;
	long day;
	int64_t id;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 1, &npos)) != 0)
		return rc;
	if (npos != 1 || role == NULL) {
		error(_("'people add' needs a login and --role"));
		return cmd_usage(c);
	}
	if (!login_ok(pos[0]) || !role_ok(role) || (name && !name_ok(name)))
		return 1;
	date_format(k->today, today);
	if (hired && !date_parse(hired, &day)) {
		error(_("--hired wants a date as YYYY-MM-DD, not '%s'"), hired);
		return 1;
	}
	if (strcmp(role, "trainee") == 0 && (cu = kefu_pick_curriculum(k, cur)) == NULL)
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
	if (rc > 0) {
		/* someone who left comes back: keep their records */
		id = p.id;
		if (store_person_update(st, id, name, hired) != 0 ||
		    store_person_role(st, id, role) != 0 ||
		    store_person_active(st, id, true) != 0)
			goto fail;
	} else if (rc == 0) {
		id = store_person_add(st, pos[0], name, role, hired ? hired : today, k->now);
		if (id < 0)
			goto fail;
	} else
		goto fail;
	if (store_event(st, k->me.id, rc > 0 ? "person-return" : "person-add", id, role,
			k->now) != 0)
		goto fail;
	/* someone who comes back starts the plan again from the new date */
	if (cu && (store_enroll(st, id, cu->id, hired ? hired : today, k->now) < 0 ||
		   (rc > 0 && store_enroll_start(st, id, cu->id, hired ? hired : today) != 0) ||
		   store_event(st, k->me.id, "enroll", id, cu->id, k->now) != 0))
		goto fail;
	if (store_commit(st) != 0)
		goto fail;
	printf(rc > 0 ? _("'%s' is back, as a %s; their records are kept.\n") :
	       _("Added '%s' as a %s.\n"), sb_str(&who), kefu_role_name(role));
	if (cu) {
		struct sb t = SB_INIT;

		text_inert(&t, cu->title, false);
		printf(_("Enrolled in %s from %s.\n"), sb_str(&t), hired ? hired : today);
		sb_free(&t);
	}
	if (getpwnam(pos[0]) == NULL)
		printf(_("Note: this machine has no account '%s' yet; kefu knows people by their login.\n"),
		       sb_str(&who));
	person_clear(&p);
	sb_free(&who);
	return 0;
fail:
	store_rollback(st);
	person_clear(&p);
	sb_free(&who);
	return 1;
}

static const struct column people_cols[] = {
	{ "login", N_("Login") }, { "name", N_("Name") }, { "role", N_("Role") },
	{ "hired", N_("Hired") }, { "curriculum", N_("Curriculum") },
	{ "status", N_("Status") },
};

static void
people_row(const struct store_row *r, void *arg)
{
	struct table *t = arg;

	table_text(t, store_col_text(r, 1));
	table_text(t, store_col_text(r, 2));
	table_word(t, kefu_role_word(store_col_text(r, 3)));
	table_text(t, store_col_text(r, 4));
	table_text(t, store_col_text(r, 7));
	table_word(t, store_col_int(r, 5) ? N_("active") : N_("left"));
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
	table_init(&t, "people", people_cols, ARRAY_SIZE(people_cols));
	if (store_people(kefu_store(k), all, people_row, &t) != 0) {
		table_free(&t);
		return 1;
	}
	table_print(stdout, &t, f, false);
	table_free(&t);
	return 0;
}

struct managers {
	int active;
};

static void
count_manager(const struct person *p, void *arg)
{
	(void)p;
	((struct managers *)arg)->active++;
}

/* Changes role or leaves; never takes away the last manager. */
static int
people_change(struct kefu *k, const struct cmd *c, int argc, char **argv,
	      bool leave)
{
	struct store *st = kefu_store(k);
	struct managers m = { 0 };
	struct person p;
	struct sb who = SB_INIT;
	char *pos[2];
	int npos, rc;

	if ((rc = cmd_parse(c, argc, argv, NULL, pos, 2, &npos)) != 0)
		return rc;
	if (npos != (leave ? 1 : 2))
		return cmd_usage(c);
	if (!leave && !role_ok(pos[1]))
		return 1;
	if (kefu_person(k, pos[0], &p) != 1)
		return 1;
	text_inert(&who, p.login, false);
	if (store_begin(st) != 0 || store_managers(st, count_manager, &m) != 0)
		goto fail;
	if (strcmp(p.role, "manager") == 0 && p.active && m.active <= 1 &&
	    (leave || strcmp(pos[1], "manager") != 0)) {
		error(_("'%s' is the last manager; make someone else a manager first"),
		      sb_str(&who));
		goto fail;
	}
	if (leave) {
		if (!p.active) {
			printf(_("'%s' has already left.\n"), sb_str(&who));
			store_rollback(st);
			goto out;
		}
		if (store_person_active(st, p.id, false) != 0 ||
		    store_event(st, k->me.id, "person-leave", p.id, NULL, k->now) != 0 ||
		    store_commit(st) != 0)
			goto fail;
		printf(_("'%s' has left: hidden from lists and reports, records kept.\n"),
		       sb_str(&who));
	} else {
		struct sb detail = SB_INIT;

		sb_addf(&detail, "%s -> %s", p.role, pos[1]);
		rc = store_person_role(st, p.id, pos[1]) != 0 ||
		    store_event(st, k->me.id, "role", p.id, sb_str(&detail), k->now) != 0 ||
		    store_commit(st) != 0;
		sb_free(&detail);
		if (rc)
			goto fail;
		printf(_("'%s' is now a %s (was a %s).\n"), sb_str(&who), kefu_role_name(pos[1]),
		       kefu_role_name(p.role));
	}
out:
	person_clear(&p);
	sb_free(&who);
	return 0;
fail:
	store_rollback(st);
	person_clear(&p);
	sb_free(&who);
	return 1;
}

int
cmd_people(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("people");
	const char *sub = argc > 1 ? argv[1] : "list";

	if (strcmp(sub, "list") == 0)
		return people_list(k, c, argc > 1 ? argc - 1 : argc, argc > 1 ? argv + 1 : argv);
	if (!kefu_may(k, "manager", _("change people")))
		return 1;
	if (strcmp(sub, "add") != 0 && strcmp(sub, "role") != 0 && strcmp(sub, "leave") != 0) {
		static const char *const subs[] = { "add", "list", "role", "leave" };

		kefu_unknown(_("'people' subcommand"), "", sub, subs, ARRAY_SIZE(subs),
			     _("it is add, list, role or leave"));
		return 2;
	}
	if (strcmp(sub, "add") == 0)
		return people_add(k, c, argc - 1, argv + 1);
	return people_change(k, c, argc - 1, argv + 1, strcmp(sub, "leave") == 0);
}
