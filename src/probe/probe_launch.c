/*
 * probe_launch.c: the probe of each launch the inputs describe: the
 * launch's TLS settings with the probe's own options laid over them, and
 * for --exec the launch's other options replayed to the real gunicorn.
 */
#include <stdlib.h>
#include <string.h>

#include "probe_int.h"
#include "rules/rules.h"

/* What the options set directly wins over what the launch sets. */
static void
overlay(struct tls_settings *ts, const struct tls_settings *ov, int gv_given,
    int worker_given)
{
	struct tls_val *dst[] = { &ts->certfile, &ts->keyfile, &ts->ca_certs,
		&ts->ciphers, &ts->ssl_version, &ts->cert_reqs,
		&ts->do_handshake_on_connect, &ts->suppress_ragged_eofs,
		&ts->chdir };
	const struct tls_val *src[] = { &ov->certfile, &ov->keyfile,
		&ov->ca_certs, &ov->ciphers, &ov->ssl_version, &ov->cert_reqs,
		&ov->do_handshake_on_connect, &ov->suppress_ragged_eofs,
		&ov->chdir };
	size_t i;

	for (i = 0; i < sizeof(dst) / sizeof(dst[0]); i++)
		if (src[i]->text != NULL)
			*dst[i] = *src[i];
	if (ov->ssl_version.text != NULL)
		ts->ssl_version_is_str = 1;
	if (worker_given) {
		ts->worker_class = ov->worker_class;
		ts->worker = ov->worker;
	}
	if (gv_given)
		ts->version = ov->version;
	if (ov->nbinds > 0) {
		memcpy(ts->binds, ov->binds, sizeof(ts->binds));
		ts->nbinds = ov->nbinds;
	}
}

/*
 * Settings --exec does not replay from the launch: what the probe itself
 * sets (bind, workers, logging, the TLS options, chdir, the app's path),
 * and what would fail or escape on this machine (daemon, user and group,
 * pid and log files, reloading, the config file, the worker heartbeat
 * directory, statsd and syslog targets).
 */
static const char *const not_replayed[] = {
	"accesslog", "bind", "ca_certs", "capture_output", "cert_reqs",
	"certfile", "chdir", "check_config", "ciphers", "config",
	"control_socket", "control_socket_mode", "daemon",
	"do_handshake_on_connect", "errorlog", "graceful_timeout", "group",
	"initgroups", "keyfile", "logconfig", "logconfig_json", "loglevel",
	"no_control_socket", "paste", "pidfile", "print_config", "pythonpath",
	"reload", "reload_engine", "reload_extra_files", "spew", "ssl_version",
	"statsd_host", "suppress_ragged_eofs", "syslog", "syslog_addr",
	"tmp_upload_dir", "user", "worker_class", "worker_tmp_dir", "workers",
};

static int
replayed(const struct set_def *d)
{
	size_t i;

	for (i = 0; i < sizeof(not_replayed) / sizeof(*not_replayed); i++)
		if (strcmp(d->name, not_replayed[i]) == 0)
			return 0;
	return 1;
}

/* Whether parse r sets d at all (for list settings: which source wins). */
static int
parse_sets(const struct av_result *r, const struct set_def *d)
{
	size_t i;

	for (i = 0; r != NULL && i < r->opts.n; i++)
		if (r->opts.v[i].def == d)
			return 1;
	return 0;
}

/*
 * The launch's other options, as written, in gunicorn's order of
 * application: GUNICORN_CMD_ARGS, then the command line.  A list setting
 * that the command line sets replaces the variable's list, so only the
 * command line's occurrences of it are replayed.
 */
static char **
launch_extra(const struct gl_launch *l)
{
	const struct av_result *src[2];
	VEC(char *) out = { 0 };
	size_t k, i;

	src[0] = launch_cmd_args(l->model);
	src[1] = launch_cli(l->model);
	for (k = 0; k < 2; k++) {
		for (i = 0; src[k] != NULL && i < src[k]->opts.n; i++) {
			const struct av_opt *op = &src[k]->opts.v[i];

			if (op->kind != AV_SETTING || !replayed(op->def) ||
			    (k == 0 && op->def->action == SA_APPEND &&
			    parse_sets(src[1], op->def)))
				continue;
			VEC_PUSH(&out, op->value ? xasprintf("%s=%s", op->flag,
			    op->value) : xstrdup(op->flag));
		}
	}
	VEC_PUSH(&out, NULL);
	return out.v;
}

static void
extra_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

int
probe_launch_set(const struct gl_launches *set, const struct tls_settings *ov,
    int gv_given, int worker_given, const struct probe_opts *o,
    const char *format)
{
	struct tls_settings ts;
	struct probe_opts lo;
	size_t i;
	int rc = 0, r;

	for (i = 0; i < set->n; i++) {
		const struct launch_error *e = launch_error(set->v[i].model);

		if (set->v[i].stopped && e != NULL) {
			printf("probe (%s): gunicorn would not start: %s\n",
			    set->v[i].id, e->message);
			rc = 1;
			continue;
		}
		tls_settings_from_launch(&set->v[i], &ts);
		overlay(&ts, ov, gv_given, worker_given);
		lo = *o;
		if (lo.workers == NULL && lv_given(&set->v[i], "workers"))
			lo.workers = lv_str(&set->v[i], "workers");
		if (lv_given(&set->v[i], "graceful_timeout"))
			lo.graceful_timeout = (int)lv_int(&set->v[i],
			    "graceful_timeout", 30);
		if (o->mode != PROBE_TARGET && !o->static_only &&
		    !tls_is_set(&ts.certfile) && !tls_is_set(&ts.keyfile)) {
			printf("probe (%s): TLS is off: neither certfile nor "
			    "keyfile is set\n", set->v[i].id);
			rc = rc > 1 ? rc : 1;
			continue;
		}
		if (o->mode == PROBE_EXEC)
			lo.extra = launch_extra(&set->v[i]);
		r = probe_main(&ts, &lo, format, stdout);
		extra_free((char **)lo.extra);
		rc = r > rc ? r : rc;
	}
	return rc;
}
