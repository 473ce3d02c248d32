/* drill.c: the loader of drill files. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "content/load.h"
#include "kpi.h"
#include "quiz.h"
#include "markup.h"
#include "text.h"
#include "ycache.h"
#include "ydoc.h"

static const char *const drill_keys[] = {
	"drill", "title", "unit", "lines", "scripts", "time_limit", "strict_width"
};

void
load_drill(struct ld *l, const struct ynode *root)
{
	static const char *const units[] = { "cpm", "wpm" };
	struct drill *dr = arena_alloc(l->c->arena, sizeof(*dr));
	const struct pos *first;
	const struct ynode *v;
	size_t i;
	int e;

	memset(dr, 0, sizeof(*dr));
	dr->pos = ld_pos(l, root);
	check_keys(l, root, drill_keys, ARRAY_SIZE(drill_keys), N_("a drill"));
	dr->id = get_id(l, root, "drill", true);
	dr->title = get_text(l, root, "title", true);
	e = get_enum(l, root, "unit", units, ARRAY_SIZE(units), false);
	dr->unit = e < 0 ? UNIT_CPM : (enum drill_unit)e;
	dr->time_limit = get_duration(l, root, "time_limit");
	get_bool(l, root, "strict_width", &dr->strict_width);
	dr->nlibs = get_id_list(l, root, "scripts", "after-sales-replies", &dr->libs,
				&dr->libs_pos);
	if (map_get(root, "lines") == NULL && map_get(root, "scripts") == NULL)
		ld_err(l, root, _("a drill needs 'lines', or 'scripts' naming script libraries to take its lines from"));
	dr->nlines = dr->nown = get_text_list(l, root, "lines", false, &dr->lines);
	v = map_get(root, "lines");
	for (i = 0; i < dr->nlines; i++) {
		const char *c;

		if (strchr(dr->lines[i], '\n')) {
			ld_err(l, v->items[i], _("a drill line must be one line; split it into two items"));
			continue;
		}
		if (text_chars(dr->lines[i]) > CONTENT_DRILL_LINE_MAX) {
			ld_err(l, v->items[i], _("a drill line is at most %d characters; this one has %zu"),
			    CONTENT_DRILL_LINE_MAX, text_chars(dr->lines[i]));
			continue;
		}
		for (c = dr->lines[i]; *c; c++)
			if ((unsigned char)*c < 0x20 || *c == 0x7f) {
				ld_err(l, v->items[i], _("a drill line cannot hold control characters (byte 0x%02x)"),
				    (unsigned char)*c);
				break;
			}
	}

	if (dr->id == NULL)
		return;
	if ((first = idset_add(&l->c->ids->drill, dr->id, dr->pos)) != NULL) {
		ld_dup(l, map_get(root, "drill"), _("drill"), dr->id, first);
		return;
	}
	l->c->drills = xreallocarray(l->c->drills, l->c->ndrills + 1,
				     sizeof(*l->c->drills));
	l->c->drills[l->c->ndrills++] = dr;
	strmap_put(&l->c->index[INDEX_DRILL], dr->id, dr);
}

const char *
content_unit_name(enum drill_unit u)
{
	return u == UNIT_WPM ? "WPM" : "字/分";
}
