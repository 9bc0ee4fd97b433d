# runtime: i bind total
bind = []
for i in ["a", "b"]:
    bind.append(i)
total = 0
while total < 3:
    total += 1
for nothing in []:
    never = 1
else:
    done = True
