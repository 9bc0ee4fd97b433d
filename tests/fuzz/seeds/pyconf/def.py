def on_starting(server):
    pass
@dec
class C:
    pass
f = lambda x=1: x
a, *b = [1, 2, 3]
c = {**{"a": 1}, "b": [i for i in b]}
