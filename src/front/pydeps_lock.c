/*
 * pydeps_lock.c: Pipfile.lock, the JSON lock of pipenv: "default" and
 * "develop" map each package to {"version": "==1.2.3", "hashes": [...],
 * "markers": ...}.  cJSON keeps no positions, so a package's span is
 * found again by looking for its quoted name in the text.
 */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "front/front.h"
#include "front/pydeps_int.h"

/* The span of "key" at or after *from in the text (moves *from past it). */
static struct span
find_key(const struct source *src, const char *key, size_t *from)
{
	char *quoted = xasprintf("\"%s\"", key);
	size_t n = strlen(quoted), i;
	struct span sp = span_make(src, 0, 0);

	for (i = *from; i + n <= src->len; i++)
		if (memcmp(src->text + i, quoted, n) == 0) {
			sp = span_make(src, i, n);
			*from = i + n;
			break;
		}
	free(quoted);
	return sp;
}

static const char *
json_str(struct pydeps *d, const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? pd_strdup(d, v->valuestring) : NULL;
}

static void
json_list(struct pydeps *d, const cJSON *o, const char *key,
    const char ***list, size_t *n)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, key), *e;

	cJSON_ArrayForEach(e, a)
		if (cJSON_IsString(e))
			pd_list_add(d, list, n, pd_strdup(d, e->valuestring));
}

static void
lock_entry(struct pydeps *d, const cJSON *e, const char *group, size_t *from)
{
	const char *name = e->string;
	struct span sp = find_key(d->src, name, from);
	const cJSON *ed;
	struct pydeps_rec *r;

	if (!cJSON_IsObject(e) || !pd_valid_name(name, strlen(name))) {
		pd_error(d, PYDEPS_SRC_PIPFILE_LOCK, sp, "invalid entry '%s'",
		    name);
		return;
	}
	r = pd_add(d, PYDEPS_REQ, PYDEPS_SRC_PIPFILE_LOCK, sp);
	pd_set_name(d, r, name, strlen(name));
	r->group = group;
	r->spec_raw = json_str(d, e, "version");
	r->spec = r->spec_raw != NULL ? r->spec_raw : "";
	pd_set_pinned(d, r);
	r->marker = json_str(d, e, "markers");
	if ((r->url = json_str(d, e, "git")) == NULL)
		r->url = json_str(d, e, "path");
	ed = cJSON_GetObjectItemCaseSensitive(e, "editable");
	r->editable = cJSON_IsTrue(ed);
	json_list(d, e, "extras", &r->extras, &r->nextras);
	json_list(d, e, "hashes", &r->hashes, &r->nhashes);
}

int
pd_read_pipfile_lock(const struct source *src, struct pydeps *d)
{
	static const char *const sections[][2] = {
		{ "default", "main" }, { "develop", "dev" },
	};
	const cJSON *sec, *e;
	cJSON *root;
	size_t i, from;

	if ((root = cJSON_ParseWithLength(src->text, src->len)) == NULL ||
	    !cJSON_IsObject(root)) {
		const char *at = cJSON_GetErrorPtr();
		size_t off = at != NULL && at >= src->text && at <= src->text +
		    src->len ? (size_t)(at - src->text) : 0;

		pd_error(d, PYDEPS_SRC_PIPFILE_LOCK, span_make(src, off, 0),
		    "not valid JSON");
		cJSON_Delete(root);
		return -1;
	}
	for (i = 0; i < 2; i++) {
		from = 0;
		sec = cJSON_GetObjectItemCaseSensitive(root, sections[i][0]);
		find_key(src, sections[i][0], &from);
		cJSON_ArrayForEach(e, sec)
			if (e->string != NULL)
				lock_entry(d, e, sections[i][1], &from);
	}
	cJSON_Delete(root);
	return 0;
}
