/*
 * kinds.c: the one table of input kinds gunilint reads.  The directory
 * walk, --kind, stdin, --help, the man page, the completions and the
 * pre-commit hook's `files:` pattern all come from it, so none of them can
 * name a kind that has no reader.
 */
#define _GNU_SOURCE /* fnmatch's FNM_CASEFOLD */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model_int.h"

static int
sniff_dockerfile(const char *head)
{
	return strncasecmp(head, "FROM ", 5) == 0 || strstr(head, "\nFROM ") ||
	    strstr(head, "\nfrom ");
}

static int
sniff_compose(const char *head)
{
	return strstr(head, "services:") != NULL;
}

static int
sniff_k8s(const char *head)
{
	return strstr(head, "apiVersion:") != NULL;
}

/*
 * Table order is reading order (images before the manifests that run
 * them) and the order --help lists kinds in.
 */
static const struct input_kind kinds[] = {
	/* First: the launches of the other kinds use what they declare. */
	{ "deps", "Python dependency files: requirements, pyproject.toml, "
	    "Pipfile and the poetry, uv and pipenv locks",
	    "requirements*.txt *requirements.txt constraints*.txt "
	    "pyproject.toml Pipfile Pipfile.lock poetry.lock uv.lock", NULL,
	    deps_read, NULL, 1, NULL },
	{ "dockerfile", "Dockerfile or Containerfile: the final stage's launch",
	    "Dockerfile Dockerfile.* Containerfile Containerfile.* "
	    "*.dockerfile *.containerfile", sniff_dockerfile, dockerfile_read,
	    NULL, 1 },
	{ "k8s", "Kubernetes manifests (YAML or JSON): one launch per container",
	    "*.yaml *.yml *.json", sniff_k8s, yaml_read, yaml_finish, 1 },
	{ "compose", "docker compose file: one launch per service",
	    "compose.yaml compose.yml compose.*.yaml compose.*.yml "
	    "docker-compose*.yaml docker-compose*.yml", sniff_compose,
	    yaml_read, yaml_finish, 1 },
	{ "args", "a GUNICORN_CMD_ARGS value (stdin or a file named with --kind)",
	    "", NULL, args_read, NULL, 0 },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

/* Older spellings --kind still takes. */
static const struct {
	const char *alias;
	const char *name;
} aliases[] = {
	{ "yaml", "k8s" },
};

size_t
kind_count(void)
{
	return NKINDS;
}

const struct input_kind *
kind_at(size_t i)
{
	return i < NKINDS ? &kinds[i] : NULL;
}

const struct input_kind *
kind_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(name, aliases[i].alias) == 0)
			name = aliases[i].name;
	for (i = 0; i < NKINDS; i++)
		if (strcmp(name, kinds[i].name) == 0)
			return &kinds[i];
	return NULL;
}

/*
 * Whether base matches one of the space-separated globs, ignoring case;
 * only the name patterns (Dockerfile.*) or only the extension patterns
 * (*.yaml), so that a name pattern of one kind beats an extension
 * pattern of another.
 */
static int
globs_match(const char *globs, const char *base, int ext)
{
	char pat[64];
	size_t n;

	while (*globs != '\0') {
		n = strcspn(globs, " ");
		if (n > 0 && n < sizeof(pat) && (globs[0] == '*') == ext) {
			memcpy(pat, globs, n);
			pat[n] = '\0';
			if (fnmatch(pat, base, FNM_CASEFOLD) == 0)
				return 1;
		}
		globs += n;
		globs += strspn(globs, " ");
	}
	return 0;
}

const struct input_kind *
kind_of_path(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t i;
	int ext;

	for (ext = 0; ext <= 1; ext++)
		for (i = 0; i < NKINDS; i++)
			if (globs_match(kinds[i].globs, base, ext))
				return &kinds[i];
	return NULL;
}

const struct input_kind *
kind_sniff(const char *head)
{
	size_t i;

	for (i = 0; i < NKINDS; i++)
		if (kinds[i].sniff != NULL && kinds[i].sniff(head))
			return &kinds[i];
	return NULL;
}

const char *
kind_names(void)
{
	static char buf[256];
	size_t i;

	if (buf[0] == '\0')
		for (i = 0; i < NKINDS; i++)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
			    "%s%s", i ? ", " : "", kinds[i].name);
	return buf;
}

/* One glob as a Python regular expression, without anchors. */
static void
glob_regex(struct strbuf *sb, const char *g, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (g[i] == '*')
			sb_adds(sb, "[^/]*");
		else if (g[i] == '?')
			sb_adds(sb, "[^/]");
		else if (strchr(".+()[]{}^$|\\", g[i]) != NULL) {
			sb_addch(sb, '\\');
			sb_addch(sb, g[i]);
		} else
			sb_addch(sb, g[i]);
	}
}

char *
kind_files_regex(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *g;
	size_t i, n, any = 0;

	sb_adds(&sb, "(?i)(^|/)(");
	for (i = 0; i < NKINDS; i++)
		for (g = kinds[i].globs; *g != '\0'; g += strspn(g, " ")) {
			n = strcspn(g, " ");
			if (any++)
				sb_addch(&sb, '|');
			glob_regex(&sb, g, n);
			g += n;
		}
	sb_adds(&sb, ")$");
	return sb_detach(&sb);
}
