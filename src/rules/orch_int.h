/*
 * orch_int.h: helpers shared by the orchestration rule files only.
 */
#ifndef GL_ORCH_INT_H
#define GL_ORCH_INT_H

#include "orch.h"

/* a when it has a location, else b. */
struct span orch_pick(struct span a, struct span b);
/* Adds a finding tagged with the launch's id. */
struct finding *orch_add(struct findings *fs, const struct k8s_launch *l,
    const char *id, struct span sp, const char *fmt, ...) GL_PRINTF(5, 6);
/* Whether port is a TCP port of one of gunicorn's binds. */
int orch_binds_port(const struct orch_gunicorn *g, long port);
/* The TCP bind ports as "8000, 8443" (caller frees). */
char *orch_bind_ports(const struct orch_gunicorn *g);
/* Whether g has at least one TCP bind (so port rules can judge). */
int orch_has_tcp_bind(const struct orch_gunicorn *g);
/* The mount whose path holds file (longest match), or NULL. */
const struct k8s_mount *orch_mount_for(const struct k8s_launch *l,
    const char *file);

#endif
