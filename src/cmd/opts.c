/* opts.c: one option table for all commands; GNU-style parsing of --opt=V, --opt V, -o V. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/core.h"
#include "model/model.h"

/* Sorted by name: --help, the man page and the completions list it in this order. */
static const struct gl_option options[] = {
	{ "args", 0, "STRING", OC_INPUT, O_ARGS,
	  N_("a GUNICORN_CMD_ARGS value to check (repeatable)"), NULL },
	{ "build-arg", 0, "NAME=VALUE", OC_INPUT, O_BUILD_ARG,
	  N_("a Dockerfile ARG value, as docker build --build-arg"), NULL },
	{ "color", 0, "WHEN", OC_ALL, O_COLOR,
	  N_("auto (default: a terminal, no NO_COLOR, TERM not dumb), always, never"), NULL },
	{ "config", 0, "FILE", OC_INPUT, O_CONFIG,
	  N_("the gunilint config file (default: the nearest .gunilint.yaml)"), NULL },
	{ "cpus", 0, "N", OC_CHECK | OC_EXPLAIN, O_CPUS,
	  N_("CPUs the service gets, when no manifest says so"), NULL },
	{ "env", 0, NULL, OC_INPUT, O_ENV,
	  N_("read GUNICORN_CMD_ARGS, WEB_CONCURRENCY, PORT, FORWARDED_ALLOW_IPS from the environment"), NULL },
	{ "fail-level", 0, "LEVEL", OC_CHECK, O_FAIL_LEVEL,
	  N_("exit 1 when a finding is at or above LEVEL: error, warning (default), info, none"), NULL },
	{ "format", 'f', "FORMAT", OC_ALL, O_FORMAT,
	  N_("check: text json sarif github gnu codeclimate; explain: text json gunicorn; rules: text json"), NULL },
	{ "gunicorn-version", 0, "X.Y", OC_INPUT, O_GUNICORN_VERSION,
	  N_("the gunicorn release whose settings apply (default: the newest known)"), NULL },
	{ "help", 'h', NULL, OC_ALL, O_HELP, N_("show this help"), NULL },
	{ "ignore", 0, "RULES", OC_CHECK, O_IGNORE,
	  N_("comma-separated rule ids or slugs to skip"), NULL },
	{ "image", 0, "NAME=PATH", OC_INPUT, O_IMAGE,
	  N_("the Dockerfile that builds image NAME (for manifests without a command)"), NULL },
	{ "jobs", 'j', "N", OC_INPUT, O_JOBS,
	  N_("parse up to N files at once (default: the CPUs available); "
	  "the report is the same for any N"), NULL },
	{ "kind", 0, "KIND", OC_INPUT, O_KIND,
	  N_("what '-' (stdin), or a named file whose name says nothing, holds"),
	  kind_names },
	{ "lang", 0, "LANG", OC_ALL, O_LANG,
	  N_("the language of the text report and --help: zh_CN, or C for "
	  "English (default: LC_ALL, LC_MESSAGES, LANG)"), NULL },
	{ "max-file-size", 0, "SIZE", OC_INPUT, O_MAX_FILE_SIZE,
	  N_("skip, and say so, inputs larger than SIZE (K, M, G suffixes; default 10M; 0: no limit)"), NULL },
	{ "no-inline-ignores", 0, NULL, OC_CHECK, O_NO_INLINE_IGNORES,
	  N_("disregard '# gunilint ignore=' comments and annotations"), NULL },
	{ "output", 'o', "FILE", OC_ALL, O_OUTPUT,
	  N_("write the report of the --format before it to FILE (atomically) "
	  "instead of stdout; check takes several --format/-o pairs"), NULL },
	{ "report-unused-ignores", 0, NULL, OC_CHECK, O_REPORT_UNUSED,
	  N_("report suppressions that suppress nothing"), NULL },
	{ "root", 0, "DIR", OC_INPUT, O_ROOT,
	  N_("where absolute container paths (certificates, keys) are found on this disk"), NULL },
	{ "rules-dir", 0, "DIR", OC_ALL, O_RULES_DIR,
	  N_("load the rule catalogue and settings tables from DIR instead of the built-in copy"), NULL },
	{ "select", 0, "RULES", OC_CHECK, O_SELECT,
	  N_("comma-separated rule ids or slugs: report only these"), NULL },
	{ "stdin-filename", 0, "NAME", OC_CHECK | OC_EXPLAIN, O_STDIN_FILENAME,
	  N_("the path '-' (stdin) stands for: its kind, and the file name "
	  "in findings and ignores"), NULL },
	{ "target", 0, "STAGE", OC_INPUT, O_TARGET,
	  N_("the Dockerfile build stage that runs (default: the last)"), NULL },
};

const struct gl_option *
opt_table(size_t *n)
{
	*n = sizeof(options) / sizeof(options[0]);
	return options;
}

/* Display columns of n bytes of UTF-8: a CJK character (3 or 4 bytes) takes 2. */
static size_t
text_cols(const char *s, size_t n)
{
	size_t cols = 0, i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			cols += (unsigned char)s[i] >= 0xe0 ? 2 : 1;
	return cols;
}

/* Words of s on lines of at most `width` columns (a longer word stands alone). */
void
opts_wrap(FILE *fp, const char *s, size_t width)
{
	size_t col = 0, len, cols;

	while (*s != '\0') {
		while (*s == ' ')
			s++;
		len = strcspn(s, " ");
		if (len == 0)
			break;
		cols = text_cols(s, len);
		if (col > 0 && col + 1 + cols > width) {
			fputc('\n', fp);
			col = 0;
		} else if (col > 0) {
			fputc(' ', fp);
			col++;
		}
		fwrite(s, 1, len, fp);
		col += cols;
		s += len;
	}
	fputc('\n', fp);
}

void
opts_usage_head(FILE *fp, const char *command)
{
	const struct gl_command *c = cmd_find(command);

	if (c == NULL) {
		fprintf(fp, _("usage: gunilint %s [OPTIONS]\n"), command);
		return;
	}
	fprintf(fp, _("usage: gunilint %s %s\n\n"), c->name, c->synopsis);
	opts_wrap(fp, _(c->description), 76);
}

void
opts_usage(FILE *fp, const char *command, unsigned cmd)
{
	size_t i;

	opts_usage_head(fp, command);
	fputs(_("\noptions:\n"), fp);
	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++) {
		const struct gl_option *op = &options[i];
		char head[64];

		if (!(op->commands & cmd))
			continue;
		snprintf(head, sizeof(head), "%s%c%s--%s%s%s",
		    op->shortname ? "-" : "", op->shortname ? op->shortname : ' ',
		    op->shortname ? ", " : "  ", op->name,
		    op->metavar ? " " : "", op->metavar ? op->metavar : "");
		fprintf(fp, "  %-28s %s%s%s\n", op->shortname ? head : head + 1,
		    _(op->help), op->values ? ": " : "",
		    op->values ? op->values() : "");
	}
}

static const struct gl_option *
find_long(const char *name, size_t len, unsigned cmd)
{
	size_t i;

	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if ((options[i].commands & cmd) &&
		    strlen(options[i].name) == len &&
		    strncmp(options[i].name, name, len) == 0)
			return &options[i];
	return NULL;
}

static const struct gl_option *
find_short(char c, unsigned cmd)
{
	size_t i;

	for (i = 0; i < sizeof(options) / sizeof(options[0]); i++)
		if ((options[i].commands & cmd) && options[i].shortname == c)
			return &options[i];
	return NULL;
}

/* --color's values, for the parser and the completions. */
const char *const opt_color_words[] = { "auto", "always", "never", NULL };

static int
word_in(const char *const *words, const char *w)
{
	for (; *words != NULL; words++)
		if (strcmp(*words, w) == 0)
			return 1;
	return 0;
}

/* --format starts a report, or names the one an -o before it began. */
static void
report_format(struct gl_opts *o, const char *val)
{
	struct gl_report_spec r = { val, NULL };

	o->format = val;
	if (o->reports.n > 0 && o->reports.v[o->reports.n - 1].format == NULL)
		o->reports.v[o->reports.n - 1].format = val;
	else
		VEC_PUSH(&o->reports, r);
}

/* -o binds to the --format before it that has no output yet. */
static void
report_output(struct gl_opts *o, const char *val)
{
	struct gl_report_spec r = { NULL, val };

	o->output = val;
	if (o->reports.n > 0 && o->reports.v[o->reports.n - 1].output == NULL)
		o->reports.v[o->reports.n - 1].output = val;
	else
		VEC_PUSH(&o->reports, r);
}

static int
opt_apply(struct gl_opts *o, const struct gl_option *op, const char *val)
{
	char *end;

	switch (op->id) {
	case O_ARGS: VEC_PUSH(&o->args, val); break;
	case O_BUILD_ARG: VEC_PUSH(&o->build_args, val); break;
	case O_COLOR:
		if (!word_in(opt_color_words, val)) {
			gl_error("--color takes auto, always "
			    "or never, not '%s'", val);
			return 2;
		}
		o->color = val;
		break;
	case O_CONFIG: o->config = val; break;
	case O_CPUS:
		o->cpus = strtod(val, &end);
		if (*val == '\0' || *end != '\0' || !(o->cpus > 0)) {
			gl_error("--cpus takes a positive "
			    "number, not '%s'", val);
			return 2;
		}
		break;
	case O_ENV: o->use_env = 1; break;
	case O_FAIL_LEVEL: o->fail_level = val; break;
	case O_FORMAT: report_format(o, val); break;
	case O_GUNICORN_VERSION: o->gunicorn_version = val; break;
	case O_HELP: return 1;
	case O_IGNORE: VEC_PUSH(&o->ignore, val); break;
	case O_IMAGE: VEC_PUSH(&o->images, val); break;
	case O_JOBS: {
		long n = strtol(val, &end, 10);

		if (*val == '\0' || *end != '\0' || n < 1 || n > POOL_MAX_JOBS) {
			gl_error("--jobs takes a number from 1 to %d, not '%s'",
			    POOL_MAX_JOBS, val);
			return 2;
		}
		o->jobs = (int)n;
		break;
	}
	case O_KIND: o->kind = val; break;
	case O_LANG: break; /* main() selected the language before parsing */
	case O_MAX_FILE_SIZE:
		if (src_parse_size(val, &o->max_file_size) != 0) {
			gl_error("--max-file-size takes a size in bytes, with "
			    "an optional K, M or G suffix (10M), not '%s'", val);
			return 2;
		}
		/* every reader of inputs obeys it: core/source.c holds it */
		src_set_max_size(o->max_file_size);
		o->max_file_size_given = 1;
		break;
	case O_NO_INLINE_IGNORES: o->no_inline_ignores = 1; break;
	case O_OUTPUT: report_output(o, val); break;
	case O_REPORT_UNUSED: o->report_unused = 1; break;
	case O_ROOT: o->root = val; break;
	case O_RULES_DIR: o->rules_dir = val; break;
	case O_SELECT: VEC_PUSH(&o->select, val); break;
	case O_STDIN_FILENAME: o->stdin_name = val; break;
	case O_TARGET: o->target = val; break;
	}
	return 0;
}

/* Handles argv[*i], an option word; advances *i past a separate value. */
static int
opt_word(struct gl_opts *o, unsigned cmd, int argc, char **argv, int *i)
{
	const char *w = argv[*i], *eq, *val = NULL;
	const struct gl_option *op;

	if (w[1] == '-') {
		eq = strchr(w + 2, '=');
		op = find_long(w + 2, eq ? (size_t)(eq - w - 2) : strlen(w + 2),
		    cmd);
		if (eq)
			val = eq + 1;
	} else {
		op = w[2] == '\0' ? find_short(w[1], cmd) : NULL;
		if (op == NULL && w[2] != '\0' && find_short(w[1], cmd) &&
		    find_short(w[1], cmd)->metavar) {
			op = find_short(w[1], cmd); /* -oFILE */
			val = w + 2;
		}
	}
	if (op == NULL) {
		gl_cmd_error(o->command, "unknown option '%s'\n"
		    "try 'gunilint %s --help'", w, o->command);
		return 2;
	}
	if (op->metavar == NULL && val != NULL) {
		gl_cmd_error(o->command, "option '--%s' takes no value",
		    op->name);
		return 2;
	}
	if (op->metavar != NULL && val == NULL) {
		if (*i + 1 >= argc) {
			gl_cmd_error(o->command, "option '--%s' needs a "
			    "value (%s)", op->name, op->metavar);
			return 2;
		}
		val = argv[++*i];
	}
	return opt_apply(o, op, val);
}

int
opts_parse(struct gl_opts *o, unsigned cmd, int argc, char **argv)
{
	int i, rc;

	memset(o, 0, sizeof(*o));
	o->command = argv[0];
	o->cpus = -1;
	o->max_file_size = SRC_DEFAULT_MAX_SIZE;
	src_set_max_size(o->max_file_size);
	for (i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (strcmp(w, "--") == 0) {
			o->ncmdline = argc - i - 1;
			o->cmdline = argv + i + 1;
			break;
		}
		if (w[0] != '-' || w[1] == '\0') {
			VEC_PUSH(&o->paths, w);
			continue;
		}
		if ((rc = opt_word(o, cmd, argc, argv, &i)) != 0) {
			if (rc == 1)
				opts_usage(stdout, o->command, cmd);
			opts_free(o);
			return rc;
		}
	}
	return 0;
}

void
opts_free(struct gl_opts *o)
{
	free(o->args.v);
	free(o->paths.v);
	free(o->build_args.v);
	free(o->images.v);
	free(o->ignore.v);
	free(o->select.v);
	free(o->reports.v);
	memset(o, 0, sizeof(*o));
}
