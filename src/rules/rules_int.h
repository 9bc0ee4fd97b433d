/* rules.h: internal to src/rules: the check tables of each rule family. */
#ifndef GL_RULES_H
#define GL_RULES_H

#include "rules/rules.h"

/* A C check and the ids of every rule it may report (space-separated). */
struct rule_check {
	const char *ids;
	void (*run)(const struct gl_launch *l, struct findings *fs);
};

/* Each family's table ends with { NULL, NULL }. */
extern const struct rule_check rules_parse[];
extern const struct rule_check rules_options[];
extern const struct rule_check rules_bind[];
extern const struct rule_check rules_workers[];
extern const struct rule_check rules_tls[];
extern const struct rule_check rules_orch[];     /* orch.c */
extern const struct rule_check rules_orch_env[]; /* orch.c */
extern const struct rule_check rules_image[];    /* image.c */
extern const struct rule_check rules_config[];   /* rules_config.c */
extern const struct rule_check rules_procs[];    /* procs.c */
extern const struct rule_check rules_deps[];     /* deps.c */
extern const struct rule_check rules_systemd[];  /* rules_systemd.c */

/*
 * Whether the launch names a config file with -c (or GUNICORN_CMD_ARGS)
 * that gunilint could not read: it may set any setting (run.c).
 */
int rules_config_unread(const struct gl_launch *l);

#endif
