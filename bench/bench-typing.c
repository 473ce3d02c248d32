/* bench-typing.c: the work kefu does for one keystroke in a drill, with
 * readline and the terminal left out: the recorder (NFC, decode, diff
 * against the target), the width check and the coloured redraw.
 * It types every line of the bundled drills a character at a time, with
 * a slip and its correction every tenth character.
 *   bench-typing            prints nanoseconds per keystroke
 *   bench-typing --once     one pass, for callgrind's --toggle-collect */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content.h"
#include "text.h"
#include "typing.h"

/* One keystroke as cmd-drill.c's on_key() and redraw() handle it. */
static void
keystroke(struct typing_rec *rec, struct sb *draw, const char *target,
	  const char *line, double t)
{
	typing_rec_update(rec, line, t);
	sb_reset(draw);
	/* cmd-drill.c's redraw(): the rows up to the target, then the paint */
	sb_addf(draw, "\0337\033[%dA\r  ", 1 + text_width(line) / 80);
	typing_paint(draw, rec, target);
	sb_adds(draw, "\033[K\0338");
}

/* Types every line; returns the keystrokes. Not inlined, so callgrind
 * can count just this. */
__attribute__((noinline)) size_t bench_keystrokes(const struct drill *const *, size_t);

size_t
bench_keystrokes(const struct drill *const *drills, size_t ndrills)
{
	struct sb line = SB_INIT, draw = SB_INIT;
	struct typing_rec rec;
	size_t keys = 0, i, j;
	double t = 0;

	for (i = 0; i < ndrills; i++)
		for (j = 0; j < drills[i]->nlines; j++) {
			const char *target = drills[i]->lines[j];
			size_t pos = 0, n = strlen(target), chars = 0;

			typing_rec_start(&rec, target, false);
			sb_reset(&line);
			while (pos < n) {
				int32_t cp;
				size_t k = text_decode(target + pos, n - pos, &cp);

				k = k ? k : 1;
				if (++chars % 10 == 0) {
					/* a slip, then Backspace */
					sb_addc(&line, 'x');
					keystroke(&rec, &draw, target, sb_str(&line), t += 0.2);
					line.buf[--line.len] = '\0';
					keystroke(&rec, &draw, target, sb_str(&line), t += 0.2);
					keys += 2;
				}
				sb_add(&line, target + pos, k);
				keystroke(&rec, &draw, target, sb_str(&line), t += 0.2);
				keys++;
				pos += k;
			}
			typing_rec_free(&rec);
		}
	sb_free(&line);
	sb_free(&draw);
	return keys;
}

int
main(int argc, char **argv)
{
	struct content *c = content_new();
	struct diag d = DIAG_INIT(stderr);
	const char *dir = getenv("KEFU_CONTENT");
	size_t keys = 0, chars = 0, i, j, rounds = 0;
	struct timespec a, b;
	double ns;

	content_load_tree(c, dir ? dir : KEFU_SRCDIR, &d);
	content_resolve(c, NULL, &d);
	if (d.errors || c->ndrills == 0)
		die("bench-typing: no drills to type");
	for (i = 0; i < c->ndrills; i++)
		for (j = 0; j < c->drills[i]->nlines; j++)
			chars += text_chars(c->drills[i]->lines[j]);
	if (argc == 2 && strcmp(argv[1], "--once") == 0) {
		keys = bench_keystrokes((const struct drill *const *)c->drills, c->ndrills);
		printf("%zu keystrokes\n", keys);
		content_free(c);
		return 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	do {
		keys += bench_keystrokes((const struct drill *const *)c->drills, c->ndrills);
		rounds++;
		clock_gettime(CLOCK_MONOTONIC, &b);
	} while ((double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9 < 1.0);
	ns = ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / (double)keys;
	printf("%zu drills, %zu characters of lines; %zu keystrokes a pass, %zu passes\n",
	       c->ndrills, chars, keys / rounds, rounds);
	printf("per keystroke:  %8.0f ns\n", ns);
	content_free(c);
	return 0;
}
