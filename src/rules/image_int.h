/*
 * image.h: the container-image rules (GL4xx).  img_check() needs only the
 * Dockerfile model and runs once per file; the rules that need the
 * effective settings of the image's gunicorn launch are the image
 * family, rules_image[] (rules.h).  Rules never print: they add findings.
 */
#ifndef GL_RULES_IMAGE_H
#define GL_RULES_IMAGE_H

#include <stddef.h>

#include "../core/core.h"
#include "front/front.h"

/*
 * Rules that need only the Dockerfile model: GL401-GL406, GL409,
 * GL411, GL412, GL418, and GL407 and GL410 for an image that runs
 * uvicorn itself (it has no gunicorn settings).
 */
void img_check(const struct df_file *df, struct findings *fs);

/* The package a worker class is imported from ("uvicorn"), or NULL. */
const char *img_worker_package(const char *worker_class);
/*
 * 1 when installing pkg (with these comma-separated extras, may be NULL)
 * brings package `name` as a declared dependency: uvicorn-worker brings
 * uvicorn and gunicorn, gunicorn[gevent] brings gevent.
 */
int img_pkg_brings(const char *pkg, const char *extras, const char *name);

/* The port of a gunicorn bind address; 0 for unix:/fd:// or no port. */
unsigned img_bind_port(const char *bind, int *loopback);

#endif
