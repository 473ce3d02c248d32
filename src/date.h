/* date.h: calendar days as plain numbers (days since 1970-01-01), so
 * due dates and lateness are integer arithmetic. Pure functions. */
#ifndef KEFU_DATE_H
#define KEFU_DATE_H

#include <stdbool.h>
#include <time.h>

long date_from_ymd(int y, int m, int d);
void date_to_ymd(long day, int *y, int *m, int *d);
/* Parses YYYY-MM-DD; false when it is not a real date. */
bool date_parse(const char *, long *day);
/* Reads a date as people and spreadsheets write one: 2026-11-03,
 * 2026-11-3, 2026/11/3, 2026.11.3, 2026年11月3日 (or 3号, or no 日).
 * ASCII digits: fold full-width ones first (text_fold()). False for
 * anything else or a date that does not exist. */
bool date_parse_any(const char *, long *day);
/* Reads 1 to max ASCII digits from *s into *v, moving *s past them: the
 * count read, 0 when there are none or more than max (for dates and
 * months as people write them). */
int date_digits(const char **s, int max, int *v);
/* Writes YYYY-MM-DD into buf (at least 11 bytes). */
char *date_format(long day, char *buf);
/* Writes a moment as local "YYYY-MM-DD HH:MM" into buf (at least 17
 * bytes); "-" for none (0). */
char *date_format_time(long long t, char *buf);
/* The local calendar day of a moment. */
long date_of(time_t);

#endif
