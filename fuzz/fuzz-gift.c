/* fuzz-gift.c: libFuzzer harness for the GIFT reader and writer. Each
 * input valid as UTF-8 is read as a GIFT file into a bank, written back
 * as GIFT and that read again, as `kefu import` and `kefu export` do;
 * every question that passes bank_check() must come back the same
 * unless the writer said what GIFT could not hold. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "bank/bank.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data, *field;
	struct bank b = BANK_INIT, back = BANK_INIT;
	struct sb out = SB_INIT;
	size_t bad, notes, i;

	/* the reader refuses other bytes at once: nothing to fuzz there */
	if (!text_valid(buf, size, &bad))
		return 0;
	bank_read_gift(&b, buf, size);
	bank_check(&b);
	notes = b.nnotes;
	bank_write_gift(&b, &out);
	bank_read_gift(&back, sb_str(&out), out.len);
	if (b.nnotes == notes) {
		if (back.n != b.n) {
			fprintf(stderr, "%zu questions written, %zu read back\n", b.n, back.n);
			abort();
		}
		for (i = 0; i < b.n; i++)
			if (!bank_q_same(&b.q[i], &back.q[i], &field)) {
				fprintf(stderr, "question %zu: %s differs\n", i + 1, field);
				abort();
			}
	}
	sb_free(&out);
	bank_free(&b);
	bank_free(&back);
	return 0;
}
