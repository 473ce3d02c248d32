/* unit-store.c: the database: migrations, people, enrollment, facts. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "store.h"
#include "util.h"

static char path[64];
static struct store *st;

static int
open_db(void **state)
{
	int fd;

	(void)state;
	strcpy(path, "/tmp/kefu-unit-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	unlink(path);
	st = store_open(path);
	return st ? 0 : -1;
}

static int
close_db(void **state)
{
	char *p;

	(void)state;
	store_close(st);
	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
	return 0;
}

static int
pragma(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *stmt;
	int v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

static void
test_schema(void **state)
{
	(void)state;
	assert_int_equal(pragma("PRAGMA user_version"), store_schema_version());
	/* opening again migrates nothing and keeps the data */
	store_close(st);
	st = store_open(path);
	assert_non_null(st);
	assert_int_equal(pragma("PRAGMA user_version"), store_schema_version());
}

static void
test_people(void **state)
{
	struct person p;
	int64_t id;

	(void)state;
	assert_int_equal(store_person_count(st), 0);
	id = store_person_add(st, "xiaoli", "小李", "trainee", "2026-11-01", 100);
	assert_true(id > 0);
	assert_int_equal(store_person_by_login(st, "xiaoli", &p), 1);
	assert_int_equal(p.id, id);
	assert_string_equal(p.name, "小李");
	assert_string_equal(p.role, "trainee");
	assert_true(p.active);
	person_clear(&p);
	assert_int_equal(store_person_by_login(st, "nobody", &p), 0);
	/* SQL in a login is only ever data */
	id = store_person_add(st, "x'); DROP TABLE person; --", NULL, "trainee", NULL, 1);
	assert_true(id > 0);
	assert_int_equal(store_person_count(st), 2);
	/* the schema refuses a role that does not exist */
	assert_true(store_person_add(st, "y", NULL, "boss", NULL, 1) < 0);
	assert_true(store_person_add(st, "xiaoli", NULL, "trainee", NULL, 1) < 0);
}

static void
test_enrollment_and_facts(void **state)
{
	struct enrollment e;
	struct quiz_facts qf;
	struct drill_facts df;
	int64_t id;

	(void)state;
	id = store_person_add(st, "a", NULL, "trainee", NULL, 1);
	assert_int_equal(store_enrollment(st, id, &e), 0);
	assert_int_equal(store_enroll(st, id, "cs", "2026-11-01", 10), 0);
	assert_int_equal(store_enroll(st, id, "other", "2026-11-05", 20), 0);
	assert_int_equal(store_enrollment(st, id, &e), 1);
	assert_string_equal(e.curriculum, "other");
	enrollment_clear(&e);
	/* back to the first: it becomes current and keeps its start */
	assert_int_equal(store_enroll(st, id, "cs", "2026-11-09", 30), 0);
	assert_int_equal(store_enrollment(st, id, &e), 1);
	assert_string_equal(e.curriculum, "cs");
	assert_string_equal(e.started, "2026-11-01");

	assert_int_equal(store_lesson_is_read(st, id, "l"), 0);
	assert_int_equal(store_lesson_read(st, id, "l", 5), 0);
	assert_int_equal(store_lesson_read(st, id, "l", 6), 0);
	assert_int_equal(store_lesson_is_read(st, id, "l"), 1);

	assert_int_equal(store_quiz_facts(st, id, "q", &qf), 0);
	assert_int_equal(qf.attempts, 0);
	assert_true(qf.best < 0);
	assert_int_equal(store_drill_facts(st, id, "d", &df), 0);
	assert_int_equal(df.results, 0);
	assert_false(df.met);

	assert_int_equal(store_signed_off(st, e.id, "one"), 0);
	{
		struct assessment_state as;

		assert_int_equal(store_assessment_state(st, e.id, "r", &as), 0);
		assert_int_equal(as.outcome, OUTCOME_NONE);
		assert_null(as.reason);
	}
	assert_int_equal(store_stage_completed_at(st, e.id, "one"), 0);
	assert_int_equal(store_stage_completed(st, e.id, "one", 50), 0);
	assert_int_equal(store_stage_completed(st, e.id, "one", 60), 0);
	assert_int_equal(store_stage_completed_at(st, e.id, "one"), 50);
	enrollment_clear(&e);
}

static void
test_transactions(void **state)
{
	struct person p;

	(void)state;
	assert_int_equal(store_begin(st), 0);
	assert_true(store_person_add(st, "temp", NULL, "trainee", NULL, 1) > 0);
	store_rollback(st);
	assert_int_equal(store_person_by_login(st, "temp", &p), 0);
	assert_int_equal(store_event(st, 0, "x", 0, "y", 1), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_schema, open_db, close_db),
		cmocka_unit_test_setup_teardown(test_people, open_db, close_db),
		cmocka_unit_test_setup_teardown(test_enrollment_and_facts, open_db, close_db),
		cmocka_unit_test_setup_teardown(test_transactions, open_db, close_db),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
