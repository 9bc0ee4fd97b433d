/*
 * from_envfile.c: env files (.env, compose's env_file:, docker's
 * --env-file) as launches.  A file that sets GUNICORN_CMD_ARGS,
 * WEB_CONCURRENCY, PORT or FORWARDED_ALLOW_IPS is one launch whose real
 * command line is unknown; each value keeps the source offset of every
 * byte, so a finding inside GUNICORN_CMD_ARGS points at its column in the
 * file.  Files are read as compose reads them (compose-go's dotenv: quotes,
 * export, comments), the dialect nearly every .env is written for.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model_int.h"

/* The variables that make an env file a launch: gunicorn reads them. */
static const char *const launch_vars[] = {
	"GUNICORN_CMD_ARGS", "WEB_CONCURRENCY", "PORT", "FORWARDED_ALLOW_IPS",
};

void
envfile_read(struct gl_launches *set, const struct model_opts *o,
    const struct input_file *f, struct findings *fs)
{
	struct set_envfile se;
	struct source *src;
	size_t i;

	(void)o;
	if ((src = set_read_lines(set, f, fs)) == NULL)
		return;
	memset(&se, 0, sizeof(se));
	/* no host lookup: the result must not depend on who runs gunilint */
	se.ef = env_parse(src, ENV_COMPOSE, NULL, NULL);
	for (i = 0; i < se.ef->errors.n; i++)
		fnd_add(fs, "GL001", se.ef->errors.v[i].span, "%s",
		    se.ef->errors.v[i].message);
	VEC_PUSH(&set->envs, se);
}

static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return 1;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/*
 * Whether a compose service that is a launch reads this file (env_file:),
 * or a systemd unit's (EnvironmentFile=).
 */
static int
in_service(const struct gl_launches *set, const struct source *src)
{
	size_t i, j;

	for (i = 0; i < set->n; i++) {
		const struct k8s_launch *k = set->v[i].k8s;
		const struct gl_launch *l = &set->v[i];

		for (j = 0; k != NULL && j < k->nenv; j++)
			if (k->env[j].origin == K8S_ENV_FILE &&
			    !k->env[j].missing && k->env[j].span.src != NULL &&
			    same_file(k->env[j].span.src->name, src->name))
				return 1;
		for (j = 0; l->sd != NULL && j < l->env.n; j++)
			if (l->env.v[j].span.src != NULL &&
			    same_file(l->env.v[j].span.src->name, src->name))
				return 1;
	}
	return 0;
}

/* The item's value offsets with the end entry launch_env expects. */
static size_t *
value_offmap(const struct env_item *it)
{
	size_t *m = xmalloc((it->len + 1) * sizeof(*m));

	if (it->len)
		memcpy(m, it->off, it->len * sizeof(*m));
	m[it->len] = it->len ? it->off[it->len - 1] + 1 :
	    it->value_span.off + it->value_span.len;
	return m;
}

static int
is_launch_var(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(launch_vars) / sizeof(*launch_vars); i++)
		if (strcmp(name, launch_vars[i]) == 0)
			return 1;
	return 0;
}

/*
 * An unresolved ${NAME} and the rest of the shell word it is in, as
 * written in the value ("0.0.0.0:${PORT}"): findings about that word
 * would judge an empty substitute.
 */
static struct span
ref_word(const struct env_item *it, struct span ref)
{
	const char *t = ref.src->text;
	size_t a = ref.off, b = ref.off + ref.len;
	size_t lo = it->value_span.off, hi = lo + it->value_span.len;

	while (a > lo && t[a - 1] != ' ' && t[a - 1] != '\t' &&
	    t[a - 1] != '"' && t[a - 1] != '\'')
		a--;
	while (b < hi && t[b] != ' ' && t[b] != '\t' && t[b] != '"' &&
	    t[b] != '\'')
		b++;
	return span_make(ref.src, a, b - a);
}

static void
one_file(struct gl_launches *set, const struct model_opts *o,
    const struct env_file *ef)
{
	struct launch_base lo = *set->base;
	struct span anchor = { NULL, 0, 0 };
	struct gl_launch *l = NULL;
	size_t i, k;

	for (i = 0; i < ef->items.n; i++) {
		const struct env_item *it = &ef->items.v[i];

		if (it->kind != ENV_ASSIGN || !is_launch_var(it->name))
			continue;
		if (l == NULL) {
			/* the command line that reads the file is not known */
			lo.cli_unknown = 1;
			lo.file = ef->src->name;
			lo.env_open = 1; /* other variables may come with it */
			deps_choose(set, o, NULL, ef->src->name, &lo);
			l = launch_begin(set, ef->src->name, &lo);
		}
		/* a value holding NUL is cut there, as execve would */
		launch_add_env(l, it->name, it->value, it->value_span,
		    value_offmap(it));
		/* ${NAME} compose could not resolve: only the host knows it */
		for (k = 0; k < it->nrefs; k++)
			if (!it->refs[k].resolved)
				VEC_PUSH(&l->runtime, ref_word(it,
				    it->refs[k].span));
		if (anchor.src == NULL || strcmp(it->name, launch_vars[0]) == 0)
			anchor = it->value_span;
	}
	if (l == NULL)
		return;
	launch_finish(l, &lo, anchor);
	l->where.cmdline_unknown = 1;
}

/*
 * After every other kind: an env file a compose service reads is part of
 * that service's launch; any other file with gunicorn's variables is a
 * launch of its own.
 */
void
envfile_after(struct gl_launches *set, const struct model_opts *o,
    struct findings *fs)
{
	size_t i, n = set->envs.n;

	(void)fs;
	for (i = 0; i < n; i++) {
		set->envs.v[i].in_service = in_service(set,
		    set->envs.v[i].ef->src);
		if (!set->envs.v[i].in_service)
			one_file(set, o, set->envs.v[i].ef);
	}
}
