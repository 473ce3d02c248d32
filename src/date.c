/* date.c: civil dates to day numbers and back (proleptic Gregorian). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "date.h"

/* After Howard Hinnant's days_from_civil, rewritten for C. */
long
date_from_ymd(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The first n bytes of s are ASCII digits. */
static bool
digits(const char *s, size_t n)
{
	for (; n > 0; n--, s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The day of y-m-d when that date exists (years 1900 to 9999). */
static bool
ymd_day(int y, int m, int d, long *day)
{
	int y2, m2, d2;

	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*day = date_from_ymd(y, m, d);
	date_to_ymd(*day, &y2, &m2, &d2);
	return y2 == y && m2 == m && d2 == d;
}

bool
date_parse(const char *s, long *day)
{
	int y, m, d, n = 0;

	if (digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
	    digits(s + 8, 2) && s[10] == '\0') {
		/* YYYY-MM-DD as written, without sscanf (a report reads
		 * thousands) */
		y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		m = (s[5] - '0') * 10 + (s[6] - '0');
		d = (s[8] - '0') * 10 + (s[9] - '0');
	} else if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
		   n != 10 || s[4] != '-' || s[7] != '-')
		return false;
	return ymd_day(y, m, d, day);
}

int
date_digits(const char **s, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && **s >= '0' && **s <= '9') {
		*v = *v * 10 + (**s - '0');
		(*s)++, n++;
	}
	return (**s >= '0' && **s <= '9') ? 0 : n;
}

/* Takes word from the front of *s when it is there. */
static bool
take(const char **s, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(*s, word, n) != 0)
		return false;
	*s += n;
	return true;
}

bool
date_parse_any(const char *s, long *day)
{
	int y, m, d;
	char sep;

	if (date_digits(&s, 4, &y) != 4)
		return false;
	if (take(&s, "年")) {
		/* 2026年11月3日 */
		if (date_digits(&s, 2, &m) == 0 || !take(&s, "月") || date_digits(&s, 2, &d) == 0)
			return false;
		if (!take(&s, "日"))
			take(&s, "号");
	} else {
		/* 2026-11-03, 2026/11/3, 2026.11.3: one separator twice */
		sep = *s++;
		if (sep != '-' && sep != '/' && sep != '.')
			return false;
		if (date_digits(&s, 2, &m) == 0 || *s++ != sep || date_digits(&s, 2, &d) == 0)
			return false;
	}
	return *s == '\0' && ymd_day(y, m, d, day);
}

char *
date_format(long day, char *buf)
{
	int y, m, d;

	unsigned v[3];
	size_t i;
	char *p = buf;

	date_to_ymd(day, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	v[0] = (unsigned)y % 10000u;
	v[1] = (unsigned)m % 13u;
	v[2] = (unsigned)d % 32u;
	/* "%04u-%02u-%02u" without printf: reports write thousands */
	*p++ = (char)('0' + v[0] / 1000);
	*p++ = (char)('0' + v[0] / 100 % 10);
	for (i = 0; i < 3; i++) {
		if (i)
			*p++ = '-';
		*p++ = (char)('0' + v[i] / 10 % 10);
		*p++ = (char)('0' + v[i] % 10);
	}
	*p = '\0';
	return buf;
}

long
date_of(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

char *
date_format_time(long long t, char *buf)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || localtime_r(&tt, &tm) == NULL) {
		strcpy(buf, "-");
		return buf;
	}
	strftime(buf, 17, "%Y-%m-%d %H:%M", &tm);
	return buf;
}
