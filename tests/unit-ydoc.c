/* unit-ydoc.c: YAML to positioned nodes, and the limits on hostile input. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ydoc.h"

static struct ynode *
parse(struct arena *a, const char *text, struct diag *d, bool *empty)
{
	return ydoc_parse(a, "t.yaml", text, strlen(text), d, empty);
}

static void
test_positions(void **state)
{
	struct arena *a = arena_new();
	struct diag d = DIAG_INIT(NULL);
	bool empty;
	struct ynode *root;

	(void)state;
	root = parse(a, "title: 售后规则\nlist:\n  - 甲\n  - \"乙\"\n", &d, &empty);
	assert_non_null(root);
	assert_int_equal(d.errors, 0);
	assert_int_equal(root->type, Y_MAP);
	assert_int_equal(root->n, 2);
	assert_string_equal(root->items[1]->str, "售后规则");
	assert_int_equal(root->items[1]->line, 1);
	assert_int_equal(root->items[1]->col, 8);
	assert_int_equal(root->items[3]->type, Y_SEQ);
	assert_int_equal(root->items[3]->items[1]->line, 4);
	assert_int_equal(root->items[3]->items[1]->col, 5);
	assert_true(root->items[3]->items[0]->plain);
	assert_false(root->items[3]->items[1]->plain);
	arena_free(a);
}

static void
test_aliases_shared(void **state)
{
	struct arena *a = arena_new();
	struct diag d = DIAG_INIT(NULL);
	bool empty;
	struct ynode *root;

	(void)state;
	root = parse(a, "a: &x [1, 2]\nb: *x\n", &d, &empty);
	assert_non_null(root);
	/* the alias shares the anchor's items but keeps its own place */
	assert_ptr_equal(root->items[1]->items, root->items[3]->items);
	assert_int_equal(root->items[3]->n, 2);
	assert_int_equal(root->items[3]->line, 2);
	assert_int_equal(root->items[3]->col, 4);
	arena_free(a);
}

static void
test_many_anchors(void **state)
{
	struct arena *a = arena_new();
	struct diag d = DIAG_INIT(NULL);
	struct sb sb = SB_INIT;
	bool empty;
	struct ynode *root;
	int i;

	(void)state;
	/* many anchors and aliases: found by name, not by scanning */
	for (i = 0; i < 20000; i++)
		sb_addf(&sb, "a%d: &a%d v%d\n", i, i, i);
	for (i = 0; i < 20000; i++)
		sb_addf(&sb, "b%d: *a%d\n", i, 19999 - i);
	root = parse(a, sb_str(&sb), &d, &empty);
	assert_non_null(root);
	assert_int_equal(root->n, 40000);
	assert_string_equal(root->items[2 * 20000 + 1]->str, "v19999");
	sb_free(&sb);
	arena_free(a);
}

static void
test_billion_laughs(void **state)
{
	struct arena *a = arena_new();
	struct diag d = DIAG_INIT(NULL);
	struct sb sb = SB_INIT;
	bool empty;
	int i, j;

	(void)state;
	sb_adds(&sb, "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (i = 1; i < 12; i++) {
		sb_addf(&sb, "l%d: &l%d [", i, i);
		for (j = 0; j < 10; j++)
			sb_addf(&sb, "%s*l%d", j ? ", " : "", i - 1);
		sb_adds(&sb, "]\n");
	}
	assert_null(parse(a, sb_str(&sb), &d, &empty));
	assert_int_equal(d.errors, 1);
	sb_free(&sb);
	arena_free(a);
}

static void
test_depth(void **state)
{
	struct arena *a = arena_new();
	struct diag d = DIAG_INIT(NULL);
	struct sb sb = SB_INIT;
	bool empty;
	int i;

	(void)state;
	for (i = 0; i < YDOC_MAX_DEPTH; i++)
		sb_addc(&sb, '[');
	for (i = 0; i < YDOC_MAX_DEPTH; i++)
		sb_addc(&sb, ']');
	assert_non_null(parse(a, sb_str(&sb), &d, &empty));
	assert_int_equal(d.errors, 0);
	sb_reset(&sb);
	for (i = 0; i < YDOC_MAX_DEPTH + 1; i++)
		sb_addc(&sb, '[');
	for (i = 0; i < YDOC_MAX_DEPTH + 1; i++)
		sb_addc(&sb, ']');
	assert_null(parse(a, sb_str(&sb), &d, &empty));
	assert_int_equal(d.errors, 1);
	sb_free(&sb);
	arena_free(a);
}

static void
test_empty_and_errors(void **state)
{
	struct arena *a = arena_new();
	struct diag d = DIAG_INIT(NULL);
	bool empty;

	(void)state;
	assert_null(parse(a, "", &d, &empty));
	assert_true(empty);
	assert_null(parse(a, "# only a comment\n", &d, &empty));
	assert_true(empty);
	assert_int_equal(d.errors, 0);
	assert_null(parse(a, "a: [1, 2\n", &d, &empty));
	assert_false(empty);
	assert_int_equal(d.errors, 1);
	assert_null(parse(a, "a: 1\n---\nb: 2\n", &d, &empty));
	assert_int_equal(d.errors, 2);
	assert_null(parse(a, "a: *nowhere\n", &d, &empty));
	assert_int_equal(d.errors, 3);
	assert_null(parse(a, "a: \"x\\0y\"\n", &d, &empty));
	assert_int_equal(d.errors, 4);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_aliases_shared),
		cmocka_unit_test(test_many_anchors),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_empty_and_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
