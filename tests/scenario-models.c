/* scenario-models.c: prints a scenario's model replies, one turn a line
 * (a reply of several lines with '\' ending each but the last, as kefu
 * chat reads them), so a test can pipe them into `kefu chat`. Usage:
 * scenario-models CONTENT-DIR [SCENARIO]; without SCENARIO, the ids of
 * the scenarios whose every turn has a model reply. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "content.h"

int
main(int argc, char **argv)
{
	struct diag d = DIAG_INIT(stderr);
	struct content *c = content_new();
	const struct scenario *sc;
	size_t i, j;
	int rc = 0;

	if (argc < 2 || argc > 3) {
		fputs("usage: scenario-models CONTENT-DIR [SCENARIO]\n", stderr);
		return 2;
	}
	if (content_load_tree(c, argv[1], &d) != 0 || content_resolve(c, NULL, &d) != 0) {
		content_free(c);
		return 1;
	}
	for (i = 0; argc == 2 && i < c->nscenarios; i++) {
		for (j = 0; j < c->scenarios[i]->nturns && c->scenarios[i]->turns[j].model; j++)
			;
		if (j == c->scenarios[i]->nturns)
			puts(c->scenarios[i]->id);
	}
	if (argc == 3 && (sc = content_scenario(c, argv[2])) == NULL) {
		fprintf(stderr, "scenario-models: no scenario '%s'\n", argv[2]);
		rc = 1;
	}
	for (i = 0; argc == 3 && sc && i < sc->nturns; i++) {
		const char *m = sc->turns[i].model, *p;

		if (m == NULL) {
			fprintf(stderr, "scenario-models: turn %zu of '%s' has no model\n", i + 1,
				sc->id);
			rc = 1;
			break;
		}
		for (p = m; *p; p++)
			if (*p == '\n' && p[1])
				fputs("\\\n", stdout);
			else if (*p != '\n')
				putchar(*p);
		putchar('\n');
	}
	content_free(c);
	return rc;
}
