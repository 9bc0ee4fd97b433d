name = __name__
if __name__ == "__main__":
    workers = 100
else:
    workers = 2
