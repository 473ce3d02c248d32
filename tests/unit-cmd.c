/* unit-cmd.c: the one parser of command arguments, cmd_parse(). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "kefu.h"

static const char *const words[] = { "--seed", "--all", NULL };
static const struct cmd entry = {
	.name = "demo", .usage = "ID [--seed N] [--all]", .summary = "demo", .help = "",
	.arg = ARG_NONE, .words = words, .fn = NULL,
};

struct parsed {
	const char *seed;
	bool all;
	char *pos[2];
	int npos;
};

/* Parses the words after "demo"; the status cmd_parse() gives. */
static int
parse(struct parsed *p, int maxpos, ...)
{
	char *argv[16] = { (char *)"demo" };
	int argc = 1;
	va_list ap;
	const char *w;
	const struct cmd_opt opts[] = {
		{ "--seed", &p->seed, NULL },
		{ "--all", NULL, &p->all },
		{ NULL, NULL, NULL }
	};

	memset(p, 0, sizeof(*p));
	va_start(ap, maxpos);
	while ((w = va_arg(ap, const char *)) != NULL)
		argv[argc++] = (char *)w;
	va_end(ap);
	return cmd_parse(&entry, argc, argv, opts, p->pos, maxpos, &p->npos);
}

static void
test_options(void **state)
{
	struct parsed p;

	(void)state;
	assert_int_equal(parse(&p, 1, "x", "--seed", "7", "--all", NULL), 0);
	assert_string_equal(p.seed, "7");
	assert_true(p.all);
	assert_int_equal(p.npos, 1);
	assert_string_equal(p.pos[0], "x");
	/* --name=value, and the options before the word */
	assert_int_equal(parse(&p, 1, "--seed=42", "x", NULL), 0);
	assert_string_equal(p.seed, "42");
	assert_false(p.all);
	/* a number is a word, not an option; "--" ends the options */
	assert_int_equal(parse(&p, 2, "-5", "--", "--all", NULL), 0);
	assert_int_equal(p.npos, 2);
	assert_string_equal(p.pos[0], "-5");
	assert_string_equal(p.pos[1], "--all");
	assert_false(p.all);
}

static void
test_errors(void **state)
{
	struct parsed p;

	(void)state;
	/* usage errors exit 2, as cmd_usage() does */
	assert_int_equal(parse(&p, 1, "x", "y", NULL), 2);		/* too many words */
	assert_int_equal(parse(&p, 0, "x", NULL), 2);
	assert_int_equal(parse(&p, 1, "--bogus", NULL), 2);		/* unknown option */
	assert_int_equal(parse(&p, 1, "--seed", NULL), 2);		/* a value missing */
	assert_int_equal(parse(&p, 1, "--all=yes", NULL), 2);		/* a flag takes none */
	assert_int_equal(parse(&p, 1, "--se", "1", NULL), 2);		/* no abbreviations */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
