/*
 * k8s.h: the container records that the Kubernetes and compose front-ends
 * produce (one per container or service that starts gunicorn), and the
 * Kubernetes front-end: workloads, pod templates, ConfigMaps and Services
 * read from ydoc trees.  Front-ends record; they never judge.
 *
 * Ownership: a k8s_set owns its launches and every string in them (one
 * arena); spans point into the sources, which outlive the set.  The ydoc
 * streams given to k8s_add_stream() (and cmp_read()) must outlive the set:
 * pod labels and Service selectors point into their trees.
 */
#ifndef GL_K8S_H
#define GL_K8S_H

#include <stddef.h>
#include <stdint.h>

#include "../core/core.h"
#include "yamldoc.h"

/* One word of a command line, after Kubernetes' $(VAR) expansion. */
struct k8s_word {
	const char *s;
	struct span span;  /* the scalar (or, after sh -c, the word) it came from */
	int unresolved;    /* holds a $(VAR) whose value is not known here */
};

enum k8s_env_origin {
	K8S_ENV_VALUE,          /* env[].value (compose: environment) */
	K8S_ENV_CONFIGMAP_KEY,  /* env[].valueFrom.configMapKeyRef */
	K8S_ENV_SECRET_KEY,     /* env[].valueFrom.secretKeyRef */
	K8S_ENV_FIELD,          /* env[].valueFrom.fieldRef */
	K8S_ENV_RESOURCE,       /* env[].valueFrom.resourceFieldRef */
	K8S_ENV_FROM_CONFIGMAP, /* envFrom[].configMapRef */
	K8S_ENV_FROM_SECRET,    /* envFrom[].secretRef */
	K8S_ENV_FILE,           /* compose env_file */
	K8S_ENV_IMAGE,          /* the image's ENV (k8s_resolve_image) */
};

struct k8s_env {
	const char *name;
	const char *value;   /* NULL when not known (secret, unresolved ref) */
	enum k8s_env_origin origin;
	const char *ref;     /* "configmap-name/key", "limits.cpu", ... or NULL */
	struct span span;    /* the name: env[].name, the ConfigMap's data key
				for envFrom, the envFrom entry when the
				ConfigMap is unknown */
	struct span vspan;   /* its value, if written */
	int missing;         /* the ConfigMap (env file) is not in the inputs:
				reported as GL510 by k8s_report_missing() */
};

struct k8s_port {
	const char *name;    /* named port, or NULL */
	long port;           /* containerPort (compose: the container side) */
	long host_port;      /* compose published port, or -1 */
	const char *protocol;
	struct span span;
};

enum k8s_probe_kind { K8S_READINESS, K8S_LIVENESS, K8S_STARTUP, K8S_HEALTHCHECK };
enum k8s_probe_type { K8S_PROBE_NONE, K8S_PROBE_HTTP, K8S_PROBE_TCP, K8S_PROBE_EXEC, K8S_PROBE_GRPC };

struct k8s_probe {
	enum k8s_probe_kind kind;
	enum k8s_probe_type type;
	int https;           /* httpGet.scheme: HTTPS */
	long port;           /* resolved port number, or -1 */
	const char *port_name; /* as written when named */
	const char *path;
	long timeout, period, failure_threshold, initial_delay; /* seconds; k8s defaults applied */
	struct span span;       /* the probe's key */
	struct span port_span;
	struct span scheme_span;
};

enum k8s_vol_type {
	K8S_VOL_OTHER, K8S_VOL_SECRET, K8S_VOL_CONFIGMAP, K8S_VOL_PROJECTED,
	K8S_VOL_EMPTYDIR, K8S_VOL_HOSTPATH, K8S_VOL_PVC,
};

struct k8s_vol_item {
	const char *key;
	const char *path;
	long mode;           /* items[].mode, or -1 */
	struct span span;
	struct span mode_span; /* items[].mode, when written */
};

struct k8s_volume {
	const char *name;
	enum k8s_vol_type type;
	const char *source;  /* secret / configMap name */
	long default_mode;   /* as written; -1: not written (Kubernetes then
				uses 0644); -2: not knowable (a compose
				secret file keeps its host mode) */
	int memory;          /* emptyDir medium: Memory */
	struct k8s_vol_item *items;
	size_t nitems;
	struct span span;
	struct span mode_span;
};

struct k8s_mount {
	const char *path;
	const char *volume;
	const char *sub_path;
	int read_only;
	const struct k8s_volume *vol; /* the pod volume, or NULL */
	struct span span;
};

/*
 * A CPU or memory amount from resources; set == 0 when not written or
 * not a valid quantity (then invalid == 1 and span points at it).
 */
struct k8s_amount {
	int set;
	int invalid;
	int64_t milli;       /* CPU: millicores (rounded up, as Kubernetes) */
	int64_t value;       /* memory: bytes */
	struct span span;
};

struct k8s_resources {
	struct k8s_amount cpu_limit, cpu_request, mem_limit, mem_request;
};

/* Pod and container securityContext merged: the container's wins. */
struct k8s_secctx {
	int run_as_user_set;
	long long run_as_user;
	int run_as_non_root;     /* -1 unset */
	int read_only_root;      /* -1 unset */
	const char **cap_add;    /* capabilities.add, as written */
	size_t ncap_add;
	struct span user_span, non_root_span, read_only_span;
};

enum k8s_from { K8S_FROM_KUBERNETES, K8S_FROM_COMPOSE };

struct k8s_launch {
	const char *id;          /* "deploy.yaml#Deployment/api/containers/api" */
	enum k8s_from from;
	const char *kind;        /* "Deployment"; compose: "service" */
	const char *workload;    /* metadata.name; compose: service name */
	const char *namespace;   /* metadata.namespace, or NULL */
	const char *container;   /* container name */
	int init;                /* an initContainer */
	const char *image;
	struct span span;        /* the container (service) node */
	struct span image_span;
	/* command + args after $(VAR) expansion; compose: entrypoint + command */
	struct k8s_word *argv;
	size_t argc;
	int has_command;         /* command/entrypoint written (else the image's) */
	int has_args;            /* args/command written */
	int via_shell;           /* "sh -c STRING": argv holds STRING's words */
	long gunicorn_at;        /* argv index of the word that is gunicorn's
				    argv[0] ("gunicorn" or "-m gunicorn"'s
				    module), or -1; its options are
				    argv[gunicorn_at + 1 .. gunicorn_end - 1] */
	size_t gunicorn_end;     /* argc, or where a shell operator (;, &&,
				    ||, |, &) ends gunicorn's command */
	struct k8s_env *env;     /* in the order they apply: envFrom, then env */
	size_t nenv;
	struct k8s_resources res;
	struct k8s_port *ports;
	size_t nports;
	struct k8s_probe *probes;
	size_t nprobes;
	struct k8s_mount *mounts;
	size_t nmounts;
	struct k8s_volume *volumes; /* the pod's */
	size_t nvolumes;
	struct k8s_secctx sec;
	long grace;              /* terminationGracePeriodSeconds (compose:
				    stop_grace_period), or -1: the default,
				    30 s in Kubernetes and 10 s in compose */
	struct span grace_span;
	long prestop;            /* seconds a preStop hook sleeps (counted in
				    the grace period), 0 when none is known */
	struct span prestop_span;
	const struct ydoc_node *labels; /* pod template labels (map) or NULL */
	const char *helm_source; /* Helm's "# Source: ..." line, or NULL */
	/* compose only */
	const char *build_context, *dockerfile;
	const char *user;
	struct span user_span;
	int shared_netns;        /* network_mode: service:X or container:X, so
				    another container reaches its loopback */
};

struct k8s_service_port {
	long port;
	long target;             /* targetPort number, or -1 */
	const char *target_name; /* named targetPort, or NULL */
	struct span span;
};

struct k8s_service {
	const char *name;
	const char *namespace; /* metadata.namespace, or NULL when not written */
	const struct ydoc_node *selector;
	struct k8s_service_port *ports;
	size_t nports;
	struct span span;
};

struct k8s_set {
	struct k8s_launch *launches;
	size_t nlaunches;
	/*
	 * Containers (services) whose command comes from the image: no
	 * command here and no sign of gunicorn.  The Dockerfile front-end
	 * decides whether they start gunicorn; rules skip them until then.
	 */
	struct k8s_launch *pending;
	size_t npending;
	struct k8s_service *services;
	size_t nservices;
	struct arena *arena;
	/* internal: documents waiting for k8s_finish() */
	const struct ydoc **docs_;
	size_t ndocs_;
};

/*
 * What the image says about its launch, from the Dockerfile front-end:
 * ENTRYPOINT and CMD as exec-form words (a shell form is the words
 * "/bin/sh", "-c", STRING), ENV in order, USER.
 */
struct k8s_image {
	const struct k8s_word *entrypoint;
	size_t nentrypoint;
	const struct k8s_word *cmd;
	size_t ncmd;
	const struct k8s_env *env;   /* origin is set to K8S_ENV_IMAGE */
	size_t nenv;
	const char *user;            /* USER, or NULL */
	struct span user_span;
};

struct k8s_set *k8s_new(void);
/*
 * Completes pending[i] with its image as the runtime does: the command
 * is ENTRYPOINT + (the container's args, else CMD) -- a command
 * (compose: entrypoint) written in the manifest would have replaced
 * both, and such containers are never pending -- the image's ENV comes
 * before the container's env, and a numeric USER is the user unless the
 * securityContext (compose: user) says otherwise.  Returns 1 when
 * gunicorn now shows: the launch moves to launches[] (pending[] closes
 * the gap); 0 when it stays pending, completed.
 */
int k8s_resolve_image(struct k8s_set *ks, size_t i, const struct k8s_image *img,
    struct findings *fs);
/* Appends a launch (or a pending one) to the set; takes over l's arrays. */
void k8s_push(struct k8s_set *ks, const struct k8s_launch *l, int pending);
/* Remembers the documents of a parsed file (ConfigMaps may be in another). */
void k8s_add_stream(struct k8s_set *ks, const struct ydoc_stream *ys);
/*
 * Reads every workload, Service and ConfigMap added so far into launches.
 * References that cannot be resolved from the inputs are info findings
 * (GL510), never guesses.
 */
void k8s_finish(struct k8s_set *ks, struct findings *fs);
void k8s_free(struct k8s_set *ks);

/* Whether a document looks like a Kubernetes object (apiVersion + kind). */
int k8s_is_object(const struct ydoc_node *root);

/*
 * Kubernetes' $(VAR) expansion (the kubelet's expansion package):
 * "$(NAME)" is replaced when lookup knows NAME, and kept as written when
 * it does not; "$$" is one "$"; any other "$" stays.  *unresolved is set
 * when a kept reference may have a value at run time that is not known
 * here.  Returns a new string (caller frees).
 *
 * A lookup returns the value, or NULL and sets *unknown when the
 * variable may exist with a value not known here (a Secret, an
 * unresolved ConfigMap, a Service link), or NULL with *unknown left 0
 * when it certainly does not exist.
 */
typedef const char *(*k8s_lookup_fn)(void *ctx, const char *name, size_t len,
    int *unknown);
/* The kubelet's view of a container's env (ctx: the k8s_launch so far). */
const char *k8s_kubelet_lookup(void *ctx, const char *name, size_t len,
    int *unknown);
/* A shell's view inside the container: the image may set more variables. */
const char *k8s_shell_lookup(void *ctx, const char *name, size_t len,
    int *unknown);
char *k8s_expand(const char *in, k8s_lookup_fn lookup, void *ctx,
    int *unresolved);

/*
 * Splits a shell command string into words as sh does for plain words,
 * quotes and backslashes.  With lookup, $NAME and ${NAME} outside single
 * quotes are replaced by known values (no field splitting); unknown ones
 * stay and mark the word unresolved.  Without lookup "$" is literal (as
 * in compose's string commands, which no shell reads).  Each word's span
 * is its exact bytes when the scalar is written plainly in sp, else sp.
 * Returns the count; *out is allocated from a.  -1 on an unclosed quote.
 */
long k8s_shell_split(struct arena *a, const char *s, struct span sp,
    k8s_lookup_fn lookup, void *ctx, struct k8s_word **out);
/*
 * Whether a node carries a local tag such as Emrichen's !Var or !Format:
 * a template expression whose value is not known until rendering.
 */
int k8s_template_tag(const struct ydoc_node *n);
/* Finds where gunicorn's argv starts in words; -1 when it is not there. */
long k8s_find_gunicorn(const struct k8s_word *w, size_t n);
/*
 * GL510 (info) for each ConfigMap or env file the launch reads that is
 * not in the inputs.  k8s_finish() and cmp_read() call it for launches;
 * pending ones are reported when k8s_resolve_image() makes them launches.
 */
void k8s_report_missing(const struct k8s_launch *l, struct findings *fs);
/* The last env entry called name (the one that wins), or NULL. */
const struct k8s_env *k8s_env_get(const struct k8s_launch *l, const char *name);

#endif
