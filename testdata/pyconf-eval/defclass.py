def on_starting(server):
    server.log.info("starting")
    for i in range(10):
        pass

def post_fork(server, worker):
    worker.x = {"a": [1, 2]}

class Config:
    workers = 99

    def method(self):
        return 1

when_ready = lambda server: None
workers = 2
async def other():
    pass
