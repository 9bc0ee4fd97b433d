if True:
    workers = 2
  threads = 3
