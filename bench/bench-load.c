/* bench-load.c: loading a 10 000-question quiz bank against a bare
 * libyaml event scan of the same bytes, and the loader's peak memory.
 *   bench-load [QUESTIONS]   prints the figures (the bank is made here)
 *   bench-load --rss FILE    loads FILE once; prints its peak RSS in KiB
 *   bench-load --rss-none    the same without loading, for the base
 *   bench-load --once        one scan and one load, for callgrind */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "content.h"

#define RUNS 7

/* A bank in the bundled files' style: every question type, Chinese text,
 * tags, explanations. */
static void
make_bank(struct sb *sb, unsigned n)
{
	static const char *const tags[] = { "after-sales", "shipping", "product", "rules" };
	unsigned i;

	sb_adds(sb, "quiz: bench-bank\ntitle: 题库（基准测试）\nkind: platform-rules\n"
		"mode: practice\npass_mark: 80\nshuffle: true\n"
		"draw: {after-sales: 10, shipping: 10, product: 10}\nquestions:\n");
	for (i = 0; i < n; i++) {
		sb_addf(sb, "  - id: q%05u\n    tags: [%s, set-%u]\n", i, tags[i % 4], i % 50);
		switch (i % 8) {
		case 0:
			sb_addf(sb, "    type: single\n    text: 第%u题：买家提交了退换货申请，客服最迟多久内必须回复？\n"
				"    choices: [\"5分钟\", \"30分钟\", \"2小时\", \"当天下班前\"]\n"
				"    answer: A\n", i);
			break;
		case 1:
			sb_addf(sb, "    type: multi\n    scoring: partial\n    text: 第%u题：下列哪些情况属于店铺责任？\n"
				"    choices:\n      - \"发错了颜色\"\n      - \"漏发了一件商品\"\n"
				"      - \"签收当天发现开线\"\n      - \"买家填错了地址\"\n"
				"    answer: [A, B, C]\n", i);
			break;
		case 2:
			sb_addf(sb, "    type: truefalse\n    text: 第%u题：买家签收后七天内可以无理由退货。\n"
				"    answer: true\n", i);
			break;
		case 3:
			sb_addf(sb, "    type: fill\n    text: 第%u题：发货后物流信息在哪里查看？\n"
				"    answer: [订单详情, 订单详情页, 物流详情]\n", i);
			break;
		case 4:
			sb_addf(sb, "    type: numeric\n    text: 第%u题：满199减20，买家付了219元，原价是多少元？\n"
				"    answer: 239\n    tolerance: 0.5\n", i);
			break;
		case 5:
			sb_addf(sb, "    type: order\n    text: 第%u题：把处理退货的步骤排好顺序。\n"
				"    steps: [核实订单, 安抚买家, 上传凭证, 同意退货, 跟进退款]\n", i);
			break;
		case 6:
			sb_addf(sb, "    type: match\n    text: 第%u题：把问题和处理办法配对。\n"
				"    pairs: [[错发, 补发正确商品], [破损, 拍照后退款], [延误, 致歉补偿]]\n", i);
			break;
		default:
			sb_addf(sb, "    type: essay\n    text: 第%u题：写一段回复，安抚一位收到破损商品的买家。\n"
				"    rubric: 先致歉，再说明处理办法和时间。\n", i);
			break;
		}
		sb_adds(sb, "    explain: 退换货申请最迟5分钟内回复，先安抚买家情绪，再核实情况。\n");
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Not inlined, so callgrind's --toggle-collect can count each. */
__attribute__((noinline)) size_t bench_scan(const char *, size_t);
__attribute__((noinline)) size_t bench_load(const char *, size_t);

/* The floor: libyaml's events for the same bytes, nothing kept. */
size_t
bench_scan(const char *buf, size_t len)
{
	yaml_parser_t yp;
	yaml_event_t ev;
	size_t events = 0;
	bool done = false;

	if (!yaml_parser_initialize(&yp))
		die("out of memory");
	yaml_parser_set_input_string(&yp, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&yp, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&yp, &ev))
			die("bench bank: YAML error: %s", yp.problem);
		done = ev.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&yp);
	return events;
}

/* What kefu does with a quiz file: check, parse, validate, resolve. */
size_t
bench_load(const char *buf, size_t len)
{
	struct content *c = content_new();
	struct diag d = DIAG_INIT(stderr);
	size_t n;

	content_load_buffer(c, "bench-bank.yaml", buf, len, &d);
	content_resolve(c, NULL, &d);
	if (d.errors)
		die("bench bank: %u errors", d.errors);
	n = c->nquizzes ? c->quizzes[0]->nquestions : 0;
	content_free(c);
	return n;
}

static long
peak_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Runs this program again with ARG (and FILE) and returns the peak RSS
 * it reports. */
static long
child_rss(const char *self, const char *arg, const char *file, double *ms)
{
	char cmd[4096];
	FILE *p;
	long kib = -1;

	snprintf(cmd, sizeof(cmd), "'%s' %s '%s'", self, arg, file ? file : "");
	if ((p = popen(cmd, "r")) == NULL || fscanf(p, "%ld", &kib) != 1 ||
	    (ms && fscanf(p, "%lf", ms) != 1))
		die("cannot run %s", cmd);
	pclose(p);
	return kib;
}

int
main(int argc, char **argv)
{
	struct sb bank = SB_INIT;
	double t, best_scan = 1e9, best_load = 1e9, cold = 0;
	size_t events = 0, questions = 0;
	unsigned n = 10000;
	char path[] = "/tmp/kefu-bench-XXXXXX";
	long base, loaded;
	FILE *f;
	int i, fd;

	if (argc == 3 && strcmp(argv[1], "--rss") == 0) {
		const char *why;
		char *buf;
		size_t len;

		if (read_file(argv[2], 64u << 20, &buf, &len, &why) != 0)
			die("%s: %s", argv[2], why);
		t = now();
		bench_load(buf, len);
		t = now() - t;
		free(buf);
		printf("%ld %.3f\n", peak_kib(), t * 1e3);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "--rss-none") == 0) {
		struct content *c = content_new();	/* link as much as --rss */

		content_free(c);
		printf("%ld\n", peak_kib());
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--once") == 0) {
		make_bank(&bank, n);
		bench_scan(bank.buf, bank.len);
		bench_load(bank.buf, bank.len);
		sb_free(&bank);
		return 0;
	}
	if (argc == 2)
		n = (unsigned)strtoul(argv[1], NULL, 10);
	make_bank(&bank, n);
	/* warm runs: memory freed by one run is kept for the next, so the
	 * best run measures the work, not the kernel's first-touch faults
	 * (the cold figure below has those) */
	mallopt(M_TRIM_THRESHOLD, 512 << 20);
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	for (i = 0; i < RUNS; i++) {
		t = now();
		events = bench_scan(bank.buf, bank.len);
		t = now() - t;
		if (t < best_scan)
			best_scan = t;
		t = now();
		questions = bench_load(bank.buf, bank.len);
		t = now() - t;
		if (t < best_load)
			best_load = t;
	}
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL ||
	    fwrite(bank.buf, 1, bank.len, f) != bank.len || fclose(f) != 0)
		die("%s: cannot write the bank", path);
	base = child_rss(argv[0], "--rss-none", NULL, NULL);
	loaded = child_rss(argv[0], "--rss", path, &cold);
	unlink(path);
	printf("bank: %zu questions, %.1f MB, %zu YAML events\n", questions,
	       (double)bank.len / 1e6, events);
	printf("libyaml scan:   %8.1f ms (best of %d)\n", best_scan * 1e3, RUNS);
	printf("kefu load:      %8.1f ms (best of %d)\n", best_load * 1e3, RUNS);
	printf("load/scan:      %8.2f x   (goal <= 1.3)\n", best_load / best_scan);
	printf("cold load:      %8.1f ms  (%.2f x the scan: the first load of a fresh process,\n"
	       "                            its pages faulted in)\n", cold, cold / 1e3 / best_scan);
	printf("peak RSS:       %8.1f MB  (goal <= 30; %.1f MB of it the bare process)\n",
	       (double)loaded / 1024, (double)base / 1024);
	sb_free(&bank);
	return 0;
}
