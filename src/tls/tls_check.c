/*
 * tls_check.c: the entry point of the GL3xx checks, worker kinds, and the
 * cipher-string checks (which ask OpenSSL what a string selects).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tls/tls.h"

static const struct {
	const char *name; /* a short name or the last part of a dotted path */
	enum tls_worker kind;
} workers[] = {
	{ "sync", TLS_W_SYNC }, { "SyncWorker", TLS_W_SYNC },
	{ "gthread", TLS_W_GTHREAD }, { "ThreadWorker", TLS_W_GTHREAD },
	{ "gevent", TLS_W_GEVENT }, { "gevent_wsgi", TLS_W_GEVENT },
	{ "gevent_pywsgi", TLS_W_GEVENT }, { "GeventWorker", TLS_W_GEVENT },
	{ "GeventPyWSGIWorker", TLS_W_GEVENT }, { "eventlet", TLS_W_GEVENT },
	{ "EventletWorker", TLS_W_GEVENT }, { "tornado", TLS_W_GEVENT },
	{ "TornadoWorker", TLS_W_GEVENT },
	{ "asgi", TLS_W_ASGI }, { "ASGIWorker", TLS_W_ASGI },
	{ "uvicorn", TLS_W_UVICORN }, { "UvicornWorker", TLS_W_UVICORN },
	{ "UvicornH11Worker", TLS_W_UVICORN },
};

static const char *const worker_names[] = {
	[TLS_W_SYNC] = "sync", [TLS_W_GTHREAD] = "gthread",
	[TLS_W_GEVENT] = "gevent", [TLS_W_ASGI] = "asgi",
	[TLS_W_UVICORN] = "uvicorn", [TLS_W_OTHER] = "other",
};

enum tls_worker
tls_worker_kind(const char *wc)
{
	const char *last;
	size_t i;

	if (wc == NULL || *wc == '\0')
		return TLS_W_SYNC;
	while (*wc == '#')
		wc++;
	last = strrchr(wc, '.');
	last = last ? last + 1 : wc;
	for (i = 0; i < sizeof(workers) / sizeof(workers[0]); i++)
		if (strcmp(last, workers[i].name) == 0)
			return workers[i].kind;
	return TLS_W_OTHER;
}

const char *
tls_worker_name(enum tls_worker w)
{
	return (unsigned)w <= TLS_W_OTHER ? worker_names[w] : "?";
}

int
tls_profile_parse(const char *s, enum tls_profile *out)
{
	if (strcmp(s, "intermediate") == 0)
		*out = TLS_PROFILE_INTERMEDIATE;
	else if (strcmp(s, "modern") == 0)
		*out = TLS_PROFILE_MODERN;
	else
		return -1;
	return 0;
}

void
tls_opts_init(struct tls_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->expiry_warn_days = 30;
	o->profile = TLS_PROFILE_INTERMEDIATE;
}

/* A word of the string that turns on something weak ("RC4", "@SECLEVEL=0"). */
static const char *
weak_word(const char *ciphers, char *buf, size_t bufsz)
{
	static const char *const words[] = {
		"RC4", "DES", "3DES", "MD5", "NULL", "eNULL", "aNULL", "EXPORT",
		"EXP", "LOW", "ADH", "AECDH", "@SECLEVEL=0", "@SECLEVEL=1",
	};
	char *copy = xstrdup(ciphers), *tok, *save = NULL;
	const char *hit = NULL;
	size_t i;

	for (tok = strtok_r(copy, ": ,", &save); tok && !hit;
	    tok = strtok_r(NULL, ": ,", &save)) {
		if (*tok == '!' || *tok == '-')
			continue;
		if (*tok == '+')
			tok++;
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strcmp(tok, words[i]) == 0 ||
			    (strncmp(tok, words[i], strlen(words[i])) == 0 &&
			    tok[strlen(words[i])] == '-')) {
				snprintf(buf, bufsz, "%s", tok);
				hit = buf;
				break;
			}
	}
	free(copy);
	return hit;
}

static int
has_tls13_name(const char *ciphers)
{
	return strstr(ciphers, "TLS_AES_") != NULL ||
	    strstr(ciphers, "TLS_CHACHA20_") != NULL;
}

void
tls_check_ciphers(const struct tls_settings *ts, const struct tls_opts *o,
    struct findings *fs)
{
	const struct tls_val *v = &ts->ciphers;
	char *sel, *why, *weak, *out, buf[64];
	const char *word;

	(void)o;
	if (!tls_is_set(v) || (!tls_is_set(&ts->certfile) &&
	    !tls_is_set(&ts->keyfile)))
		return;
	word = weak_word(v->text, buf, sizeof(buf));
	if (tls_cipher_select(v->text, &sel, &why) != 0) {
		if (word != NULL && !has_tls13_name(v->text))
			fnd_add(fs, "GL317", v->span, "--ciphers '%s' asks for "
			    "weak suites (%s) and nothing else: none is usable "
			    "at OpenSSL's security level, so every handshake "
			    "fails", v->text, word);
		else
			fnd_add(fs, has_tls13_name(v->text) ? "GL311" : "GL310",
			    v->span, "--ciphers '%s' %s: OpenSSL says \"%s\" "
			    "(Python: \"No cipher can be selected.\"), so %s",
			    v->text, has_tls13_name(v->text) ? F_("names TLS 1.3 "
			    "suites, which set_ciphers cannot apply") :
			    F_("selects nothing"), why, ts->worker == TLS_W_UVICORN ?
			    F_("the worker cannot start") : TLS_V21(ts->version) ?
			    F_("every connection fails") : F_("every connection fails "
			    "while gunicorn logs nothing"));
		free(why);
		return;
	}
	if (has_tls13_name(v->text))
		fnd_add(fs, "GL319", v->span, "--ciphers '%s' names TLS 1.3 "
		    "suites: set_ciphers ignores them and TLS 1.3 keeps "
		    "OpenSSL's defaults", v->text);
	if ((weak = tls_cipher_weak(sel)) != NULL || word != NULL) {
		fnd_add(fs, "GL317", v->span, "--ciphers '%s' %s%s", v->text,
		    weak ? F_("enables weak suites: ") : F_("asks for weak suites "),
		    weak ? weak : buf);
	} else if ((out = tls_cipher_outside_profile(sel)) != NULL) {
		fnd_add(fs, "GL318", v->span, "--ciphers '%s' selects TLS 1.2 "
		    "suites outside Mozilla's intermediate profile: %s",
		    v->text, out);
		free(out);
	}
	free(weak);
	free(sel);
}

void
tls_check(const struct tls_settings *ts, const struct tls_opts *o,
    struct findings *fs)
{
	tls_check_settings(ts, o, fs);
	tls_check_ciphers(ts, o, fs);
	if (!o->skip_files)
		tls_check_files(ts, o, fs);
}
