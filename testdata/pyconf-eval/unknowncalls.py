# runtime: socket hostname proc_name data fh
import socket
hostname = socket.gethostname()
proc_name = "app-" + hostname
with open("/dev/null") as fh:
    data = fh.read()
workers = 3
