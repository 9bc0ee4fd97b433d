bind = ["0.0.0.0:8000", "[::]:8000"]
raw_env = ("A=1", "B=2",)
headers = {"X-FORWARDED-PROTO": "https", 'X-A': 1, 2: [3]}
first = bind[0]
last = bind[-1]
part = bind[0][:7]
rev = raw_env[::-1]
val = headers["X-A"]
nested = [[1, 2], (3,), {}]
empty = [], (), {}
star = [*bind, "x"]
merged = {**headers, "X-A": 2}
