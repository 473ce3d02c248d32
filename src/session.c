/* session.c: what every command borrows: the content tree, the store,
 * the person running kefu and their enrollment. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv.h"
#include "date.h"
#include "kefu.h"
#include "plan.h"
#include "priv.h"
#include "text.h"
#include "ycache.h"

/* The cache of content parse trees (ycache.h): the user's own, in
 * $XDG_CACHE_HOME/kefu (default ~/.cache/kefu). None in a team install,
 * where what the cache says would be what the group's kefu believes. */
static struct ycache *
open_cache(void)
{
	struct ycache *c;
	char *dir;

	char *path;

	if (priv_team() || (dir = xdg_dir("XDG_CACHE_HOME", ".cache")) == NULL)
		return NULL;
	/* the directory is made when the cache is written, not each run */
	path = path_join(dir, "content-trees");
	c = ycache_open(path);
	free(path);
	free(dir);
	return c;
}

struct content *
kefu_content(struct kefu *k)
{
	struct diag d = DIAG_INIT(stderr);

	if (k->content)
		return k->content;
	/* exam banks are for the team's database only (docs/SECURITY.md) */
	if (priv_dropped() && strcmp(k->content_dir, KEFU_DATADIR) == 0)
		die(_("with a database of your own (--db or KEFU_DB), kefu installed for a team cannot use its installed content; name content of your own with --content"));
	k->content = content_new();
	k->content->cache = open_cache();
	content_load_tree(k->content, k->content_dir, &d);
	ycache_close(k->content->cache);
	k->content->cache = NULL;
	content_resolve(k->content, NULL, &d);
	if (d.errors)
		die(P_("the content in '%s' has %u error (listed above); fix it, then run 'kefu check'",
		       "the content in '%s' has %u errors (listed above); fix them, then run 'kefu check'",
		       d.errors), k->content_dir, d.errors);
	return k->content;
}

/* A new database file takes its group access from its directory: in a
 * group-writable directory (a team's, see README) the group may read and
 * write it, and it belongs to the directory's group; otherwise only its
 * owner may. SQLite gives the -wal and -shm files the same mode. */
static void
create_like_dir(const char *path, const char *dir)
{
	struct stat ds;
	mode_t mode = 0600;
	int fd;

	if (stat(dir, &ds) != 0)
		return;
	if (ds.st_mode & S_IWGRP) {
		mode_t mask = umask(0);

		/* SQLite creates the -wal and -shm files under the umask and
		 * only then gives them the database's mode: meanwhile another
		 * member of the team would find them read-only */
		umask(mask & ~(mode_t)(S_IRGRP | S_IWGRP));
		mode |= 0660;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return;		/* there already, or SQLite will say why not */
	if (mode & S_IWGRP && fchown(fd, (uid_t)-1, ds.st_gid) != 0) {
		/* not in that group: keep the file private */
		mode = 0600;
	}
	if (fchmod(fd, mode) != 0 || close(fd) != 0)
		error(_("cannot set the mode of '%s': %s"), path, strerror(errno));
}

struct store *
kefu_store(struct kefu *k)
{
	struct stat st;
	char *dir, *slash;

	if (k->store)
		return k->store;
	if (priv_team() && strcmp(k->db_path, PRIV_SHARED_DB) == 0) {
		/* content of one's own never meets the team's records */
		if (priv_dropped())
			die(_("with content of your own (--content or KEFU_CONTENT), kefu installed for a team cannot use the team's database; name a database of your own with --db"));
		if (stat(KEFU_STATEDIR, &st) != 0)
			die(_("the team's directory '%s' is missing (%s); see README, \"Team install\""),
			    KEFU_STATEDIR, strerror(errno));
		/* whoever creates the database manages it: the administrator */
		if (getuid() != 0 && stat(k->db_path, &st) != 0 && errno == ENOENT)
			die(_("the team's database '%s' does not exist yet; the administrator creates it first (see README, \"Team install\")"),
			    k->db_path);
	}
	if (store_is_remote(k->db_path)) {
		/* a PostgreSQL database: the server keeps the files */
		if ((k->store = store_open(k->db_path)) == NULL)
			exit(1);
		return k->store;
	}
	dir = xstrdup(k->db_path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (stat(dir, &st) != 0 && mkdir_p(dir, 0700) != 0)
			die(_("cannot create the directory '%s' for the database"), dir);
	}
	create_like_dir(k->db_path, slash && slash != dir ? dir : slash == dir ? "/" : ".");
	free(dir);
	k->store = store_open(k->db_path);
	if (k->store == NULL)
		exit(1);
	return k->store;
}

static void
print_manager(const struct person *p, void *arg)
{
	struct sb *sb = arg;

	if (sb->len)
		sb_adds(sb, ", ");
	text_inert(sb, p->login, false);
	if (p->name && *p->name) {
		sb_adds(sb, " (");
		text_inert(sb, p->name, false);
		sb_adds(sb, ")");
	}
}

static char *
os_login(void)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw == NULL || pw->pw_name == NULL || *pw->pw_name == '\0')
		die(_("cannot tell who you are: user id %u has no login name"),
		    (unsigned)getuid());
	return xstrdup(pw->pw_name);
}

/* A new database: its first user manages it, enrolled when there is
 * exactly one curriculum to enroll in. */
static void
first_run(struct kefu *k, const char *login)
{
	struct store *st = k->store;
	struct content *c = kefu_content(k);
	char today[11];
	int64_t id;
	int rc;

	date_format(k->today, today);
	if (store_begin(st) != 0)
		exit(1);
	rc = store_found(st, login, today, k->now, &id);
	if (rc == 0) {
		/* someone else got there first */
		store_rollback(st);
		return;
	}
	if (rc < 0 ||
	    store_event(st, id, "first-run", id, login, k->now) != 0 ||
	    (c->ncurricula == 1 &&
	     (store_enroll(st, id, c->curricula[0]->id, today, k->now) < 0 ||
	      store_event(st, id, "enroll", id, c->curricula[0]->id, k->now) != 0)) ||
	    store_commit(st) != 0) {
		store_rollback(st);
		exit(1);
	}
	if (c->ncurricula == 1) {
		struct sb sb = SB_INIT;

		text_inert(&sb, c->curricula[0]->title, false);
		printf(_("Welcome to kefu. This is a new database: you are its first user, so you\n"
			 "manage it, and you are enrolled in %s from today.\n\n"),
		       sb_str(&sb));
		sb_free(&sb);
	} else {
		printf(_("Welcome to kefu. This is a new database: you are its first user, so you\n"
			 "manage it. Enroll with 'kefu enroll CURRICULUM' (see 'kefu list curricula').\n\n"));
	}
}

const struct person *
kefu_me(struct kefu *k)
{
	struct store *st;
	char *login;
	int rc;

	if (k->me.id)
		return &k->me;
	st = kefu_store(k);
	login = os_login();
	rc = store_person_by_login(st, login, &k->me);
	if (rc == 0) {
		/* the first user of a new database; another process may
		 * have added them (or anyone) since the look-up: look again */
		if (store_person_count(st) == 0)
			first_run(k, login);
		rc = store_person_by_login(st, login, &k->me);
	}
	if (rc < 0)
		exit(1);
	if (rc == 0 || !k->me.active) {
		struct sb sb = SB_INIT, who = SB_INIT;

		store_managers(st, print_manager, &sb);
		text_inert(&who, login, false);
		error(_("'%s' is not %s in this kefu database (%s)"), sb_str(&who),
		      rc == 0 ? _("registered") : _("active"), store_name(st));
		if (sb.len)
			fprintf(stderr, _("Ask a manager to add you: %s\n"), sb_str(&sb));
		sb_free(&sb);
		sb_free(&who);
		free(login);
		exit(1);
	}
	free(login);
	if (store_enrollment(st, k->me.id, &k->enr) < 0)
		exit(1);
	if (k->notice) {
		k->notice = false;
		kefu_notice(k);
	}
	return &k->me;
}

const struct curriculum *
kefu_curriculum(struct kefu *k)
{
	const struct curriculum *cu;

	kefu_content(k);
	kefu_me(k);
	if (k->enr.id == 0) {
		error(_("you are not enrolled in a curriculum; see 'kefu list curricula' and 'kefu enroll ID'"));
		return NULL;
	}
	cu = content_curriculum(k->content, k->enr.curriculum);
	if (cu == NULL) {
		struct sb id = SB_INIT, dir = SB_INIT;

		text_inert(&id, k->enr.curriculum, false);
		text_inert(&dir, k->content_dir, false);
		error(_("you are enrolled in curriculum '%s', which the content in '%s' does not have"),
		      sb_str(&id), sb_str(&dir));
		sb_free(&id);
		sb_free(&dir);
	}
	return cu;
}

/* A drill module's facts: the results, and whether one of them meets the
 * module's gate by plan_drill_meets(), the rule the reports use too;
 * the best run that meets it is the one shown. */
struct drill_met {
	const struct module *m;
	struct drill_facts *f;
};

static void
drill_met_row(const struct drill_row *d, void *arg)
{
	struct drill_met *x = arg;

	if (!plan_drill_meets(x->m, d->net_speed, d->accuracy, d->counted))
		return;
	if (!x->f->met || d->net_speed > x->f->best_speed ||
	    (d->net_speed == x->f->best_speed && d->accuracy > x->f->best_accuracy)) {
		x->f->best_speed = d->net_speed;
		x->f->best_accuracy = d->accuracy;
	}
	x->f->met = true;
}

static int
drill_facts(struct store *st, int64_t person_id, const struct module *m,
	    struct drill_facts *f)
{
	struct drill_met x = { m, f };

	if (store_drill_facts(st, person_id, m->id, f) != 0)
		return -1;
	if (f->counted == 0)
		return 0;
	return store_drill_results(st, person_id, m->id, INT_MAX,
				   drill_met_row, &x);
}

static struct module_fact **
facts_of(struct kefu *k, const struct curriculum *cu, int64_t person_id,
	 int64_t enrollment_id)
{
	struct module_fact **facts = xcalloc(cu->nstages, sizeof(*facts));
	struct store *st = kefu_store(k);
	size_t i, j;
	int rc = 0;

	for (i = 0; i < cu->nstages; i++) {
		const struct stage *s = &cu->stages[i];

		facts[i] = xcalloc(s->nmodules, sizeof(**facts));
		for (j = 0; j < s->nmodules; j++) {
			const struct module *m = &s->modules[j];
			struct module_fact *f = &facts[i][j];

			switch (m->kind) {
			case MOD_LESSON:
				rc = store_lesson_is_read(st, person_id, m->id);
				f->read = rc > 0;
				break;
			case MOD_QUIZ:
				rc = store_quiz_facts(st, person_id, m->id, &f->quiz);
				break;
			case MOD_DRILL:
				rc = drill_facts(st, person_id, m, &f->drill);
				break;
			case MOD_SCENARIO:
				rc = store_chat_facts(st, person_id, m->id, &f->quiz);
				break;
			case MOD_SIGNOFF:
				rc = store_signed_off(st, enrollment_id, s->id);
				f->signed_off = rc > 0;
				break;
			case MOD_ASSESSMENT:
				rc = store_assessment_state(st, enrollment_id, m->id, &f->assess);
				f->passed = f->assess.outcome == OUTCOME_PASS;
				/* the exam the trainee takes for it */
				if (rc >= 0 && plan_exam_part(m))
					rc = store_quiz_facts(st, person_id, plan_exam_part(m)->ref,
							      &f->quiz);
				break;
			}
			if (rc < 0)
				exit(1);
		}
	}
	return facts;
}

struct exemptions {
	const struct curriculum *cu;
	struct module_fact **facts;
	bool *opened;
};

static void
exemption_row(const struct exemption *e, void *arg)
{
	struct exemptions *x = arg;
	const char *stage = e->stage, *module = e->module;
	size_t i, j;

	for (i = 0; i < x->cu->nstages; i++) {
		const struct stage *s = &x->cu->stages[i];

		if (strcmp(s->id, stage) != 0)
			continue;
		if (*module == '\0') {
			x->opened[i] = true;
			return;
		}
		for (j = 0; j < s->nmodules; j++)
			if (strcmp(s->modules[j].id, module) == 0 && x->facts[i][j].exempt == NULL) {
				struct sb sb = SB_INIT;

				text_inert(&sb, e->by, false);
				sb_adds(&sb, ": ");
				text_inert(&sb, e->reason, false);
				x->facts[i][j].exempt = sb_detach(&sb);
			}
	}
}

/* The exemptions of an enrollment: exempt modules into their facts,
 * stages opened early into opened (by stage). */
static void
exemptions_of(struct kefu *k, const struct curriculum *cu, int64_t enrollment_id,
	      struct module_fact **facts, bool *opened)
{
	struct exemptions x = { cu, facts, opened };

	if (enrollment_id && store_exemptions(kefu_store(k), enrollment_id, exemption_row, &x) != 0)
		exit(1);
}

struct module_fact **
kefu_facts(struct kefu *k, const struct curriculum *cu)
{
	return facts_of(k, cu, k->me.id, k->enr.id);
}

enum stage_state *
kefu_states(struct kefu *k, const struct curriculum *cu)
{
	struct module_fact **facts = facts_of(k, cu, k->me.id, k->enr.id);
	enum stage_state *states = xcalloc(cu->nstages, sizeof(*states));
	bool *opened = xcalloc(cu->nstages, sizeof(*opened));

	exemptions_of(k, cu, k->enr.id, facts, opened);
	plan_stages(cu, (const struct module_fact *const *)facts, opened, states);
	free(opened);
	kefu_facts_free(cu, facts);
	return states;
}

void
kefu_facts_free(const struct curriculum *cu, struct module_fact **facts)
{
	size_t i;

	if (facts == NULL)
		return;
	for (i = 0; i < cu->nstages; i++) {
		size_t j;

		for (j = 0; j < cu->stages[i].nmodules; j++) {
			free(facts[i][j].assess.reason);
			free(facts[i][j].exempt);
		}
		free(facts[i]);
	}
	free(facts);
}

/* A stage recorded complete is not complete now (a trainer set aside an
 * attempt it counted): its completion is cleared, on the record, so that
 * it is recorded anew, with its new date, when the stage is complete
 * again. 0 when cleared. */
static int
reopen_stage(struct kefu *k, const struct curriculum *cu, size_t i,
	     const struct person *p, const struct enrollment *e)
{
	struct store *st = kefu_store(k);

	int rc;

	if (store_begin(st) != 0)
		exit(1);
	rc = store_stage_reopened(st, e->id, cu->stages[i].id);
	if (rc == 0) {
		store_rollback(st);	/* another kefu was first */
		return 0;
	}
	if (rc < 0 ||
	    store_event(st, k->me.id, "stage-reopen", p->id, cu->stages[i].id,
			kefu_clock(k)) != 0 ||
	    store_commit(st) != 0) {
		store_rollback(st);
		exit(1);
	}
	return 0;
}

/* Records stages seen complete for the first time and says so; clears
 * the completion of a stage no longer complete. */
static void
record_stages(struct kefu *k, const struct curriculum *cu,
	      const enum stage_state *states, const struct person *p,
	      const struct enrollment *e, long long *completed)
{
	struct store *st = kefu_store(k);
	bool self = p->id == k->me.id;
	size_t i;

	for (i = 0; i < cu->nstages; i++) {
		struct sb sb = SB_INIT, who = SB_INIT;
		long long at;
		int rc;

		if (states[i] != STAGE_COMPLETE) {
			if (completed && completed[i] != 0 &&
			    reopen_stage(k, cu, i, p, e) == 0)
				completed[i] = 0;
			continue;
		}
		if (completed ? completed[i] != 0 :
		    store_stage_completed_at(st, e->id, cu->stages[i].id) != 0)
			continue;
		/* the record is the check: another kefu may be first */
		if (store_begin(st) != 0)
			exit(1);
		at = kefu_clock(k);
		rc = store_stage_completed(st, e->id, cu->stages[i].id, at);
		if (rc == 0) {
			store_rollback(st);
			if (completed)
				completed[i] = store_stage_completed_at(st, e->id, cu->stages[i].id);
			continue;
		}
		if (rc < 0 ||
		    store_event(st, k->me.id, "stage-complete", p->id,
				cu->stages[i].id, at) != 0 ||
		    store_commit(st) != 0) {
			store_rollback(st);
			exit(1);
		}
		if (completed)
			completed[i] = at;
		text_inert(&sb, cu->stages[i].title, false);
		if (self)
			printf(_("Stage %zu %s is complete."), i + 1, sb_str(&sb));
		else {
			text_inert(&who, p->login, false);
			printf(_("Stage %zu %s is complete for %s."), i + 1, sb_str(&sb),
			       sb_str(&who));
		}
		sb_reset(&sb);
		if (i + 1 < cu->nstages) {
			text_inert(&sb, cu->stages[i + 1].title, false);
			printf(_(" Stage %zu %s is open.\n"), i + 2, sb_str(&sb));
		} else
			printf(_(" Every stage of the plan is complete.\n"));
		sb_free(&sb);
		sb_free(&who);
	}
}

void
kefu_stage_row(const struct curriculum *cu, const struct stage_mark *m,
	       long long *completed, long *moved)
{
	const char *id = m->stage, *due = m->due;
	size_t i;

	for (i = 0; i < cu->nstages; i++)
		if (strcmp(cu->stages[i].id, id) == 0) {
			completed[i] = m->completed;
			if (due == NULL || !date_parse(due, &moved[i]))
				moved[i] = -1;
		}
}

struct stage_rows {
	const struct curriculum *cu;
	long *moved;
	long long *completed;
};

static void
stage_row(const struct stage_mark *m, void *arg)
{
	struct stage_rows *sr = arg;

	kefu_stage_row(sr->cu, m, sr->completed, sr->moved);
}

void
kefu_dues(struct kefu *k, const struct curriculum *cu, int64_t enrollment_id,
	  long start, long *due)
{
	struct stage_rows sr;
	size_t i;

	sr.cu = cu;
	sr.completed = xcalloc(cu->nstages, sizeof(*sr.completed));
	sr.moved = xcalloc(cu->nstages, sizeof(*sr.moved));
	for (i = 0; i < cu->nstages; i++)
		sr.moved[i] = -1;
	if (store_stage_rows(kefu_store(k), enrollment_id, stage_row, &sr) != 0)
		exit(1);
	plan_dues(cu, start, sr.moved, due);
	free(sr.moved);
	free(sr.completed);
}

void
kefu_standing(struct kefu *k, const struct curriculum *cu,
	      const struct person *p, const struct enrollment *e,
	      struct standing *out)
{
	struct stage_rows sr;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->cu = cu;
	out->facts = facts_of(k, cu, p->id, e->id);
	out->states = xcalloc(cu->nstages, sizeof(*out->states));
	out->due = xcalloc(cu->nstages, sizeof(*out->due));
	out->completed = xcalloc(cu->nstages, sizeof(*out->completed));
	sr.cu = cu;
	sr.completed = out->completed;
	sr.moved = xcalloc(cu->nstages, sizeof(*sr.moved));
	for (i = 0; i < cu->nstages; i++)
		sr.moved[i] = -1;
	if (store_stage_rows(kefu_store(k), e->id, stage_row, &sr) != 0)
		exit(1);
	out->opened = xcalloc(cu->nstages, sizeof(*out->opened));
	exemptions_of(k, cu, e->id, out->facts, out->opened);
	plan_stages(cu, (const struct module_fact *const *)out->facts, out->opened, out->states);
	kefu_standing_dues(k, cu, e, sr.moved, out);
	free(sr.moved);
	record_stages(k, cu, out->states, p, e, out->completed);
}

void
kefu_standing_dues(const struct kefu *k, const struct curriculum *cu,
		   const struct enrollment *e, const long *moved,
		   struct standing *s)
{
	long start;

	s->current = plan_current(s->states, cu->nstages);
	if (!date_parse(e->started, &start))
		start = k->today;
	plan_dues(cu, start, moved, s->due);
}

void
kefu_standing_free(struct standing *s)
{
	if (s->cu)
		kefu_facts_free(s->cu, s->facts);
	free(s->states);
	free(s->opened);
	free(s->due);
	free(s->completed);
	memset(s, 0, sizeof(*s));
}

void
kefu_update_stages_of(struct kefu *k, const struct person *p,
		      const struct enrollment *e)
{
	const struct curriculum *cu;
	struct standing s;

	if (e->id == 0 ||
	    (cu = content_curriculum(kefu_content(k), e->curriculum)) == NULL)
		return;
	kefu_standing(k, cu, p, e, &s);
	kefu_standing_free(&s);
}

void
kefu_update_stages(struct kefu *k)
{
	kefu_update_stages_of(k, &k->me, &k->enr);
}

const char *
kefu_role_word(const char *role)
{
	if (role == NULL)
		return NULL;
	return strcmp(role, "manager") == 0 ? N_("manager") :
	       strcmp(role, "trainer") == 0 ? N_("trainer") :
	       strcmp(role, "trainee") == 0 ? N_("trainee") : role;
}

const char *
kefu_role_name(const char *role)
{
	return role ? _(kefu_role_word(role)) : NULL;
}

static int
role_rank(const char *role)
{
	return strcmp(role, "manager") == 0 ? 2 : strcmp(role, "trainer") == 0 ? 1 : 0;
}

/* The first three names of a team's trainers and of its managers, and
 * how many there are. */
struct graders {
	char *name[2][3];	/* [0] trainers, [1] managers; inert */
	size_t n[2];
};

static void
grader_row(const struct roster_entry *e, void *arg)
{
	struct graders *g = arg;
	const char *role = e->role, *name = e->name;
	int which = strcmp(role, "trainer") == 0 ? 0 : strcmp(role, "manager") == 0 ? 1 : -1;

	if (which < 0)
		return;
	if (g->n[which] < 3) {
		struct sb sb = SB_INIT;

		text_inert(&sb, name && *name ? name : e->login, false);
		g->name[which][g->n[which]] = sb_detach(&sb);
	}
	g->n[which]++;
}

/* "王芳", "王芳 or 李强", "王芳, 李强, 赵敏 or another". */
static void
graders_words(struct sb *sb, char *const *names, size_t n)
{
	size_t i, shown = n < 3 ? n : 3;

	for (i = 0; i < shown; i++) {
		if (i > 0)
			/* TRANSLATORS: between the last two names of a list */
			sb_adds(sb, i + 1 == shown && n <= 3 ? _(" or ") : _(", "));
		sb_adds(sb, names[i]);
	}
	if (n > 3)
		sb_adds(sb, _(" or another"));
}

void
kefu_graders(struct kefu *k, const char *role, struct sb *sb)
{
	struct graders g;
	bool managers = strcmp(role, "manager") == 0;
	size_t i;

	memset(&g, 0, sizeof(g));
	if (store_people(kefu_store(k), false, grader_row, &g) != 0)
		g.n[0] = g.n[1] = 0;
	if (!managers && g.n[0] > 0)
		graders_words(sb, g.name[0], g.n[0]);
	else if (g.n[1] > 0)
		graders_words(sb, g.name[1], g.n[1]);
	else
		sb_adds(sb, managers ? _("a manager") : _("a trainer"));
	for (i = 0; i < 3; i++) {
		free(g.name[0][i]);
		free(g.name[1][i]);
	}
}

bool
kefu_holds(const struct kefu *k, const char *role)
{
	return k->me.role && role_rank(k->me.role) >= role_rank(role);
}

bool
kefu_may(struct kefu *k, const char *role, const char *what)
{
	struct sb who = SB_INIT;

	kefu_me(k);
	if (kefu_holds(k, role))
		return true;
	text_inert(&who, k->me.login, false);
	if (strcmp(role, "manager") == 0)
		error(_("only managers can %s; you ('%s') are a %s"), what,
		      sb_str(&who), kefu_role_name(k->me.role));
	else
		error(_("only trainers and managers can %s; you ('%s') are a %s"),
		      what, sb_str(&who), kefu_role_name(k->me.role));
	sb_free(&who);
	return false;
}

struct logins {
	char **v;
	size_t n, cap;
};

static void
add_login(const char *login, void *arg)
{
	struct logins *l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = xstrdup(login);
}

int
kefu_person(struct kefu *k, const char *login, struct person *p)
{
	struct store *st = kefu_store(k);
	struct logins l = { NULL, 0, 0 };
	int rc = store_person_by_login(st, login, p);
	size_t i;

	if (rc < 0)
		exit(1);
	if (rc > 0)
		return 1;
	if (store_logins(st, add_login, &l) != 0)
		exit(1);
	kefu_unknown(_("person"), "", login, (const char *const *)l.v, l.n,
		     _("see 'kefu people list'"));
	for (i = 0; i < l.n; i++)
		free(l.v[i]);
	free(l.v);
	return 0;
}

const struct quiz *
kefu_quiz(struct kefu *k, const char *id)
{
	const struct content *c = kefu_content(k);
	const struct quiz *qz = content_quiz(c, id);

	if (qz == NULL) {
		const char **ids;
		size_t n = content_ids(c, KIND_QUIZ, &ids);

		kefu_unknown(_("quiz"), "", id, ids, n, _("'kefu list quizzes' shows them"));
		free(ids);
	}
	return qz;
}

int
kefu_read_csv(const char *path, char **buf, size_t *len, char **real)
{
	const char *why;
	char *nul;
	size_t i, bad;
	unsigned line;
	int rc;

	*buf = NULL;
	if (real)
		*real = NULL;
	/* the user's file, read with the user's own group */
	priv_user();
	rc = read_file(path, CSV_MAX, buf, len, &why);
	priv_group();
	if (rc != 0)
		return error(_("cannot read '%s': %s"), path, why);
	if (!text_valid(*buf, *len, &bad)) {
		for (i = 0, line = 1; i < bad; i++)
			line += (*buf)[i] == '\n';
		error(_("%s:%u: not UTF-8 text (save the file as CSV UTF-8)"), path, line);
		goto bad;
	}
	if ((nul = memchr(*buf, '\0', *len)) != NULL) {
		for (i = 0, line = 1; *buf + i < nul; i++)
			line += (*buf)[i] == '\n';
		error(_("%s:%u: a NUL byte: this is no CSV text"), path, line);
		goto bad;
	}
	if (real) {
		priv_user();
		*real = realpath(path, NULL);
		priv_group();
	}
	return 0;
bad:
	free(*buf);
	*buf = NULL;
	return -1;
}

void
kefu_close(struct kefu *k)
{
	store_close(k->store);
	content_free(k->content);
	person_clear(&k->me);
	enrollment_clear(&k->enr);
	k->store = NULL;
	k->content = NULL;
}

void
kefu_unknown(const char *what, const char *where, const char *id,
	     const char *const *known, size_t n, const char *hint)
{
	const char *sug = text_suggest(id, known, n);
	struct sb sb = SB_INIT;

	text_inert(&sb, id, false);
	if (sug)
		error(_("no %s '%s'%s (did you mean '%s'?)"), what, sb_str(&sb), where, sug);
	else
		error(_("no %s '%s'%s; %s"), what, sb_str(&sb), where, hint);
	sb_free(&sb);
}

long long
kefu_clock(const struct kefu *k)
{
	if (k->fixed_clock)
		return k->now;
	return k->now + ((long long)time(NULL) - k->wall0);
}

uint64_t
kefu_seed(void)
{
	uint64_t seed = 0;

	if (getentropy(&seed, sizeof(seed)) != 0)
		seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	return seed;
}

const char *
kefu_color(const struct kefu *k, const char *code)
{
	return k->color ? code : "";
}

const struct curriculum *
kefu_trainee(struct kefu *k, const char *login, struct person *p,
	     struct enrollment *e)
{
	const struct curriculum *cu;
	struct sb who = SB_INIT;

	memset(e, 0, sizeof(*e));
	if (kefu_person(k, login, p) != 1)
		return NULL;
	text_inert(&who, p->login, false);
	if (!p->active) {
		error(_("'%s' has left (see 'kefu people list --all')"), sb_str(&who));
		goto fail;
	}
	if (store_enrollment(kefu_store(k), p->id, e) != 1) {
		error(_("'%s' is not enrolled in a curriculum"), sb_str(&who));
		goto fail;
	}
	cu = content_curriculum(kefu_content(k), e->curriculum);
	if (cu == NULL) {
		struct sb id = SB_INIT;

		text_inert(&id, e->curriculum, false);
		error(_("'%s' is enrolled in curriculum '%s', which the content does not have"),
		      sb_str(&who), sb_str(&id));
		sb_free(&id);
		goto fail;
	}
	sb_free(&who);
	return cu;
fail:
	sb_free(&who);
	person_clear(p);
	enrollment_clear(e);
	return NULL;
}

size_t
kefu_stage(const struct curriculum *cu, const char *id, const char *where)
{
	const char **ids = xreallocarray(NULL, cu->nstages, sizeof(*ids));
	size_t i;

	for (i = 0; i < cu->nstages; i++) {
		if (strcmp(cu->stages[i].id, id) == 0) {
			free(ids);
			return i;
		}
		ids[i] = cu->stages[i].id;
	}
	kefu_unknown(_("stage"), where, id, ids, cu->nstages,
		     _("'kefu list stages' shows them"));
	free(ids);
	return cu->nstages;
}

int
kefu_month(const struct kefu *k)
{
	int y, m, d;

	date_to_ymd(k->today, &y, &m, &d);
	return y * 12 + (m - 1);
}

const struct curriculum *
kefu_pick_curriculum(struct kefu *k, const char *id)
{
	const struct content *c = kefu_content(k);
	const struct curriculum *cu;
	const char **ids;
	size_t n;

	if (id == NULL && c->ncurricula == 1)
		return c->curricula[0];
	if (id && (cu = content_curriculum(c, id)) != NULL)
		return cu;
	n = content_ids(c, KIND_CURRICULUM, &ids);
	if (id)
		kefu_unknown(_("curriculum"), "", id, ids, n,
			     _("'kefu list curricula' shows them"));
	else
		error(_("the content has %zu curricula; choose one with --curriculum (see 'kefu list curricula')"),
		      n);
	free(ids);
	return NULL;
}

int
kefu_exam_lock(struct kefu *k, const struct quiz *qz, const struct scenario *sc)
{
	const struct curriculum *cu;
	enum stage_state *states;
	size_t locked;

	if (k->enr.id == 0 || (cu = content_curriculum(k->content, k->enr.curriculum)) == NULL)
		return 0;
	states = kefu_states(k, cu);
	locked = qz ? plan_quiz_locked(cu, states, qz) : plan_scenario_locked(cu, states, sc);
	if (locked < cu->nstages) {
		struct sb st = SB_INIT, before = SB_INIT;

		text_inert(&st, cu->stages[locked].title, false);
		text_inert(&before, cu->stages[locked - 1].title, false);
		error(_("exam '%s' belongs to stage %zu %s, which is still locked: stage %zu %s must be complete first ('kefu plan')"),
		      qz ? qz->id : sc->id, locked + 1, sb_str(&st), locked, sb_str(&before));
		sb_free(&st);
		sb_free(&before);
	}
	free(states);
	return locked < cu->nstages;
}
