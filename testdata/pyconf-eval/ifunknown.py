# runtime: certfile keyfile bind path
import os
bind = "0.0.0.0:80"
if os.path.exists("/etc/ssl/server.key"):
    certfile = "/etc/ssl/server.crt"
    keyfile = "/etc/ssl/server.key"
    bind = "0.0.0.0:443"
timeout = 30
path = os.path.join("/a", "b")
