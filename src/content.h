/* content.h: curricula, quizzes, drills, script libraries and case books
 * loaded from YAML.
 *
 * Ownership: a struct content owns everything reachable from it (every
 * quiz, question, drill, curriculum, stage, module and string) in one
 * arena. The tree is immutable once content_resolve() has run; nothing
 * handed out here may be changed or freed by a caller, and every pointer
 * stays valid until content_free(). */
#ifndef KEFU_CONTENT_H
#define KEFU_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct ycache;

struct pos {
	const char *file;
	int line, col;
};

enum quiz_kind { QUIZ_PRODUCT, QUIZ_RULES, QUIZ_OTHER };
enum quiz_mode { QUIZ_PRACTICE, QUIZ_EXAM };

enum qtype {
	Q_SINGLE, Q_MULTI, Q_TRUEFALSE, Q_FILL, Q_NUMERIC, Q_ORDER, Q_MATCH,
	Q_ESSAY
};

struct question {
	const char *id;
	enum qtype type;
	double points;
	const char **tags;
	size_t ntags;
	const char *text;
	const char *explain;	/* NULL when absent */
	const char *rubric;	/* essay */
	const char **choices;	/* single, multi */
	size_t nchoices;
	unsigned *answer;	/* single, multi: choice indexes, ascending */
	size_t nanswer;
	bool partial;		/* multi: scoring: partial */
	bool truth;		/* truefalse */
	const char **accepted;	/* fill */
	size_t naccepted;
	double number, tolerance;	/* numeric */
	/* numeric, fill: what the answer counts in ("分钟", "元", or
	 * "percent"); NULL for none */
	const char *unit;
	const char **steps;	/* order, in the right order */
	size_t nsteps;
	const char **left, **right;	/* match: pairs[i] = left[i], right[i] */
	size_t npairs;
	struct pos pos;
};

struct draw_rule {
	const char *tag;	/* NULL: from the whole pool */
	unsigned count;
	struct pos pos;
};

struct quiz {
	const char *id;
	const char *title;
	enum quiz_kind kind;
	enum quiz_mode mode;
	double pass_mark;	/* percent */
	struct draw_rule *draws;	/* none: every question */
	size_t ndraws;
	bool shuffle;
	long time_limit;	/* seconds; 0 for none */
	unsigned attempts;	/* 0 for no cap */
	bool review;		/* exam: may trainees review their answers */
	/* its own questions and then, once resolved, those of every quiz in
	 * from (a pool of banks to draw from) */
	struct question *questions;
	size_t nquestions;
	size_t nown;		/* its own: the first nown of questions */
	const char **from;	/* quiz ids */
	struct pos *from_pos;
	size_t nfrom;
	bool pooled;		/* from's questions are in questions */
	struct pos draw_pos;
	struct pos pos;
};

enum drill_unit { UNIT_CPM, UNIT_WPM };
/* The longest drill line, in characters: a reply is far shorter (the
 * bundled ones are under 60), and scoring costs grow with its square. */
#define CONTENT_DRILL_LINE_MAX 1000

struct drill {
	const char *id;
	const char *title;
	enum drill_unit unit;
	const char **lines;
	size_t nlines;
	long time_limit;	/* seconds; 0 for none */
	bool strict_width;	/* full-width letters and digits are typos */
	/* scripts: libraries whose items join lines once resolved (those
	 * on one line without placeholders) */
	const char **libs;
	struct pos *libs_pos;
	size_t nlibs;
	size_t nown;		/* lines written in the drill: the first nown */
	struct pos pos;
};

/* A script library (话术库): the replies a team keeps ready to send. */
struct script {
	const char *id;
	const char *title;
	const char *text;	/* may hold placeholders: {买家}, {单号} */
	const char *shortcut;	/* NULL when absent */
	const char **tags;
	size_t ntags;
	const struct library *lib;
	struct pos pos;
};

struct library {
	const char *id;
	const char *title;
	const char *situation;	/* NULL when absent */
	struct script *items;
	size_t nitems;
	struct pos pos;
};

/* A hard case (疑难案例) in a case book. */
struct hard_case {
	const char *id;
	const char *title;
	const char *buyer;	/* what the buyer said */
	const char *analysis;
	const char **steps;	/* what was done, in order */
	size_t nsteps;
	const char *outcome;
	const char **tags;
	size_t ntags;
	const struct casebook *book;
	struct pos pos;
};

struct casebook {
	const char *id;
	const char *title;
	const char *situation;	/* NULL when absent */
	struct hard_case *cases;
	size_t ncases;
	struct pos pos;
};

/* A rule list (违禁词): words no reply may hold, each with its reason. */
struct rule_word {
	const char *word;
	const char *why;
	struct pos pos;
};

struct rule_list {
	const char *id;
	const char *title;
	struct rule_word *words;
	size_t nwords;
	struct pos pos;
};

/* A chat scenario (模拟接待): what a buyer writes, turn by turn, and what
 * each reply must say and must not. */
enum scenario_kind { SCEN_PRESALES, SCEN_AFTERSALES, SCEN_COMPLAINT, SCEN_OTHER };

struct chat_point {		/* made when the reply holds any one word */
	const char **words;
	size_t nwords;
};

struct turn {
	const char *buyer;	/* the buyer's message */
	long within;		/* seconds a reply may take */
	struct chat_point *expect;
	size_t nexpect;
	const char **avoid;	/* words that spoil this reply */
	size_t navoid;
	const char *explain;	/* NULL when absent */
	const char *model;	/* a model reply, never shown; NULL when absent */
	struct pos pos;
};

struct scenario {
	const char *id;
	const char *title;
	enum scenario_kind kind;
	const char *buyer;	/* the buyer's display name */
	const char *context;	/* shown before the chat; NULL when absent */
	long reply_within;	/* seconds */
	const char **forbidden;	/* rule list ids */
	struct pos *forbidden_pos;
	size_t nforbidden;
	const struct rule_list **rules;	/* resolved: forbidden's lists */
	double pass_mark;	/* percent */
	enum quiz_mode mode;
	const char *rubric;	/* a trainer grades the transcript; NULL when not */
	unsigned attempts;	/* 0 for no cap */
	long time_limit;	/* whole scenario, seconds; 0 for none */
	struct turn *turns;
	size_t nturns;
	struct pos pos;
};

struct kpi {
	const char *id;
	const char *title;
	const char *unit;
	bool lower_better;
	bool has_range;			/* range: [lo, hi] */
	double range_lo, range_hi;
	struct pos pos;
};

enum part_kind { PART_QUIZ, PART_KPI, PART_RATING };

struct part {
	const char *id;
	const char *title;
	enum part_kind kind;
	const char *ref;		/* quiz or kpi id */
	const struct quiz *quiz;	/* resolved */
	const struct kpi *kpi;		/* resolved */
	unsigned scale;			/* rating */
	double step;			/* rating: 1, or 0.5 with step: 0.5 */
	double min, max;
	bool has_min, has_max;
	bool strict;			/* kpi: above/below, not min/max */
	struct pos pos;
};

enum module_kind {
	MOD_LESSON, MOD_QUIZ, MOD_DRILL, MOD_SIGNOFF, MOD_ASSESSMENT, MOD_SCENARIO
};

struct module {
	enum module_kind kind;
	/* lesson, quiz, drill or assessment id; for a sign-off, the role */
	const char *id;
	const char *title;	/* lesson, assessment, optional sign-off */
	const char *text;	/* lesson */
	double pass_mark;	/* quiz override, scenario min_score; < 0 for
				 * the quiz's or scenario's own */
	double min_speed;	/* drill; < 0 for no gate */
	double min_accuracy;	/* drill; < 0 for no gate */
	double max_speed;	/* drill; the speed ceiling, < 0 for the unit's */
	const struct quiz *quiz;	/* resolved */
	const struct drill *drill;	/* resolved */
	const struct scenario *scenario;	/* resolved */
	struct part *parts;	/* assessment */
	size_t nparts;
	struct pos pos;
};

struct stage {
	const char *id;
	const char *title;
	int days;		/* planned length; 0 when not set */
	struct module *modules;
	size_t nmodules;
	struct pos pos;
};

struct curriculum {
	const char *id;
	const char *title;
	struct stage *stages;
	size_t nstages;
	struct kpi *kpis;
	size_t nkpis;
	struct pos pos;
};

struct content {
	struct arena *arena;
	struct quiz **quizzes;
	size_t nquizzes;
	struct drill **drills;
	size_t ndrills;
	struct curriculum **curricula;
	size_t ncurricula;
	struct library **libraries;
	size_t nlibraries;
	struct casebook **casebooks;
	size_t ncasebooks;
	struct rule_list **rule_lists;
	size_t nrule_lists;
	struct scenario **scenarios;
	size_t nscenarios;
	size_t nfiles;
	const char *root;	/* the tree it was loaded from, if any */
	/* by id: quizzes, drills, curricula, libraries, case books, rule
	 * lists, scenarios */
	struct strmap index[7];
	struct content_ids *ids;	/* private to the loaders (content/load.h) */
	/* when set, trees of unchanged files come from it and the trees
	 * parsed go to it (ycache.h); the caller opens and closes it */
	struct ycache *cache;
};

struct content *content_new(void);
void content_free(struct content *);

/* Loads the YAML files of a content tree: curricula/ (drills included),
 * quizzes/, scripts/, cases/, rules/ and scenarios/, every *.yaml and
 * *.yml below them, in name order. */
int content_load_tree(struct content *, const char *dir, struct diag *);
/* Loads one file, or every YAML file below a directory. */
int content_load_path(struct content *, const char *path, struct diag *);
/* Loads one file's bytes already in memory (len need not be followed by
 * a NUL); name is what messages call it. For callers that hold the text
 * themselves, such as the fuzzer and the benchmarks. */
int content_load_buffer(struct content *, const char *name, const char *buf,
			size_t len, struct diag *);
/* Resolves references between files; ids missing from c are looked up in
 * fallback when it is not NULL. Call once, after loading. */
int content_resolve(struct content *c, const struct content *fallback,
		    struct diag *);

/* What `kefu check` alone looks at, after content_resolve(); trainees
 * never see these. Warns (without counting an error) of what may be
 * meant but is worth a look: an exam drawing from banks of later stages,
 * a script or a drill line that breaks a rule list (of c or fallback).
 * Reports as errors the model replies of scenarios that would not score
 * full marks. */
void content_warnings(const struct content *, const struct content *fallback,
		      struct diag *);

/* Reports ids of c that the tree already uses in another file, so a file
 * checked alone does not break the tree once it is added. */
int content_clashes(const struct content *c, const struct content *tree,
		    struct diag *);

enum content_kind {
	KIND_QUIZ, KIND_DRILL, KIND_CURRICULUM, KIND_LIBRARY, KIND_CASEBOOK,
	KIND_RULES, KIND_SCENARIO
};
/* The ids of one kind, in load order; caller frees the array (not the
 * ids). Returns the count. */
/* A question of the quiz by id; NULL when it has none such. */
const struct question *content_quiz_question(const struct quiz *,
					     const char *question);
/* A question of a quiz by ids; NULL when the content has neither. Sets
 * *qz to the quiz (NULL when missing). */
const struct question *content_question(const struct content *,
					const char *quiz, const char *question,
					const struct quiz **qz);
size_t content_ids(const struct content *, enum content_kind, const char ***ids);

const struct quiz *content_quiz(const struct content *, const char *id);
const struct drill *content_drill(const struct content *, const char *id);
const struct curriculum *content_curriculum(const struct content *,
					    const char *id);
const struct library *content_library(const struct content *, const char *id);
const struct casebook *content_casebook(const struct content *, const char *id);
const struct rule_list *content_rule_list(const struct content *, const char *id);
const struct scenario *content_scenario(const struct content *, const char *id);
const char *content_scenario_kind_name(enum scenario_kind);	/* pre-sales ... */
/* A library's item by id; NULL when it has none such. */
const struct script *content_library_item(const struct library *,
					  const char *id);
/* Whether a script's text holds a placeholder ({买家}). */
bool content_script_has_placeholder(const char *text);
/* Finds a lesson module in a curriculum; sets *stage when found. */
const struct module *content_lesson(const struct curriculum *,
				    const char *id, const struct stage **stage);

const char *content_qtype_name(enum qtype);
const char *content_unit_name(enum drill_unit);	/* 字/分 or WPM */
const char *content_module_kind_name(enum module_kind);

#endif
