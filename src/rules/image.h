/*
 * image.h: the container-image rules (GL4xx).  img_check() needs only the
 * Dockerfile model; img_check_settings() takes the effective settings of
 * the image's launch in a small struct the launch model fills in.
 * Rules never print: they add findings.
 */
#ifndef GL_RULES_IMAGE_H
#define GL_RULES_IMAGE_H

#include <stddef.h>

#include "../core/core.h"
#include "../front/dockerfile.h"

/*
 * The environment variables gunicorn itself reads (one table; the
 * near-miss rule and the launch model use it).  NULL-terminated.
 */

/* Rules that need only the Dockerfile model: GL401-GL412, GL417. */
void img_check(const struct df_file *df, struct findings *fs);

/*
 * Effective settings of the image's launch as the launch model computed
 * them.  Strings are gunicorn's values ("0.0.0.0:8000", "unix:/tmp/s");
 * spans say where each was set (src NULL: gunicorn's default).
 */
struct img_settings {
	const char *const *binds;   /* effective bind list */
	size_t nbinds;
	int bind_is_default;        /* nothing set bind: 127.0.0.1:8000, or 0.0.0.0:$PORT */
	struct span bind_span;
	const char *worker_class;   /* NULL: sync */
	const char *certfile, *keyfile;
};

/*
 * Rules over effective settings in the image context: GL413.  Binds that
 * nothing outside can reach, privileged ports and --reload are the
 * settings rules' (GL140-GL142, GL110), which run on every launch.
 */
void img_check_settings(const struct df_file *df, const struct img_settings *st,
    struct findings *fs);

/* The port of a gunicorn bind address; 0 for unix:/fd:// or no port. */
unsigned img_bind_port(const char *bind, int *loopback);

#endif
