/*
 * orch_int.h: helpers shared by the orchestration rule files only.  The
 * checks read the container record through l->k8s and gunicorn's
 * effective settings through the model's accessors; orch_known() says
 * which of those values they may judge.
 */
#ifndef GL_ORCH_INT_H
#define GL_ORCH_INT_H

#include "gunicorn/gunicorn.h"
#include "rules/orch_opts_int.h"
#include "rules/rules_int.h"

/* a when it has a location, else b. */
struct span orch_pick(struct span a, struct span b);
/* Adds a finding tagged with the launch's id. */
struct finding *orch_add(struct findings *fs, const struct k8s_launch *l,
    const char *id, struct span sp, const char *fmt, ...) GL_PRINTF(5, 6);

/*
 * Whether the rules may judge setting `name` of launch l: it has a
 * value, and that value is not one of gunicorn's defaults while
 * something gunilint cannot read may set it (a ConfigMap or env file
 * that is not among the inputs may carry GUNICORN_CMD_ARGS or PORT; a
 * config file chosen with -c may set anything).
 */
int orch_known(const struct gl_launch *l, const char *name);
/* Where setting `name` was set last; an empty span for a default. */
struct span orch_span(const struct gl_launch *l, const char *name);

/* The number of items of the bind list, 0 when it is not known. */
size_t orch_nbinds(const struct gl_launch *l);
/*
 * Item i of a known bind list as bind_parse() reads it, and the --bind
 * that gave it (sp may be NULL).  -1 when the item is not a string or its
 * port is not a number: gunicorn would not bind it.
 */
int orch_bind_at(const struct gl_launch *l, size_t i, struct bind_addr *b,
    struct span *sp);
/* Whether port is a TCP port of one of gunicorn's binds. */
int orch_binds_port(const struct gl_launch *l, long port);
/* The TCP bind ports as "8000, 8443" (caller frees). */
char *orch_bind_ports(const struct gl_launch *l);
/* Whether there is at least one TCP bind (so port rules can judge). */
int orch_has_tcp_bind(const struct gl_launch *l);

/* The mount whose path holds file (longest match), or NULL. */
const struct k8s_mount *orch_mount_for(const struct k8s_launch *l,
    const char *file);

/* The checks of the tables in orch.c, one per rule file. */
void orch_resources(const struct gl_launch *l, struct findings *fs);
void orch_net(const struct gl_launch *l, struct findings *fs);
void orch_files(const struct gl_launch *l, struct findings *fs);

#endif
