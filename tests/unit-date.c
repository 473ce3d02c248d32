/* unit-date.c: day numbers and calendar dates. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "date.h"

static void
test_known_days(void **state)
{
	char buf[11];
	long d;

	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(date_from_ymd(2026, 11, 22), 20779);
	assert_string_equal(date_format(20779, buf), "2026-11-22");
	assert_true(date_parse("2024-02-29", &d));
	assert_string_equal(date_format(d + 1, buf), "2024-03-01");
	assert_true(date_parse("2026-12-31", &d));
	assert_string_equal(date_format(d + 1, buf), "2027-01-01");
}

/* date_format() writes what "%04u-%02u-%02u" would, years out of
 * range as 0000, for every day from year 0 to beyond 9999 */
static void
test_format_as_printf(void **state)
{
	long d;

	(void)state;
	for (d = date_from_ymd(1, 1, 1) - 400; d < date_from_ymd(9999, 12, 31) + 400; d += 7) {
		char buf[11], want[16];
		int y, m, dd;

		date_to_ymd(d, &y, &m, &dd);
		if (y < 0 || y > 9999)
			y = 0;
		snprintf(want, sizeof(want), "%04u-%02u-%02u", (unsigned)y, (unsigned)m,
			 (unsigned)dd);
		assert_string_equal(date_format(d, buf), want);
	}
}

static void
test_round_trip(void **state)
{
	long d;

	(void)state;
	for (d = -800000; d < 800000; d += 97) {
		int y, m, dd;

		date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(date_from_ymd(y, m, dd), d);
	}
}

static void
test_bad_dates(void **state)
{
	long d;

	(void)state;
	assert_false(date_parse("2026-02-29", &d));
	assert_false(date_parse("2100-02-29", &d));
	assert_true(date_parse("2000-02-29", &d));
	assert_false(date_parse("2026-13-01", &d));
	assert_false(date_parse("2026-1-1", &d));
	assert_false(date_parse("2026-01-01x", &d));
	assert_false(date_parse("yesterday", &d));
	assert_false(date_parse("", &d));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_format_as_printf),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_bad_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
