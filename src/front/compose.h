/*
 * compose.h: the docker compose front-end.  Each service becomes a
 * k8s_launch (from = K8S_FROM_COMPOSE) in a k8s_set: environment and
 * env_file, entrypoint + command, build, resources, ports, secrets,
 * volumes, healthcheck, user.  Services that build or name an image and
 * show no gunicorn in their command are pending: the Dockerfile
 * front-end decides.
 */
#ifndef GL_COMPOSE_H
#define GL_COMPOSE_H

#include "k8s.h"
#include "yamldoc.h"

/* Whether a document looks like a compose file (a "services" map). */
int cmp_is_compose(const struct ydoc_node *root);
/*
 * Reads the services of every document of ys into ks.  env_file paths
 * are read relative to dir (the compose file's directory); an env file
 * that cannot be read is a GL510 finding.
 */
void cmp_read(struct k8s_set *ks, const struct ydoc_stream *ys,
    const char *dir, struct findings *fs);

/* Compose durations ("1m30s", "10s", "1h", "500ms") in whole seconds, rounded up; -1 if bad. */
long cmp_duration(const char *s);
/* Compose byte sizes ("512m", "1gb", "1024"): binary multiples; -1 if bad. */
long long cmp_bytes(const char *s);

#endif
