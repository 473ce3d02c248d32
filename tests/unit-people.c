/* unit-people.c: the rules of a person's record, as people add, edit,
 * leave and import share them. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "date.h"
#include "people.h"

static void
test_logins(void **state)
{
	(void)state;
	assert_true(people_login_ok("zhangsan"));
	assert_true(people_login_ok("li.si_2-b"));
	assert_true(people_login_ok("host$"));
	assert_true(people_login_ok("abcdefghijklmnopqrstuvwxyz012345"));
	assert_false(people_login_ok("abcdefghijklmnopqrstuvwxyz0123456"));
	assert_false(people_login_ok(""));
	assert_false(people_login_ok("-x"));
	assert_false(people_login_ok("$"));
	assert_false(people_login_ok("a$b"));
	assert_false(people_login_ok("张三"));
	assert_false(people_login_ok("a b"));
	assert_false(people_login_ok("a;rm"));
}

static void
test_roles(void **state)
{
	(void)state;
	assert_string_equal(people_role_of("trainee"), "trainee");
	assert_string_equal(people_role_of("Trainer"), "trainer");
	assert_string_equal(people_role_of(" MANAGER "), "manager");
	assert_string_equal(people_role_of("ｔｒａｉｎｅｅ"), "trainee");
	assert_string_equal(people_role_of("新人"), "trainee");
	assert_string_equal(people_role_of("学员"), "trainee");
	assert_string_equal(people_role_of("培训师"), "trainer");
	assert_string_equal(people_role_of("带教"), "trainer");
	assert_string_equal(people_role_of("主管"), "manager");
	assert_string_equal(people_role_of("经理"), "manager");
	assert_null(people_role_of("boss"));
	assert_null(people_role_of(""));
	assert_null(people_role_of("trainees"));
}

static void
test_text(void **state)
{
	(void)state;
	assert_int_equal(people_text_check("张三", PEOPLE_NAME_MAX), PEOPLE_TEXT_OK);
	assert_int_equal(people_text_check("", PEOPLE_NAME_MAX), PEOPLE_TEXT_EMPTY);
	assert_int_equal(people_text_check(" 　", PEOPLE_NAME_MAX), PEOPLE_TEXT_EMPTY);
	assert_int_equal(people_text_check("a\tb", PEOPLE_NAME_MAX), PEOPLE_TEXT_CONTROL);
	assert_int_equal(people_text_check("a\nb", PEOPLE_NAME_MAX), PEOPLE_TEXT_CONTROL);
	assert_int_equal(people_text_check("\x1b[31m", PEOPLE_NAME_MAX), PEOPLE_TEXT_CONTROL);
	assert_int_equal(people_text_check("\xe2\x80\xae" "abc", PEOPLE_NAME_MAX),
			 PEOPLE_TEXT_CONTROL);	/* a bidi override */
	assert_int_equal(people_text_check("\xff", PEOPLE_NAME_MAX), PEOPLE_TEXT_INVALID);
	/* characters are counted, not bytes */
	assert_int_equal(people_text_check("张张张张", 4), PEOPLE_TEXT_OK);
	assert_int_equal(people_text_check("张张张张张", 4), PEOPLE_TEXT_LONG);
}

static void
test_days(void **state)
{
	long today, d = -1, want;

	(void)state;
	assert_true(date_parse("2026-11-20", &today));
	assert_true(date_parse("2026-11-03", &want));
	assert_int_equal(people_hired_check("2026-11-03", today, -1, &d), PEOPLE_DAY_OK);
	assert_int_equal(d, want);
	d = -1;
	assert_int_equal(people_hired_check("2026年11月3日", today, -1, &d), PEOPLE_DAY_OK);
	assert_int_equal(d, want);
	d = -1;
	assert_int_equal(people_hired_check("２０２６/11/3", today, -1, &d), PEOPLE_DAY_OK);
	assert_int_equal(d, want);
	assert_int_equal(people_hired_check("11/3/2026", today, -1, &d), PEOPLE_DAY_BAD);
	assert_int_equal(people_hired_check("2026-11-31", today, -1, &d), PEOPLE_DAY_BAD);
	/* a month ahead may be entered now; more is a mistake */
	assert_int_equal(people_hired_check("2026-12-21", today, -1, &d), PEOPLE_DAY_OK);
	assert_int_equal(d, today + PEOPLE_HIRE_AHEAD);
	assert_int_equal(people_hired_check("2026-12-22", today, -1, &d), PEOPLE_DAY_FUTURE);
	assert_int_equal(people_hired_check("2062-11-03", today, -1, &d), PEOPLE_DAY_FUTURE);
	/* not after the day someone left */
	assert_int_equal(people_hired_check("2026-11-04", today, want, &d), PEOPLE_DAY_AFTER_LEFT);
	assert_int_equal(people_hired_check("2026-11-03", today, want, &d), PEOPLE_DAY_OK);

	/* leaving: not to come, not before the hire date */
	assert_int_equal(people_left_check("2026-11-20", today, want, &d), PEOPLE_DAY_OK);
	assert_int_equal(d, today);
	assert_int_equal(people_left_check("2026-11-21", today, want, &d), PEOPLE_DAY_FUTURE);
	assert_int_equal(people_left_check("2026-11-02", today, want, &d), PEOPLE_DAY_BEFORE_HIRED);
	assert_int_equal(people_left_check("2026-11-03", today, want, &d), PEOPLE_DAY_OK);
	assert_int_equal(people_left_check("2020-01-01", today, -1, &d), PEOPLE_DAY_OK);
	assert_int_equal(people_left_check("yesterday", today, -1, &d), PEOPLE_DAY_BAD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_logins),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_days),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
