/*
 * orch.h: the orchestration rules (GL250-GL253 resources, GL5xx
 * Kubernetes and compose) over a container launch record and the values
 * gunicorn will run with.  The launch model fills struct orch_gunicorn;
 * until it exists, tests fill it by hand.  Rules never print.
 */
#ifndef GL_ORCH_H
#define GL_ORCH_H

#include <stddef.h>

#include "../core/core.h"
#include "../front/k8s.h"

/* Where an effective value came from, lowest precedence first. */
enum orch_from {
	ORCH_DEFAULT,     /* gunicorn's built-in default */
	ORCH_ENV_VAR,     /* WEB_CONCURRENCY, PORT (defaults taken from env) */
	ORCH_CONFIG_FILE, /* gunicorn.conf.py / -c */
	ORCH_CMD_ARGS,    /* GUNICORN_CMD_ARGS */
	ORCH_CLI,         /* the command line */
};

struct orch_val {
	int set;            /* 0: not known at all (skip rules that need it) */
	long long num;      /* numbers */
	const char *str;    /* strings; NULL for None (e.g. worker_tmp_dir) */
	enum orch_from from;
	struct span span;   /* what set it; src == NULL for defaults */
};

struct orch_bind {
	const char *host;   /* "0.0.0.0", "127.0.0.1", "::"; NULL for unix: and fd:// */
	long port;          /* -1 for unix: and fd:// */
	struct span span;
};

struct orch_gunicorn {
	struct orch_val workers;         /* num */
	int workers_from_cpu;            /* the config computes workers from
					    multiprocessing/os.cpu_count() */
	struct orch_val worker_class;    /* str: "sync", "gthread", "uvicorn.workers.UvicornWorker" */
	struct orch_val threads;         /* num */
	const struct orch_bind *binds;   /* the effective bind list */
	size_t nbinds;
	struct orch_val bind;            /* where the bind list came from */
	struct orch_val timeout;         /* num, seconds */
	struct orch_val graceful_timeout;/* num, seconds */
	struct orch_val keyfile;         /* str or NULL */
	struct orch_val certfile;        /* str or NULL */
	struct orch_val worker_tmp_dir;  /* str, NULL: the default temp dir */
};

/* Tunables (from .gunilint.yaml, key orch.per_worker_mib). */
struct orch_opts {
	long per_worker_mib;  /* memory one worker is assumed to use */
	long arbiter_mib;     /* and the arbiter process */
};
#define ORCH_PER_WORKER_MIB 128
#define ORCH_ARBITER_MIB 64

void orch_opts_default(struct orch_opts *o);

/*
 * Parses one gunicorn bind address as gunicorn does: unix:PATH, fd://N,
 * tcp://HOST:PORT, [V6]:PORT, HOST:PORT, HOST (port 8000).  The strings
 * are allocated from a.  -1 when the port is not a number.
 */
int orch_parse_bind(struct arena *a, const char *s, struct span sp,
    struct orch_bind *b);

/*
 * Runs every orchestration rule on one launch.  g may be NULL when the
 * effective settings are unknown: only the rules that need the
 * environment alone (GL508, GL509, GL252 via resourceFieldRef) run.
 * ks gives the Services for GL513 (may be NULL); o may be NULL.
 */
void orch_check(const struct k8s_launch *l, const struct orch_gunicorn *g,
    const struct k8s_set *ks, const struct orch_opts *o, struct findings *fs);

/* The rule families, for tests and for callers that want only some. */
void orch_check_env(const struct k8s_launch *l, struct findings *fs);
void orch_check_resources(const struct k8s_launch *l,
    const struct orch_gunicorn *g, const struct orch_opts *o,
    struct findings *fs);
void orch_check_net(const struct k8s_launch *l, const struct orch_gunicorn *g,
    const struct k8s_set *ks, struct findings *fs);
void orch_check_files(const struct k8s_launch *l,
    const struct orch_gunicorn *g, struct findings *fs);

#endif
