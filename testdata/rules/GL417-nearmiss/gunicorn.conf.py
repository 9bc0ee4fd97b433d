workers = 2
accesslog = "-"
