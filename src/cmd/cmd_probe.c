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

#include "cmd.h"
#include "probe/probe.h"
#include "tls/tls_int.h"

enum {
	O_CERTFILE = 256, O_KEYFILE, O_CA_CERTS, O_CIPHERS, O_SSL_VERSION,
	O_CERT_REQS, O_WORKER, O_GVERSION, O_CLIENT_CERT, O_CLIENT_KEY,
	O_CAFILE, O_SERVER_NAME, O_PROFILE, O_TIMEOUT, O_FORMAT, O_EXEC,
	O_GUNICORN, O_APP, O_AS_CONFIGURED, O_WORKERS, O_GRACEFUL, O_TARGET,
	O_ALLOW_REMOTE, O_ROOT, O_CHDIR, O_EXPIRY, O_HANDSHAKE, O_RAGGED,
	O_BIND, O_SHARE, O_STATIC, O_NOW, O_NOT_LOCAL, O_HELP,
};

static const struct option longopts[] = {
	{ "certfile", required_argument, NULL, O_CERTFILE },
	{ "keyfile", required_argument, NULL, O_KEYFILE },
	{ "ca-certs", required_argument, NULL, O_CA_CERTS },
	{ "ciphers", required_argument, NULL, O_CIPHERS },
	{ "ssl-version", required_argument, NULL, O_SSL_VERSION },
	{ "cert-reqs", required_argument, NULL, O_CERT_REQS },
	{ "worker", required_argument, NULL, O_WORKER },
	{ "worker-class", required_argument, NULL, O_WORKER },
	{ "gunicorn-version", required_argument, NULL, O_GVERSION },
	{ "client-cert", required_argument, NULL, O_CLIENT_CERT },
	{ "client-key", required_argument, NULL, O_CLIENT_KEY },
	{ "cafile", required_argument, NULL, O_CAFILE },
	{ "server-name", required_argument, NULL, O_SERVER_NAME },
	{ "tls-profile", required_argument, NULL, O_PROFILE },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "exec", no_argument, NULL, O_EXEC },
	{ "gunicorn", required_argument, NULL, O_GUNICORN },
	{ "app", required_argument, NULL, O_APP },
	{ "as-configured", no_argument, NULL, O_AS_CONFIGURED },
	{ "workers", required_argument, NULL, O_WORKERS },
	{ "graceful-timeout", required_argument, NULL, O_GRACEFUL },
	{ "target", required_argument, NULL, O_TARGET },
	{ "allow-remote", no_argument, NULL, O_ALLOW_REMOTE },
	{ "root", required_argument, NULL, O_ROOT },
	{ "chdir", required_argument, NULL, O_CHDIR },
	{ "expiry-warn-days", required_argument, NULL, O_EXPIRY },
	{ "do-handshake-on-connect", no_argument, NULL, O_HANDSHAKE },
	{ "no-suppress-ragged-eofs", no_argument, NULL, O_RAGGED },
	{ "bind", required_argument, NULL, O_BIND },
	{ "share-dir", required_argument, NULL, O_SHARE },
	{ "static-only", no_argument, NULL, O_STATIC },
	{ "now", required_argument, NULL, O_NOW },
	{ "no-local-files", no_argument, NULL, O_NOT_LOCAL },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
    "usage: gunilint probe [OPTIONS]\n"
    "TLS settings (as gunicorn takes them):\n"
    "  --certfile F --keyfile F --ca-certs F --ciphers S --ssl-version V\n"
    "  --cert-reqs 0|1|2 --do-handshake-on-connect --no-suppress-ragged-eofs\n"
    "  --worker sync|gthread|gevent|asgi|uvicorn|CLASS --gunicorn-version V\n"
    "  --chdir DIR --root DIR --bind HOST:PORT --workers N\n"
    "Client side:\n"
    "  --client-cert F --client-key F --cafile F --server-name NAME\n"
    "  --tls-profile intermediate|modern --timeout SECONDS\n"
    "  --expiry-warn-days N\n"
    "Modes (default: in-process OpenSSL server on 127.0.0.1):\n"
    "  --exec [--gunicorn PATH] [--app MODULE:VAR] [--as-configured]\n"
    "         [--graceful-timeout N]   run the real gunicorn\n"
    "  --target HOST:PORT [--allow-remote]   probe a running server\n"
    "  --static-only   only the GL3xx checks of settings and files\n"
    "  --no-local-files   the files live elsewhere (a container): a\n"
    "                  missing one is said once, not an error\n"
    "  --now YYYY-MM-DD   judge dates as of this day (reproducible output)\n"
    "Output: --format text|json; exit 0 all passed, 1 a check failed, "
    "2 usage\n";

/* The command line as one source, so each setting has a span. */
struct cmdline {
	struct source *src;
	size_t *off; /* byte offset of each argv element */
};

static struct cmdline
cmdline_make(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT;
	struct cmdline cl;
	int i;

	cl.off = xcalloc((size_t)argc + 1, sizeof(size_t));
	sb_adds(&sb, "gunilint");
	for (i = 0; i < argc; i++) {
		sb_addch(&sb, ' ');
		cl.off[i] = sb.len;
		sb_adds(&sb, argv[i]);
	}
	cl.src = src_new("<command line>", sb_str(&sb), sb.len);
	sb_release(&sb);
	return cl;
}

/* The span of the value getopt just consumed (optarg is argv[i] or a tail). */
static struct tls_val
val(const struct cmdline *cl, int argc, char **argv)
{
	struct tls_val v = { optarg, { NULL, 0, 0 } };
	int i;

	for (i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]);

		if (optarg >= argv[i] && optarg <= argv[i] + len) {
			v.span = span_make(cl->src, cl->off[i] +
			    (size_t)(optarg - argv[i]), strlen(optarg));
			break;
		}
	}
	return v;
}

static const char *
worker_class_for(const char *w)
{
	if (strcmp(w, "uvicorn") == 0)
		return "uvicorn.workers.UvicornWorker";
	return w;
}

static int
parse_bind(struct tls_settings *ts, struct tls_val v)
{
	const char *colon = strrchr(v.text, ':');

	if (ts->nbinds >= TLS_MAX_BINDS)
		return 0;
	ts->binds[ts->nbinds].port = colon ? atoi(colon + 1) :
	    strncmp(v.text, "unix:", 5) == 0 ? -1 : atoi(v.text);
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
	fprintf(stderr, "gunilint probe: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage_text);
	return 2;
}

int
cmd_probe(int argc, char **argv)
{
	struct tls_settings ts;
	struct probe_opts o;
	struct cmdline cl = cmdline_make(argc, argv);
	const char *format = "text";
	int c, rc, gv_given = 0;
	double secs;

	memset(&ts, 0, sizeof(ts));
	ts.version = GV_NEWEST;
	probe_opts_init(&o);
	o.argv0 = argv[0];
	optind = 1;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		struct tls_val v = optarg ? val(&cl, argc, argv) :
		    (struct tls_val){ NULL, { NULL, 0, 0 } };

		if (optarg == NULL && optind > 0 && optind <= argc)
			v.span = span_make(cl.src, cl.off[optind - 1],
			    strlen(argv[optind - 1])); /* a flag: its own span */

		switch (c) {
		case O_CERTFILE: ts.certfile = v; break;
		case O_KEYFILE: ts.keyfile = v; break;
		case O_CA_CERTS: ts.ca_certs = v; break;
		case O_CIPHERS: ts.ciphers = v; break;
		case O_SSL_VERSION:
			ts.ssl_version = v;
			ts.ssl_version_is_str = 1; /* from a command line */
			break;
		case O_CERT_REQS: ts.cert_reqs = v; break;
		case O_CHDIR: ts.chdir = v; break;
		case O_BIND: parse_bind(&ts, v); break;
		case O_HANDSHAKE:
			ts.do_handshake_on_connect = v;
			ts.do_handshake_on_connect.text = "True";
			break;
		case O_RAGGED:
			ts.suppress_ragged_eofs = v;
			ts.suppress_ragged_eofs.text = "False";
			break;
		case O_WORKER:
			v.text = worker_class_for(v.text);
			ts.worker_class = v;
			ts.worker = tls_worker_kind(v.text);
			break;
		case O_GVERSION:
			if (tls_gv_parse(optarg, &ts.version) != 0)
				return bad("unknown gunicorn version '%s'",
				    optarg);
			gv_given = 1;
			break;
		case O_CLIENT_CERT: o.client_cert = optarg; break;
		case O_CLIENT_KEY: o.client_key = optarg; break;
		case O_CAFILE: o.cafile = optarg; break;
		case O_SERVER_NAME: o.server_name = optarg; break;
		case O_PROFILE:
			if (tls_profile_parse(optarg, &o.profile) != 0)
				return bad("--tls-profile '%s': intermediate or "
				    "modern", optarg);
			o.tls.profile = o.profile;
			break;
		case O_TIMEOUT:
			if ((secs = atof(optarg)) <= 0 || secs > 600)
				return bad("--timeout '%s': seconds, 0-600",
				    optarg);
			o.timeout_ms = (int)(secs * 1000);
			break;
		case O_FORMAT:
			if (strcmp(optarg, "text") != 0 &&
			    strcmp(optarg, "json") != 0)
				return bad("--format '%s': text or json", optarg);
			format = optarg;
			break;
		case O_EXEC: o.mode = PROBE_EXEC; break;
		case O_GUNICORN: o.gunicorn = optarg; break;
		case O_APP: o.app = optarg; break;
		case O_AS_CONFIGURED: o.as_configured = 1; break;
		case O_WORKERS: o.workers = optarg; break;
		case O_GRACEFUL: o.graceful_timeout = atoi(optarg); break;
		case O_TARGET: o.mode = PROBE_TARGET; o.target = optarg; break;
		case O_ALLOW_REMOTE: o.allow_remote = 1; break;
		case O_ROOT: o.tls.root = optarg; break;
		case O_SHARE: o.share_dir = optarg; break;
		case O_EXPIRY: o.tls.expiry_warn_days = atoi(optarg); break;
		case O_STATIC: o.static_only = 1; break;
		case O_NOT_LOCAL: o.tls.files_expected = 0; break;
		case O_NOW:
			if ((o.tls.now = parse_day(optarg)) == (time_t)-1)
				return bad("--now '%s': YYYY-MM-DD", optarg);
			break;
		case O_HELP:
			fputs(usage_text, stdout);
			free(cl.off);
			return 0;
		default:
			free(cl.off);
			fputs(usage_text, stderr);
			return 2;
		}
	}
	free(cl.off);
	if (optind < argc)
		return bad("unexpected argument '%s' (launch inputs are not "
		    "supported by probe yet)", argv[optind]);
	if (o.mode != PROBE_TARGET && !o.static_only &&
	    !tls_is_set(&ts.certfile) &&
	    !tls_is_set(&ts.keyfile))
		return bad("%s", "nothing to probe: give --certfile/--keyfile "
		    "or --target");
	o.tls.profile = o.profile;
	if (o.mode == PROBE_EXEC && !gv_given)
		ts.version = GV__COUNT; /* probe_exec asks gunicorn --version */
	rc = probe_main(&ts, &o, format, stdout);
	return rc;
}
