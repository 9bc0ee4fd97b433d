/*
 * cmd_probe.c: `gunilint probe`: reads the TLS settings given as options
 * into a tls_settings record (each value keeps its span in a source that
 * is the command line itself) and runs the probe.  Launch inputs
 * (Dockerfile, manifests, --args) fill the same record through
 * probe_main().
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/cmd.h"
#include "core/core.h"
#include "gunicorn/gunicorn.h"
#include "cmd/cmd_int.h"
#include "rules/rules.h"
#include "probe/probe.h"
#include "tls/tls.h"

enum {
	P_CERTFILE = 256, P_KEYFILE, P_CA_CERTS, P_CIPHERS, P_SSL_VERSION,
	P_CERT_REQS, P_WORKER, P_GVERSION, P_CLIENT_CERT, P_CLIENT_KEY,
	P_CAFILE, P_SERVER_NAME, P_PROFILE, P_TIMEOUT, P_FORMAT, P_EXEC,
	P_GUNICORN, P_APP, P_AS_CONFIGURED, P_WORKERS, P_GRACEFUL, P_TARGET,
	P_ALLOW_REMOTE, P_ROOT, P_CHDIR, P_EXPIRY, P_HANDSHAKE, P_RAGGED,
	P_BIND, P_SHARE, P_STATIC, P_SUITES, P_NOW, P_NOT_LOCAL, P_ARGS, P_ENV, P_HELP, P_LANG,
};

static const struct option longopts[] = {
	{ "certfile", required_argument, NULL, P_CERTFILE },
	{ "keyfile", required_argument, NULL, P_KEYFILE },
	{ "ca-certs", required_argument, NULL, P_CA_CERTS },
	{ "ciphers", required_argument, NULL, P_CIPHERS },
	{ "ssl-version", required_argument, NULL, P_SSL_VERSION },
	{ "cert-reqs", required_argument, NULL, P_CERT_REQS },
	{ "worker", required_argument, NULL, P_WORKER },
	{ "worker-class", required_argument, NULL, P_WORKER },
	{ "gunicorn-version", required_argument, NULL, P_GVERSION },
	{ "client-cert", required_argument, NULL, P_CLIENT_CERT },
	{ "client-key", required_argument, NULL, P_CLIENT_KEY },
	{ "cafile", required_argument, NULL, P_CAFILE },
	{ "server-name", required_argument, NULL, P_SERVER_NAME },
	{ "tls-profile", required_argument, NULL, P_PROFILE },
	{ "timeout", required_argument, NULL, P_TIMEOUT },
	{ "format", required_argument, NULL, P_FORMAT },
	{ "exec", no_argument, NULL, P_EXEC },
	{ "gunicorn", required_argument, NULL, P_GUNICORN },
	{ "app", required_argument, NULL, P_APP },
	{ "as-configured", no_argument, NULL, P_AS_CONFIGURED },
	{ "workers", required_argument, NULL, P_WORKERS },
	{ "graceful-timeout", required_argument, NULL, P_GRACEFUL },
	{ "target", required_argument, NULL, P_TARGET },
	{ "allow-remote", no_argument, NULL, P_ALLOW_REMOTE },
	{ "root", required_argument, NULL, P_ROOT },
	{ "chdir", required_argument, NULL, P_CHDIR },
	{ "expiry-warn-days", required_argument, NULL, P_EXPIRY },
	{ "do-handshake-on-connect", no_argument, NULL, P_HANDSHAKE },
	{ "no-suppress-ragged-eofs", no_argument, NULL, P_RAGGED },
	{ "bind", required_argument, NULL, P_BIND },
	{ "share-dir", required_argument, NULL, P_SHARE },
	{ "static-only", no_argument, NULL, P_STATIC },
	{ "suites", no_argument, NULL, P_SUITES },
	{ "args", required_argument, NULL, P_ARGS },
	{ "env", no_argument, NULL, P_ENV },
	{ "now", required_argument, NULL, P_NOW },
	{ "no-local-files", no_argument, NULL, P_NOT_LOCAL },
	{ "help", no_argument, NULL, P_HELP },
	{ "lang", required_argument, NULL, P_LANG },
	{ NULL, 0, NULL, 0 },
};

/*
 * What --help, the man page and the completions say of each option above,
 * under its heading (an entry without a name).  Every option of longopts
 * has an entry: tests/check-help.sh fails otherwise.
 */
static const struct probe_option_doc docs[] = {
	{ NULL, NULL, N_("Launch inputs, the TLS settings gunicorn would run with "
	  "(PATH: a Dockerfile, manifest, compose file or directory; the "
	  "options below override what the launch sets):") },
	{ "args", "STRING", N_("a GUNICORN_CMD_ARGS value (repeatable)") },
	{ "env", NULL, N_("read GUNICORN_CMD_ARGS, WEB_CONCURRENCY, PORT, "
	  "FORWARDED_ALLOW_IPS from the environment") },
	{ NULL, NULL, N_("TLS settings, as gunicorn takes them:") },
	{ "certfile", "FILE", N_("the server certificate (PEM)") },
	{ "keyfile", "FILE", N_("its private key (PEM)") },
	{ "ca-certs", "FILE", N_("the CA certificates client certificates are "
	  "verified against") },
	{ "ciphers", "LIST", N_("the OpenSSL cipher list") },
	{ "ssl-version", "VERSION", N_("the protocol, as gunicorn's --ssl-version "
	  "(a name such as TLSv1_2 or its number)") },
	{ "cert-reqs", "0|1|2", N_("client certificates: 0 not asked, 1 optional, "
	  "2 required") },
	{ "do-handshake-on-connect", NULL, N_("as gunicorn's flag") },
	{ "no-suppress-ragged-eofs", NULL, N_("as gunicorn's flag") },
	{ "worker", "CLASS", N_("the worker class: sync, gthread, gevent, asgi, "
	  "uvicorn or a dotted class name") },
	{ "worker-class", "CLASS", N_("the same as --worker") },
	{ "gunicorn-version", "X.Y", N_("the gunicorn release whose TLS handling "
	  "applies (default: the newest known)") },
	{ "chdir", "DIR", N_("the directory relative file names start from") },
	{ "root", "DIR", N_("where absolute container paths are found on this "
	  "disk") },
	{ "bind", "HOST:PORT", N_("a gunicorn bind address, or a port "
	  "(repeatable)") },
	{ "workers", "N", N_("the configured number of workers") },
	{ NULL, NULL, N_("Client side:") },
	{ "client-cert", "FILE", N_("the certificate the client presents") },
	{ "client-key", "FILE", N_("its private key") },
	{ "cafile", "FILE", N_("the trust anchors the server's chain is checked "
	  "against") },
	{ "server-name", "NAME", N_("the name sent and checked (default: the "
	  "certificate's first DNS name)") },
	{ "tls-profile", "intermediate|modern", N_("what the "
	  "negotiated protocol and suite are judged by") },
	{ "timeout", "SECONDS", N_("the bound of each step (default 5, at most "
	  "600)") },
	{ "expiry-warn-days", "N", N_("warn when the certificate expires within N "
	  "days (default 30)") },
	{ NULL, NULL, N_("Modes (default: an in-process OpenSSL server on "
	  "127.0.0.1):") },
	{ "exec", NULL, N_("run the real gunicorn instead") },
	{ "gunicorn", "PATH", N_("with --exec: the gunicorn to run (default: "
	  "gunicorn on PATH)") },
	{ "app", "MODULE:VAR", N_("with --exec: the application (default: the "
	  "bundled probe_app)") },
	{ "as-configured", NULL, N_("with --exec: keep the configured worker "
	  "count") },
	{ "graceful-timeout", "N", N_("with --exec: gunicorn's --graceful-timeout "
	  "(default 30)") },
	{ "share-dir", "DIR", N_("with --exec: where probe_app.py is (default: "
	  "share/gunilint beside or above the binary's directory)") },
	{ "target", "HOST:PORT", N_("probe a server that is already running") },
	{ "allow-remote", NULL, N_("with --target: allow a host other than this "
	  "machine") },
	{ "static-only", NULL, N_("only the GL3xx checks of settings and files, "
	  "no connection") },
	{ "suites", NULL, N_("also list every cipher suite the server accepts, "
	  "one handshake each (about 2 ms a suite)") },
	{ "no-local-files", NULL, N_("the files live elsewhere (a container): a "
	  "missing one is said once, not an error") },
	{ "now", "YYYY-MM-DD", N_("judge dates as of this day (reproducible "
	  "output)") },
	{ NULL, NULL, N_("Output (exit status 0: every check passed, 1: a check "
	  "failed, 2: usage error):") },
	{ "format", "text|json", N_("the report's format (default: text)") },
	{ "help", NULL, N_("show this help") },
	{ "lang", "LANG", N_("the language of the text report and --help: "
	  "zh_CN, or C for English (default: LC_ALL, LC_MESSAGES, LANG)") },
};

const struct probe_option_doc *
probe_option_doc(size_t i)
{
	return i < sizeof(docs) / sizeof(docs[0]) ? &docs[i] : NULL;
}

void
probe_usage(FILE *fp)
{
	size_t i;

	opts_usage_head(fp, "probe");
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		char head[64];

		if (docs[i].name == NULL) {
			fputc('\n', fp);
			opts_wrap(fp, _(docs[i].help), 76);
			continue;
		}
		snprintf(head, sizeof(head), "--%s%s%s", docs[i].name,
		    docs[i].metavar ? " " : "",
		    docs[i].metavar ? docs[i].metavar : "");
		fprintf(fp, "  %-28s %s\n", head, _(docs[i].help));
	}
}

/* The command line as one source, so each setting has a span. */
struct cmdline {
	struct source *src;
	size_t *off;  /* byte offset of each argv element */
	char **orig;  /* argv before getopt permutes it */
	int n;
};

static struct cmdline
cmdline_make(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT;
	struct cmdline cl;
	int i;

	cl.off = xcalloc((size_t)argc + 1, sizeof(size_t));
	cl.orig = xcalloc((size_t)argc + 1, sizeof(char *));
	cl.n = argc;
	sb_adds(&sb, "gunilint");
	for (i = 0; i < argc; i++) {
		sb_addch(&sb, ' ');
		cl.off[i] = sb.len;
		cl.orig[i] = argv[i];
		sb_adds(&sb, argv[i]);
	}
	cl.src = src_new("<command line>", sb_str(&sb), sb.len);
	sb_release(&sb);
	return cl;
}

/* The span of the value getopt just consumed (optarg is argv[i] or a tail). */
static struct tls_val
val(const struct cmdline *cl)
{
	struct tls_val v = { optarg, { NULL, 0, 0 } };
	int i;

	for (i = 0; i < cl->n; i++) {
		size_t len = strlen(cl->orig[i]);

		if (optarg >= cl->orig[i] && optarg <= cl->orig[i] + len) {
			v.span = span_make(cl->src, cl->off[i] +
			    (size_t)(optarg - cl->orig[i]), strlen(optarg));
			break;
		}
	}
	return v;
}

/* The span of the flag getopt just consumed (it has no value). */
static struct span
flag_span(const struct cmdline *cl, const char *word)
{
	int i;

	for (i = 0; i < cl->n; i++)
		if (cl->orig[i] == word)
			return span_make(cl->src, cl->off[i], strlen(word));
	return span_make(NULL, 0, 0);
}

static const char *
worker_class_for(const char *w)
{
	if (strcmp(w, "uvicorn") == 0)
		return "uvicorn.workers.UvicornWorker";
	return w;
}

/* --bind: a gunicorn bind address, or a bare port number. */
static int
parse_bind(struct tls_settings *ts, struct tls_val v)
{
	struct bind_addr b;

	if (ts->nbinds >= TLS_MAX_BINDS)
		return 0;
	bind_parse(v.text, &b);
	ts->binds[ts->nbinds].port = v.text[0] != '\0' &&
	    strspn(v.text, "0123456789") == strlen(v.text) ? atoi(v.text) :
	    b.kind == BIND_TCP ? (int)b.port : -1;
	ts->binds[ts->nbinds++].span = v.span;
	return 0;
}

/* "2026-01-31" → that day at 00:00 UTC, or -1. */
static time_t
parse_day(const char *s)
{
	struct tm tm;
	char end;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &end) != 3 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 ||
	    tm.tm_mday > 31)
		return (time_t)-1;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	return timegm(&tm);
}

static int
bad(const char *fmt, const char *arg)
{
	gl_cmd_error("probe", fmt, arg);
	probe_usage(stderr);
	return 2;
}

static int
probe_launches(const struct gl_opts *go, const struct tls_settings *ov,
    int gv_given, int worker_given, const struct probe_opts *o,
    const char *format)
{
	struct gl_launches ls;
	struct findings fs;
	struct gl_opts g = *go;
	struct model_opts mo;
	enum gl_version v;
	size_t i;
	int rc = 0, r;

	/* --exec: judge the launch by the release that will really run. */
	if (o->mode == PROBE_EXEC && !gv_given && probe_exec_version(o, &v) == 0)
		g.gunicorn_version = gv_name(v);
	memset(&fs, 0, sizeof(fs));
	/* Only a command line or GUNICORN_CMD_ARGS starts here; files
	   describe a container. */
	if (common_inputs(&g, g.paths.n == 0, NULL, &mo) != 0 ||
	    model_collect(&mo, &ls, &fs) != 0) {
		fnd_free(&fs);
		return 2;
	}
	cat_resolve(&fs);
	for (i = 0; i < fs.n; i++) /* files that do not parse */
		printf("probe: %s [%s %s]\n", fnd_message(&fs.v[i]),
		    fs.v[i].rule, fs.v[i].slug);
	if (fs.n > 0)
		rc = 1;
	fnd_free(&fs);
	r = probe_launch_set(&ls, ov, gv_given, worker_given, o, format);
	rc = r > rc ? r : rc;
	model_free(&ls);
	return rc;
}

/* What the command line gives: the TLS settings and the probe's own options. */
struct probe_cli {
	struct tls_settings ts;
	struct probe_opts o;
	struct gl_opts go;
	const char *format;
	int gv_given, worker_given;
};

/* A TLS setting as gunicorn takes it; -1 when c is not one, 2 on error. */
static int
tls_option(struct probe_cli *p, int c, struct tls_val v)
{
	switch (c) {
	case P_CERTFILE: p->ts.certfile = v; break;
	case P_KEYFILE: p->ts.keyfile = v; break;
	case P_CA_CERTS: p->ts.ca_certs = v; break;
	case P_CIPHERS: p->ts.ciphers = v; break;
	case P_SSL_VERSION:
		p->ts.ssl_version = v;
		p->ts.ssl_version_is_str = 1; /* from a command line */
		break;
	case P_CERT_REQS: p->ts.cert_reqs = v; break;
	case P_CHDIR: p->ts.chdir = v; break;
	case P_BIND: parse_bind(&p->ts, v); break;
	case P_HANDSHAKE:
		p->ts.do_handshake_on_connect = v;
		p->ts.do_handshake_on_connect.text = "True";
		break;
	case P_RAGGED:
		p->ts.suppress_ragged_eofs = v;
		p->ts.suppress_ragged_eofs.text = "False";
		break;
	case P_WORKER:
		v.text = worker_class_for(v.text);
		p->ts.worker_class = v;
		p->ts.worker = tls_worker_kind(v.text);
		p->worker_given = 1;
		break;
	case P_ARGS: VEC_PUSH(&p->go.args, optarg); break;
	case P_ENV: p->go.use_env = 1; break;
	case P_GVERSION:
		if (gv_parse(optarg, &p->ts.version) != 0)
			return bad("unknown gunicorn version '%s'",
			    optarg);
		p->go.gunicorn_version = optarg;
		p->gv_given = 1;
		break;
	default:
		return -1;
	}
	return 0;
}

/* The probe's own options; 2 after a usage error, -1 when c is unknown. */
static int
probe_option(struct probe_cli *p, int c)
{
	double secs;

	switch (c) {
	case P_CLIENT_CERT: p->o.client_cert = optarg; break;
	case P_CLIENT_KEY: p->o.client_key = optarg; break;
	case P_CAFILE: p->o.cafile = optarg; break;
	case P_SERVER_NAME: p->o.server_name = optarg; break;
	case P_PROFILE:
		if (tls_profile_parse(optarg, &p->o.profile) != 0)
			return bad("--tls-profile '%s': intermediate or "
			    "modern", optarg);
		p->o.tls.profile = p->o.profile;
		break;
	case P_TIMEOUT:
		if ((secs = atof(optarg)) <= 0 || secs > 600)
			return bad("--timeout '%s': seconds, 0-600",
			    optarg);
		p->o.timeout_ms = (int)(secs * 1000);
		break;
	case P_FORMAT:
		if (strcmp(optarg, "text") != 0 &&
		    strcmp(optarg, "json") != 0)
			return bad("--format '%s': text or json", optarg);
		p->format = optarg;
		break;
	case P_EXEC: p->o.mode = PROBE_EXEC; break;
	case P_GUNICORN: p->o.gunicorn = optarg; break;
	case P_APP: p->o.app = optarg; break;
	case P_AS_CONFIGURED: p->o.as_configured = 1; break;
	case P_WORKERS: p->o.workers = optarg; break;
	case P_GRACEFUL: p->o.graceful_timeout = atoi(optarg); break;
	case P_TARGET: p->o.mode = PROBE_TARGET; p->o.target = optarg; break;
	case P_ALLOW_REMOTE: p->o.allow_remote = 1; break;
	case P_ROOT: p->o.tls.root = optarg; break;
	case P_SHARE: p->o.share_dir = optarg; break;
	case P_EXPIRY: p->o.tls.expiry_warn_days = atoi(optarg); break;
	case P_STATIC: p->o.static_only = 1; break;
	case P_LANG: break; /* main() selected the language */
	case P_SUITES: p->o.suites = 1; break;
	case P_NOT_LOCAL: p->o.tls.files_expected = 0; break;
	case P_NOW:
		if ((p->o.tls.now = parse_day(optarg)) == (time_t)-1)
			return bad("--now '%s': YYYY-MM-DD", optarg);
		break;
	default:
		return -1; /* --help and unknown options: the caller */
	}
	return 0;
}

int
cmd_probe(int argc, char **argv)
{
	struct probe_cli p;
	struct cmdline cl = cmdline_make(argc, argv);
	int c, rc, dd;

	memset(&p, 0, sizeof(p));
	p.format = "text";
	p.go.command = "probe";
	p.go.cpus = -1;
	p.ts.version = GV_NEWEST;
	probe_opts_init(&p.o);
	p.o.argv0 = argv[0];
	optind = 1;
	opterr = 1;
	/* A gunicorn command line follows "--"; options and paths come first. */
	for (dd = 1; dd < argc && strcmp(argv[dd], "--") != 0; dd++)
		continue;
	while ((c = getopt_long(dd, argv, "", longopts, NULL)) != -1) {
		struct tls_val v = optarg ? val(&cl) :
		    (struct tls_val){ NULL, { NULL, 0, 0 } };

		if (optarg == NULL && optind > 0 && optind <= dd)
			v.span = flag_span(&cl, argv[optind - 1]);

		if ((rc = tls_option(&p, c, v)) == -1 &&
		    (rc = probe_option(&p, c)) == -1) {
			probe_usage(c == P_HELP ? stdout : stderr);
			rc = c == P_HELP ? 0 : 2;
			goto out;
		}
		if (rc != 0)
			goto out;
	}
	while (optind < dd) /* files: Dockerfile, manifests, directories */
		VEC_PUSH(&p.go.paths, argv[optind++]);
	p.go.ncmdline = dd < argc ? argc - dd - 1 : 0;
	p.go.cmdline = argv + dd + 1;
	p.o.tls.profile = p.o.profile;
	if (p.go.args.n > 0 || p.go.use_env || p.go.ncmdline > 0 ||
	    p.go.paths.n > 0) {
		rc = probe_launches(&p.go, &p.ts, p.gv_given, p.worker_given,
		    &p.o, p.format);
		goto out;
	}
	if (p.o.mode != PROBE_TARGET && !p.o.static_only &&
	    !tls_is_set(&p.ts.certfile) &&
	    !tls_is_set(&p.ts.keyfile)) {
		rc = bad("%s", "nothing to probe: give --certfile/--keyfile, "
		    "a launch (--args, --env, -- gunicorn ...) or --target");
		goto out;
	}
	if (p.o.mode == PROBE_EXEC && !p.gv_given)
		p.ts.version = GV__COUNT; /* probe_exec asks gunicorn --version */
	rc = probe_main(&p.ts, &p.o, p.format, stdout);
out:
	free(cl.off);
	free(cl.orig);
	free(p.go.args.v);
	free(p.go.paths.v);
	return rc;
}
