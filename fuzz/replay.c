/* replay.c: runs the fuzz harness over files named on the command line,
 * without libFuzzer, so any compiler (and make check) can replay the
 * seeds and the inputs that once crashed. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		const char *why;
		char *buf;
		size_t len;

		if (read_file(argv[i], 64u << 20, &buf, &len, &why) != 0)
			die("%s: %s", argv[i], why);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
		free(buf);
	}
	printf("replayed %d input(s)\n", argc - 1);
	return 0;
}
