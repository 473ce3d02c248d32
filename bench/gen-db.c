/* gen-db.c: a kefu database of a large shop, for the report benchmarks:
 * 2 000 trainees enrolled in the bundled curriculum, their stages,
 * lessons, drill results, and quiz attempts holding 2 000 000 answers to
 * the bundled quizzes' questions. Written through the store API (so it
 * follows the schema wherever it goes) in one transaction.
 *   gen-db PATH [TRAINEES [ANSWERS [QUIZ]]]
 * With QUIZ every attempt is at that quiz (for its item analysis).
 * The person running it is the manager, so kefu works on the result. */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "content.h"
#include "quiz.h"
#include "store.h"

#define DAY 86400LL

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
check(int rc, const char *what)
{
	if (rc < 0)
		die("gen-db: %s failed", what);
}

int
main(int argc, char **argv)
{
	struct content *c = content_new();
	struct diag d = DIAG_INIT(stderr);
	const char *dir = getenv("KEFU_CONTENT");
	const struct curriculum *cu;
	struct passwd *pw = getpwuid(getuid());
	struct store *st;
	long trainees = 2000, answers = 2000000, per, p, total = 0, attempts = 0;
	long long t0 = 1735689600LL;	/* 2025-01-01 */
	uint64_t rng = 42;
	double start;

	const struct quiz *only = NULL;

	if (argc < 2 || argc > 5)
		die("usage: gen-db PATH [TRAINEES [ANSWERS [QUIZ]]]");
	if (argc > 2 && strcmp(argv[1], "--questions") != 0)
		trainees = strtol(argv[2], NULL, 10);
	if (argc > 3)
		answers = strtol(argv[3], NULL, 10);
	if (trainees < 1 || answers < 0)
		die("gen-db: bad counts");
	content_load_tree(c, dir ? dir : KEFU_SRCDIR, &d);
	content_resolve(c, NULL, &d);
	if (d.errors || c->ncurricula == 0 || c->nquizzes == 0)
		die("gen-db: the bundled content does not load");
	cu = c->curricula[0];
	if (strcmp(argv[1], "--questions") == 0) {
		/* gen-db --questions QUIZ: how many questions a paper holds */
		const struct quiz *qz = argc > 2 ? content_quiz(c, argv[2]) : NULL;
		struct paper *pp = qz ? quiz_draw(qz, 1) : NULL;

		if (pp == NULL)
			die("gen-db: no such quiz");
		printf("%zu\n", pp->n);
		paper_free(pp);
		content_free(c);
		return 0;
	}
	if (argc > 4 && (only = content_quiz(c, argv[4])) == NULL)
		die("gen-db: no quiz %s", argv[4]);
	unlink(argv[1]);
	start = now();
	if ((st = store_open(argv[1])) == NULL)
		die("gen-db: cannot open %s", argv[1]);
	check(store_begin(st), "begin");
	check((int)store_person_add(st, pw ? pw->pw_name : "manager", "店长", "manager",
				    "2024-06-01", t0), "manager");
	per = answers / trainees;
	for (p = 0; p < trainees; p++) {
		char login[32], name[32], started[16];
		struct enrollment enr;
		long long day = t0 + (p % 180) * DAY;
		time_t tt = (time_t)day;
		struct tm tm;
		int64_t id;
		long mine = per + (p < answers % trainees ? 1 : 0);
		size_t s, m, reached;

		snprintf(login, sizeof(login), "t%04ld", p);
		snprintf(name, sizeof(name), "学员%04ld", p);
		gmtime_r(&tt, &tm);
		strftime(started, sizeof(started), "%Y-%m-%d", &tm);
		id = store_person_add(st, login, name, "trainee", started, day);
		check((int)id, "person");
		check(store_enroll(st, id, cu->id, started, day), "enroll");
		check(store_enrollment(st, id, &enr), "enrollment");
		/* trainees are spread over the stages */
		reached = (size_t)(quiz_random(&rng) % (cu->nstages + 1));
		for (s = 0; s < cu->nstages && s <= reached; s++) {
			long long at = day + (long long)s * 7 * DAY;

			check(store_stage_opened(st, enr.id, cu->stages[s].id, at), "stage");
			if (s < reached)
				check(store_stage_completed(st, enr.id, cu->stages[s].id,
							    at + 6 * DAY), "stage");
			for (m = 0; m < cu->stages[s].nmodules; m++) {
				const struct module *mod = &cu->stages[s].modules[m];

				if (mod->kind == MOD_LESSON)
					check(store_lesson_read(st, id, mod->id, at + DAY), "lesson");
				else if (mod->kind == MOD_DRILL && mod->drill) {
					struct drill_row row = { at + DAY, 60, 120, 115, 120, 115,
								 95.8, 94.0, 6, true, true, "" };
					int k;

					for (k = 0; k < 10; k++, row.at += 3600, row.net_speed += 2)
						check(store_drill_save(st, id, mod->drill->id, "cpm", &row),
						      "drill");
				}
			}
		}
		enrollment_clear(&enr);
		/* quiz attempts until this trainee's share of answers is in */
		while (mine > 0) {
			const struct quiz *qz = only ? only : c->quizzes[quiz_random(&rng) % c->nquizzes];
			long long at = day + (long long)(quiz_random(&rng) % (90 * DAY));
			/* a paper drawn as kefu draws it (a quiz that draws 20 of
			 * 47 questions gives papers of 20) */
			struct paper *pp = quiz_draw(qz, quiz_random(&rng));
			size_t q, n = pp->n < (size_t)mine ? pp->n : (size_t)mine;
			double got = 0, max = 0;
			int64_t att;
			struct sb paper = SB_INIT;

			for (q = 0; q < n; q++)
				sb_addf(&paper, "%s:\n", qz->questions[pp->items[q].q].id);
			{
				struct attempt a;
				struct attempt_count cnt;

				check(store_attempt_begin(st, id, qz->id, 0, rng, sb_str(&paper), at,
							  &a, &cnt), "attempt");
				att = a.id;
				attempt_clear(&a);
			}
			sb_free(&paper);
			for (q = 0; q < n; q++) {
				const struct question *qu = &qz->questions[pp->items[q].q];
				bool right = quiz_random(&rng) % 100 < 80;
				double pts = right ? qu->points : 0;
				char resp[16] = "A";

				/* a choice is stored as its index, as kefu stores it */
				if (qu->type == Q_SINGLE && qu->nanswer == 1 && qu->nchoices > 1)
					snprintf(resp, sizeof(resp), "%u", right ? qu->answer[0] :
						 (qu->answer[0] + 1) % (unsigned)qu->nchoices);
				else if (!right)
					resp[0] = 'B';
				got += pts;
				max += qu->points;
				check(store_answer_save(st, att, (int)q, qu->id, resp, pts,
							at + (long long)q * 30), "answer");
			}
			paper_free(pp);
			check(store_attempt_finish(st, att, got, max, max > 0 ? 100 * got / max : 0,
						   "final", at + (long long)n * 30), "finish");
			mine -= (long)n;
			total += (long)n;
			attempts++;
		}
	}
	check(store_commit(st), "commit");
	store_close(st);
	printf("gen-db: %ld trainees, %ld attempts, %ld answers in %.1f s\n",
	       trainees, attempts, total, now() - start);
	content_free(c);
	return 0;
}
