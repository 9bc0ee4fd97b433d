/*
 * orch.h: the orchestration rules (GL250-GL254 resources, GL5xx
 * Kubernetes and compose) over a container launch: its front record
 * (l->k8s, l->k8s_set) and the settings gunicorn runs with, read from the
 * launch model.  The check tables are rules_orch[] and rules_orch_env[]
 * (rules.h).  Rules never print.
 */
#ifndef GL_ORCH_H
#define GL_ORCH_H

/* Tunables (from .gunilint.yaml, key orch.per_worker_mib). */
struct orch_opts {
	long per_worker_mib;  /* memory one worker is assumed to use */
	long arbiter_mib;     /* and the arbiter process */
};
#define ORCH_PER_WORKER_MIB 128
#define ORCH_ARBITER_MIB 64

void orch_opts_default(struct orch_opts *o);

#endif
