/*
 * k8s_util.c: the pieces of the container front-ends that do not depend on
 * the shape of a manifest: Kubernetes' $(VAR) expansion, a shell-word
 * splitter for "sh -c" strings and compose's string commands, and finding
 * gunicorn in a command line.
 */
#include <stdlib.h>
#include <string.h>

#include "front/front.h"

const char *
k8s_pairs_get(const struct k8s_pairs *m, const char *key)
{
	size_t i, klen = strlen(key);

	for (i = m->n; i > 0; i--) /* a key written twice: the last wins */
		if (m->v[i - 1].klen == klen &&
		    memcmp(m->v[i - 1].key, key, klen) == 0)
			return m->v[i - 1].value;
	return NULL;
}

/*
 * The kubelet's expansion (third_party/forked/golang/expansion): a "$"
 * before "(" starts a reference that ends at the next ")"; without a ")"
 * the "$(" is kept.  "$$" is an escaped "$".  "$" before anything else,
 * and a "$" at the very end, are kept as they are.  An unknown name keeps
 * its "$(NAME)".
 */
char *
k8s_expand(const char *in, k8s_lookup_fn lookup, void *ctx, int *unresolved)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = strlen(in), j;
	int unknown;

	for (i = 0; i < n; i++) {
		if (in[i] != '$' || i + 1 == n) {
			sb_addch(&sb, in[i]);
			continue;
		}
		if (in[i + 1] == '$') {
			sb_addch(&sb, '$');
			i++;
		} else if (in[i + 1] == '(') {
			const char *v;

			for (j = i + 2; j < n && in[j] != ')'; j++)
				;
			if (j == n) {
				sb_add(&sb, "$(", 2);
				i++;
				continue;
			}
			unknown = 0;
			v = lookup(ctx, in + i + 2, j - i - 2, &unknown);
			if (v != NULL) {
				sb_adds(&sb, v);
			} else {
				sb_add(&sb, in + i, j - i + 1);
				if (unresolved && unknown)
					*unresolved = 1;
			}
			i = j;
		} else {
			sb_addch(&sb, '$');
			sb_addch(&sb, in[i + 1]);
			i++;
		}
	}
	return sb_detach(&sb);
}

struct shell_env {
	k8s_lookup_fn lookup;
	void *ctx;
};

static size_t
name_len(const char *s)
{
	size_t n = 0;

	if (!(s[0] == '_' || (s[0] >= 'A' && s[0] <= 'Z') ||
	    (s[0] >= 'a' && s[0] <= 'z')))
		return 0;
	while (s[n] == '_' || (s[n] >= 'A' && s[n] <= 'Z') ||
	    (s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9'))
		n++;
	return n;
}

/*
 * The shell's $NAME and ${NAME} from the container's environment.  A
 * variable whose value is not known here (a Secret, an unresolved
 * ConfigMap, or one the image sets) stays as written and marks the word
 * unresolved; so do ${NAME:-x} forms and special parameters ($1, $@).
 * Returns the last character consumed.
 */
static const char *
expand_param(const char *p, struct strbuf *sb, const struct shell_env *env,
    int *unres)
{
	const char *v = NULL, *close, *name = p + 1, *end;
	size_t n;
	int unknown = 1;

	if (p[1] == '{' && (close = strchr(p, '}')) != NULL) {
		n = name_len(p + 2);
		name = p + 2;
		end = close;
		if (n == 0 || p + 2 + n != close)
			n = 0; /* ${NAME:-x} and friends: not followed */
	} else if ((n = name_len(p + 1)) == 0) {
		sb_addch(sb, '$');
		if (p[1] != '\0' && strchr("0123456789@*#?$!-", p[1]) != NULL)
			*unres = 1;
		return p;
	} else {
		end = p + n;
	}
	if (n > 0)
		v = env->lookup(env->ctx, name, n, &unknown);
	if (v != NULL) {
		sb_adds(sb, v);
	} else if (unknown) {
		sb_add(sb, p, (size_t)(end - p) + 1);
		*unres = 1;
	} /* else: certainly unset, so empty */
	return end;
}

/* Reads one word starting at *pp; -1 on an unclosed quote. */
static int
read_word(const char **pp, struct strbuf *sb, const struct shell_env *env,
    int *unres)
{
	const char *p = *pp;
	char q = 0;

	for (; *p; p++) {
		if (q == '\'') {
			if (*p == '\'')
				q = 0;
			else
				sb_addch(sb, *p);
		} else if (*p == '$' && env != NULL) {
			p = expand_param(p, sb, env, unres);
		} else if (q == '"') {
			if (*p == '"')
				q = 0;
			else if (*p == '\\' && p[1] && strchr("$`\"\\\n", p[1]))
				sb_addch(sb, *++p);
			else
				sb_addch(sb, *p);
		} else if (*p == '\'' || *p == '"') {
			q = *p;
		} else if (*p == '\\' && p[1]) {
			if (*++p != '\n')
				sb_addch(sb, *p);
		} else if (strchr(" \t\n\r", *p)) {
			break;
		} else {
			sb_addch(sb, *p);
		}
	}
	*pp = p;
	return q ? -1 : 0;
}

/* The word's bytes in the source, when the scalar is written as is. */
static struct span
word_span(struct span sp, const char *raw, size_t rlen, size_t *from)
{
	const char *t, *hit;
	size_t i;

	if (sp.src == NULL || rlen == 0)
		return sp;
	t = sp.src->text + sp.off;
	for (i = *from; i + rlen <= sp.len; i++) {
		hit = t + i;
		if (memcmp(hit, raw, rlen) == 0) {
			*from = i + rlen;
			return span_make(sp.src, sp.off + i, rlen);
		}
	}
	return sp;
}

long
k8s_shell_split(struct arena *a, const char *s, struct span sp,
    k8s_lookup_fn lookup, void *ctx, struct k8s_word **out)
{
	struct shell_env env = { lookup, ctx };
	VEC(struct k8s_word) w = { 0 };
	struct strbuf sb = STRBUF_INIT;
	const char *p = s, *start;
	size_t from = 0;
	long n;

	*out = NULL;
	for (;;) {
		struct k8s_word kw = { NULL, { NULL, 0, 0 }, 0 };

		while (*p && strchr(" \t\n\r", *p))
			p++;
		if (*p == '\0')
			break;
		start = p;
		sb_reset(&sb);
		if (read_word(&p, &sb, lookup ? &env : NULL, &kw.unresolved) == -1) {
			sb_release(&sb);
			free(w.v);
			return -1;
		}
		kw.s = arena_strndup(a, sb_str(&sb), sb.len);
		kw.span = word_span(sp, start, (size_t)(p - start), &from);
		VEC_PUSH(&w, kw);
	}
	sb_release(&sb);
	n = (long)w.n;
	if (n > 0) {
		*out = arena_alloc(a, w.n * sizeof(**out));
		memcpy(*out, w.v, w.n * sizeof(**out));
	}
	free(w.v);
	return n;
}

static const char *
base_name(const char *s)
{
	const char *slash = strrchr(s, '/');

	return slash ? slash + 1 : s;
}

/* python, python3, python3.12, /usr/local/bin/python3 ... */
static int
is_python(const char *s)
{
	const char *b = base_name(s);

	if (strncmp(b, "python", 6) != 0)
		return 0;
	for (b += 6; *b; b++)
		if (!(*b == '.' || (*b >= '0' && *b <= '9')))
			return 0;
	return 1;
}

long
k8s_find_gunicorn(const struct k8s_word *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(base_name(w[i].s), "gunicorn") == 0)
			return (long)i;
		if (is_python(w[i].s) && i + 2 < n &&
		    strcmp(w[i + 1].s, "-m") == 0 &&
		    strcmp(w[i + 2].s, "gunicorn") == 0)
			return (long)i + 2;
		if (is_python(w[i].s) && i + 1 < n &&
		    strcmp(w[i + 1].s, "-mgunicorn") == 0)
			return (long)i + 1;
	}
	return -1;
}

const struct k8s_env *
k8s_env_get(const struct k8s_launch *l, const char *name)
{
	size_t i;

	for (i = l->nenv; i-- > 0;)
		if (strcmp(l->env[i].name, name) == 0)
			return &l->env[i];
	return NULL;
}

void
k8s_report_missing(const struct k8s_launch *l, struct findings *fs)
{
	size_t i, j;

	for (i = 0; i < l->nenv; i++) {
		const struct k8s_env *e = &l->env[i];
		int file = e->origin == K8S_ENV_FILE;
		struct finding *f;

		if (!e->missing)
			continue;
		for (j = 0; j < i; j++) /* once per ConfigMap */
			if (l->env[j].missing && strcmp(l->env[j].ref, e->ref) == 0)
				break;
		if (j < i)
			continue;
		f = fnd_add(fs, "GL510", file ? e->span : e->vspan.src ?
		    e->vspan : e->span, "%s '%s' %s: the values it gives %s "
		    "'%s' are unknown", file ? "env_file" : "ConfigMap", e->ref,
		    file ? F_("cannot be read") : F_("is not in the checked files"),
		    l->from == K8S_FROM_COMPOSE ? F_("service") : F_("container"),
		    l->container);
		f->launch = xstrdup(l->id);
		fnd_set_help(f, "%s", file ? F_("create it, or check the directory "
		    "that holds it") : F_("pass the file that defines it too"));
	}
}
