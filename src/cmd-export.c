/* cmd-export.c: `kefu export`, a quiz written as a bank other tools
 * read (Moodle XML, GIFT, an Excel 题库 sheet). An export carries the
 * key, so it is a trainer's or a manager's, and it is logged. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank/bank.h"
#include "kefu.h"
#include "priv.h"
#include "store.h"

static int
cmd_export(struct kefu *k, int argc, char **argv)
{
	const char *fmt = NULL, *out = NULL, *out2 = NULL;
	bool force = false;
	const struct cmd_opt opts[] = {
		{ "--format", &fmt, NULL },
		{ "-o", &out, NULL },
		{ "--output", &out2, NULL },
		{ "--force", NULL, &force },
		{ NULL, NULL, NULL }
	};
	const struct quiz *qz;
	struct bank b = BANK_INIT;
	struct sb text = SB_INIT, detail = SB_INIT;
	char *pos[1];
	int npos, status, f;
	size_t i;

	if ((status = cmd_parse(&cmd_export_entry, argc, argv, opts, pos, 1, &npos)) != 0)
		return status;
	if (out2)
		out = out2;
	if (npos != 1)
		return cmd_usage(&cmd_export_entry);
	f = fmt ? bank_format_parse(fmt) : bank_format_of_name(out);
	if (f == BANK_AIKEN || f == BANK_YAML || (fmt && f < 0)) {
		error(_("no format '%s' to export to: moodle-xml, gift or excel-csv"), fmt);
		return 2;
	}
	if (f < 0) {
		error(_("say which format: --format moodle-xml, gift or excel-csv"));
		return 2;
	}
	if (import_refuse_existing(out, force) != 0)
		return 2;
	kefu_me(k);
	if (!kefu_may(k, "trainer", _("export a quiz (an export holds its key)")))
		return 1;
	if ((qz = kefu_quiz(k, pos[0])) == NULL)
		return 2;
	if (qz->nown == 0) {
		struct sb from = SB_INIT;

		for (i = 0; i < qz->nfrom; i++)
			sb_addf(&from, "%s%s", i ? ", " : "", qz->from[i]);
		error(_("quiz '%s' has no questions of its own: it draws them from %s; export those"),
		      qz->id, sb_str(&from));
		sb_free(&from);
		return 2;
	}
	bank_from_quiz(&b, qz);
	bank_export(&b, (enum bank_format)f, &text);
	import_notes(&b, qz->id);
	if (qz->nfrom)
		fprintf(stderr, _("%s: its own questions only; it also draws from other quizzes\n"),
			qz->id);
	sb_addf(&detail, "%s %s%s%s", qz->id, bank_format_name((enum bank_format)f),
		out ? " " : "", out ? out : "");
	/* on the log before the key leaves kefu */
	if (store_event(kefu_store(k), k->me.id, "export", k->me.id, sb_str(&detail),
			kefu_clock(k)) != 0) {
		status = 1;
		goto done;
	}
	if (out) {
		int rc;

		priv_user();
		rc = write_atomic(out, sb_str(&text), text.len, 0600, true);
		priv_group();
		if (rc != 0) {
			error(_("cannot write '%s': %s"), out, strerror(errno));
			status = 2;
			goto done;
		}
		fprintf(stderr, P_("%s: %zu question written to %s\n",
				   "%s: %zu questions written to %s\n", b.n), qz->id, b.n, out);
	} else
		fwrite(sb_str(&text), 1, text.len, stdout);
done:
	sb_free(&text);
	sb_free(&detail);
	bank_free(&b);
	return status;
}

static const char *const export_words[] = {
	"--format", "-o", "--output", "--force", "moodle-xml", "gift", "excel-csv", NULL
};

const struct cmd cmd_export_entry = {
	.name = "export",
	.usage = "QUIZ --format moodle-xml|gift|excel-csv [-o FILE [--force]]",
	.summary = N_("write a quiz as a bank for Moodle or a 题库 sheet (trainers)"),
	.help = N_("Writes the questions of QUIZ, key and all, in another tool's format:\n"
		"Moodle XML or GIFT for a Moodle site, or an Excel 题库 sheet as CSV\n"
		"(UTF-8 with a byte order mark, so Excel opens it as it is). 'kefu\n"
		"import' reads each back as the same questions. What a format cannot\n"
		"hold is said as a note (Moodle has no all-or-nothing multiple choice:\n"
		"it gives partial credit). An export holds the key: it is for trainers\n"
		"and managers, and it is written on the event log. -o writes the file\n"
		"with your own rights, readable by you alone; the format may come from\n"
		"its name (.xml, .gift, .csv).\n"
		"\n"
		"  --format F   moodle-xml, gift or excel-csv\n"
		"  -o FILE      write there, not to standard output\n"
		"  --force      replace FILE when it exists\n"),
	.arg = ARG_QUIZ,
	.words = export_words,
	.fn = cmd_export,
};
