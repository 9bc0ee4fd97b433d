/*
 * report.c: the reporter table, the colour decision and the helpers the
 * reporters share (positions, counts, fingerprints, the launches table).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_int.h"

static const struct {
	const char *name;
	int (*render)(FILE *, const struct report *);
} formats[] = {
	[RPT_TEXT] = { "text", rpt_text },
	[RPT_JSON] = { "json", rpt_json },
	[RPT_SARIF] = { "sarif", rpt_sarif },
	[RPT_GITHUB] = { "github", rpt_github },
	[RPT_GNU] = { "gnu", rpt_gnu },
	[RPT_CODECLIMATE] = { "codeclimate", rpt_codeclimate },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

int
rpt_format_parse(const char *name, enum rpt_format *out)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = (enum rpt_format)i;
			return 0;
		}
	}
	return -1;
}

const char *
rpt_format_name(enum rpt_format fmt)
{
	return (size_t)fmt < NFORMATS ? formats[fmt].name : "?";
}

const char *
rpt_format_list(void)
{
	return "text|json|sarif|github|gnu|codeclimate";
}

int
rpt_write(enum rpt_format fmt, FILE *fp, const struct report *r)
{
	if ((size_t)fmt >= NFORMATS)
		return -1;
	if (formats[fmt].render(fp, r) < 0)
		return -1;
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}

int
rpt_color_enabled(const char *mode, int fd)
{
	const char *v;

	if (strcmp(mode, "always") == 0)
		return 1;
	if (strcmp(mode, "never") == 0)
		return 0;
	if (strcmp(mode, "auto") != 0)
		return -1;
	/* no-color.org: set to any non-empty value means no colour. */
	if ((v = getenv("NO_COLOR")) != NULL && *v != '\0')
		return 0;
	if ((v = getenv("TERM")) != NULL && strcmp(v, "dumb") == 0)
		return 0;
	return isatty(fd) ? 1 : 0;
}

int
rpt_pos(const struct span *sp, struct rpt_pos *p)
{
	size_t last;

	if (sp->src == NULL)
		return -1;
	src_position(sp->src, sp->off, &p->line, &p->col);
	if (sp->len == 0 || sp->off >= sp->src->len) {
		p->end_line = p->line;
		p->end_col = p->col;
		return 0;
	}
	/* The end is the column after the span's last byte. */
	last = sp->off + sp->len - 1;
	if (last >= sp->src->len)
		last = sp->src->len - 1;
	src_position(sp->src, last, &p->end_line, &p->end_col);
	p->end_col++;
	return 0;
}

unsigned
rpt_utf16_col(const struct source *src, unsigned line, unsigned bytecol)
{
	size_t len, i, n;
	const unsigned char *s;
	unsigned units = 1;

	s = (const unsigned char *)src_line(src, line, &len);
	n = bytecol > 0 ? bytecol - 1 : 0;
	for (i = 0; i < n; i++) {
		if (i >= len) {
			units++; /* past the text: the newline, one unit each */
			continue;
		}
		if ((s[i] & 0xc0) == 0x80)
			continue; /* continuation byte */
		units += s[i] >= 0xf0 && s[i] < 0xf8 ? 2 : 1;
	}
	return units;
}

void
rpt_count(const struct findings *fs, struct rpt_counts *c)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < fs->n; i++) {
		if (fs->v[i].suppressed) {
			c->suppressed++;
			continue;
		}
		if (fs->v[i].severity <= SEV_ERROR)
			c->by_sev[fs->v[i].severity]++;
		c->total++;
	}
}

const char *
rpt_path(const struct finding *f)
{
	const char *p;

	if (f->span.src == NULL)
		return NULL;
	p = f->span.src->name;
	while (p[0] == '.' && p[1] == '/' && p[2] != '\0')
		p += 2;
	return p;
}

static uint64_t
fnv1a(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

uint64_t
rpt_fingerprint(const struct finding *f)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	const char *path = rpt_path(f), *text;
	struct rpt_pos p;
	size_t len, i;
	int space = 0, started = 0;

	h = fnv1a(h, f->rule, strlen(f->rule) + 1);
	if (path == NULL || rpt_pos(&f->span, &p) < 0)
		return fnv1a(h, f->message, strlen(f->message));
	h = fnv1a(h, path, strlen(path) + 1);
	text = src_line(f->span.src, p.line, &len);
	for (i = 0; i < len; i++) {
		if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r') {
			space = 1;
			continue;
		}
		if (space && i > 0 && started)
			h = fnv1a(h, " ", 1);
		started = 1;
		space = 0;
		h = fnv1a(h, text + i, 1);
	}
	return h;
}

const char *
rpt_sarif_level(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

void
rpt_json_uint(cJSON *o, const char *key, int have, unsigned v)
{
	if (have)
		cJSON_AddNumberToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static cJSON *
setting_json(const struct rpt_setting *st)
{
	cJSON *o = cJSON_CreateObject(), *v = NULL;
	struct rpt_pos p;
	int have;

	if (st->value_json != NULL)
		v = cJSON_Parse(st->value_json);
	if (v == NULL) /* not JSON after all: keep the text */
		v = st->value_json ? cJSON_CreateString(st->value_json) :
		    cJSON_CreateNull();
	cJSON_AddItemToObject(o, "value", v);
	cJSON_AddStringToObject(o, "from", st->from ? st->from : "default");
	have = rpt_pos(&st->span, &p) == 0;
	if (have)
		cJSON_AddStringToObject(o, "file", st->span.src->name);
	else
		cJSON_AddNullToObject(o, "file");
	rpt_json_uint(o, "line", have, have ? p.line : 0);
	return o;
}

static cJSON *
launch_json(const struct rpt_launch *rl)
{
	cJSON *l = cJSON_CreateObject(), *eff;
	size_t j;

	cJSON_AddStringToObject(l, "id", rl->id ? rl->id : "");
	cJSON_AddStringToObject(l, "source", rl->source ? rl->source : "");
	eff = cJSON_AddObjectToObject(l, "effective");
	for (j = 0; j < rl->neff; j++)
		cJSON_AddItemToObject(eff, rl->eff[j].name,
		    setting_json(&rl->eff[j]));
	return l;
}

void
rpt_jw_launches(struct rpt_jw *w, const struct report *r)
{
	struct rpt_launch one;
	size_t i, n = r->launches ? r->nlaunches : r->ls ? r->ls->n : 0;

	rpt_jw_array(w, "launches");
	for (i = 0; i < n && !rpt_jw_failed(w); i++) {
		if (r->launches != NULL) {
			rpt_jw_item(w, NULL, launch_json(&r->launches[i]));
			continue;
		}
		rpt_launch_build(&one, &r->ls->v[i]);
		rpt_jw_item(w, NULL, launch_json(&one));
		rpt_launch_release(&one);
	}
	rpt_jw_close(w);
}

int
rpt_json_print(FILE *fp, cJSON *root)
{
	char *s = cJSON_Print(root);
	int rc;

	if (s == NULL)
		gl_die("out of memory");
	rc = fputs(s, fp) < 0 || fputc('\n', fp) == EOF ? -1 : 0;
	cJSON_free(s);
	return rc;
}

struct fp_ent {
	uint64_t h;
	size_t i;
};

static int
fp_cmp(const void *pa, const void *pb)
{
	const struct fp_ent *a = pa, *b = pb;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

void
rpt_fingerprints(const struct findings *fs, uint64_t *h, unsigned *nth)
{
	struct fp_ent *e = xcalloc(fs->n ? fs->n : 1, sizeof(*e));
	size_t i, n = 0;

	for (i = 0; i < fs->n; i++) {
		h[i] = rpt_fingerprint(&fs->v[i]);
		nth[i] = 0;
		if (!fs->v[i].suppressed) {
			e[n].h = h[i];
			e[n++].i = i;
		}
	}
	qsort(e, n, sizeof(*e), fp_cmp);
	for (i = 1; i < n; i++)
		if (e[i].h == e[i - 1].h)
			nth[e[i].i] = nth[e[i - 1].i] + 1;
	free(e);
}
