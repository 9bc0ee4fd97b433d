workers = 2
bind = "0.0.0.0:%d" % 80
