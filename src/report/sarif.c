/*
 * sarif.c: SARIF 2.1.0 as GitHub code scanning takes it: one run, every
 * catalogue rule in tool.driver.rules, results with exact regions (columns
 * in UTF-16 code units, declared by columnKind), stable partial
 * fingerprints and fixes where the rule knows one.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_int.h"
#include "rules/rules.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_DESC_MAX 1024 /* GitHub's limit for descriptions */

/* A file name as a URI reference: relative stays relative, bytes escaped. */
static char *
path_uri(const char *path)
{
	static const char keep[] = "-._~/!$&'()*+,;=@";
	struct strbuf sb = STRBUF_INIT;
	const unsigned char *p;

	if (path[0] == '/')
		sb_adds(&sb, "file://");
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL)
			sb_addch(&sb, (char)*p);
		else
			sb_addf(&sb, "%%%02X", *p);
	}
	return sb_detach(&sb);
}

/* At most SARIF_DESC_MAX bytes, cut at a space, with "..." when cut. */
static cJSON *
text_obj(const char *s, int limit)
{
	cJSON *o = cJSON_CreateObject();
	size_t n = strlen(s);
	char *cut;

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	if (!limit || n <= SARIF_DESC_MAX) {
		cut = xstrndup(s, n);
	} else {
		n = SARIF_DESC_MAX - 3;
		while (n > 0 && s[n] != ' ')
			n--;
		cut = xasprintf("%.*s...", (int)n, s);
	}
	cJSON_AddStringToObject(o, "text", cut);
	free(cut);
	return o;
}

static void
help(const struct rule_meta *m, cJSON *rule)
{
	struct strbuf t = STRBUF_INIT, md = STRBUF_INIT;
	cJSON *h;
	unsigned i;

	sb_addf(&t, "%s %s: %s\n\n%s\nFix: %s\n", m->id, m->slug, m->summary,
	    m->rationale, m->fix);
	sb_addf(&md, "**%s %s**: %s\n\n%s\n**Fix:** %s\n", m->id, m->slug,
	    m->summary, m->rationale, m->fix);
	if (m->bad && *m->bad) {
		sb_addf(&t, "\nBad:  %s\n", m->bad);
		sb_addf(&md, "\nBad:\n\n```\n%s\n```\n", m->bad);
	}
	if (m->good && *m->good) {
		sb_addf(&t, "Good: %s\n", m->good);
		sb_addf(&md, "\nGood:\n\n```\n%s\n```\n", m->good);
	}
	if (m->nrefs > 0) {
		sb_adds(&t, "\nReferences:\n");
		sb_adds(&md, "\nReferences:\n\n");
	}
	for (i = 0; i < m->nrefs; i++) {
		sb_addf(&t, "- %s\n", m->refs[i]);
		sb_addf(&md, "- %s\n", m->refs[i]);
	}
	h = cJSON_AddObjectToObject(rule, "help");
	cJSON_AddStringToObject(h, "text", sb_str(&t));
	cJSON_AddStringToObject(h, "markdown", sb_str(&md));
	sb_release(&t);
	sb_release(&md);
}

static cJSON *
rule_json(const struct rule_meta *m)
{
	cJSON *o = cJSON_CreateObject(), *props, *tags;
	int security = m->category && strcmp(m->category, "tls") == 0;

	cJSON_AddStringToObject(o, "id", m->id);
	cJSON_AddStringToObject(o, "name", m->slug);
	cJSON_AddItemToObject(o, "shortDescription", text_obj(m->summary, 1));
	cJSON_AddItemToObject(o, "fullDescription",
	    text_obj(m->rationale, 1));
	help(m, o);
	cJSON_AddObjectToObject(o, "defaultConfiguration");
	cJSON_AddStringToObject(cJSON_GetObjectItem(o, "defaultConfiguration"),
	    "level", rpt_sarif_level(m->severity));
	props = cJSON_AddObjectToObject(o, "properties");
	tags = cJSON_AddArrayToObject(props, "tags");
	cJSON_AddItemToArray(tags, cJSON_CreateString(m->category));
	if (security)
		cJSON_AddItemToArray(tags, cJSON_CreateString("security"));
	cJSON_AddStringToObject(props, "precision", "very-high");
	/* GitHub ranks security alerts by this score (string, 0.1-10.0). */
	if (security)
		cJSON_AddStringToObject(props, "security-severity",
		    m->severity == SEV_ERROR ? "8.0" :
		    m->severity == SEV_WARNING ? "5.5" : "2.0");
	return o;
}

static cJSON *
region(const struct span *sp)
{
	cJSON *o = cJSON_CreateObject();
	struct rpt_pos p;

	rpt_pos(sp, &p);
	cJSON_AddNumberToObject(o, "startLine", p.line);
	cJSON_AddNumberToObject(o, "startColumn",
	    rpt_utf16_col(sp->src, p.line, p.col));
	cJSON_AddNumberToObject(o, "endLine", p.end_line);
	cJSON_AddNumberToObject(o, "endColumn",
	    rpt_utf16_col(sp->src, p.end_line, p.end_col));
	return o;
}

/*
 * A path without "." and ".." segments (SARIF1002: their meaning depends
 * on links), lexically; a relative path that climbs out of the current
 * directory is made absolute first.  Newly allocated.
 */
static char *
clean_path(const char *path)
{
	char *full, *out, *seg, *save = NULL, *cwd;
	size_t n = 0;

	if (path[0] != '/' && (strncmp(path, "../", 3) == 0 ||
	    strcmp(path, "..") == 0) && (cwd = getcwd(NULL, 0)) != NULL) {
		full = xasprintf("%s/%s", cwd, path);
		free(cwd);
	} else
		full = xstrdup(path);
	out = xcalloc(strlen(full) + 2, 1);
	if (full[0] == '/')
		out[n++] = '/';
	for (seg = strtok_r(full, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			while (n > 0 && out[n - 1] == '/' && n > 1)
				n--;
			while (n > 0 && out[n - 1] != '/')
				n--;
			out[n] = '\0';
			continue;
		}
		if (n > 0 && out[n - 1] != '/')
			out[n++] = '/';
		memcpy(out + n, seg, strlen(seg));
		n += strlen(seg);
		out[n] = '\0';
	}
	free(full);
	return out;
}

static cJSON *
artifact(const struct source *src)
{
	cJSON *o = cJSON_CreateObject();
	char *name = clean_path(src->name), *uri;

	uri = path_uri(name);
	cJSON_AddStringToObject(o, "uri", uri);
	if (name[0] != '/')
		cJSON_AddStringToObject(o, "uriBaseId", "%SRCROOT%");
	free(uri);
	free(name);
	return o;
}

static cJSON *
fixes(const struct finding *f)
{
	cJSON *arr = cJSON_CreateArray(), *fx, *changes, *ch, *reps, *rep, *ins;

	fx = cJSON_CreateObject();
	cJSON_AddItemToObject(fx, "description", text_obj(
	    f->help ? f->help : f->message, 0));
	changes = cJSON_AddArrayToObject(fx, "artifactChanges");
	ch = cJSON_CreateObject();
	cJSON_AddItemToObject(ch, "artifactLocation", artifact(f->fix->span.src));
	reps = cJSON_AddArrayToObject(ch, "replacements");
	rep = cJSON_CreateObject();
	cJSON_AddItemToObject(rep, "deletedRegion", region(&f->fix->span));
	ins = cJSON_AddObjectToObject(rep, "insertedContent");
	cJSON_AddStringToObject(ins, "text", f->fix->with);
	cJSON_AddItemToArray(reps, rep);
	cJSON_AddItemToArray(changes, ch);
	cJSON_AddItemToArray(arr, fx);
	return arr;
}

static cJSON *
result(const struct finding *f, uint64_t h, unsigned nth)
{
	cJSON *o = cJSON_CreateObject(), *locs, *loc, *phys, *pf;
	const struct rule_meta *m = cat_find(f->rule);
	char print[40];
	size_t idx;

	cJSON_AddStringToObject(o, "ruleId", f->rule);
	for (idx = 0; idx < cat_count() && cat_at(idx) != m; idx++)
		continue;
	if (idx < cat_count())
		cJSON_AddNumberToObject(o, "ruleIndex", (double)idx);
	cJSON_AddStringToObject(o, "level", rpt_sarif_level(f->severity));
	cJSON_AddItemToObject(o, "message", text_obj(f->message, 0));
	locs = cJSON_AddArrayToObject(o, "locations");
	loc = cJSON_CreateObject();
	phys = cJSON_AddObjectToObject(loc, "physicalLocation");
	cJSON_AddItemToObject(phys, "artifactLocation", artifact(f->span.src));
	cJSON_AddItemToObject(phys, "region", region(&f->span));
	cJSON_AddItemToArray(locs, loc);
	/* GitHub's key; "hash:occurrence" as its own upload action writes it. */
	pf = cJSON_AddObjectToObject(o, "partialFingerprints");
	snprintf(print, sizeof(print), "%016" PRIx64 ":%u", h, nth + 1);
	cJSON_AddStringToObject(pf, "primaryLocationLineHash", print);
	if (f->fix != NULL && f->fix->span.src != NULL)
		cJSON_AddItemToObject(o, "fixes", fixes(f));
	if (f->launch != NULL)
		cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "properties"),
		    "launch", f->launch);
	return o;
}

/*
 * A finding with no place in any file cannot be a result (GitHub needs a
 * location): it becomes a notification of the invocation instead.
 */
static cJSON *
notification(const struct finding *f)
{
	cJSON *o = cJSON_CreateObject(), *rule;
	const struct rule_meta *m = cat_find(f->rule);
	size_t idx;

	cJSON_AddStringToObject(o, "level", rpt_sarif_level(f->severity));
	cJSON_AddItemToObject(o, "message", text_obj(f->message, 0));
	rule = cJSON_AddObjectToObject(o, "associatedRule");
	cJSON_AddStringToObject(rule, "id", f->rule);
	for (idx = 0; idx < cat_count() && cat_at(idx) != m; idx++)
		continue;
	if (idx < cat_count())
		cJSON_AddNumberToObject(rule, "index", (double)idx);
	return o;
}

/* %SRCROOT% as an absolute file URI ending in '/', as SARIF requires. */
static cJSON *
srcroot(const char *dir)
{
	cJSON *o = cJSON_CreateObject(), *b;
	size_t n = strlen(dir);
	char *uri, *slash;

	slash = xasprintf("%s%s", dir, n > 0 && dir[n - 1] == '/' ? "" : "/");
	uri = path_uri(slash);
	b = cJSON_AddObjectToObject(o, "%SRCROOT%");
	cJSON_AddStringToObject(b, "uri", uri);
	free(uri);
	free(slash);
	return o;
}

static cJSON *
driver(const struct report *r)
{
	cJSON *d = cJSON_CreateObject(), *rules;
	size_t i;

	cJSON_AddStringToObject(d, "name", "gunilint");
	cJSON_AddStringToObject(d, "version",
	    r->tool_version ? r->tool_version : "0");
	rules = cJSON_AddArrayToObject(d, "rules");
	for (i = 0; i < cat_count(); i++)
		cJSON_AddItemToArray(rules, rule_json(cat_at(i)));
	return d;
}

/*
 * The invocation: its notifications are the findings without a location,
 * written before any result as SARIF orders the run.
 */
static void
invocations(struct rpt_jw *w, const struct findings *fs)
{
	size_t i, nnotes = 0;

	for (i = 0; i < fs->n; i++)
		if (!fs->v[i].suppressed && fs->v[i].span.src == NULL)
			nnotes++;
	rpt_jw_array(w, "invocations");
	rpt_jw_object(w, NULL);
	rpt_jw_item(w, "executionSuccessful", cJSON_CreateTrue());
	if (nnotes > 0) {
		rpt_jw_array(w, "toolExecutionNotifications");
		for (i = 0; i < fs->n && !rpt_jw_failed(w); i++)
			if (!fs->v[i].suppressed && fs->v[i].span.src == NULL)
				rpt_jw_item(w, NULL, notification(&fs->v[i]));
		rpt_jw_close(w);
	}
	rpt_jw_close(w);
	rpt_jw_close(w);
}

static void
results(struct rpt_jw *w, const struct findings *fs)
{
	size_t i, n = fs->n ? fs->n : 1;
	uint64_t *h = xcalloc(n, sizeof(*h));
	unsigned *nth = xcalloc(n, sizeof(*nth));
	const struct finding *f;

	rpt_fingerprints(fs, h, nth);
	rpt_jw_array(w, "results");
	for (i = 0; i < fs->n && !rpt_jw_failed(w); i++) {
		f = &fs->v[i];
		if (!f->suppressed && f->span.src != NULL)
			rpt_jw_item(w, NULL, result(f, h[i], nth[i]));
	}
	rpt_jw_close(w);
	free(h);
	free(nth);
}

/* Written a result and a launch at a time (jsonw.c): memory stays flat. */
int
rpt_sarif(FILE *fp, const struct report *r)
{
	struct rpt_jw w;
	cJSON *tool = cJSON_CreateObject();

	cJSON_AddItemToObject(tool, "driver", driver(r));
	rpt_jw_init(&w, fp);
	rpt_jw_object(&w, NULL);
	rpt_jw_item(&w, "$schema", cJSON_CreateString(SARIF_SCHEMA));
	rpt_jw_item(&w, "version", cJSON_CreateString("2.1.0"));
	rpt_jw_array(&w, "runs");
	rpt_jw_object(&w, NULL);
	rpt_jw_item(&w, "tool", tool);
	invocations(&w, r->findings);
	if (r->srcroot != NULL && r->srcroot[0] == '/')
		rpt_jw_item(&w, "originalUriBaseIds", srcroot(r->srcroot));
	rpt_jw_item(&w, "columnKind", cJSON_CreateString("utf16CodeUnits"));
	results(&w, r->findings);
	rpt_jw_object(&w, "properties");
	rpt_jw_launches(&w, r);
	rpt_jw_close(&w);
	rpt_jw_close(&w);
	rpt_jw_close(&w);
	rpt_jw_close(&w);
	return rpt_jw_end(&w);
}
