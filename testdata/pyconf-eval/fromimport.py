# cpus: 3
from multiprocessing import cpu_count
from os import environ, getenv
import os.path
import multiprocessing as mp
workers = cpu_count() + mp.cpu_count()
port = environ.get("PORT", "80")
host = getenv("HOST", "localhost")
count = cpu_count
n = count()
