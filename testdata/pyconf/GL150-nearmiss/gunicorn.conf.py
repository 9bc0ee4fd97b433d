import os

bind = "0.0.0.0:8000"
# the deployment says how many
workers = int(os.environ.get("WEB_CONCURRENCY", "5"))
