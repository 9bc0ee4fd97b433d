# env: WORKERS=two
import os
workers = int(os.environ.get("WORKERS", "1"))
