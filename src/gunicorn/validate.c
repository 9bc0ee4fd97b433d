/*
 * validate.c: gunicorn's validate_* functions, one small function per
 * set_type, dispatched through a table; messages are gunicorn's own
 * (G@20.1.0 … main gunicorn/config.py), version-dependent where noted.
 */
#include <arpa/inet.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gunicorn/gunicorn.h"
#include "validate_int.h"

const char *const val_ssl_protocol_names[] = {
	"SSLv23", "TLS", "TLS_CLIENT", "TLS_SERVER", "TLSv1", "TLSv1_1",
	"TLSv1_2", NULL,
};
static const int ssl_protocol_values[] = { 2, 2, 16, 17, 3, 4, 5 };

int
val_cli_convert(enum set_cli_type t, const char *s, size_t len,
    struct pyval **out, char **msg)
{
	struct strbuf sb = STRBUF_INIT;
	struct pyval *v = NULL;
	const char *name = "int";

	*out = NULL;
	if (t == SC_STR) {
		*out = pv_str(s, len);
		return 0;
	}
	if (t == SC_INT)
		v = val_py_int(s, len, 10);
	else {
		name = "auto_int";
		/* re.match(r'0(\d)', x): "022" becomes "0o22". */
		if (len >= 2 && s[0] == '0' && s[1] >= '0' && s[1] <= '9') {
			sb_adds(&sb, "0o");
			sb_add(&sb, s + 1, len - 1);
			v = val_py_int(sb.buf, sb.len, 0);
		} else
			v = val_py_int(s, len, 0);
		sb_reset(&sb);
	}
	if (v != NULL) {
		*out = v;
		sb_release(&sb);
		return 0;
	}
	sb_addf(&sb, "invalid %s value: ", name);
	pv_repr_bytes(&sb, s, len);
	*msg = sb_detach(&sb);
	return -1;
}

/* ---- helpers ---------------------------------------------------------- */

static enum val_status
fail(char **msg, char *text)
{
	*msg = text;
	return VAL_ERROR;
}

/* A message with str(v) in it: fmt has one %s. */
static enum val_status
fail_v(char **msg, const char *fmt, const struct pyval *v)
{
	char *t = pv_str_text(v);

	*msg = xasprintf(fmt, t);
	free(t);
	return VAL_ERROR;
}

/* The same with repr(v). */
static enum val_status
fail_r(char **msg, const char *fmt, const struct pyval *v)
{
	char *t = pv_repr_text(v);

	*msg = xasprintf(fmt, t);
	free(t);
	return VAL_ERROR;
}

static int
is_str(const struct pyval *v)
{
	return v != NULL && v->kind == PV_STR;
}

static int
is_none(const struct pyval *v)
{
	return v == NULL || v->kind == PV_NONE;
}

static const char *
type_name(const struct pyval *v)
{
	static const char *const names[] = { "NoneType", "bool", "int", "str",
	    "list", "tuple", "dict", "object" };

	return names[v->kind];
}

static struct pyval *
stripped(const struct pyval *v)
{
	const char *s = v->s;
	size_t len = v->len;

	vi_strip(&s, &len);
	return pv_str(s, len);
}

/* validate_string */
static enum val_status
v_string(const struct pyval *in, struct pyval **out, char **msg)
{
	if (is_none(in)) {
		*out = pv_none();
		return VAL_OK;
	}
	if (!is_str(in))
		return fail_v(msg, "Not a string: %s", in);
	*out = stripped(in);
	return VAL_OK;
}

/* int(val, 0) unless already an int (bools count as 0/1). */
static enum val_status
to_int(const struct pyval *in, struct pyval **out, char **msg)
{
	if (in->kind == PV_INT) {
		*out = pv_copy(in);
		return VAL_OK;
	}
	if (in->kind == PV_BOOL) {
		*out = pv_int(in->b);
		return VAL_OK;
	}
	if (!is_str(in))
		return fail(msg, xstrdup("int() can't convert non-string "
		    "with explicit base"));
	if ((*out = val_py_int(in->s, in->len, 0)) == NULL)
		return fail(msg, val_literal_error(in->s, in->len, 0));
	return VAL_OK;
}

static int
int_negative(const struct pyval *v)
{
	return v->s[0] == '-';
}

/* ---- validators, one per set_type ------------------------------------ */

typedef enum val_status (*val_fn)(const struct val_ctx *, const struct set_def *,
    const struct pyval *, struct pyval **, char **, char **);

static enum val_status
vf_string(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	(void)c, (void)d, (void)warn;
	return v_string(in, out, msg);
}

static enum val_status
vf_posint(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	(void)c, (void)d, (void)warn;
	if (is_none(in))
		return fail(msg, xstrdup("int() argument must be a string, a "
		    "bytes-like object or a real number, not 'NoneType'"));
	if (to_int(in, out, msg) != VAL_OK)
		return VAL_ERROR;
	if (int_negative(*out)) {
		fail_v(msg, "Value must be positive: %s", *out);
		pv_free(*out);
		*out = NULL;
		return VAL_ERROR;
	}
	return VAL_OK;
}

/* validate_http2_frame_size and kin: an int within [min, max]. */
static enum val_status
vf_int_range(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	(void)c, (void)warn;
	if (is_none(in) || to_int(in, out, msg) != VAL_OK) {
		if (is_none(in))
			*msg = xstrdup("int() argument must be a string, a "
			    "bytes-like object or a real number, not "
			    "'NoneType'");
		return VAL_ERROR;
	}
	if ((*out)->big || (*out)->i < d->min || (*out)->i > d->max) {
		*msg = xasprintf("%s must be between %ld and %ld, got %s",
		    d->name, d->min, d->max, (*out)->s);
		pv_free(*out);
		*out = NULL;
		return VAL_ERROR;
	}
	return VAL_OK;
}

static int
lower_stripped_is(const struct pyval *in, const char *word)
{
	const char *s = in->s;
	size_t len = in->len, i;

	vi_strip(&s, &len);
	if (len != strlen(word))
		return 0;
	for (i = 0; i < len; i++) {
		char ch = s[i];

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ch != word[i])
			return 0;
	}
	return 1;
}

static enum val_status
vf_bool(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	(void)c, (void)d, (void)warn;
	if (is_none(in)) {
		*out = pv_none();
		return VAL_OK;
	}
	if (in->kind == PV_BOOL) {
		*out = pv_copy(in);
		return VAL_OK;
	}
	if (!is_str(in))
		return fail_v(msg, "Invalid type for casting: %s", in);
	if (lower_stripped_is(in, "true") || lower_stripped_is(in, "false")) {
		*out = pv_bool(lower_stripped_is(in, "true"));
		return VAL_OK;
	}
	return fail_v(msg, "Invalid boolean: %s", in);
}

/* validate_list_string: falsy is [], a str is [str], items are stripped. */
static enum val_status
v_list_string(const struct pyval *in, struct pyval **out, char **msg)
{
	struct pyval *l;
	size_t i;

	if (!pv_truthy(in)) {
		*out = pv_list();
		return VAL_OK;
	}
	if (is_str(in)) {
		*out = pv_list();
		pv_append(*out, stripped(in));
		return VAL_OK;
	}
	if (in->kind != PV_LIST && in->kind != PV_TUPLE) {
		*msg = xasprintf("'%s' object is not iterable", type_name(in));
		return VAL_ERROR;
	}
	l = pv_list();
	for (i = 0; i < in->n; i++) {
		struct pyval *x;

		if (v_string(in->items[i], &x, msg) != VAL_OK) {
			pv_free(l);
			return VAL_ERROR;
		}
		pv_append(l, x);
	}
	*out = l;
	return VAL_OK;
}

static enum val_status
vf_list_string(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	(void)c, (void)d, (void)warn;
	return v_list_string(in, out, msg);
}

/* os.path.join(dir, p) */
static char *
path_join(const char *dir, const char *p)
{
	size_t n;

	if (p[0] == '/' || dir == NULL || *dir == '\0')
		return xstrdup(p);
	n = strlen(dir);
	return xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", p);
}

static int
path_exists(const struct val_ctx *c, const char *p)
{
	struct stat st;
	char *full;
	int ok;

	full = path_join(c->cwd, p);
	ok = stat(full, &st) == 0;
	free(full);
	return ok;
}

static int
is_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* validate_list_of_existing_files (and, from 26.1, glob patterns). */
static enum val_status
vf_list_file(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	size_t i;

	(void)warn;
	if (v_list_string(in, out, msg) != VAL_OK)
		return VAL_ERROR;
	for (i = 0; c->check_host && i < (*out)->n; i++) {
		const struct pyval *x = (*out)->items[i];

		if (x->kind != PV_STR || path_exists(c, x->s))
			continue;
		if (d->type == ST_LIST_FILE_GLOB && is_glob(x->s))
			continue;
		fail_v(msg, "File %s does not exists.", x);
		pv_free(*out);
		*out = NULL;
		return VAL_ERROR;
	}
	return VAL_OK;
}

/* validate_string_to_list: [v.strip() for v in val.split(",") if v] */
static enum val_status
v_csv(const struct pyval *in, struct pyval **out, char **msg)
{
	struct pyval *s;
	const char *p, *end, *comma;

	if (v_string(in, &s, msg) != VAL_OK)
		return VAL_ERROR;
	*out = pv_list();
	if (s->kind != PV_STR || s->len == 0) {
		pv_free(s);
		return VAL_OK;
	}
	for (p = s->s, end = s->s + s->len; p <= end; p = comma + 1) {
		const char *q;
		size_t n;

		comma = memchr(p, ',', (size_t)(end - p));
		if (comma == NULL)
			comma = end;
		if (comma > p) {
			q = p;
			n = (size_t)(comma - p);
			vi_strip(&q, &n);
			pv_append(*out, pv_str(q, n));
		}
	}
	pv_free(s);
	return VAL_OK;
}

static enum val_status
vf_csv(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	(void)c, (void)d, (void)warn;
	return v_csv(in, out, msg);
}

/*
 * ipaddress.ip_address(s) for a str: dotted quad without leading zeros,
 * or IPv6 (inet_pton) with an optional %scope.  Returns 4, 6 or 0.
 */
static int
ip_parse(const char *s, size_t len, unsigned char *bytes)
{
	char buf[64];
	const char *p;
	int octets = 0;

	if (len == 0 || len >= sizeof(buf) || memchr(s, '\0', len) != NULL)
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (strchr(buf, ':') != NULL) {
		char *pct = strchr(buf, '%');

		if (pct != NULL) {
			if (pct[1] == '\0' || strchr(pct + 1, '%') != NULL)
				return 0;
			*pct = '\0';
		}
		return inet_pton(AF_INET6, buf, bytes) == 1 ? 6 : 0;
	}
	for (p = buf; octets < 4; p++) {
		int v = 0, nd = 0;

		while (*p >= '0' && *p <= '9' && nd < 4)
			v = v * 10 + (*p++ - '0'), nd++;
		if (nd == 0 || nd > 3 || v > 255 || (nd > 1 && p[-nd] == '0'))
			return 0;
		bytes[octets++] = (unsigned char)v;
		if (*p != '.')
			break;
	}
	return octets == 4 && *p == '\0' ? 4 : 0;
}

/* ip_network(s, strict): 0 ok, -1 not a network, -2 host bits set. */
static int
net_parse(const char *s, size_t len, int strict, char *canon, size_t cap)
{
	unsigned char b[16];
	const char *slash = memchr(s, '/', len);
	size_t alen = slash ? (size_t)(slash - s) : len, i;
	int fam, bits, prefix, host = 0;
	char txt[64];

	if ((fam = ip_parse(s, alen, b)) == 0 || (fam == 6 &&
	    memchr(s, '%', alen) != NULL && slash != NULL))
		return -1;
	bits = fam == 4 ? 32 : 128;
	prefix = bits;
	if (slash != NULL) {
		struct pyval *pv = NULL;

		if (slash + 1 == s + len || !(slash[1] >= '0' && slash[1] <= '9'))
			return -1;
		for (i = 1; slash + i < s + len; i++)
			if (!(slash[i] >= '0' && slash[i] <= '9'))
				return -1;
		pv = val_py_int(slash + 1, len - alen - 1, 10);
		if (pv == NULL || pv->big || pv->i > bits) {
			pv_free(pv);
			return -1;
		}
		prefix = (int)pv->i;
		pv_free(pv);
	}
	for (i = 0; i < (size_t)bits / 8; i++) {
		int keep = prefix - (int)i * 8;
		unsigned char mask = keep >= 8 ? 0xff : keep <= 0 ? 0 :
		    (unsigned char)(0xff << (8 - keep));

		if (b[i] & ~mask)
			host = 1;
		b[i] &= mask;
	}
	if (host && strict)
		return -2;
	inet_ntop(fam == 4 ? AF_INET : AF_INET6, b, txt, sizeof(txt));
	snprintf(canon, cap, "IPv%dNetwork('%s/%d')", fam, txt, prefix);
	return 0;
}

/* 23.0+ forwarded_allow_ips and kin: csv, each an IP (or CIDR) or '*'. */
static enum val_status
vf_csv_ip(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	unsigned char b[16];
	char canon[96];
	size_t i;

	(void)c, (void)warn;
	if (v_csv(in, out, msg) != VAL_OK)
		return VAL_ERROR;
	for (i = 0; i < (*out)->n; i++) {
		struct pyval *x = (*out)->items[i];
		int r;

		if (x->len == 1 && x->s[0] == '*')
			continue;
		if (d->type == ST_CSV_IP) {
			if (ip_parse(x->s, x->len, b) != 0)
				continue;
			fail_r(msg, "%s does not appear to be an IPv4 or IPv6 "
			    "address", x);
			goto bad;
		}
		r = net_parse(x->s, x->len, d->type == ST_CSV_IP_CIDR_STRICT,
		    canon, sizeof(canon));
		if (r == -2) {
			fail_v(msg, "%s has host bits set", x);
			goto bad;
		}
		if (r == -1) {
			fail_r(msg, "%s does not appear to be an IPv4 or IPv6 "
			    "network", x);
			goto bad;
		}
		if (d->type == ST_CSV_IP_CIDR_MASK) {
			/* 24.1.0 stored ip_network objects. */
			pv_free(x);
			(*out)->items[i] = pv_object(canon);
		}
	}
	return VAL_OK;
bad:
	pv_free(*out);
	*out = NULL;
	return VAL_ERROR;
}

/* ---- enumerations ------------------------------------------------------ */

/*
 * How each enumerated setting words its error.  Most lower-case and strip
 * the value first; reload_engine compares the raw value.
 */
struct enum_msg {
	const char *name;
	int fold;            /* lower-case and strip before comparing */
	const char *bad;     /* %s: the value (see how) */
	char how;            /* 'r' repr of raw, 'o' str of raw, 'l' folded, 'n' none */
	const char *not_str; /* message when the value is not a str */
};

static const struct enum_msg enum_msgs[] = {
	{ "reload_engine", 0, "Invalid reload_engine: %s", 'r', NULL },
	{ "proxy_protocol", 1, "proxy_protocol must be: off, v1, v2, or auto",
	    'n', "proxy_protocol must be string or bool" },
	{ "header_map", 1, "Invalid header map behaviour: %s", 'o',
	    "Invalid type for casting: %s" },
	{ "asgi_loop", 1, "Invalid ASGI loop: %s", 'l',
	    "Invalid type for casting: %s" },
	{ "asgi_lifespan", 1, "Invalid ASGI lifespan: %s", 'l',
	    "Invalid type for casting: %s" },
	{ "http_parser", 1, "http_parser must be one of: %s", 'c',
	    "http_parser must be a string" },
	{ "http2_cleartext", 1, "Invalid http2_cleartext: %s", 'l',
	    "Invalid type for casting: %s" },
};

/* proxy_protocol (24.1+) also takes these spellings. */
static const char *const proxy_aliases[][2] = {
	{ "false", "off" }, { "0", "off" }, { "none", "off" },
	{ "true", "auto" }, { "1", "auto" },
};

static const struct enum_msg *
enum_msg_for(const char *name)
{
	static const struct enum_msg generic = { NULL, 1, "Invalid %s", 'l',
	    "Invalid type for casting: %s" };
	size_t i;

	for (i = 0; i < sizeof(enum_msgs) / sizeof(enum_msgs[0]); i++)
		if (strcmp(enum_msgs[i].name, name) == 0)
			return &enum_msgs[i];
	return &generic;
}

static char *
folded(const struct pyval *in)
{
	const char *s = in->s;
	size_t len = in->len, i;
	char *f;

	vi_strip(&s, &len);
	f = xstrndup(s, len);
	for (i = 0; i < len; i++)
		if (f[i] >= 'A' && f[i] <= 'Z')
			f[i] = (char)(f[i] - 'A' + 'a');
	return f;
}

static char *
choices_text(const struct set_def *d, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned i;

	for (i = 0; i < d->nchoices; i++) {
		if (i > 0)
			sb_adds(&sb, sep);
		sb_adds(&sb, d->choices[i]);
	}
	return sb_detach(&sb);
}

static enum val_status
enum_error(const struct set_def *d, const struct enum_msg *m,
    const struct pyval *in, const char *f, char **msg)
{
	char *arg;

	switch (m->how) {
	case 'r':
		arg = pv_repr_text(in);
		break;
	case 'o':
		arg = pv_str_text(in);
		break;
	case 'c':
		arg = choices_text(d, ", ");
		break;
	case 'n':
		arg = xstrdup("");
		break;
	default:
		arg = xstrdup(f);
		break;
	}
	if (m->name == NULL)
		*msg = xasprintf("Invalid %s: %s", d->name, arg);
	else
		*msg = xasprintf(m->bad, arg);
	free(arg);
	return VAL_ERROR;
}

static enum val_status
vf_enum(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	const struct enum_msg *m = enum_msg_for(d->name);
	int proxy = strcmp(d->name, "proxy_protocol") == 0;
	char *f;
	unsigned i;

	(void)c, (void)warn;
	if (proxy && (is_none(in) || in->kind == PV_BOOL)) {
		*out = pv_strz(!is_none(in) && in->b ? "auto" : "off");
		return VAL_OK;
	}
	if (!is_str(in)) {
		if (m->not_str == NULL)
			return fail_r(msg, "Invalid reload_engine: %s", in);
		return fail_v(msg, m->not_str, in);
	}
	f = m->fold ? folded(in) : xstrndup(in->s, in->len);
	for (i = 0; proxy && i < sizeof(proxy_aliases) /
	    sizeof(proxy_aliases[0]); i++)
		if (strcmp(f, proxy_aliases[i][0]) == 0) {
			*out = pv_strz(proxy_aliases[i][1]);
			free(f);
			return VAL_OK;
		}
	for (i = 0; i < d->nchoices; i++)
		if (strcmp(f, d->choices[i]) == 0 && strlen(f) ==
		    (m->fold ? strlen(f) : in->len)) {
			*out = m->fold ? pv_strz(f) : pv_copy(in);
			free(f);
			return VAL_OK;
		}
	enum_error(d, m, in, f, msg);
	free(f);
	return VAL_ERROR;
}

/* validate_http_protocols (25.0+): comma list of known protocols. */
static enum val_status
vf_csv_enum(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	struct pyval *parts;
	size_t i, j;
	unsigned k;

	(void)c, (void)warn;
	if (is_none(in)) {
		*out = pv_list();
		pv_append(*out, pv_strz("h1"));
		return VAL_OK;
	}
	if (!is_str(in))
		return fail(msg, xasprintf("%s must be a string", d->name));
	if (v_csv(in, &parts, msg) != VAL_OK)
		return VAL_ERROR;
	*out = pv_list();
	for (i = 0; i < parts->n; i++) {
		char *f = folded(parts->items[i]);

		if (*f != '\0')
			pv_append(*out, pv_strz(f));
		free(f);
	}
	pv_free(parts);
	if ((*out)->n == 0)
		pv_append(*out, pv_strz("h1"));
	for (i = 0; i < (*out)->n; i++) {
		const char *p = (*out)->items[i]->s;

		for (k = 0; k < d->nchoices && strcmp(p, d->choices[k]); k++)
			;
		if (k == d->nchoices) {
			char *all = choices_text(d, ", ");

			*msg = xasprintf("Invalid protocol '%s'. Valid "
			    "protocols: %s", p, all);
			free(all);
			goto bad;
		}
		for (j = 0; j < i; j++)
			if (strcmp(p, (*out)->items[j]->s) == 0) {
				*msg = xstrdup("Duplicate protocols specified");
				goto bad;
			}
	}
	return VAL_OK;
bad:
	pv_free(*out);
	*out = NULL;
	return VAL_ERROR;
}

/* ---- paths, ids, addresses -------------------------------------------- */

/* os.path.normpath for POSIX, including its keep-two-leading-slashes rule. */
static char *
normpath(const char *p)
{
	struct strbuf sb = STRBUF_INIT;
	VEC(const char *) parts = { NULL, 0, 0 };
	VEC(size_t) lens = { NULL, 0, 0 };
	size_t lead = 0, i;
	const char *s = p;

	if (*p == '/')
		lead = (p[1] == '/' && p[2] != '/') ? 2 : 1;
	while (*s != '\0') {
		size_t n;

		while (*s == '/')
			s++;
		n = strcspn(s, "/");
		if (n == 0 || (n == 1 && s[0] == '.')) {
			s += n;
			continue;
		}
		if (n == 2 && s[0] == '.' && s[1] == '.' && (parts.n > 0 &&
		    !(lens.v[parts.n - 1] == 2 && !strncmp(parts.v[parts.n - 1],
		    "..", 2)))) {
			parts.n--, lens.n--;
		} else if (!(n == 2 && s[0] == '.' && s[1] == '.' && lead)) {
			VEC_PUSH(&parts, s);
			VEC_PUSH(&lens, n);
		}
		s += n;
	}
	for (i = 0; i < lead; i++)
		sb_addch(&sb, '/');
	for (i = 0; i < parts.n; i++) {
		if (i > 0)
			sb_addch(&sb, '/');
		sb_add(&sb, parts.v[i], lens.v[i]);
	}
	if (sb.len == 0)
		sb_addch(&sb, '.');
	free(parts.v);
	free(lens.v);
	return sb_detach(&sb);
}

/* validate_chdir: relative to the startup directory, must exist. */
static enum val_status
vf_dir(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	struct pyval *s;
	struct stat st;
	char *joined, *path;

	(void)d, (void)warn;
	if (v_string(in, &s, msg) != VAL_OK)
		return VAL_ERROR;
	if (s->kind != PV_STR) {
		pv_free(s);
		return fail(msg, xstrdup("expected str, bytes or os.PathLike "
		    "object, not NoneType"));
	}
	joined = path_join(c->cwd, s->s);
	path = normpath(joined);
	free(joined);
	if (c->check_host && stat(path, &st) != 0) {
		fail_r(msg, "can't chdir to %s", s);
		free(path);
		pv_free(s);
		return VAL_ERROR;
	}
	pv_free(s);
	*out = pv_strz(path);
	free(path);
	return VAL_OK;
}

/* str.isdigit() for ASCII text (non-empty, all 0-9). */
static int
all_digits(const struct pyval *v)
{
	size_t i;

	for (i = 0; i < v->len; i++)
		if (v->s[i] < '0' || v->s[i] > '9')
			return 0;
	return v->len > 0;
}

/* validate_user / validate_group. */
static enum val_status
vf_id(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	int user = d->type == ST_USER;

	(void)warn;
	if (is_none(in)) {
		*out = pv_int(user ? c->uid : c->gid);
		return VAL_OK;
	}
	if (in->kind == PV_INT || in->kind == PV_BOOL) {
		*out = in->kind == PV_BOOL ? pv_bool(in->b) : pv_copy(in);
		return VAL_OK;
	}
	if (!is_str(in)) {
		*msg = xasprintf("'%s' object has no attribute 'isdigit'",
		    type_name(in));
		return VAL_ERROR;
	}
	if (all_digits(in)) {
		*out = val_py_int(in->s, in->len, 10);
		return VAL_OK;
	}
	if (c->check_host && memchr(in->s, '\0', in->len) == NULL) {
		if (user) {
			struct passwd *pw = getpwnam(in->s);

			if (pw != NULL) {
				*out = pv_int(pw->pw_uid);
				return VAL_OK;
			}
		} else {
			struct group *gr = getgrnam(in->s);

			if (gr != NULL) {
				*out = pv_int(gr->gr_gid);
				return VAL_OK;
			}
		}
		return fail_v(msg, user ? "No such user: '%s'" :
		    "No such group: '%s'", in);
	}
	/* A name for another machine: kept as written. */
	*out = pv_copy(in);
	return VAL_OK;
}

/* 20.1 validate_hostport: exactly host:port. */
static enum val_status
vf_hostport(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	struct pyval *s, *port;
	const char *colon;

	(void)c, (void)d, (void)warn;
	if (v_string(in, &s, msg) != VAL_OK)
		return VAL_ERROR;
	if (s->kind == PV_NONE) {
		*out = s;
		return VAL_OK;
	}
	colon = memchr(s->s, ':', s->len);
	if (colon == NULL || memchr(colon + 1, ':', s->len -
	    (size_t)(colon + 1 - s->s)) != NULL) {
		pv_free(s);
		return fail(msg, xstrdup("Value must consist of: hostname:port"));
	}
	port = val_py_int(colon + 1, s->len - (size_t)(colon + 1 - s->s), 10);
	if (port == NULL) {
		*msg = val_literal_error(colon + 1, s->len -
		    (size_t)(colon + 1 - s->s), 10);
		pv_free(s);
		return VAL_ERROR;
	}
	*out = pv_tuple();
	pv_append(*out, pv_str(s->s, (size_t)(colon - s->s)));
	pv_append(*out, port);
	pv_free(s);
	return VAL_OK;
}

/* The text after the last "unix:" (and an optional "//"), as re.split does. */
static struct pyval *
unix_path(const struct pyval *s)
{
	const char *p = s->s, *last = NULL, *hit;

	while ((hit = strstr(p, "unix:")) != NULL) {
		last = hit + 5;
		if (last[0] == '/' && last[1] == '/')
			last += 2;
		p = last;
	}
	return pv_strz(last);
}

/*
 * util.parse_address's host and port text for a TCP netloc: "[v6]:port",
 * "host:port[:ignored]", "host", or "" (0.0.0.0); the port defaults to
 * 8125 (statsd).
 */
static void
split_netloc(const char *net, const char **host, size_t *hlen,
    const char **port, size_t *plen)
{
	const char *rb, *pp;

	*host = net, *hlen = strlen(net), *port = "8125", *plen = 4;
	if (strchr(net, '[') != NULL && (rb = strchr(net, ']')) != NULL) {
		*host = net + 1;  /* netloc.split(']')[0][1:] */
		*hlen = rb > net ? (size_t)(rb - net) - 1 : 0;
		if ((pp = strstr(net, "]:")) != NULL) {
			/* (netloc.split(']:') + [default])[1] */
			*port = pp + 2;
			*plen = strstr(*port, "]:") != NULL ?
			    (size_t)(strstr(*port, "]:") - *port) : strlen(*port);
		}
	} else if (strchr(net, ':') != NULL) {
		*hlen = strcspn(net, ":");
		*port = net + *hlen + 1;
		*plen = strcspn(*port, ":");
	} else if (*net == '\0')
		*host = "0.0.0.0", *hlen = 7;
}

/* host.lower() */
static struct pyval *
lower_str(const char *s, size_t n)
{
	struct pyval *v = pv_str(s, n);
	size_t i;

	for (i = 0; i < n; i++)
		if (v->s[i] >= 'A' && v->s[i] <= 'Z')
			v->s[i] = (char)(v->s[i] - 'A' + 'a');
	return v;
}

/* 21.0+ validate_statsd_address over util.parse_address(default 8125). */
static enum val_status
vf_address(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	static const char bad[] = "Value must be one of ('host:port', "
	    "'unix://PATH')";
	struct pyval *s, *port = NULL;
	const char *host, *net, *pp;
	size_t hlen, plen, i;

	(void)c, (void)d, (void)warn;
	if (v_string(in, &s, msg) != VAL_OK)
		return VAL_ERROR;
	if (s->kind == PV_NONE) {
		*out = s;
		return VAL_OK;
	}
	net = s->s;
	for (i = 5; strncmp(net, "unix:", 5) == 0 && net[i] >= '0' &&
	    net[i] <= '9'; i++)
		;
	if (i > 5 && net[i] == '\0') {  /* ^unix:(\d+)$ */
		*out = pv_tuple();
		pv_append(*out, pv_strz("unix"));
		pv_append(*out, val_py_int(net + 5, i - 5, 10));
	} else if (strncmp(net, "unix:", 5) == 0)
		*out = unix_path(s);
	else if (strncmp(net, "fd://", 5) == 0)
		*out = port = val_py_int(net + 5, s->len - 5, 10);
	else {
		split_netloc(net + (strncmp(net, "tcp://", 6) ? 0 : 6), &host,
		    &hlen, &pp, &plen);
		if ((port = val_py_int(pp, plen, 10)) != NULL) {
			*out = pv_tuple();
			pv_append(*out, lower_str(host, hlen));
			pv_append(*out, port);
		}
	}
	pv_free(s);
	if (*out == NULL)
		return fail(msg, xstrdup(bad));
	return VAL_OK;
}

/* 20.1 validate_ssl_version: a PROTOCOL_* name or its int value. */
static enum val_status
vf_ssl_protocol(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	struct pyval *iv = NULL;
	char *ignored = NULL, *names;
	size_t i;

	(void)c, (void)d, (void)warn;
	for (i = 0; is_str(in) && val_ssl_protocol_names[i] != NULL; i++)
		if (strlen(val_ssl_protocol_names[i]) == in->len &&
		    memcmp(in->s, val_ssl_protocol_names[i], in->len) == 0) {
			*out = pv_int(ssl_protocol_values[i]);
			return VAL_OK;
		}
	if (!is_none(in) && vf_posint(c, d, in, &iv, &ignored, NULL) ==
	    VAL_OK) {
		for (i = 0; val_ssl_protocol_names[i] != NULL; i++)
			if (!iv->big && iv->i == ssl_protocol_values[i]) {
				*out = iv;
				return VAL_OK;
			}
	}
	pv_free(iv);
	free(ignored);
	{
		struct strbuf sb = STRBUF_INIT;

		for (i = 0; val_ssl_protocol_names[i] != NULL; i++) {
			if (i > 0)
				sb_adds(&sb, ", ");
			sb_adds(&sb, val_ssl_protocol_names[i]);
		}
		names = sb_detach(&sb);
	}
	fail_v(msg, "Invalid ssl_version: %s. Valid options: ", in);
	{
		char *full = xasprintf("%s%s", *msg, names);

		free(*msg);
		*msg = full;
	}
	free(names);
	return VAL_ERROR;
}

/* 21.0+ ssl_version: any value, a warning unless it equals the default 2. */
static enum val_status
vf_deprecated(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	(void)c, (void)d, (void)msg;
	if (!(in != NULL && in->kind == PV_INT && !in->big && in->i == 2))
		*warn = xstrdup("Warning: option `ssl_version` is deprecated "
		    "and it is ignored. Use ssl_context instead.");
	*out = in ? pv_copy(in) : pv_none();
	return VAL_OK;
}

/* Hooks: callables, or "module.attr" strings (imported by gunicorn). */
static enum val_status
vf_callable(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	const char *dot;
	char *t;

	(void)c, (void)d, (void)warn;
	if (in != NULL && in->kind == PV_OBJECT &&
	    strncmp(in->s, "<function ", 10) == 0) {
		/* a config file's def: --print-config shows <qualname()> */
		t = xasprintf("<%.*s()>", (int)strlen(in->s + 10) - 1,
		    in->s + 10);
		*out = pv_object(t);
		free(t);
		return VAL_OK;
	}
	if (in != NULL && in->kind == PV_OBJECT) {
		*out = pv_copy(in);
		return VAL_OK;
	}
	if (!is_str(in))
		return fail_v(msg, "Value is not callable: %s", in);
	if ((dot = strrchr(in->s, '.')) == NULL)
		return fail_v(msg, "Value '%s' is not import string. Format: "
		    "module[.submodules...].object", in);
	t = xasprintf("<%s()>", dot + 1);
	*out = pv_object(t);
	free(t);
	return VAL_OK;
}

static enum val_status
vf_class(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	(void)c, (void)d, (void)warn;
	if (in != NULL && in->kind == PV_OBJECT) {
		*out = pv_copy(in);
		return VAL_OK;
	}
	return v_string(in, out, msg);
}

static enum val_status
vf_dict(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warn)
{
	(void)c, (void)d, (void)warn;
	if (in == NULL || in->kind != PV_DICT)
		return fail_v(msg, "Value is not a dictionary: %s ", in);
	*out = pv_copy(in);
	return VAL_OK;
}

static const val_fn validators[] = {
	[ST_STRING] = vf_string,
	[ST_POSINT] = vf_posint,
	[ST_INT_RANGE] = vf_int_range,
	[ST_BOOL] = vf_bool,
	[ST_LIST_STRING] = vf_list_string,
	[ST_LIST_FILE] = vf_list_file,
	[ST_LIST_FILE_GLOB] = vf_list_file,
	[ST_CSV_LIST] = vf_csv,
	[ST_CSV_IP] = vf_csv_ip,
	[ST_CSV_IP_CIDR_MASK] = vf_csv_ip,
	[ST_CSV_IP_CIDR_STRICT] = vf_csv_ip,
	[ST_CSV_ENUM] = vf_csv_enum,
	[ST_DICT] = vf_dict,
	[ST_DIR] = vf_dir,
	[ST_ENUM] = vf_enum,
	[ST_USER] = vf_id,
	[ST_GROUP] = vf_id,
	[ST_HOSTPORT] = vf_hostport,
	[ST_ADDRESS] = vf_address,
	[ST_SSL_PROTOCOL] = vf_ssl_protocol,
	[ST_ANY_DEPRECATED] = vf_deprecated,
	[ST_CALLABLE] = vf_callable,
	[ST_CLASS] = vf_class,
	[ST_FILE] = vf_string,
};

enum val_status
val_setting(const struct val_ctx *c, const struct set_def *d,
    const struct pyval *in, struct pyval **out, char **msg, char **warning)
{
	char *w = NULL;
	enum val_status st;

	*out = NULL;
	*msg = NULL;
	if ((size_t)d->type >= sizeof(validators) / sizeof(validators[0]) ||
	    validators[d->type] == NULL) {
		*msg = xasprintf("Invalid validator: %s", d->name);
		return VAL_ERROR;
	}
	st = validators[d->type](c, d, in, out, msg, &w);
	if (warning != NULL)
		*warning = w;
	else
		free(w);
	return st;
}
