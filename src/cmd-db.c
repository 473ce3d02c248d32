/* cmd-db.c: `kefu db status`: which database kefu keeps its records in,
 * on which engine and schema, and how much is in it. For the trainer or
 * manager who looks after the records (or moves them). */
#include "config.h"

#include <stdio.h>
#include <string.h>

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

static int
cmd_db(struct kefu *k, int argc, char **argv)
{
	char *pos[1];
	int npos, status;

	if ((status = cmd_parse(&cmd_db_entry, argc, argv, NULL, pos, 1, &npos)) != 0)
		return status;
	if (npos != 1 || strcmp(pos[0], "status") != 0)
		return cmd_usage(&cmd_db_entry);
	kefu_me(k);
	if (!kefu_may(k, "trainer", _("look at the database")))
		return 1;
	return db_status(k);
}

static const char *const db_words[] = { "status", NULL };

const struct cmd cmd_db_entry = {
	.name = "db",
	.usage = "status",
	.summary = N_("say where the records are kept and how much is in them (trainers)"),
	.help = N_("'kefu db status' says which database kefu uses (--db, KEFU_DB, or\n"
		"the default), its engine and schema version, and how many people,\n"
		"answers, drill and chat runs and events it holds: what to look at\n"
		"before a backup or a move, and after.\n"),
	.arg = ARG_WORDS,
	.words = db_words,
	.fn = cmd_db,
};
