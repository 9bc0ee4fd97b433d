import os
os.environ.setdefault("APP_PORT", "7000")
port = os.environ["APP_PORT"]
os.environ["LEVEL"] = "debug"
loglevel = os.getenv("LEVEL")
first = os.environ.setdefault("APP_PORT", "1")
