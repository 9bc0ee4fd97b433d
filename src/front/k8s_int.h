/*
 * k8s_int.h: declarations shared by the Kubernetes and compose front-end
 * files and nobody else.
 */
#ifndef GL_K8S_INT_H
#define GL_K8S_INT_H

#include "front/front.h"

typedef VEC(struct k8s_word) k8s_wordvec;

void k8s_launch_release(struct k8s_launch *l);
void k8s_read_resources(struct k8s_set *ks, const struct ydoc_node *c,
    struct k8s_launch *l);
void k8s_read_env(struct k8s_set *ks, const struct ydoc_node *c,
    struct k8s_launch *l);
void k8s_read_container(struct k8s_set *ks, const struct ydoc_node *pod,
    const struct ydoc_node *c, struct k8s_launch *l);
void k8s_read_service(struct k8s_set *ks, const struct ydoc_node *obj);
/* The ConfigMaps of a document into the set's index; the index freed. */
void k8s_collect_configmaps(struct k8s_set *ks, const struct ydoc_node *obj,
    int depth);
void k8s_configmaps_free(struct k8s_set *ks);
/* A scalar's text copied into the set's arena ("" when absent). */
const char *k8s_dup(struct k8s_set *ks, const struct ydoc_node *n);
/*
 * A map's entries copied into the set's arena; with scalar_keys, only
 * those whose key is a scalar (the others are never found by name).
 */
void k8s_pairs_from(struct k8s_set *ks, const struct ydoc_node *map,
    int scalar_keys, struct k8s_pairs *out);
/* An integer field, or dflt when absent or not an integer. */
long k8s_long(const struct ydoc_node *n, long dflt);
/* "sh -c STRING": replaces argv by STRING's words; 1 if it did. */
int k8s_unwrap_shell(struct k8s_set *ks, struct k8s_launch *l);
/* Sets gunicorn_at and gunicorn_end, looking inside "sh -c" if needed. */
void k8s_locate_gunicorn(struct k8s_set *ks, struct k8s_launch *l);
void k8s_add_env(struct k8s_launch *l, const struct k8s_env *e);

/* A resource quantity node (Kubernetes or compose) as an amount with its span. */
void k8s_amount_parse(const struct ydoc_node *n, struct k8s_amount *a);

#endif
