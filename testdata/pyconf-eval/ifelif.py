# env: ENVIRONMENT=staging
import os
env = os.environ.get("ENVIRONMENT", "production")
if env == "production":
    workers = 8
    loglevel = "warning"
elif env == "staging":
    workers = 4
    loglevel = "info"
else:
    workers = 1
    loglevel = "debug"
if not workers:
    reload = True
