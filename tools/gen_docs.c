/*
 * gen_docs.c: writes the man pages, the bash, zsh and fish completions and
 * the pre-commit hook from the tables the program itself uses: the command
 * table (src/cmd/commands.c), the option tables (src/cmd/opts.c and
 * probe's in cmd_probe.c), the input-kind table (src/model/kinds.c) and
 * the rule catalogue, so none of them can drift apart.  `make docs` writes
 * the committed files, the build writes gunilint-rules.7;
 * tests/check-docs.sh checks that the committed files are what it writes.
 *
 * usage: gen_docs man|rules-man|bash|zsh|fish|precommit
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "gunicorn/gunicorn.h"
#include "model/model.h"
#include "report/report.h"
#include "rules/rules.h"

/* The date the pages carry: bumped by hand when their text changes. */
#define MAN_DATE "December 3, 2026"

/* ---- the options of a command, whichever table holds them --------------- */

struct opt {
	const char *name;     /* long name */
	char shortname;       /* 0: none */
	const char *metavar;  /* NULL: a flag */
	const char *help;
	const char *values;   /* listed after the help in the man page */
	int repeatable;
};

/* The i-th option of command c (a heading of probe's is skipped); 0 after the last. */
static int
opt_get(const struct gl_command *c, size_t *i, struct opt *o)
{
	memset(o, 0, sizeof(*o));
	if (c->options == OC_PROBE) {
		const struct probe_option_doc *d;

		while ((d = probe_option_doc(*i)) != NULL && d->name == NULL)
			++*i;
		if (d == NULL)
			return 0;
		o->name = d->name;
		o->metavar = d->metavar;
		o->help = d->help;
		o->repeatable = strstr(d->help, "(repeatable)") != NULL;
		++*i;
		return 1;
	} else {
		const struct gl_option *t;
		size_t n;

		t = opt_table(&n);
		while (*i < n && !(t[*i].commands & c->options))
			++*i;
		if (*i >= n || c->options == 0)
			return 0;
		o->name = t[*i].name;
		o->shortname = t[*i].shortname;
		o->metavar = t[*i].metavar;
		o->help = t[*i].help;
		o->values = t[*i].values ? t[*i].values() : NULL;
		o->repeatable = strstr(o->help, "repeatable") != NULL ||
		    (o->metavar && strcmp(o->metavar, "RULES") == 0);
		++*i;
		return 1;
	}
}

/* What an option's value is, for the completions. */
enum vkind { V_NONE, V_FREE, V_FILE, V_DIR, V_WORDS, V_RULES };

static struct strbuf words_buf = STRBUF_INIT;

/* The kind of o's value; *words (V_WORDS) its values, space-separated. */
static enum vkind
opt_value(const struct gl_command *c, const struct opt *o, const char **words)
{
	const char *m = o->metavar;
	size_t i;

	*words = NULL;
	sb_reset(&words_buf);
	if (m == NULL)
		return V_NONE;
	if (strcmp(m, "FILE") == 0 || strcmp(m, "PATH") == 0)
		return V_FILE;
	if (strcmp(m, "DIR") == 0)
		return V_DIR;
	if (strcmp(m, "RULES") == 0)
		return V_RULES;
	if (strchr(m, '|') != NULL) { /* the values themselves: "text|json" */
		for (i = 0; m[i]; i++)
			sb_addch(&words_buf, m[i] == '|' ? ' ' : m[i]);
	} else if (strcmp(o->name, "kind") == 0) {
		for (i = 0; i < kind_count(); i++)
			sb_addf(&words_buf, "%s%s", i ? " " : "",
			    kind_at(i)->name);
	} else if (strcmp(o->name, "gunicorn-version") == 0) {
		for (i = 0; i < GV__COUNT; i++)
			sb_addf(&words_buf, "%s%s", i ? " " : "",
			    gv_name((enum gl_version)i));
	} else if (strcmp(o->name, "fail-level") == 0) {
		for (i = SEV_ERROR + 1; i-- > 0;)
			sb_addf(&words_buf, "%s%s", i != SEV_ERROR ? " " : "",
			    sev_name((enum severity)i));
	} else if (strcmp(o->name, "color") == 0) {
		for (i = 0; opt_color_words[i] != NULL; i++)
			sb_addf(&words_buf, "%s%s", i ? " " : "",
			    opt_color_words[i]);
	} else if (strcmp(o->name, "format") == 0) {
		if (c->formats != NULL)
			sb_adds(&words_buf, c->formats);
		else
			for (i = 0; strcmp(rpt_format_name((enum rpt_format)i),
			    "?") != 0; i++)
				sb_addf(&words_buf, "%s%s", i ? " " : "",
				    rpt_format_name((enum rpt_format)i));
	} else
		return V_FREE;
	*words = sb_str(&words_buf);
	return V_WORDS;
}

/* What the words after a command's options are. */
enum operand { P_NOTHING, P_PATHS, P_RULE, P_COMMAND };

static enum operand
operand_of(const struct gl_command *c)
{
	if (c->options == OC_RULES)
		return P_RULE;
	if (c->options == 0)
		return strcmp(c->synopsis, "[COMMAND]") == 0 ? P_COMMAND :
		    P_NOTHING;
	return P_PATHS;
}

/* ---- mdoc ------------------------------------------------------------------ */

/*
 * Free text as mdoc text lines: backslashes escaped, a line never starts
 * with a control character, a new sentence starts a new line, and no line
 * is longer than 72 bytes (mandoc -T lint's rules).
 */
static void
text(const char *s)
{
	size_t col = 0, len;

	while (*s) {
		while (*s == ' ' || *s == '\n')
			s++;
		if ((len = strcspn(s, " \n")) == 0)
			break;
		if (col > 0 && col + 1 + len > 72) {
			putchar('\n');
			col = 0;
		} else if (col > 0) {
			putchar(' ');
			col++;
		}
		if (col == 0 && (*s == '.' || *s == '\'')) {
			fputs("\\&", stdout);
			col += 2;
		}
		if (len == 2 && strncmp(s, "--", 2) == 0) {
			/* a lone "--" is meant as written, not as a dash */
			fputs("\\-\\-", stdout);
			col += 4;
			s += len;
			continue;
		}
		for (size_t i = 0; i < len; i++, col++) {
			if (s[i] == '\\') {
				fputs("\\e", stdout);
				col++;
			} else
				putchar(s[i]);
		}
		/* "Sentence. Next": a sentence ends at the end of a line. */
		if (len > 1 && strchr(".?!", s[len - 1]) != NULL &&
		    (s[len] == ' ' || s[len] == '\n') &&
		    s[len + strspn(s + len, " \n")] != '\0') {
			putchar('\n');
			col = 0;
		}
		s += len;
	}
	if (col > 0)
		putchar('\n');
}

/* Paragraphs (separated by blank lines) of free text. */
static void
paragraphs(const char *s)
{
	const char *end;
	char *p;

	while (*s) {
		end = strstr(s, "\n\n");
		p = end ? strndup(s, (size_t)(end - s)) : strdup(s);
		text(p);
		free(p);
		if (end == NULL)
			break;
		s = end + 2;
		while (*s == '\n')
			s++;
		if (*s)
			puts(".Pp");
	}
}

/* Verbatim lines (examples) in a display; compact: no blank line before. */
static void
literal_display(const char *s, int compact)
{
	int bol = 1;

	printf(".Bd -literal -offset indent%s\n", compact ? " -compact" : "");
	for (; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", stdout);
		if (*s == '\\')
			fputs("\\e", stdout);
		else
			putchar(*s);
		bol = *s == '\n';
	}
	if (!bol)
		putchar('\n');
	puts(".Ed");
}

static void
literal(const char *s)
{
	literal_display(s, 0);
}

/* One argument of a macro line, quoted when it holds anything but a word. */
static void
arg(const char *s)
{
	printf(" \"%s\"", s);
}

/* "[OPTIONS] [PATH...] [-- gunicorn ARGS...]" as mdoc macros. */
static void
synopsis(const char *s)
{
	char buf[128];
	size_t len;

	while (*s) {
		while (*s == ' ')
			s++;
		if (*s != '[')
			break;
		len = strcspn(s, "]");
		snprintf(buf, sizeof(buf), "%.*s", (int)len - 1, s + 1);
		s += len + (s[len] == ']');
		if (strncmp(buf, "-- ", 3) == 0) {
			/* "-- gunicorn ARGS...": the command that follows "--" */
			printf(".Op Fl \\- Cm gunicorn Ar ARGS ...\n");
			continue;
		}
		len = strlen(buf);
		if (len > 3 && strcmp(buf + len - 3, "...") == 0) {
			buf[len - 3] = '\0';
			printf(".Op Ar %s ...\n", buf);
		} else if (strchr(buf, '|') != NULL) {
			*strchr(buf, '|') = '\0';
			printf(".Op Ar %s | Ar %s\n", buf, buf + strlen(buf) + 1);
		} else
			printf(".Op Ar %s\n", buf);
	}
}

static void
man_option(const struct opt *o)
{
	fputs(".It", stdout);
	if (o->shortname)
		printf(" Fl %c ,", o->shortname);
	printf(" Fl \\-%s", o->name);
	if (o->metavar) {
		fputs(" Ar", stdout);
		arg(o->metavar);
	}
	putchar('\n');
	if (o->values) {
		char *t = malloc(strlen(o->help) + strlen(o->values) + 3);

		sprintf(t, "%s: %s", o->help, o->values);
		text(t);
		free(t);
	} else
		text(o->help);
}

static void
man_command(const struct gl_command *c)
{
	const struct probe_option_doc *d;
	struct opt o;
	size_t i = 0;

	printf(".Ss %s\n", c->name);
	text(c->description);
	if (c->options == 0)
		return;
	if (c->options != OC_PROBE) {
		puts(".Bl -tag -width Ds");
		while (opt_get(c, &i, &o))
			man_option(&o);
		puts(".El");
		return;
	}
	/* probe: its options under their headings, as its --help has them */
	for (i = 0; (d = probe_option_doc(i)) != NULL; i++) {
		if (d->name == NULL) {
			if (i > 0)
				puts(".El");
			puts(".Pp");
			text(d->help);
			puts(".Bl -tag -width Ds");
			continue;
		}
		memset(&o, 0, sizeof(o));
		o.name = d->name;
		o.metavar = d->metavar;
		o.help = d->help;
		man_option(&o);
	}
	puts(".El");
}

static void
man_kinds(void)
{
	size_t i;

	puts(".Sh INPUT KINDS");
	text("A directory is walked in sorted order; each file's kind is told "
	    "from its name (below, without regard to case), and a file named "
	    "on the command line whose name says nothing, from --kind or else "
	    "its first bytes. --kind also names the kind of stdin.");
	puts(".Bl -tag -width Ds");
	for (i = 0; i < kind_count(); i++) {
		const struct input_kind *k = kind_at(i);
		char *t = malloc(strlen(k->summary) + strlen(k->globs) + 16);

		printf(".It Cm %s\n", k->name);
		if (k->globs[0] != '\0')
			sprintf(t, "%s; file names: %s", k->summary, k->globs);
		else
			strcpy(t, k->summary);
		text(t);
		free(t);
	}
	puts(".El");
}

static void
man_header(const char *title, int section, const char *name,
    const char *what)
{
	puts(".\\\" Generated by tools/gen_docs.c from gunilint's command, "
	    "option and kind");
	puts(".\\\" tables and rules/catalog.yaml: do not edit.");
	printf(".Dd %s\n.Dt %s %d\n.Os\n.Sh NAME\n.Nm %s\n.Nd %s\n",
	    MAN_DATE, title, section, name, what);
}

static void
man(void)
{
	const struct gl_command *c;
	size_t n, i;

	c = cmd_table(&n);
	man_header("GUNILINT", 1, "gunilint",
	    "review how gunicorn launches a Python web service");
	puts(".Sh SYNOPSIS");
	for (i = 0; i < n; i++) {
		printf(".Nm\n.Cm %s\n", c[i].name);
		synopsis(c[i].synopsis);
	}
	puts(".Nm\n.Op Ar COMMAND\n.Fl \\-help");
	puts(".Sh DESCRIPTION");
	text("gunilint reads GUNICORN_CMD_ARGS values, gunicorn command lines, "
	    "gunicorn config files, Dockerfiles, Kubernetes manifests, compose "
	    "files, env files and Procfiles, computes the settings gunicorn "
	    "will really run with, and checks them against gunicorn's own "
	    "semantics. Each finding names a rule (see gunilint-rules(7)) and "
	    "the file, line and column it comes from.");
	puts(".Pp");
	text("An option's value is given as --name VALUE or --name=VALUE "
	    "(a short option: -o VALUE or -oVALUE). After --, the words are a "
	    "gunicorn command line, checked as if gunicorn were started with "
	    "them.");
	puts(".Sh COMMANDS");
	text("What 'gunilint COMMAND --help' and 'gunilint help COMMAND' "
	    "print, in more words.");
	for (i = 0; i < n; i++)
		man_command(&c[i]);
	man_kinds();
	puts(".Sh ENVIRONMENT\n.Bl -tag -width Ds\n.It Ev NO_COLOR");
	text("any non-empty value turns colour off, as does TERM=dumb "
	    "(--color auto).");
	puts(".It Ev GUNICORN_CMD_ARGS , Ev WEB_CONCURRENCY , Ev PORT , "
	    "Ev FORWARDED_ALLOW_IPS");
	text("read with --env, as gunicorn reads them.");
	puts(".It Ev LC_ALL , Ev LC_MESSAGES , Ev LANG , Ev LANGUAGE");
	text("the language of the text report, rules, explain, probe's "
	    "text report, the errors on stderr and --help, as GNU programs "
	    "read them (zh_CN: Simplified Chinese; no "
	    "system locale needed); --lang overrides them.  The machine "
	    "formats never change.");
	puts(".El");
	puts(".Sh FILES\n.Bl -tag -width Ds\n.It Pa .gunilint.yaml");
	text("the project's configuration: the nearest one in the current "
	    "directory or a parent, up to the repository root; see "
	    "gunilint.yaml(5).");
	puts(".It Pa share/gunilint/probe_app.py");
	text("beside or above the binary's directory: the application "
	    "probe --exec serves.");
	puts(".It Pa share/locale/zh_CN/LC_MESSAGES/gunilint.mo");
	text("above the binary's directory (or build/locale in the source "
	    "tree): the Simplified Chinese messages.");
	puts(".El");
	puts(".Sh EXIT STATUS\n.Bl -tag -width Ds -compact\n.It 0");
	text("no finding at or above the fail level (and every probe check "
	    "passed)");
	puts(".It 1");
	text("findings at or above the fail level, or a failed probe check");
	puts(".It 2");
	text("a usage error, or an input that could not be read");
	puts(".El");
	puts(".Sh EXAMPLES");
	text("Check the current directory, failing only on errors:");
	literal("$ gunilint check --fail-level error");
	puts(".Pp");
	text("Check a Dockerfile's launch with a build argument, as SARIF:");
	literal("$ gunilint check --build-arg WORKERS=4 -f sarif \\\n"
	    "    -o gunilint.sarif Dockerfile");
	puts(".Pp");
	text("Check a GUNICORN_CMD_ARGS value and a command line:");
	literal("$ gunilint check --args '--workers 4 --threads 2'\n"
	    "$ gunilint check -- gunicorn -w 4 -k uvicorn.workers.UvicornWorker "
	    "app:app");
	puts(".Pp");
	text("Explain what a Kubernetes manifest's launch does:");
	literal("$ gunilint explain deploy/k8s.yaml");
	puts(".Pp");
	text("Probe the TLS files a compose file configures:");
	literal("$ gunilint probe compose.yaml");
	puts(".Pp");
	text("Read one rule's documentation:");
	literal("$ gunilint rules GL101");
	puts(".Sh SEE ALSO\n.Xr gunicorn 1 ,\n.Xr gunilint.yaml 5 ,\n"
	    ".Xr gunilint-rules 7");
}

/* gunilint-rules(7): the catalogue, one entry per rule. */
static void
rules_man(void)
{
	const char *last = "";
	size_t i;

	man_header("GUNILINT-RULES", 7, "gunilint-rules",
	    "the rules gunilint checks");
	puts(".Sh DESCRIPTION");
	text("Every finding gunilint reports names one of these rules by its "
	    "id (which never changes meaning) and its slug; either selects it "
	    "in --select, --ignore, .gunilint.yaml and inline '# gunilint "
	    "ignore=' comments. The severity is the rule's default; "
	    ".gunilint.yaml can change it. This page is generated from "
	    "rules/catalog.yaml, as is the output of 'gunilint rules ID'.");
	for (i = 0; i < cat_count(); i++) {
		const struct rule_meta *r = cat_at(i);
		unsigned j;

		/* A section per hundred ids (GL0xx, GL1xx...): the ranges
		 * rules/catalog.yaml assigns to areas. */
		if (strncmp(r->id, last, 3) != 0) {
			printf(".Sh RULES %.3sXX\n", r->id);
			last = r->id;
		}
		printf(".Ss %s %s\n", r->id, r->slug);
		printf("Severity\n.Sy %s ,\ncategory\n.Sy %s .\n",
		    sev_name(r->severity), r->category);
		text(r->summary);
		if (r->rationale && *r->rationale) {
			puts(".Pp");
			paragraphs(r->rationale);
		}
		if (r->fix && *r->fix) {
			puts(".Pp\nFix:");
			paragraphs(r->fix);
		}
		if (r->bad && *r->bad) {
			puts(".Pp\nBad:");
			literal_display(r->bad, 1);
		}
		if (r->good && *r->good) {
			puts(".Pp\nGood:");
			literal_display(r->good, 1);
		}
		if (r->nrefs > 0) {
			puts(".Pp\nReferences:\n.Bl -bullet -compact");
			for (j = 0; j < r->nrefs; j++) {
				puts(".It");
				text(r->refs[j]);
			}
			puts(".El");
		}
	}
	puts(".Sh SEE ALSO\n.Xr gunilint 1 ,\n.Xr gunilint.yaml 5");
}

/* ---- completions ------------------------------------------------------------ */

static void
rule_words(const char *sep)
{
	size_t i;

	for (i = 0; i < cat_count(); i++)
		printf("%s%s%s%s", i ? sep : "", cat_at(i)->id, sep,
		    cat_at(i)->slug);
}

static void
command_words(void)
{
	const struct gl_command *c;
	size_t n, i;

	c = cmd_table(&n);
	for (i = 0; i < n; i++)
		printf("%s%s", i ? " " : "", c[i].name);
}

static void
bash(void)
{
	const struct gl_command *c;
	const char *words;
	struct opt o;
	size_t n, i, k;

	c = cmd_table(&n);
	puts("# bash completion for gunilint.  Generated by tools/gen_docs.c "
	    "from the\n# command, option and kind tables and the rule "
	    "catalogue: do not edit.\n");
	fputs("_gunilint_rules='", stdout);
	rule_words(" ");
	puts("'\n");
	puts("# A comma-separated list: complete its last item.\n"
	    "_gunilint_list()\n{\n\tlocal pre=\n"
	    "\t[[ $cur == *,* ]] && pre=${cur%,*},\n"
	    "\tCOMPREPLY=($(compgen -P \"$pre\" -W \"$1\" -- \"${cur##*,}\"))\n"
	    "\tcompopt -o nospace 2>/dev/null\n}\n");
	puts("_gunilint()\n{\n\tlocal cur prev cmd opts i operand");
	puts("\tcur=${COMP_WORDS[COMP_CWORD]}\n"
	    "\tprev=${COMP_WORDS[COMP_CWORD-1]}\n"
	    "\tcmd=${COMP_WORDS[1]}\n\tCOMPREPLY=()");
	fputs("\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W '", stdout);
	command_words();
	puts("' -- \"$cur\"))\n\t\treturn\n\tfi");
	puts("\t# After \"--\": a gunicorn command line.\n"
	    "\tfor ((i = 2; i < COMP_CWORD; i++)); do\n"
	    "\t\tif [ \"${COMP_WORDS[i]}\" = -- ]; then\n"
	    "\t\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n\t\t\treturn\n"
	    "\t\tfi\n\tdone");
	puts("\t# --name=VALUE: bash splits it at '='.\n"
	    "\tif [ \"$cur\" = = ]; then\n\t\tcur=\n"
	    "\telif [ \"$prev\" = = ] && [ \"$COMP_CWORD\" -ge 3 ]; then\n"
	    "\t\tprev=${COMP_WORDS[COMP_CWORD-2]}\n\tfi");
	puts("\tcase $cmd in");
	for (k = 0; k < n; k++) {
		printf("\t%s)\n\t\tcase $prev in\n", c[k].name);
		for (i = 0; opt_get(&c[k], &i, &o);) {
			enum vkind v = opt_value(&c[k], &o, &words);

			if (v == V_NONE)
				continue;
			printf("\t\t");
			if (o.shortname)
				printf("-%c|", o.shortname);
			printf("--%s) ", o.name);
			switch (v) {
			case V_FILE:
				fputs("COMPREPLY=($(compgen -f -- \"$cur\"))", stdout);
				break;
			case V_DIR:
				fputs("COMPREPLY=($(compgen -d -- \"$cur\"))", stdout);
				break;
			case V_WORDS:
				printf("COMPREPLY=($(compgen -W '%s' -- \"$cur\"))",
				    words);
				break;
			case V_RULES:
				fputs("_gunilint_list \"$_gunilint_rules\"", stdout);
				break;
			default:
				fputs(":", stdout);
			}
			puts("; return ;;");
		}
		printf("\t\tesac\n\t\topts='");
		for (i = 0; opt_get(&c[k], &i, &o);) {
			if (o.shortname)
				printf("-%c ", o.shortname);
			printf("--%s ", o.name);
		}
		printf("'\n\t\toperand=%s ;;\n", (const char *[]){ "none",
		    "paths", "rule", "command" }[operand_of(&c[k])]);
	}
	puts("\t*) return ;;\n\tesac");
	puts("\tif [[ $cur == -* ]]; then\n"
	    "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	    "\t\treturn\n\tfi");
	fputs("\tcase $operand in\n"
	    "\tpaths) COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n"
	    "\trule) COMPREPLY=($(compgen -W \"$_gunilint_rules\" -- \"$cur\")) ;;\n"
	    "\tcommand) COMPREPLY=($(compgen -W '", stdout);
	command_words();
	puts("' -- \"$cur\")) ;;\n\tesac\n}\n"
	    "complete -o filenames -F _gunilint gunilint");
}

/* s inside a zsh _arguments description: '...' quoting, []: escaped. */
static void
zsh_desc(const char *s)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", stdout);
		else if (*s == '[' || *s == ']' || *s == ':' || *s == '\\')
			printf("\\%c", *s);
		else
			putchar(*s);
	}
}

static void
zsh(void)
{
	const struct gl_command *c;
	const char *words;
	struct opt o;
	size_t n, i, k;

	c = cmd_table(&n);
	puts("#compdef gunilint\n# zsh completion for gunilint.  Generated by "
	    "tools/gen_docs.c from the\n# command, option and kind tables and "
	    "the rule catalogue: do not edit.\n");
	puts("# Rule ids and slugs, and a comma-separated list of them for "
	    "--select and --ignore.\n_gunilint_rules() {\n\tlocal -a rules");
	fputs("\trules=(", stdout);
	rule_words(" ");
	puts(")\n\tcompadd \"$@\" -a rules\n}\n"
	    "_gunilint_rule_list() {\n\t_sequence -s , _gunilint_rules\n}\n");
	puts("_gunilint() {\n\tlocal curcontext=$curcontext state line ret=1\n"
	    "\tlocal -a commands");
	puts("\tcommands=(");
	for (k = 0; k < n; k++) {
		printf("\t\t'%s:", c[k].name);
		zsh_desc(c[k].summary);
		puts("'");
	}
	puts("\t)\n\t_arguments -C '1: :->command' '*:: :->args' && ret=0\n"
	    "\tcase $state in\n"
	    "\tcommand) _describe -t commands 'gunilint command' commands "
	    "&& ret=0 ;;\n\targs)\n\t\tcurcontext=${curcontext%:*:*}:"
	    "gunilint-$words[1]:\n\t\tcase $words[1] in");
	for (k = 0; k < n; k++) {
		printf("\t\t%s)\n\t\t\t_arguments -S \\\n", c[k].name);
		for (i = 0; opt_get(&c[k], &i, &o);) {
			enum vkind v = opt_value(&c[k], &o, &words);

			fputs("\t\t\t\t", stdout);
			if (o.shortname && !o.repeatable)
				printf("'(-%c --%s)'{-%c%s,--%s%s}'", o.shortname,
				    o.name, o.shortname, o.metavar ? "+" : "",
				    o.name, o.metavar ? "=" : "");
			else if (o.shortname)
				printf("'*'{-%c%s,--%s%s}'", o.shortname,
				    o.metavar ? "+" : "", o.name,
				    o.metavar ? "=" : "");
			else
				printf("'%s--%s%s", o.repeatable ? "*" : "",
				    o.name, o.metavar ? "=" : "");
			putchar('[');
			zsh_desc(o.help);
			putchar(']');
			if (v != V_NONE) {
				putchar(':');
				zsh_desc(o.metavar);
				putchar(':');
				switch (v) {
				case V_FILE: fputs("_files", stdout); break;
				case V_DIR: fputs("_files -/", stdout); break;
				case V_WORDS: printf("(%s)", words); break;
				case V_RULES: fputs("_gunilint_rule_list", stdout); break;
				default: fputs(" ", stdout);
				}
			}
			puts("' \\");
		}
		switch (operand_of(&c[k])) {
		case P_PATHS:
			puts("\t\t\t\t'*:path:_files' && ret=0 ;;");
			break;
		case P_RULE:
			puts("\t\t\t\t'1:rule:_gunilint_rules' && ret=0 ;;");
			break;
		case P_COMMAND:
			puts("\t\t\t\t'1:command:(${commands%%:*})' && ret=0 ;;");
			break;
		default:
			puts("\t\t\t&& ret=0 ;;");
		}
	}
	puts("\t\tesac ;;\n\tesac\n\treturn ret\n}\n\n"
	    "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n"
	    "\t_gunilint \"$@\"\nelse\n\tcompdef _gunilint gunilint\nfi");
}

/* s inside fish's '...' quoting. */
static void
fish_quote(const char *s)
{
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('\'');
}

static void
fish(void)
{
	const struct gl_command *c;
	const char *words;
	struct opt o;
	size_t n, i, k;

	c = cmd_table(&n);
	puts("# fish completion for gunilint.  Generated by tools/gen_docs.c "
	    "from the\n# command, option and kind tables and the rule "
	    "catalogue: do not edit.\n");
	puts("function __gunilint_rules --description 'gunilint rule ids and "
	    "slugs'");
	for (i = 0; i < cat_count(); i++) {
		const struct rule_meta *r = cat_at(i);

		printf("\tprintf '%%s\\t%%s\\n' %s %s %s %s\n", r->id,
		    r->slug, r->slug, r->id);
	}
	puts("end\n");
	puts("# --select GL1,GL2: the items before the last one stay.\n"
	    "function __gunilint_rule_list\n"
	    "\tset -l tok (string replace -r -- '^--[a-z-]+=' '' "
	    "(commandline -ct))\n"
	    "\tset -l pre (string replace -r -- '[^,]*$' '' $tok)\n"
	    "\tfor r in (__gunilint_rules)\n\t\tprintf '%s%s\\n' $pre $r\n"
	    "\tend\nend\n");
	puts("complete -c gunilint -f");
	for (k = 0; k < n; k++) {
		printf("complete -c gunilint -n __fish_use_subcommand -a %s -d ",
		    c[k].name);
		fish_quote(c[k].summary);
		putchar('\n');
	}
	for (k = 0; k < n; k++) {
		printf("\n# %s\n", c[k].name);
		for (i = 0; opt_get(&c[k], &i, &o);) {
			enum vkind v = opt_value(&c[k], &o, &words);

			printf("complete -c gunilint -n '__fish_seen_subcommand_"
			    "from %s'", c[k].name);
			if (o.shortname)
				printf(" -s %c", o.shortname);
			printf(" -l %s", o.name);
			switch (v) {
			case V_FILE: fputs(" -r -F", stdout); break;
			case V_DIR:
				fputs(" -x -a '(__fish_complete_directories)'",
				    stdout);
				break;
			case V_WORDS: printf(" -x -a '%s'", words); break;
			case V_RULES:
				fputs(" -x -a '(__gunilint_rule_list)'", stdout);
				break;
			case V_FREE: fputs(" -x", stdout); break;
			default: break;
			}
			fputs(" -d ", stdout);
			fish_quote(o.help);
			putchar('\n');
		}
		switch (operand_of(&c[k])) {
		case P_PATHS:
			printf("complete -c gunilint -n '__fish_seen_subcommand_"
			    "from %s' -F\n", c[k].name);
			break;
		case P_RULE:
			printf("complete -c gunilint -n '__fish_seen_subcommand_"
			    "from %s' -a '(__gunilint_rules)'\n", c[k].name);
			break;
		case P_COMMAND:
			printf("complete -c gunilint -n '__fish_seen_subcommand_"
			    "from %s' -a '", c[k].name);
			command_words();
			puts("'");
			break;
		default:
			break;
		}
	}
}

/* The pre-commit hook: its `files:` pattern is every name a walk reads. */
static void
precommit(void)
{
	char *re = kind_files_regex();
	size_t i;

	puts("# pre-commit hooks for gunilint.  Generated by tools/gen_docs.c "
	    "from the\n# input-kind table: do not edit.  In a project's "
	    ".pre-commit-config.yaml:\n#\n#   repos:\n#     - repo: <this "
	    "repository's URL>\n#       rev: <a tag or commit>\n#       "
	    "hooks:\n#         - id: gunilint\n#\n# The hook runs the gunilint "
	    "found on PATH (install it with `make install`\n# or a package), on "
	    "the staged files that can describe a gunicorn launch.\n# gunilint "
	    "reads the nearest .gunilint.yaml as usual.  Add `args:` to pass\n"
	    "# options, e.g. [--fail-level, warning].");
	puts("- id: gunilint\n  name: gunilint");
	fputs("  description: Check how gunicorn is launched (", stdout);
	for (i = 0; i < kind_count(); i++)
		if (kind_at(i)->globs[0] != '\0')
			printf("%s%s", i ? ", " : "", kind_at(i)->name);
	puts(").\n  entry: gunilint check\n  language: system\n"
	    "  pass_filenames: true\n  # One gunilint run sees all the staged "
	    "files together, so rules that\n  # join a Dockerfile with its "
	    "Kubernetes or compose file can.\n  require_serial: true");
	printf("  files: '%s'\n", re);
	/* documentation, and .txt files other than requirements and
	 * constraints files (Dockerfile.txt notes; requirements/x.txt is one) */
	puts("  exclude: (^|/)\\.(gunilint|pre-commit-config|pre-commit-hooks)"
	    "\\.ya?ml$|\\.(md|rst|html)$|(^|/)(?<!requirements/)"
	    "(?![^/]*requirements[^/]*\\.txt$|constraints[^/]*\\.txt$)"
	    "[^/]*\\.txt$");
	free(re);
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*write)(void);
	} outputs[] = {
		{ "man", man }, { "rules-man", rules_man }, { "bash", bash },
		{ "zsh", zsh }, { "fish", fish }, { "precommit", precommit },
	};
	size_t i;

	for (i = 0; argc == 2 && i < sizeof(outputs) / sizeof(outputs[0]); i++)
		if (strcmp(argv[1], outputs[i].name) == 0) {
			outputs[i].write();
			sb_release(&words_buf);
			return ferror(stdout) ? 1 : 0;
		}
	fputs("usage: gen_docs man|rules-man|bash|zsh|fish|precommit\n", stderr);
	return 2;
}
