# env: MODE=prod
import os
mode = os.environ["MODE"] if "MODE" in os.environ else "dev"
other = os.environ["NOPE"] if "NOPE" in os.environ else "fallback"
workers = 4 if mode == "prod" else 1
loglevel = "debug" if workers < 2 else "info"
