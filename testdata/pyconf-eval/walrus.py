import os
if (port := os.environ.get("PORT", "8000")):
    bind = "0.0.0.0:" + port
