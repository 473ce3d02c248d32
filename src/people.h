/* people.h: the rules a person's record keeps, the same whichever
 * command enters it: `kefu people add`, `edit`, `leave` and `import`.
 * Pure: each rule answers with a code, and the command says it in
 * words. */
#ifndef KEFU_PEOPLE_H
#define KEFU_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>

/* A login as the system writes them: letters, digits, '.', '_' and '-',
 * a '$' at the end, 1 to 32 bytes, not starting with '-'. */
bool people_login_ok(const char *);

/* The role a word names, as stored ("trainee", "trainer", "manager"),
 * or NULL. Those three in any case and width, or as a shop's HR sheet
 * writes them: 新人, 学员, 新人客服; 培训师, 带教, 带教老师; 主管, 经理,
 * 店长. */
const char *people_role_of(const char *);

/* A name or a reason: UTF-8 text of at most max characters, not blank,
 * without control characters. */
#define PEOPLE_NAME_MAX 64
#define PEOPLE_REASON_MAX 200
enum people_text {
	PEOPLE_TEXT_OK,
	PEOPLE_TEXT_EMPTY,	/* nothing, or only spaces */
	PEOPLE_TEXT_LONG,	/* more than max characters */
	PEOPLE_TEXT_INVALID,	/* not UTF-8 */
	PEOPLE_TEXT_CONTROL,	/* a control character: a tab, a line break */
};
enum people_text people_text_check(const char *, size_t max);

/* A hire date may be this many days ahead: someone who starts next
 * month can be added now, a mistyped year cannot. */
#define PEOPLE_HIRE_AHEAD 31
enum people_day {
	PEOPLE_DAY_OK,
	PEOPLE_DAY_BAD,		/* no date date_parse_any() reads */
	PEOPLE_DAY_FUTURE,	/* too far ahead: see each check */
	PEOPLE_DAY_BEFORE_HIRED,	/* a leaving day before the hire date */
	PEOPLE_DAY_AFTER_LEFT,	/* a hire date after the day they left */
};
/* A hire date (full-width digits read alike) at most PEOPLE_HIRE_AHEAD
 * days after today and, for someone who left (left >= 0, a day number),
 * not after that day. OK sets *day. */
enum people_day people_hired_check(const char *, long today, long left,
				   long *day);
/* A leaving day: not after today, not before the hire date (hired >= 0,
 * a day number). OK sets *day. */
enum people_day people_left_check(const char *, long today, long hired,
				  long *day);

#endif
