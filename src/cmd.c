/* cmd.c: the one table of commands, shared by `kefu CMD` and the prompt. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kefu.h"

static const char *const list_words[] = {
	"lessons", "quizzes", "drills", "stages", "curricula", NULL
};
static const char *const plan_words[] = { "--all", NULL };
static const char *const review_words[] = { "--list", NULL };
static const char *const drill_words[] = { "--time", "--random", NULL };
static const char *const quiz_words[] = { "--seed", "--preview", NULL };
static const char *const grade_words[] = { "--list", "--format", "--question", NULL };
static const char *const attempts_words[] = {
	"grant", "void", "--count", "--reason", "--format", NULL
};
static const char *const kpi_words[] = {
	"set", "import", "history", "delete", "--period", "--curriculum", "--reason",
	"--format", NULL
};
static const char *const stage_words[] = { "open", "--reason", NULL };
static const char *const exempt_words[] = { "--reason", NULL };
static const char *const report_words[] = {
	"stages", "trainee", "overdue", "probation", "elite", "grades", "attention", "items",
	"dashboard", "leavers", "--ids",
	"--format", "--bom", "--html", "--period", "--curriculum", "--stage", "--all",
	"table", "csv", "json", NULL
};
static const char *const people_words[] = {
	"add", "import", "list", "edit", "role", "leave", "--role", "--name", "--hired",
	"--curriculum", "--all", "--format", "--date", "--reason", "trainee", "trainer",
	"manager", NULL
};

const struct cmd cmd_table[] = {
	{ "plan", "[--all | STAGE]", N_("show your stages, what is done and the next step"),
	  N_("Shows the stages of your curriculum in order with their status\n"
	     "(locked, open, in progress, complete), planned days and due date,\n"
	     "then every module of the current stage with what it still needs\n"
	     "(an assessment's parts, its exam with attempts left and time\n"
	     "limit), and the one next step you can take now. What waits on\n"
	     "someone is said with their name: an attempt whose essays a trainer\n"
	     "grades, attempts used up, a sign-off; when all that is left waits,\n"
	     "the next step is whom to ask and what to do meanwhile.\n"
	     "\n"
	     "  --all   list the modules of every stage, not just the current one\n"
	     "  STAGE   list the modules of that stage (see 'kefu list stages')\n"),
	  ARG_STAGE, plan_words, cmd_plan },
	{ "study", "[LESSON [SECTION]]", N_("read a lesson and mark it read"),
	  N_("Shows a lesson of your curriculum, laid out for the screen: its\n"
	     "headings, lists and tables line up by display width, Chinese\n"
	     "included. With no lesson, the next one of your current stage not\n"
	     "read yet. A lesson with sections lists them first; SECTION opens\n"
	     "at one, by its number or by words of its heading (商品03). On a\n"
	     "terminal the text goes through $PAGER (default: less -R);\n"
	     "otherwise it is printed. The lesson counts as read once shown, and\n"
	     "kefu then says so and what comes next. Lessons of locked stages\n"
	     "can be read ahead; they count when their stage opens.\n"),
	  ARG_LESSON, NULL, cmd_study },
	{ "quiz", "QUIZ [--seed N] | QUIZ --preview [--seed N]",
	  N_("take a quiz, or go on with an open attempt"),
	  N_("Puts the quiz's questions one by one and saves each answer before\n"
	     "the next is shown. Choices are lettered A, B, C in the order shown;\n"
	     "answer with letters (b, B, AC, A,C, A、C), 对/错 (also T/F, Y/N,\n"
	     "√/×), words, a number, step letters in order (BDAC) or pairs\n"
	     "(1B 2A). An answer kefu cannot read is asked again, never scored.\n"
	     "An essay takes as many lines as you need and ends at a line holding\n"
	     "only '.'; at a terminal Ctrl-X Ctrl-E opens $VISUAL or $EDITOR on\n"
	     "it. Each line is kept as it is typed, so nothing is lost if kefu is\n"
	     "closed.\n"
	     "\n"
	     "  skip     leave this question for later\n"
	     "  back     go to a question you skipped\n"
	     "  goto N   go to question N (also 第N题), to answer it or change\n"
	     "           an answer\n"
	     "\n"
	     "Before handing in, every question is listed with its answer or\n"
	     "(unanswered). At a terminal kefu asks: y hands in, goto N changes an\n"
	     "answer first; piped, a full paper is handed in after the list. A\n"
	     "practice answer already marked right or wrong stands. While essays\n"
	     "wait for a trainer, the end screen shows the automatic part and who\n"
	     "grades the rest, not a percent. Practice quizzes say right or wrong\n"
	     "after each answer and go over mistakes at the end; exams show only\n"
	     "the score, and keep their key sealed: their questions never go to\n"
	     "your notebook (unless the exam says review: true). A time limit\n"
	     "counts from the attempt's start, also while kefu is closed; at the\n"
	     "limit the attempt is submitted with what was answered (and the\n"
	     "lines of an essay typed before it). At a terminal, a timed or\n"
	     "capped quiz says so and asks before an attempt starts. Ctrl-C, end\n"
	     "of input or a closed terminal leave the attempt open: run the same\n"
	     "command to go on. A person has one open attempt per quiz; once\n"
	     "handed in, an attempt takes no more answers. An exam of a stage\n"
	     "that is still locked cannot be started. Wrong answers of practice\n"
	     "quizzes go to your notebook ('kefu review').\n"
	     "\n"
	     "  --seed N    draw the paper from seed N (the same seed, the same\n"
	     "              paper); not for an exam taken by a trainee: an exam's\n"
	     "              paper is kefu's to draw\n"
	     "  --preview   (trainers) show a paper with its key and rubrics,\n"
	     "              recording nothing; with --seed N, that paper\n"),
	  ARG_QUIZ, quiz_words, cmd_quiz },
	{ "drill", "DRILL [--time SECONDS] [--random]", N_("type a drill's lines for speed and accuracy"),
	  N_("Shows each line of the drill; type it below and press Enter. At a\n"
	     "terminal the line above turns green where you typed right and red\n"
	     "where you typed wrong; each line is timed from when it is shown.\n"
	     "Speed is 字/分 (characters a minute) or WPM (five characters\n"
	     "a word) as the drill says: raw counts every character you sent,\n"
	     "net only the right ones. What you type is lined up with the line\n"
	     "by edit distance, live and at the end: one character left out or\n"
	     "doubled (an input method committing 亲亲) marks that character only.\n"
	     "Keystroke accuracy counts every slip, even one you fixed; 回改\n"
	     "counts wrong characters you deleted. Full-width letters and digits\n"
	     "(Ｔ恤, １００％) count as their half-width forms unless the drill\n"
	     "says strict_width. A pause counts 5 seconds at most. After each\n"
	     "line you see its speed and accuracy; at the end, the slowest line\n"
	     "and a new personal best.\n"
	     "\n"
	     "Only a full run typed at a terminal counts for a gate: every line\n"
	     "at least half typed (or, for a drill with a time limit, keys for\n"
	     "at least half of the whole time). A shorter --time, a run stopped\n"
	     "with Ctrl-C or Ctrl-D (the lines finished are kept), and piped\n"
	     "lines are practice. Pasted text, characters arriving faster than\n"
	     "a person types (more than a phrase at once, or as evenly as only a\n"
	     "program sends them) and speeds over the ceiling (300 字/分,\n"
	     "150 WPM, or the plan's max_speed) are not counted either; yank,\n"
	     "history, completion and macros do nothing in a drill. The end\n"
	     "screen says whether the run counted and why not; 'kefu progress'\n"
	     "and the trainee's record show it too.\n"
	     "\n"
	     "  --time SECONDS   keep giving lines until this many seconds (or\n"
	     "                   minutes, with m: 2m) have passed\n"
	     "  --random         shuffle the lines\n"),
	  ARG_DRILL, drill_words, cmd_drill },
	{ "progress", "", N_("your quiz scores and typing results, with trends"),
	  N_("Lists every drill with your best and latest result and the trend of\n"
	     "your last runs (▁▂▃▅▇), and every quiz with your best score and\n"
	     "attempts.\n"),
	  ARG_NONE, NULL, cmd_progress },
	{ "review", "[--list]", N_("go over the questions you got wrong (错题本)"),
	  N_("Asks again the questions from your notebook that are due, mixed,\n"
	     "scheduled the way Anki does (SM-2). A question missed is learnt in\n"
	     "steps: it comes back in the same session after 1 minute, then 10,\n"
	     "and only then goes on to days. A right answer is rated with one\n"
	     "key at a terminal (a line when piped), each rating showing the wait\n"
	     "it gives: h hard, Enter good, e easy, a again (1 to 4 too). In\n"
	     "learning, good takes the next step and easy jumps to 4 days; on\n"
	     "days, hard is the interval times 1.2, good times the question's\n"
	     "ease (2.5 to start), easy times the ease and 1.3, each at least a\n"
	     "day more than the one before. Hard lowers the ease, easy raises\n"
	     "it; a miss lowers it and relearns the question from 10 minutes.\n"
	     "\n"
	     "  --list   show the notebook: each question, times missed, next due\n"),
	  ARG_WORDS, review_words, cmd_review },
	{ "list", "[lessons|quizzes|drills|stages|curricula]",
	  N_("list the ids you can use with other commands"),
	  N_("Lists ids and titles from the loaded content: lessons and stages\n"
	     "of your curriculum, and every quiz, drill and curriculum. With no\n"
	     "argument, lists them all.\n"),
	  ARG_WORDS, list_words, cmd_list },
	{ "enroll", "CURRICULUM", N_("enroll yourself in a curriculum"),
	  N_("Enrolls you in a curriculum from today. kefu enrolls you on its\n"
	     "own when the content has exactly one curriculum; with several,\n"
	     "pick one with this command (see `kefu list curricula`).\n"),
	  ARG_CURRICULUM, NULL, cmd_enroll },
	{ "check", "[PATH...]", N_("validate content files"),
	  N_("Checks curricula, quizzes and drills against the content format\n"
	     "and reports every problem as FILE:LINE:COLUMN: message. With no\n"
	     "PATH, checks the content tree kefu uses. A PATH may be a file or a\n"
	     "directory (every .yaml/.yml below it). References to quizzes and\n"
	     "drills not among the PATHs are looked up in the content tree.\n"
	     "Exit status: 0 when all is well, 1 when anything is wrong.\n"),
	  ARG_FILE, NULL, cmd_check },
	{ "people", "add LOGIN --role ROLE [--name NAME] [--hired DATE] [--curriculum ID] | import FILE.csv | list [--all] [--format F] | edit LOGIN [--name NAME] [--hired DATE] | role LOGIN ROLE | leave LOGIN [--date DATE] [--reason TEXT]",
	  N_("who uses this database, and in which role (managers)"),
	  N_("Everyone is known by their login on this machine and has a role:\n"
	     "trainee, trainer or manager (a manager may do all a trainer does).\n"
	     "Only managers change people; trainers may list them.\n"
	     "\n"
	     "  add LOGIN --role ROLE   add someone; a trainee is enrolled in the\n"
	     "      curriculum (the only one, or --curriculum ID) from the hire\n"
	     "      date (--hired YYYY-MM-DD, default today; at most 31 days\n"
	     "      ahead). --name gives the name shown in reports (张三). Adding\n"
	     "      someone who left brings them back with their records.\n"
	     "  import FILE.csv         add everyone a CSV file lists, as add\n"
	     "      would: columns login, role, name, hired, curriculum (or\n"
	     "      登录名/账号, 角色, 姓名, 入职日期, 课程; roles also 新人,\n"
	     "      培训师, 主管; dates also 2026/11/3 and 2026年11月3日).\n"
	     "      Someone here already with the same details is left as is.\n"
	     "      Every wrong cell is named FILE:LINE:COLUMN, and then nothing\n"
	     "      is imported.\n"
	     "  list [--all]            active people (--all: those who left too,\n"
	     "      with the day and why); --format table, csv or json\n"
	     "  edit LOGIN [--name NAME] [--hired DATE]\n"
	     "      correct a name or hire date; a plan that started on the old\n"
	     "      hire date starts on the new one, and its due dates move\n"
	     "  role LOGIN ROLE         change someone's role\n"
	     "  leave LOGIN [--date DATE] [--reason TEXT]\n"
	     "      someone has left (on DATE, default today; not before they\n"
	     "      were hired): hidden from lists and reports, their records kept\n"
	     "\n"
	     "Every change is logged. The last manager cannot leave or step down.\n"),
	  ARG_PERSON, people_words, cmd_people },
	{ "grade", "[--list [--format F]] [--question QUIZ:QUESTION] | [ATTEMPT [QUESTION]]",
	  N_("grade essay answers waiting for a trainer (trainers)"),
	  N_("Puts the essay answers that wait for a trainer, oldest first: who\n"
	     "wrote it, the quiz, the question, its rubric, the answer and how\n"
	     "many days it has waited. Give points from 0 to the question's\n"
	     "points (hundredths allowed) and a comment the trainee sees in\n"
	     "'kefu progress'; 'skip' leaves an answer for later, 'quit' stops.\n"
	     "An attempt's score is final when its last essay is graded. Nobody\n"
	     "grades their own answers.\n"
	     "\n"
	     "  --list [--format F]  list the queue (table, csv or json), with the\n"
	     "                       days each answer has waited\n"
	     "  --question QUIZ:QUESTION\n"
	     "                       grade one essay question across every trainee:\n"
	     "                       its text and rubric once, then each answer to\n"
	     "                       it in turn (with --list: its part of the queue)\n"
	     "  ATTEMPT [QUESTION]   grade or regrade the essays of one attempt (its\n"
	     "                       number is in the queue and in 'report trainee')\n"
	     "\n"
	     "Every grading is kept and logged with the old and new points.\n"),
	  ARG_NONE, grade_words, cmd_grade },
	{ "attempts", "LOGIN [QUIZ] [--format F] | grant LOGIN QUIZ [--count N] --reason TEXT | void ATTEMPT --reason TEXT",
	  N_("a person's quiz attempts; give attempts back or set one aside (trainers)"),
	  N_("  LOGIN [QUIZ]   list the person's attempts (at one quiz, or all):\n"
	     "      number, state (open, pending, final, set aside), score,\n"
	     "      when it started and was handed in, and why it was set aside;\n"
	     "      --format table, csv or json. Trainees may list their own.\n"
	     "  grant LOGIN QUIZ [--count N] --reason TEXT\n"
	     "      give N attempts (default 1, at most 20) at a capped quiz back:\n"
	     "      an exam started by mistake, a power cut\n"
	     "  void ATTEMPT --reason TEXT\n"
	     "      set an attempt aside: it no longer counts, for or against; an\n"
	     "      open one is closed and takes no more answers; a stage it\n"
	     "      completed is open again until it is passed anew\n"
	     "\n"
	     "Only trainers and managers grant and void, never for themselves.\n"
	     "Each is kept with its reason and who gave it, in the event log, in\n"
	     "the trainee's 'kefu progress' and in 'kefu report trainee'.\n"),
	  ARG_PERSON, attempts_words, cmd_attempts },
	{ "assess", "LOGIN [ASSESSMENT]", N_("run a trainee's assessment (上岗检测) and record the outcome (trainers)"),
	  N_("Goes through the parts of an assessment module of the trainee's\n"
	     "curriculum (by default the first not passed in their current stage;\n"
	     "a stage still locked can be opened early with 'kefu stage open'):\n"
	     "a quiz part shows their best final score; a KPI part shows the\n"
	     "latest recorded figure and its month and lets you enter this\n"
	     "month's, in the KPI's unit and range; a rating part asks for your\n"
	     "rating on its scale (a whole number, or in the part's 'step') and a\n"
	     "note (spot checks, team feedback), and whether the trainee may read\n"
	     "that note (by default not). Each part shows pass or fail against its\n"
	     "threshold.\n"
	     "\n"
	     "Then record the outcome: pass (only when every part is met; it\n"
	     "completes the module), extend (with a new due date for the stage,\n"
	     "later than the one it has; later stages move as much) or fail, with\n"
	     "a reason, which the trainee sees unless you say not; 通过, 延期 and\n"
	     "不通过 are taken too. A fail shows in the trainee's plan with its\n"
	     "date and reason, and in every report. Nothing is recorded until the\n"
	     "outcome is given; then all of it is saved at once, with the figures\n"
	     "it was decided on, and logged.\n"),
	  ARG_PERSON, NULL, cmd_assess },
	{ "signoff", "LOGIN STAGE [--note TEXT]", N_("sign a trainee's stage off (trainers)"),
	  N_("Records your sign-off of a stage for a trainee, with an optional\n"
	     "note. Refused while any other module of the stage is not done (the\n"
	     "list of what is missing is shown), for a stage not yet open, and\n"
	     "for your own stages. A stage whose sign-off is 'manager' takes a\n"
	     "manager's. The sign-off completes the stage when the rest is done.\n"),
	  ARG_PERSON, NULL, cmd_signoff },
	{ "stage", "open LOGIN STAGE --reason TEXT",
	  N_("open a locked stage early for one person (trainers)"),
	  N_("Opens a stage that is still locked for one trainee, so that an\n"
	     "experienced hire can take its exam or be assessed early ('kefu\n"
	     "assess'). The stages before it still wait to be completed. The\n"
	     "opening is on the record with who and why, and shows in the\n"
	     "trainee's plan, their transcript and the reports.\n"),
	  ARG_WORDS, stage_words, cmd_stage },
	{ "exempt", "LOGIN STAGE MODULE --reason TEXT",
	  N_("count a module as done for one person, on the record (trainers)"),
	  N_("Exempts a trainee from one module of a stage (a lesson, quiz,\n"
	     "drill, sign-off or assessment, by its id as 'kefu plan --all'\n"
	     "shows it): it counts as done \"by exemption\", with who and why, in\n"
	     "the plan, the transcript and the reports.\n"),
	  ARG_PERSON, exempt_words, cmd_exempt },
	{ "kpi", "set LOGIN KPI VALUE [--period P] [--reason TEXT] | import FILE.csv [--period P] [--curriculum ID] | history LOGIN [KPI] | delete LOGIN KPI --period P --reason TEXT",
	  N_("record KPI figures, one by one or from a CSV file (trainers)"),
	  N_("KPI figures are kept per person, KPI and month. A month is written\n"
	     "YYYY-MM (2026-11); 2026/11, 2026年11月 and Excel's Nov-26 and\n"
	     "26-Nov are read as the same month. A month still to come is\n"
	     "refused. A figure must fit its KPI's unit and range: percent from 0\n"
	     "to 100 (25%, 25％ and 25 alike), other units 0 or more (￥1,650.00\n"
	     "and 1650 alike for yuan), or the KPI's 'range'.\n"
	     "\n"
	     "  set LOGIN KPI VALUE [--period P] [--reason TEXT]\n"
	     "      record one figure (this month by default). A figure already\n"
	     "      there is replaced, and kept in the history.\n"
	     "  import FILE.csv [--period P]   record a file of figures. The header\n"
	     "      names a login column (login, 登录名 or 账号), a period column\n"
	     "      (period or 月份; or give --period) and KPI columns by id or\n"
	     "      title (询单转化率); other columns (a name) are left out, with\n"
	     "      a note; a title line above the header is skipped. UTF-8, with\n"
	     "      or without a BOM, as Excel saves \"CSV UTF-8\". Every bad cell\n"
	     "      and every second figure for one person, KPI and month is\n"
	     "      reported with its line; if there is any, nothing of the file\n"
	     "      is imported.\n"
	     "  history LOGIN [KPI]   every change of the person's figures: old\n"
	     "      and new, who, when, the file and line or command, the reason\n"
	     "      (a trainee may see their own)\n"
	     "  delete LOGIN KPI --period P --reason TEXT   remove a wrong figure;\n"
	     "      the history keeps it with the reason\n"
	     "\n"
	     "An assessment keeps the figures it was decided on, whatever is\n"
	     "recorded later.\n"),
	  ARG_WORDS, kpi_words, cmd_kpi },
	{ "inbox", "", N_("what changed for you: grades, sign-offs, decisions; for trainers, who needs you"),
	  N_("A trainee sees what trainers did about them in the last 30 days:\n"
	     "answers graded or regraded (with the comment), sign-offs, assessment\n"
	     "decisions, attempts given back or set aside, exemptions; then the\n"
	     "next due date. A trainer or manager sees everyone who needs a\n"
	     "trainer's action, most urgent first, with the command that acts on\n"
	     "it (as 'kefu report attention').\n"
	     "\n"
	     "At a terminal, kefu says what is new in a short block when it\n"
	     "starts (a trainee: what happened since they last looked; a trainer:\n"
	     "the counts, once a day and again when an attempt is handed in),\n"
	     "then stays quiet. KEFU_NO_INBOX=1 turns the block off.\n"),
	  ARG_NONE, NULL, cmd_inbox },
	{ "report", "stages|trainee LOGIN|overdue|probation [--all]|elite|grades [ID...]|attention|items QUIZ|dashboard --html FILE|leavers [--format table|csv|json] [--bom] [--ids] [--html FILE] [--period P] [--stage ID] [--curriculum ID]",
	  N_("who is where, who is late, who passed, who is elite (trainers)"),
	  N_("  stages      one row per active trainee: hire date, current stage,\n"
	     "              each stage's status and completion date (and how late\n"
	     "              it was completed), days late, the outcome\n"
	     "  trainee LOGIN  the full record of one person in time order: lessons,\n"
	     "              attempts, drills, gradings, KPI figures, assessments,\n"
	     "              sign-offs (trainees may see their own)\n"
	     "  overdue     who is past their current stage's due date, and by how\n"
	     "              much, the longest overdue first\n"
	     "  probation   everyone in the first stage with an assessment (or\n"
	     "              --stage ID), each part's figure and pass, the outcome;\n"
	     "              --all: everyone decided on too, past outcomes (passed,\n"
	     "              extended, failed) and those who left included\n"
	     "  elite       标杆: the team mean of each KPI for a period (--period,\n"
	     "              default the latest) and the people whose every KPI beats\n"
	     "              it in its better direction, with their margins (a KPI\n"
	     "              nobody has a figure for in the period is left out)\n"
	     "  grades [ID...]  the gradebook: a row per trainee, a column per quiz\n"
	     "              (best final percent, attempts used of allowed, * one\n"
	     "              waits for grading, vN set aside) and per drill (the\n"
	     "              fastest run that counts for a gate, its accuracy); IDs\n"
	     "              pick quizzes and drills of the plan\n"
	     "  attention   everyone who needs a trainer's action, most urgent\n"
	     "              first: essays to grade, assessments and sign-offs due,\n"
	     "              no attempts left, failed assessments, past a due date,\n"
	     "              idle for 7 days; each with the reason and the command\n"
	     "              that acts on it\n"
	     "  items QUIZ  item analysis of the quiz's final attempts, as Moodle's\n"
	     "              quiz statistics: for each question how many were given\n"
	     "              it, facility (mean score, percent of its points), SD,\n"
	     "              discrimination (its score against the rest of the\n"
	     "              paper) and the picks of each choice; for the quiz the\n"
	     "              mean, median, SD and Cronbach's alpha. A facility under\n"
	     "              20 or over 95 (percent) and a discrimination under 0.1\n"
	     "              are flagged\n"
	     "  dashboard --html FILE  the page a supervisor opens first: who needs\n"
	     "              a trainer, the stage funnel, every trainee (late ones\n"
	     "              first) with stage, due date, lateness, probation outcome,\n"
	     "              exam and typing bests and a legend, the gradebook, the\n"
	     "              probation exam's item analysis and quizzes and drills\n"
	     "              done a week; self-contained ('stages --html' writes it\n"
	     "              too)\n"
	     "  leavers     everyone who left: role, hire and leaving days, days\n"
	     "              between, the stage they had reached, a failed\n"
	     "              assessment, and why they left\n"
	     "\n"
	     "  --format F  table (default, lined up for Chinese), csv (RFC 4180) or\n"
	     "              json (one document: {\"report\": ..., \"rows\": [...]})\n"
	     "  --bom       start CSV with a byte order mark, for Excel\n"
	     "  --ids       CSV for scripts: the header of keys and the status\n"
	     "              words in English (sentences, such as a reason, stay in\n"
	     "              your language), no first row of what the report covers;\n"
	     "              without it a CSV starts with that row (curriculum, day,\n"
	     "              period...), and in a translated locale its headings and\n"
	     "              words are in that language, for Excel\n"
	     "  --html FILE write 'stages' or 'dashboard' as the dashboard page,\n"
	     "              'attention' or 'grades' as a page with its table\n"
	     "  --curriculum ID  whose trainees, when the content has several\n"
	     "\n"
	     "In CSV, text that a spreadsheet would take for a formula (= + - @)\n"
	     "starts with an apostrophe.\n"),
	  ARG_WORDS, report_words, cmd_report },
	{ "help", "[COMMAND]", N_("list commands, or explain one"),
	  N_("Without an argument, lists the commands. With one, explains it.\n"),
	  ARG_COMMAND, NULL, cmd_help },
	{ "quit", "", N_("leave the kefu prompt (also: exit, Ctrl-D)"),
	  N_("Leaves the interactive prompt. Everything is already saved.\n"),
	  ARG_NONE, NULL, NULL },
};

const size_t cmd_count = ARRAY_SIZE(cmd_table);

const struct cmd *
cmd_find(const char *name)
{
	size_t i;

	if (strcmp(name, "exit") == 0)
		name = "quit";
	for (i = 0; i < cmd_count; i++)
		if (strcmp(cmd_table[i].name, name) == 0)
			return &cmd_table[i];
	return NULL;
}

int
cmd_usage(const struct cmd *c)
{
	fprintf(stderr, _("usage: kefu %s %s\n"), c->name, c->usage);
	fprintf(stderr, _("Try 'kefu help %s' for more.\n"), c->name);
	return 2;
}

int
cmd_run(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find(argv[0]);
	size_t i;

	if (c == NULL) {
		const char *names[ARRAY_SIZE(cmd_table)];

		for (i = 0; i < cmd_count; i++)
			names[i] = cmd_table[i].name;
		kefu_unknown(_("command"), "", argv[0], names, cmd_count,
			     _("'kefu help' lists the commands"));
		return 2;
	}
	if (c->fn == NULL) {
		if (!k->in_shell)
			error(_("'%s' only means something at the kefu prompt"), c->name);
		return k->in_shell ? 0 : 2;
	}
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		char *help_argv[] = { (char *)"help", argv[0], NULL };

		return cmd_help(k, 2, help_argv);
	}
	return c->fn(k, argc, argv);
}

int
cmd_parse(const struct cmd *c, int argc, char **argv,
	  const struct cmd_opt *opts, char **pos, int maxpos, int *npos)
{
	bool dashdash = false;
	int i;

	*npos = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *eq;
		const struct cmd_opt *o;
		size_t len;

		/* words, and numbers such as -5 */
		if (dashdash || a[0] != '-' || a[1] == '\0' ||
		    (a[1] >= '0' && a[1] <= '9') || a[1] == '.') {
			if (*npos == maxpos)
				return cmd_usage(c);
			pos[(*npos)++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			dashdash = true;
			continue;
		}
		eq = strchr(a, '=');
		len = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o && o->name; o++)
			if (strlen(o->name) == len && strncmp(o->name, a, len) == 0)
				break;
		if (o == NULL || o->name == NULL) {
			error(_("'%s' has no option '%.*s'"), c->name, (int)len, a);
			return cmd_usage(c);
		}
		if (o->value == NULL) {
			if (eq)
				return cmd_usage(c);
			*o->flag = true;
		} else if (eq)
			*o->value = eq + 1;
		else if (i + 1 < argc)
			*o->value = argv[++i];
		else {
			error(_("option '%s' needs a value"), o->name);
			return cmd_usage(c);
		}
	}
	return 0;
}

int
cmd_format(const char *s, enum table_format *f)
{
	*f = TABLE_TEXT;
	if (s && !table_format_parse(s, f)) {
		error(_("--format is table, csv or json, not '%s'"), s);
		return 2;
	}
	return 0;
}
