/* people.c: the rules of a person's record: login, role, name, the
 * days they were hired and left. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "people.h"
#include "text.h"

bool
people_login_ok(const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      (c == '-' && i > 0) || (c == '$' && i == n - 1 && i > 0)))
			return false;
	}
	return n > 0 && n <= 32;
}

static const struct {
	const char *word, *role;
} role_words[] = {
	{ "trainee", "trainee" }, { "新人", "trainee" }, { "学员", "trainee" },
	{ "新人客服", "trainee" },
	{ "trainer", "trainer" }, { "培训师", "trainer" }, { "带教", "trainer" },
	{ "带教老师", "trainer" },
	{ "manager", "manager" }, { "主管", "manager" }, { "经理", "manager" },
	{ "店长", "manager" },
};

const char *
people_role_of(const char *word)
{
	char *w = text_fold(word);
	const char *role = NULL;
	size_t i;

	for (i = 0; i < sizeof(role_words) / sizeof(*role_words); i++)
		if (strcmp(w, role_words[i].word) == 0) {
			role = role_words[i].role;
			break;
		}
	free(w);
	return role;
}

enum people_text
people_text_check(const char *s, size_t max)
{
	size_t n = strlen(s), i = 0, chars = 0, bad;

	if (!text_valid(s, n, &bad))
		return PEOPLE_TEXT_INVALID;
	while (i < n) {
		int32_t cp;

		i += text_decode(s + i, n - i, &cp);
		/* bidi overrides too: a name must not turn a report's line around */
		if (text_is_control(cp))
			return PEOPLE_TEXT_CONTROL;
		chars++;
	}
	if (chars > max)
		return PEOPLE_TEXT_LONG;
	return text_blank(s) ? PEOPLE_TEXT_EMPTY : PEOPLE_TEXT_OK;
}

/* A date as date_parse_any() reads it, full-width digits alike. */
static bool
day_of(const char *s, long *day)
{
	char *t = text_fold(s);
	bool ok = date_parse_any(t, day);

	free(t);
	return ok;
}

enum people_day
people_hired_check(const char *s, long today, long left, long *day)
{
	long d;

	if (!day_of(s, &d))
		return PEOPLE_DAY_BAD;
	if (d > today + PEOPLE_HIRE_AHEAD)
		return PEOPLE_DAY_FUTURE;
	if (left >= 0 && d > left)
		return PEOPLE_DAY_AFTER_LEFT;
	*day = d;
	return PEOPLE_DAY_OK;
}

enum people_day
people_left_check(const char *s, long today, long hired, long *day)
{
	long d;

	if (!day_of(s, &d))
		return PEOPLE_DAY_BAD;
	if (d > today)
		return PEOPLE_DAY_FUTURE;
	if (hired >= 0 && d < hired)
		return PEOPLE_DAY_BEFORE_HIRED;
	*day = d;
	return PEOPLE_DAY_OK;
}
