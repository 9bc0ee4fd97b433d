workers = 2
bind = "0.0.0.0:80
