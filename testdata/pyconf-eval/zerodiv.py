threads = 4
workers = 8 // (threads - 4)
