# SPDX-License-Identifier: MIT
# python3 -c with threads: a contended Lock giving an exact total, Condition producer/consumer, Event,
# Barrier, Semaphore, queue.Queue workers, ThreadPoolExecutor, thread-local data and native thread ids.
set -e
python3 -c '
import threading, queue, concurrent.futures as cf

total = 0
lock = threading.Lock()
def add(n):
    global total
    for _ in range(n):
        with lock:
            total += 1
ts = [threading.Thread(target=add, args=(5000,)) for _ in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print("locked total", total)

cond = threading.Condition()
items, done = [], []
def consumer():
    got = 0
    while got < 50:
        with cond:
            cond.wait_for(lambda: items)
            items.pop(0)
            got += 1
    done.append(got)
c = threading.Thread(target=consumer); c.start()
for i in range(50):
    with cond:
        items.append(i)
        cond.notify()
c.join()
print("consumer got", done[0], "left", len(items))

ev = threading.Event()
seen = []
ws = [threading.Thread(target=lambda i=i: (ev.wait(), seen.append(i))) for i in range(4)]
for w in ws: w.start()
print("before set", len(seen))
ev.set()
for w in ws: w.join()
print("after set", sorted(seen))
print("wait with timeout on a clear event:", threading.Event().wait(0.05))

order = []
bar = threading.Barrier(3, action=lambda: order.append("|"))
def phase(i):
    order.append("a")
    bar.wait()
    order.append("b")
ps = [threading.Thread(target=phase, args=(i,)) for i in range(3)]
for p in ps: p.start()
for p in ps: p.join()
print("barrier order", "".join(x[0] for x in order))

sem = threading.BoundedSemaphore(2)
inside, peak = 0, 0
mtx = threading.Lock()
def limited():
    global inside, peak
    with sem:
        with mtx:
            inside += 1; peak = max(peak, inside)
        threading.Event().wait(0.01)
        with mtx:
            inside -= 1
ls = [threading.Thread(target=limited) for _ in range(6)]
for t in ls: t.start()
for t in ls: t.join()
print("semaphore peak <= 2:", peak <= 2)

q = queue.Queue()
out = queue.Queue()
def worker():
    while True:
        x = q.get()
        if x is None:
            q.task_done(); return
        out.put(x * x); q.task_done()
wk = [threading.Thread(target=worker) for _ in range(3)]
for w in wk: w.start()
for i in range(20): q.put(i)
for _ in wk: q.put(None)
q.join()
for w in wk: w.join()
print("queue squares sum", sum(out.get() for _ in range(20)))

with cf.ThreadPoolExecutor(max_workers=4) as ex:
    print("pool", list(ex.map(lambda n: sum(range(n)), [10, 100, 1000, 10000])))
    f = ex.submit(lambda: 1 / 0)
    print("pool exception", type(f.exception()).__name__)

local = threading.local()
res = {}
def tl(i):
    local.v = i
    threading.Event().wait(0.01)
    res[i] = local.v
tt = [threading.Thread(target=tl, args=(i,), name=f"t{i}") for i in range(5)]
for t in tt: t.start()
for t in tt: t.join()
print("thread-local kept", res == {i: i for i in range(5)}, [t.name for t in tt])

ids = []
idl = threading.Lock()
def nid():
    with idl: ids.append((threading.get_ident(), threading.get_native_id()))
    bar2.wait()
bar2 = threading.Barrier(4)
nt = [threading.Thread(target=nid) for _ in range(4)]
for t in nt: t.start()
for t in nt: t.join()
import os
print("native ids unique", len({n for _, n in ids}) == 4, "differ from pid", all(n != os.getpid() for _, n in ids))
print("main native id is the pid", threading.get_native_id() == os.getpid())
print("threads alive at end", threading.active_count())
'
