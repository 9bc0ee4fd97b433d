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

/* A Python file that sets one of the settings every config file sets. */
static int
sniff_pyconf(const char *head)
{
	static const char *const names[] = { "bind", "workers", "worker_class",
	    "timeout" };
	const char *line;
	size_t i, n;

	for (line = head; line != NULL && *line != '\0';
	    line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
			n = strlen(names[i]);
			if (strncmp(line, names[i], n) == 0 &&
			    line[n + strspn(line + n, " \t")] == '=' &&
			    line[n + strspn(line + n, " \t") + 1] != '=')
				return 1;
		}
	return 0;
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

static int
sniff_systemd(const char *head)
{
	return strstr(head, "[Service]") != NULL || strstr(head, "[Socket]") != NULL;
}

static int
env_name_char(char c, int first)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (!first && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
}

/*
 * Every line a comment, a template tag ({% if %}) or NAME=value (after an
 * optional export), and at least one NAME=value: an env file whatever its
 * name (cookiecutter-django's .envs/.production/.django).  A last line
 * without "=" may be cut off by the head's end and is not judged.
 */
static int
sniff_env(const char *head)
{
	const char *l = head, *nl;
	int assigns = 0;
	size_t i;

	for (; *l != '\0'; l = nl ? nl + 1 : l + strlen(l)) {
		nl = strchr(l, '\n');
		i = strspn(l, " \t\r");
		if (l[i] == '\n' || l[i] == '\0' || l[i] == '#' ||
		    (l[i] == '{' && strchr("%#{", l[i + 1]) && l[i + 1]))
			continue;
		if (strncmp(l + i, "export", 6) == 0 && (l[i + 6] == ' ' ||
		    l[i + 6] == '\t'))
			i += 6 + strspn(l + i + 6, " \t");
		if (!env_name_char(l[i], 1)) {
			if (nl == NULL && strchr(l, '=') == NULL)
				break;
			return 0;
		}
		while (env_name_char(l[i], 0))
			i++;
		if (l[i] == '=' && l[i + 1] == '=')
			return 0; /* a requirement pin: flask==3.0 */
		if (l[i] == '=')
			assigns++;
		else if (nl != NULL || l[i] != '\0')
			return 0;
	}
	return assigns > 0;
}

/* One requirements line: 1 a pin or include, 0 neutral, -1 not one. */
static int
requirement_line(const char *l)
{
	size_t i = strspn(l, " \t\r");
	int indented = i > 0;

	l += i;
	if (*l == '\n' || *l == '\0' || *l == '#' || *l == '\\' ||
	    (l[0] == '{' && (l[1] == '%' || l[1] == '{')))
		return 0; /* blank, comment, continuation, template tag */
	if (l[0] == '-')
		return strncmp(l, "-r ", 3) == 0 || strncmp(l, "-c ", 3) == 0 ||
		    strncmp(l, "--requirement", 13) == 0 ? 1 : 0;
	if (indented)
		return -1;
	i = strspn(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-");
	if (i == 0)
		return -1;
	if (l[i] == '[')
		i += strcspn(l + i, "]\n") + (l[i + strcspn(l + i, "]\n")] == ']');
	i += strspn(l + i, " \t");
	if (l[i] == '<' || l[i] == '>' || (strchr("=!~", l[i]) != NULL &&
	    l[i] != '\0' && l[i + 1] == '='))
		return 1; /* a version operator: A=1 is an env file's */
	return strchr("\r\n#;@\\", l[i]) != NULL ? 0 : -1;
}

/*
 * Every line a requirement, an option, a comment or a template tag, and
 * at least one pin or -r: a requirements file whatever its name
 * (requirements/production.txt named on its own).  A last line cut off by
 * the head's end is not judged.
 */
static int
sniff_deps(const char *head)
{
	const char *l = head, *nl;
	int pins = 0, r;

	for (; *l != '\0'; l = nl ? nl + 1 : l + strlen(l)) {
		nl = strchr(l, '\n');
		if ((r = requirement_line(l)) < 0)
			return nl == NULL && pins > 0;
		pins += r;
	}
	return pins > 0;
}

/*
 * Every line a comment or "name: command" (no indentation, as YAML would
 * have), one of them web: a Procfile whatever its name.
 */
static int
sniff_procfile(const char *head)
{
	const char *l = head, *nl;
	int web = 0;
	size_t n;

	for (; *l != '\0'; l = nl ? nl + 1 : l + strlen(l)) {
		nl = strchr(l, '\n');
		if (*l == '\n' || *l == '\r' || *l == '#')
			continue;
		n = strspn(l, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_-");
		if (n == 0 || l[n] != ':' || (nl != NULL && l + n + 1 >= nl) ||
		    strchr(" \t", l[n + 1]) == NULL)
			return 0;
		web |= n == 3 && strncmp(l, "web", 3) == 0;
	}
	return web;
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
	    "requirements/*.txt "
	    "pyproject.toml Pipfile Pipfile.lock poetry.lock uv.lock", sniff_deps,
	    deps_read, NULL, 1, NULL, NULL, NULL, NULL },
	{ "pyconf", "gunicorn config file (gunicorn.conf.py): its settings, "
	    "as the launches that execute it see them",
	    "gunicorn*.py *.conf.py", sniff_pyconf, pyconf_read, NULL, 1,
	    pyconf_after, NULL, NULL, NULL },
	{ "dockerfile", "Dockerfile or Containerfile: the final stage's launch",
	    "Dockerfile Dockerfile.* Containerfile Containerfile.* "
	    "*.dockerfile *.containerfile", sniff_dockerfile, dockerfile_read,
	    NULL, 1, NULL, NULL, dockerfile_parse, dockerfile_take },
	{ "k8s", "Kubernetes manifests (YAML or JSON): one launch per container",
	    "*.yaml *.yml *.json", sniff_k8s, yaml_read, yaml_finish, 1, NULL,
	    NULL, yaml_parse, yaml_take },
	{ "compose", "docker compose file: one launch per service",
	    "compose.yaml compose.yml compose.*.yaml compose.*.yml "
	    "docker-compose*.yaml docker-compose*.yml", sniff_compose,
	    yaml_read, yaml_finish, 1, NULL, NULL, yaml_parse, yaml_take },
	{ "systemd", "systemd units: a .service whose ExecStart= runs gunicorn, "
	    "with the .socket that activates it", "*.service *.socket",
	    sniff_systemd, systemd_read, systemd_finish, 1, NULL, NULL, NULL,
	    NULL },
	{ "env", "env file (.env, compose env_file, docker --env-file): "
	    "GUNICORN_CMD_ARGS, WEB_CONCURRENCY, PORT as one launch",
	    ".env .env.* *.env", sniff_env, envfile_read, NULL, 1, envfile_after,
	    NULL, NULL, NULL },
	{ "procfile", "Procfile (Heroku) or App Engine app.yaml: one launch "
	    "per process that runs gunicorn",
	    "Procfile Procfile.* app.yaml app.yml", sniff_procfile,
	    procfile_read, NULL,
	    1, NULL, procfile_claims, NULL, NULL },
	{ "args", "a GUNICORN_CMD_ARGS value (stdin or a file named with --kind)",
	    "", NULL, args_read, NULL, 0, NULL, NULL, NULL, NULL },
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

/* The last `parts` components of path ("requirements/prod.txt"), or NULL. */
static const char *
path_tail(const char *path, int parts)
{
	const char *p = path + strlen(path);

	while (p > path)
		if (*--p == '/' && --parts == 0)
			return p + 1;
	return parts == 1 ? path : NULL;
}

/*
 * Whether path matches one of the space-separated globs, ignoring case: a
 * glob with a slash (a folder's name, then the file's) against as many of
 * the path's last components, the others against the base name; only the
 * name patterns (Dockerfile.*) or only the extension patterns (*.yaml), so
 * that a name pattern of one kind beats an extension pattern of another.
 */
static int
globs_match(const char *globs, const char *path, int ext)
{
	const char *subject;
	char pat[64];
	size_t n, k;
	int parts;

	while (*globs != '\0') {
		n = strcspn(globs, " ");
		if (n > 0 && n < sizeof(pat) && (globs[0] == '*') == ext) {
			memcpy(pat, globs, n);
			pat[n] = '\0';
			for (parts = 1, k = 0; k < n; k++)
				parts += pat[k] == '/';
			subject = path_tail(path, parts);
			if (subject != NULL &&
			    fnmatch(pat, subject, FNM_CASEFOLD) == 0)
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
	size_t i;
	int ext;

	for (ext = 0; ext <= 1; ext++)
		for (i = 0; i < NKINDS; i++)
			if (globs_match(kinds[i].globs, path, ext) &&
			    (kinds[i].claims == NULL || kinds[i].claims(path)))
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
