/*
 * tls_launch.h: a launch's effective TLS settings as a tls_settings record
 * (for `check` through the rules engine, and for `probe` on launch inputs).
 */
#ifndef GL_TLS_LAUNCH_H
#define GL_TLS_LAUNCH_H

#include "rules/engine.h"
#include "tls.h"

/* Only values the user gave are set; each keeps the span that set it. */
void tls_settings_from_launch(const struct lint_launch *l,
    struct tls_settings *ts);

#endif
