/* cmd-db.c: `kefu db status`: which database kefu keeps its records in,
 * on which engine and schema, and how much is in it; `kefu db copy FROM
 * TO`: every record into another database, SQLite or PostgreSQL, checked
 * table by table. For those who look after the records. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kefu.h"
#include "text.h"

static int
db_status(struct kefu *k)
{
	struct store_status s;
	struct sb path = SB_INIT;

	if (store_status(kefu_store(k), &s) != 0)
		return 1;
	text_inert(&path, store_name(kefu_store(k)), false);
	printf(_("Database:  %s\n"), sb_str(&path));
	printf(_("Engine:    %s %s\n"), s.engine, s.version);
	if (s.schema == s.latest)
		printf(_("Schema:    version %d, as this kefu writes it\n"), s.schema);
	else
		printf(_("Schema:    version %d (this kefu writes %d)\n"), s.schema, s.latest);
	printf(_("People:    %ld (%ld trainees, %ld trainers, %ld managers); %ld who left\n"),
	       s.people, s.trainees, s.trainers, s.managers, s.left);
	printf(_("Answers:   %ld, in %ld quiz attempts\n"), s.answers, s.attempts);
	printf(_("Drills:    %ld runs\n"), s.drills);
	printf(_("Chats:     %ld runs\n"), s.chats);
	printf(_("Events:    %ld on the log\n"), s.events);
	sb_free(&path);
	return 0;
}

/* Whether whoever runs kefu manages the database st (or is root): a copy
 * holds every record, answer keys of graded exams and KPIs included. */
static bool
may_copy(struct store *st, const char *name)
{
	struct passwd *pw = getpwuid(getuid());
	struct person p;
	bool ok;
	int rc;

	if (getuid() == 0)
		return true;
	if (pw == NULL)
		return false;
	rc = store_person_by_login(st, pw->pw_name, &p);
	ok = rc == 1 && p.active && strcmp(p.role, "manager") == 0;
	if (rc == 1)
		person_clear(&p);
	if (!ok && rc >= 0) {
		struct sb sb = SB_INIT;

		text_inert(&sb, name, false);
		error(_("only a manager of '%s' may copy its records"), sb_str(&sb));
		sb_free(&sb);
	}
	return ok;
}

static int
db_copy(const char *from_name, const char *to_name)
{
	struct store *from, *to;
	struct copy_report rep;
	struct sb a = SB_INIT, b = SB_INIT;
	long rows = 0;
	size_t i;
	int rc;

	if (strcmp(from_name, to_name) == 0) {
		error(_("a database cannot be copied into itself"));
		return 2;
	}
	/* opening a file that is not there would make an empty database */
	if (!store_is_remote(from_name) && access(from_name, F_OK) != 0) {
		struct sb sb = SB_INIT;

		text_inert(&sb, from_name, false);
		error(_("no database '%s' to copy: %s"), sb_str(&sb), strerror(errno));
		sb_free(&sb);
		return 1;
	}
	if ((from = store_open(from_name)) == NULL)
		return 1;
	if (!may_copy(from, store_name(from))) {
		store_close(from);
		return 1;
	}
	/* a new file for the copy is the caller's alone: it holds everyone's
	 * records (SQLite gives its -wal and -shm files the same mode) */
	if (!store_is_remote(to_name) && access(to_name, F_OK) != 0) {
		int fd = open(to_name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

		if (fd < 0) {
			struct sb sb = SB_INIT;

			text_inert(&sb, to_name, false);
			error(_("cannot create '%s': %s"), sb_str(&sb), strerror(errno));
			sb_free(&sb);
			store_close(from);
			return 1;
		}
		close(fd);
	}
	if ((to = store_open(to_name)) == NULL) {
		store_close(from);
		return 1;
	}
	text_inert(&a, store_name(from), false);
	text_inert(&b, store_name(to), false);
	rc = store_copy(from, to, &rep);
	if (rc == 1)
		error(_("'%s' holds records already: copy into a new, empty database"), sb_str(&b));
	else if (rc == 2) {
		for (i = 0; i < rep.n; i++) {
			const struct copy_table *t = &rep.t[i];

			if (t->rows != t->rows_to || t->sum != t->sum_to)
				error(_("table %s reads back otherwise: %ld rows (checksum %016" PRIx64
					") from '%s', %ld (%016" PRIx64 ") in '%s'"),
				      t->name, t->rows, t->sum, sb_str(&a), t->rows_to, t->sum_to,
				      sb_str(&b));
		}
		fprintf(stderr, _("Nothing was kept in '%s'.\n"), sb_str(&b));
	} else if (rc == 0) {
		printf(_("Copied '%s' into '%s':\n"), sb_str(&a), sb_str(&b));
		for (i = 0; i < rep.n; i++) {
			printf("  %-16s %8ld  %016" PRIx64 "\n", rep.t[i].name, rep.t[i].rows,
			       rep.t[i].sum);
			rows += rep.t[i].rows;
		}
		printf(_("Every table reads back the same (rows and checksum): %zu tables, %ld rows.\n"),
		       rep.n, rows);
	}
	sb_free(&a);
	sb_free(&b);
	store_close(to);
	store_close(from);
	return rc == 0 ? 0 : 1;
}

static int
cmd_db(struct kefu *k, int argc, char **argv)
{
	char *pos[3];
	int npos, status;

	if ((status = cmd_parse(&cmd_db_entry, argc, argv, NULL, pos, 3, &npos)) != 0)
		return status;
	if (npos == 3 && strcmp(pos[0], "copy") == 0)
		return db_copy(pos[1], pos[2]);
	if (npos != 1 || strcmp(pos[0], "status") != 0)
		return cmd_usage(&cmd_db_entry);
	kefu_me(k);
	if (!kefu_may(k, "trainer", _("look at the database")))
		return 1;
	return db_status(k);
}

static const char *const db_words[] = { "status", "copy", NULL };

const struct cmd cmd_db_entry = {
	.name = "db",
	.usage = "status | copy FROM TO",
	.summary = N_("where the records are kept, how much is in them (trainers); copy them (managers)"),
	.help = N_("'kefu db status' says which database kefu uses (--db, KEFU_DB, or\n"
		"the default), its engine and schema version, and how many people,\n"
		"answers, drill and chat runs and events it holds: what to look at\n"
		"before a backup or a move, and after.\n"
		"\n"
		"'kefu db copy FROM TO' copies every record of the database FROM into\n"
		"TO, a new one with no records yet: a SQLite file, or a PostgreSQL\n"
		"database (postgresql://... or service=NAME), either way. It is one\n"
		"transaction on TO, kept only when every table reads back with the\n"
		"same rows and checksum as in FROM; each table's count and checksum\n"
		"are printed. For a manager of FROM, or root.\n"),
	.arg = ARG_WORDS,
	.words = db_words,
	.fn = cmd_db,
};
