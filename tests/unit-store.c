/* unit-store.c: the database: migrations, people, enrollment, facts. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

/* The first run claims the database once: a second claim, as by a
 * process that raced the first, founds nothing. */
static void
test_found(void **state)
{
	int64_t id = 0, id2 = 0;
	struct person p;

	(void)state;
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_found(st, "first", "2026-11-01", 100, &id), 1);
	assert_int_equal(store_commit(st), 0);
	assert_true(id > 0);
	assert_int_equal(store_begin(st), 0);
	assert_int_equal(store_found(st, "second", "2026-11-01", 101, &id2), 0);
	store_rollback(st);
	assert_int_equal(store_person_count(st), 1);
	assert_int_equal(store_person_by_login(st, "first", &p), 1);
	assert_string_equal(p.role, "manager");
	person_clear(&p);
	assert_int_equal(pragma("SELECT person_id FROM founding"), (int)id);
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
	/* recorded once: the second says it was already */
	assert_int_equal(store_stage_completed(st, e.id, "one", 50), 1);
	assert_int_equal(store_stage_completed(st, e.id, "one", 60), 0);
	assert_int_equal(store_stage_completed_at(st, e.id, "one"), 50);
	assert_int_equal(store_stage_reopened(st, e.id, "one"), 1);
	assert_int_equal(store_stage_reopened(st, e.id, "one"), 0);
	assert_int_equal(store_stage_completed_at(st, e.id, "one"), 0);
	assert_int_equal(store_stage_completed(st, e.id, "one", 70), 1);
	assert_int_equal(store_stage_completed_at(st, e.id, "one"), 70);
	enrollment_clear(&e);
}

/* What store_leavers() hands out, copied. */
struct leavers {
	char line[4][160];
	size_t n;
};

static void
keep_leaver(const struct leaver *l, void *arg)
{
	struct leavers *v = arg;

	assert_true(v->n < 4);
	snprintf(v->line[v->n++], sizeof(v->line[0]), "%lld %s %s %s %s %s %s %lld %s %s",
		 (long long)l->id, l->login, l->name ? l->name : "-", l->role,
		 l->hired ? l->hired : "-", l->left ? l->left : "-",
		 l->reason ? l->reason : "-", (long long)l->enrollment_id,
		 l->curriculum ? l->curriculum : "-", l->started ? l->started : "-");
}

static void
test_leavers(void **state)
{
	struct leavers v;
	struct person p;
	struct enrollment e;
	int64_t a, b, c, d;
	char want[160];

	(void)state;
	memset(&v, 0, sizeof(v));
	a = store_person_add(st, "zhang", "张三", "trainee", "2026-09-01", 1);
	b = store_person_add(st, "li", NULL, "trainer", "2026-01-01", 1);
	c = store_person_add(st, "wang", "王五", "trainee", "2026-10-01", 1);
	d = store_person_add(st, "zhao", NULL, "trainee", "2026-10-01", 1);
	assert_int_equal(store_enroll(st, a, "cs", "2026-09-01", 2), 0);
	assert_int_equal(store_enroll(st, c, "cs", "2026-10-01", 2), 0);
	assert_int_equal(store_enrollment(st, a, &e), 1);
	/* nobody has left */
	assert_int_equal(store_leavers(st, keep_leaver, &v), 0);
	assert_int_equal(v.n, 0);
	/* by the day they left, then login; an unknown day first */
	assert_int_equal(store_person_leave(st, a, "2026-11-20", "找到别的工作"), 0);
	assert_int_equal(store_person_leave(st, b, "2026-11-05", NULL), 0);
	assert_int_equal(store_person_leave(st, c, "2026-11-20", "试用期未通过"), 0);
	assert_int_equal(store_person_active(st, d, false), 0);
	assert_int_equal(store_leavers(st, keep_leaver, &v), 0);
	assert_int_equal(v.n, 4);
	snprintf(want, sizeof(want), "%lld zhao - trainee 2026-10-01 - - 0 - -", (long long)d);
	assert_string_equal(v.line[0], want);
	snprintf(want, sizeof(want), "%lld li - trainer 2026-01-01 2026-11-05 - 0 - -",
		 (long long)b);
	assert_string_equal(v.line[1], want);
	snprintf(want, sizeof(want), "%lld wang 王五 trainee 2026-10-01 2026-11-20 试用期未通过 %lld cs 2026-10-01",
		 (long long)c, (long long)e.id + 1);
	assert_string_equal(v.line[2], want);
	snprintf(want, sizeof(want), "%lld zhang 张三 trainee 2026-09-01 2026-11-20 找到别的工作 %lld cs 2026-09-01",
		 (long long)a, (long long)e.id);
	assert_string_equal(v.line[3], want);
	enrollment_clear(&e);
	/* the day is on the person too; coming back clears it and the reason */
	assert_int_equal(store_person_by_login(st, "zhang", &p), 1);
	assert_false(p.active);
	assert_string_equal(p.left, "2026-11-20");
	person_clear(&p);
	assert_int_equal(store_person_active(st, a, true), 0);
	assert_int_equal(store_person_by_id(st, a, &p), 1);
	assert_true(p.active);
	assert_null(p.left);
	person_clear(&p);
	v.n = 0;
	assert_int_equal(store_leavers(st, keep_leaver, &v), 0);
	assert_int_equal(v.n, 3);
	assert_null(strstr(v.line[0], "zhang"));
	assert_null(strstr(v.line[2], "zhang"));
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
		cmocka_unit_test_setup_teardown(test_found, open_db, close_db),
		cmocka_unit_test_setup_teardown(test_people, open_db, close_db),
		cmocka_unit_test_setup_teardown(test_enrollment_and_facts, open_db, close_db),
		cmocka_unit_test_setup_teardown(test_leavers, open_db, close_db),
		cmocka_unit_test_setup_teardown(test_transactions, open_db, close_db),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
