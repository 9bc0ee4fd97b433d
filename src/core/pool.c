/*
 * pool.c: runs n independent jobs on up to `jobs` threads (the caller's
 * among them) and returns when all are done.  The jobs take the next
 * index from one atomic counter, so a slow file does not hold up the
 * others; what each job produces is the caller's to put in order.
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <unistd.h>

#include "core.h"

struct pool {
	void (*fn)(void *arg, size_t i);
	void *arg;
	size_t n;
	atomic_size_t next;
};

static void *
worker(void *p)
{
	struct pool *pl = p;
	size_t i;

	while ((i = atomic_fetch_add(&pl->next, 1)) < pl->n)
		pl->fn(pl->arg, i);
	return NULL;
}

void
pool_run(size_t n, int jobs, void (*fn)(void *arg, size_t i), void *arg)
{
	pthread_t tid[POOL_MAX_JOBS];
	struct pool pl;
	size_t want, k, started = 0;

	pl.fn = fn;
	pl.arg = arg;
	pl.n = n;
	atomic_init(&pl.next, 0);
	want = jobs > 1 ? (size_t)jobs : 1;
	if (want > POOL_MAX_JOBS)
		want = POOL_MAX_JOBS;
	if (want > n)
		want = n;
	/* a thread that cannot start leaves its share to the others */
	for (k = 1; k < want; k++)
		if (pthread_create(&tid[started], NULL, worker, &pl) == 0)
			started++;
	worker(&pl);
	for (k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
}

int
pool_cpus(void)
{
	cpu_set_t set;
	long n;

	/* the CPUs this process may run on (a container's cpuset), not the
	 * machine's */
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}
