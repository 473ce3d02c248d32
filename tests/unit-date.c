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

/* dates as people and sheets write them read as the same day */
static void
test_parse_any(void **state)
{
	static const char *const same[] = {
		"2026-11-03", "2026-11-3", "2026/11/03", "2026/11/3", "2026.11.3",
		"2026年11月3日", "2026年11月03日", "2026年11月3号", "2026年11月3",
	};
	static const char *const bad[] = {
		"", "2026", "2026-11", "2026/11-03", "2026-11/03", "26/11/3", "11/3/2026",
		"2026-011-03", "2026-11-003", "2026年11月", "2026年11-3", "2026年11月3日x",
		"2026-11-03 ", " 2026-11-03", "2026-11-31", "2026年2月29日", "2026/13/1",
		"2026/0/1", "2026/1/0", "1899-12-31", "20261103", "２０２６-11-03",
	};
	long want, d;
	size_t i;

	(void)state;
	assert_true(date_parse("2026-11-03", &want));
	for (i = 0; i < sizeof(same) / sizeof(*same); i++) {
		d = 0;
		assert_true(date_parse_any(same[i], &d));
		assert_int_equal(d, want);
	}
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(date_parse_any(bad[i], &d));
	assert_true(date_parse_any("2024年2月29日", &d));
	assert_true(date_parse("2024-02-29", &want));
	assert_int_equal(d, want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_format_as_printf),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_parse_any),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
