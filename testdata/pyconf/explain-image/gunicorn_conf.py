import multiprocessing
import os

workers_per_core = float(os.getenv("WORKERS_PER_CORE", "1"))
web_concurrency = os.getenv("WEB_CONCURRENCY")
host = os.getenv("HOST", "0.0.0.0")
port = os.getenv("PORT", "80")

if web_concurrency:
    workers = int(web_concurrency)
else:
    workers = max(int(workers_per_core * multiprocessing.cpu_count()), 2)
bind = f"{host}:{port}"
keepalive = 120
worker_class = "uvicorn_worker.UvicornWorker"


def on_starting(server):
    server.log.info("starting")
