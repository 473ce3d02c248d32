/* unit-ydoc.c: YAML to positioned nodes, and the limits on hostile input. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ycache.h"
#include "ydoc.h"

static struct ynode *
parse(struct arena *a, const char *text, struct diag *d, bool *empty)
{
	return ydoc_parse(a, "t.yaml", text, strlen(text), d, empty);
}

/* Two trees are the same: types, text, plainness, positions, items. */
static void
assert_same_tree(const struct ynode *a, const struct ynode *b)
{
	uint32_t i, items;

	assert_int_equal(a->type, b->type);
	assert_int_equal(a->plain, b->plain);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->col, b->col);
	assert_int_equal(a->n, b->n);
	if (a->type == Y_SCALAR) {
		assert_int_equal(a->len, b->len);
		assert_memory_equal(a->str, b->str, a->len);
		assert_int_equal(b->str[b->len], '\0');
		return;
	}
	items = a->type == Y_MAP ? 2 * a->n : a->n;
	for (i = 0; i < items; i++)
		assert_same_tree(a->items[i], b->items[i]);
}

static void
test_cache_round_trip(void **state)
{
	static const char text[] =
		"quiz: q\ntitle: \"售后 规则\"\nempty: ''\nquestions:\n"
		"  - &one {id: a, text: 七天无理由退货, tags: [售后, 规则]}\n"
		"  - *one\n  - id: b\n    text: |\n      多行\n      文字\n";
	struct arena *a = arena_new(), *b = arena_new();
	struct diag d = DIAG_INIT(NULL);
	struct sb sb = SB_INIT;
	struct ynode *root, *back;
	bool empty;
	size_t cut;

	(void)state;
	root = parse(a, text, &d, &empty);
	assert_non_null(root);
	ycache_encode(&sb, root);
	back = ycache_decode((const unsigned char *)sb.buf, sb.len, b);
	assert_non_null(back);
	assert_same_tree(root, back);
	/* an alias is written out where it is used, at its own position */
	assert_int_equal(back->items[7]->items[1]->type, Y_MAP);
	assert_int_equal(back->items[7]->items[1]->n, 3);
	assert_string_equal(back->items[7]->items[1]->items[3]->str, "七天无理由退货");
	assert_int_equal(back->items[7]->items[1]->line, 6);
	/* anything cut short or with bytes after it is no tree */
	for (cut = 0; cut < sb.len; cut++)
		assert_null(ycache_decode((const unsigned char *)sb.buf, cut, b));
	sb_addc(&sb, 0);
	assert_null(ycache_decode((const unsigned char *)sb.buf, sb.len, b));
	sb_free(&sb);
	arena_free(a);
	arena_free(b);
}

static void
test_cache_racy(void **state)
{
	(void)state;
	/* changed well before the cache was written: trusted */
	assert_false(ycache_racy(1000, 1002));
	/* in the same second or the one before (two-second clocks), or
	 * after: not trusted */
	assert_true(ycache_racy(1001, 1002));
	assert_true(ycache_racy(1002, 1002));
	assert_true(ycache_racy(2000, 1002));
	/* no cache read (written 0): anything is after it */
	assert_true(ycache_racy(0, 0));
}

static void
test_cache_garbage(void **state)
{
	/* a huge count, a bad tag, text that is not UTF-8 or holds a NUL,
	 * and nesting past the limit all decode to nothing */
	static const unsigned char huge[] = { 1, 1, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0, 1, 1, 0 };
	static const unsigned char tag[] = { 9, 1, 1, 0 };
	static const unsigned char bad_utf8[] = { 0, 1, 1, 2, 0xe5, 0x94, 0 };
	static const unsigned char nul[] = { 0, 1, 1, 2, 'a', 0, 0 };
	/* a scalar is its bytes and then a NUL, where it lies */
	static const unsigned char ok[] = { 0, 1, 1, 2, 'o', 'k', 0 };
	static const unsigned char unended[] = { 0, 1, 1, 2, 'o', 'k', 'x' };
	struct ynode *n;
	struct arena *a = arena_new();
	unsigned char deep[4 * (YDOC_MAX_DEPTH + 2)];
	size_t i;

	(void)state;
	assert_null(ycache_decode(huge, sizeof(huge), a));
	assert_null(ycache_decode(tag, sizeof(tag), a));
	assert_null(ycache_decode(bad_utf8, sizeof(bad_utf8), a));
	assert_null(ycache_decode(nul, sizeof(nul), a));
	assert_null(ycache_decode(unended, sizeof(unended), a));
	assert_null(ycache_decode(ok, sizeof(ok) - 1, a));
	n = ycache_decode(ok, sizeof(ok), a);
	assert_non_null(n);
	assert_string_equal(n->str, "ok");
	assert_ptr_equal(n->str, (const char *)ok + 4);
	for (i = 0; i + 4 <= sizeof(deep); i += 4) {
		deep[i] = 1;	/* a sequence of one, all the way down */
		deep[i + 1] = 1;
		deep[i + 2] = 1;
		deep[i + 3] = 1;
	}
	assert_null(ycache_decode(deep, sizeof(deep), a));
	arena_free(a);
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
		cmocka_unit_test(test_cache_round_trip),
		cmocka_unit_test(test_cache_garbage),
		cmocka_unit_test(test_cache_racy),
		cmocka_unit_test(test_aliases_shared),
		cmocka_unit_test(test_many_anchors),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_empty_and_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
