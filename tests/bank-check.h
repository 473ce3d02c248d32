/* bank-check.h: what the unit tests of the question banks (unit-bank,
 * unit-gift, unit-moodle) look up in a bank read, and check. */
#ifndef KEFU_TESTS_BANK_CHECK_H
#define KEFU_TESTS_BANK_CHECK_H

#include <string.h>

#include "bank/bank.h"

/* The question of that id, or NULL. */
static inline const struct bank_q *
by_id(const struct bank *b, const char *id)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		if (b->q[i].id && strcmp(b->q[i].id, id) == 0)
			return &b->q[i];
	return NULL;
}

/* by_id() that fails the test when there is none. */
static inline const struct bank_q *
must(const struct bank *b, const char *id)
{
	const struct bank_q *q = by_id(b, id);

	if (q == NULL)
		fail_msg("no question %s", id);
	return q;
}

/* The first note of that kind at that line whose text holds what (NULL:
 * any text). */
static inline const struct bank_note *
note_at(const struct bank *b, enum bank_note_kind kind, unsigned line, const char *what)
{
	size_t i;

	for (i = 0; i < b->nnotes; i++)
		if (b->notes[i].kind == kind && b->notes[i].line == line &&
		    (what == NULL || strstr(b->notes[i].what, what)))
			return &b->notes[i];
	return NULL;
}

static inline size_t
count_notes(const struct bank *b, enum bank_note_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < b->nnotes; i++)
		n += b->notes[i].kind == kind;
	return n;
}

static inline void
assert_strv(char *const *v, size_t n, const char *const *want, size_t nwant)
{
	size_t i;

	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++)
		assert_string_equal(v[i], want[i]);
}

#endif
