# cpus: 4
import multiprocessing
import os
workers = multiprocessing.cpu_count() * 2 + 1
threads = os.cpu_count()
affinity = len(os.sched_getaffinity(0))
capped = min(os.cpu_count(), 3)
