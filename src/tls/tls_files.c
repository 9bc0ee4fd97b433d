/*
 * tls_files.c: checks of the certificate, key and CA files the settings
 * name: where they are, who may read them, whether they parse, whether
 * the key belongs to the leaf, the chain order, dates, key sizes and
 * signatures.  gunicorn itself only checks that the files exist, and its
 * own workers load them per connection, so each of these failures lets it
 * start and log "Listening at: https://" while every client fails.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "tls/tls.h"

struct tfile {
	const struct tls_val *val;
	const char *what;   /* "--certfile" */
	char *path;         /* on this disk */
	struct tls_pem pem;
	int loaded;
};

/* A file holding a private key: who may read it. */
static void
check_mode(const struct tfile *t, const struct stat *st,
    const struct tls_opts *o, struct findings *fs)
{
	if ((st->st_mode & 077) != 0)
		fnd_add(fs, "GL322", t->val->span, "private key '%s' has mode "
		    "%04o: readable by %s; run chmod 600 (or 640 with a group "
		    "only gunicorn's user is in)", t->val->text,
		    (unsigned)(st->st_mode & 07777),
		    (st->st_mode & 004) ? F_("every user") : F_("its group"));
	else if (o->files_expected && st->st_uid != geteuid())
		fnd_add(fs, "GL322", t->val->span, "private key '%s' is owned by "
		    "uid %u, not by the user checking it (uid %u): if gunicorn "
		    "runs its workers as another user (--user), they cannot "
		    "read it; run chown", t->val->text, (unsigned)st->st_uid,
		    (unsigned)geteuid());
}

/* What the container gets the file from (a Secret volume...), or NULL. */
static const char *
provided_by(const struct tls_opts *o, const char *path)
{
	return o->provider != NULL ? o->provider(o->provider_ctx, path) : NULL;
}

/* Finds and reads one file; 0 when its bytes are in t->pem. */
static int
load(struct tfile *t, const struct tls_settings *ts, const struct tls_opts *o,
    int *said_absent, struct findings *fs)
{
	const char *why;
	struct source *src;
	struct stat st;
	char *local;

	t->path = tls_resolve_path(t->val->text, ts->chdir.text, o->root, &why);
	if (t->path == NULL) {
		fnd_add(fs, "GL338", t->val->span, "%s '%s' cannot be looked up "
		    "under --root: %s", t->what, t->val->text, why);
		return -1;
	}
	if (stat(t->path, &st) != 0 && o->local != NULL && t->path[0] == '/' &&
	    (local = o->local(o->local_ctx, t->path)) != NULL) {
		/* The image's copy of it is in the build context: judge that. */
		if (stat(local, &st) == 0) {
			free(t->path);
			t->path = local;
		} else
			free(local);
	}
	if (stat(t->path, &st) != 0) {
		if (o->files_expected)
			fnd_add(fs, "GL321", t->val->span, "%s '%s' does not "
			    "exist%s%s (%s): gunicorn exits at start with "
			    "ValueError: %s \"%s\" does not exist", t->what,
			    t->val->text, strcmp(t->path, t->val->text) ?
			    F_(" at ") : "", strcmp(t->path, t->val->text) ?
			    t->path : "", strerror(errno), t->what + 2,
			    t->val->text);
		else if ((*said_absent)++ == 0 && provided_by(o, t->val->text))
			fnd_add(fs, "GL320", t->val->span, "%s '%s' comes from "
			    "%s, which is not here: checks that need the bytes "
			    "are skipped", t->what, t->val->text,
			    provided_by(o, t->val->text));
		else if (*said_absent == 1)
			fnd_add(fs, "GL320", t->val->span, "%s '%s' is not "
			    "present here: checks that need the bytes are "
			    "skipped (use --root DIR to point at the image's "
			    "files)", t->what, t->val->text);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		fnd_add(fs, "GL321", t->val->span, "%s '%s' is not a regular "
		    "file", t->what, t->val->text);
		return -1;
	}
	if ((src = src_read_file(t->path, t->path)) == NULL) {
		if (o->files_expected)
			fnd_add(fs, "GL321", t->val->span, "%s '%s' cannot be "
			    "read: %s", t->what, t->val->text, src_read_error());
		else if (!(*said_absent)++)
			fnd_add(fs, "GL320", t->val->span, "%s '%s' cannot be "
			    "read here (%s): checks that need the bytes are "
			    "skipped", t->what, t->val->text, src_read_error());
		return -1;
	}
	tls_pem_parse(&t->pem, src->text, src->len);
	t->loaded = 1;
	if (t->pem.nkeys > 0)
		check_mode(t, &st, o, fs);
	if (t->pem.error != NULL)
		fnd_add(fs, "GL323", t->val->span, "%s '%s' line %u: %s",
		    t->what, t->val->text, t->pem.error_line, t->pem.error);
	return 0;
}

/* Certificate file without certificates, key file without key, swapped. */
static void
check_contents(struct tfile *cert, struct tfile *key, struct findings *fs)
{
	if (cert->loaded && key->loaded && key != cert &&
	    cert->pem.ncerts == 0 && cert->pem.nkeys > 0 &&
	    key->pem.ncerts > 0 && key->pem.nkeys == 0) {
		fnd_add(fs, "GL326", cert->val->span, "--certfile and --keyfile "
		    "are swapped: '%s' holds a private key and '%s' a "
		    "certificate (the worker fails with \"[SSL] PEM lib\")",
		    cert->val->text, key->val->text);
		return;
	}
	if (cert->loaded && cert->pem.ncerts == 0 && cert->pem.error == NULL)
		fnd_add(fs, "GL325", cert->val->span, "--certfile '%s' holds no "
		    "certificate%s", cert->val->text, cert->pem.nkeys ?
		    F_(" (only a private key)") : "");
	if (key->loaded && key->pem.nkeys == 0 && key->pem.error == NULL)
		fnd_add(fs, "GL324", key->val->span, "%s '%s' holds no private "
		    "key%s", key->what, key->val->text, key == cert ?
		    F_(" and --keyfile is not set: every handshake fails with "
		    "\"[SSL] PEM lib\"") : key->pem.ncerts ?
		    F_(" (only certificates)") : "");
	if (key->loaded && key->pem.encrypted)
		fnd_add(fs, "GL328", key->val->span, "the private key in '%s' "
		    "(line %u) is encrypted: gunicorn has no passphrase option, "
		    "so OpenSSL prompts \"Enter PEM pass phrase:\" on each "
		    "connection or worker start and fails without a terminal",
		    key->val->text, key->pem.key_line);
}

/* The key belongs to the leaf; if it belongs to a later cert, the order is wrong. */
static int
check_key_match(struct tfile *cert, struct tfile *key, size_t *leaf,
    struct findings *fs)
{
	size_t i;

	if (!cert->loaded || !key->loaded || cert->pem.ncerts == 0 ||
	    key->pem.key == NULL)
		return 0;
	if (X509_check_private_key(cert->pem.certs[0], key->pem.key) == 1)
		return 0;
	ERR_clear_error();
	for (i = 1; i < cert->pem.ncerts; i++) {
		if (X509_check_private_key(cert->pem.certs[i],
		    key->pem.key) == 1) {
			ERR_clear_error();
			*leaf = i;
			fnd_add(fs, "GL334", cert->val->span, "'%s': the key "
			    "belongs to certificate #%zu (line %u), but the first "
			    "certificate is taken as the leaf; put the leaf "
			    "first, then each issuer", cert->val->text, i + 1,
			    cert->pem.cert_line[i]);
			return 1;
		}
	}
	ERR_clear_error();
	fnd_add(fs, "GL327", key->val->span, "the private key in '%s' does not "
	    "match the certificate in '%s' (line %u): gunicorn starts, then "
	    "every handshake fails (KEY_VALUES_MISMATCH)", key->val->text,
	    cert->val->text, cert->pem.cert_line[0]);
	return 1;
}

static void
check_order(struct tfile *cert, struct findings *fs)
{
	size_t i;

	for (i = 0; i + 1 < cert->pem.ncerts; i++) {
		if (X509_check_issued(cert->pem.certs[i + 1],
		    cert->pem.certs[i]) == X509_V_OK)
			continue;
		fnd_add(fs, "GL334", cert->val->span, "'%s': certificate #%zu "
		    "(line %u) did not issue certificate #%zu (line %u); the "
		    "leaf must come first, each certificate followed by its "
		    "issuer", cert->val->text, i + 2, cert->pem.cert_line[i + 1],
		    i + 1, cert->pem.cert_line[i]);
		return;
	}
}


void
tls_check_files(const struct tls_settings *ts, const struct tls_opts *o,
    struct findings *fs)
{
	struct tfile cert = { .val = &ts->certfile, .what = "--certfile" };
	struct tfile key = { .val = &ts->keyfile, .what = "--keyfile" };
	struct tfile ca = { .val = &ts->ca_certs, .what = "--ca-certs" };
	struct tfile *keyf = tls_is_set(&ts->keyfile) ? &key : &cert;
	int absent = 0, wrong;
	long reqs = 0;
	size_t leaf = 0;

	if (tls_is_set(&ts->certfile))
		load(&cert, ts, o, &absent, fs);
	if (tls_is_set(&ts->keyfile))
		load(&key, ts, o, &absent, fs);
	tls_val_int(&ts->cert_reqs, &reqs);
	if (tls_is_set(&ts->ca_certs) && (tls_is_set(&ts->certfile) ||
	    tls_is_set(&ts->keyfile)))
		load(&ca, ts, o, &absent, fs);
	check_contents(&cert, keyf, fs);
	wrong = check_key_match(&cert, keyf, &leaf, fs);
	if (cert.loaded && cert.pem.ncerts > 0) {
		if (!wrong)
			check_order(&cert, fs);
		tls_check_cert(&ts->certfile, cert.val->text, &cert.pem,
		    leaf, o, fs);
	}
	if (ca.loaded && reqs > 0 && ca.pem.ncerts == 0 && ca.pem.error == NULL)
		fnd_add(fs, "GL337", ts->ca_certs.span, "--ca-certs '%s' holds "
		    "no certificate while --cert-reqs %ld asks for client "
		    "certificates: none can verify", ca.val->text, reqs);
	tls_pem_release(&cert.pem);
	tls_pem_release(&key.pem);
	tls_pem_release(&ca.pem);
	free(cert.path);
	free(key.path);
	free(ca.path);
}
