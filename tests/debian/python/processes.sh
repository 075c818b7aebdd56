# SPDX-License-Identifier: MIT
# python3 -c with processes: subprocess (run, pipes, timeouts, signals, errors), os.fork with pipes and
# wait statuses, fork from a thread, os.exec*, and a multiprocessing pool.
set -e
python3 -c '
import os, subprocess, sys, signal
r = subprocess.run(["sh", "-c", "echo out; echo err >&2; exit 3"], capture_output=True, text=True)
print("run:", r.returncode, repr(r.stdout), repr(r.stderr))
print("check_output:", subprocess.check_output(["seq", "3"], text=True).split())
p = subprocess.Popen(["tr", "a-z", "A-Z"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
print("communicate:", p.communicate("through a pipe\n")[0].strip(), p.returncode)
p1 = subprocess.Popen(["seq", "1000"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["wc", "-l"], stdin=p1.stdout, stdout=subprocess.PIPE, text=True)
p1.stdout.close()
print("pipeline:", p2.communicate()[0].strip(), p1.wait())
try:
    subprocess.run(["sleep", "10"], timeout=0.3)
except subprocess.TimeoutExpired as e:
    print("timeout expired:", type(e).__name__)
p = subprocess.Popen(["sleep", "10"])
p.send_signal(signal.SIGUSR1)
print("killed by signal:", p.wait())
try:
    subprocess.run(["/nonexistent/tool"])
except FileNotFoundError as e:
    print("missing:", e.errno, e.strerror)
try:
    subprocess.check_call(["false"])
except subprocess.CalledProcessError as e:
    print("check_call:", e.returncode)
print("env passed:", subprocess.run(["sh", "-c", "echo $FOO"], env={"FOO": "bar", "PATH": os.environ["PATH"]}, capture_output=True, text=True).stdout.strip())
print("cwd:", subprocess.run(["pwd"], cwd="/usr/lib", capture_output=True, text=True).stdout.strip())
print("shell:", subprocess.run("echo $((6*7)) | cat", shell=True, capture_output=True, text=True).stdout.strip())
'
python3 -c '
import os, sys, threading
r, w = os.pipe()
kids = []
for i in range(3):
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.write(w, f"child {i}\n".encode())
        os._exit(i + 1)
    kids.append(pid)
os.close(w)
data = b""
while chunk := os.read(r, 100):
    data += chunk
print(sorted(data.decode().split("\n")[:-1]))
print("statuses", [os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in kids])
pid = os.fork()
if pid == 0:
    os.kill(os.getpid(), 9)
_, st = os.waitpid(pid, 0)
print("signaled", os.WIFSIGNALED(st), os.WTERMSIG(st))
pid = os.fork()
if pid == 0:
    os.execvp("sh", ["sh", "-c", "exit 12"])
print("exec status", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
res = {}
def fork_in_thread():
    p = os.fork()
    if p == 0:
        os._exit(threading.active_count())
    res["st"] = os.waitstatus_to_exitcode(os.waitpid(p, 0)[1])
t = threading.Thread(target=fork_in_thread); t.start(); t.join()
print("child of a thread has threads:", res["st"])
rd, wr = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(rd); os.write(wr, str(os.getppid()).encode()); os._exit(0)
os.close(wr); ppid = int(os.read(rd, 20)); os.waitpid(pid, 0)
print("child saw our pid as its parent:", ppid == os.getpid())
'
python3 -c '
import multiprocessing as mp
def sq(x): return x * x
if __name__ == "__main__":
    ctx = mp.get_context("fork")
    with ctx.Pool(2) as pool:
        print("pool map", pool.map(sq, range(10)))
    q = ctx.Queue()
    p = ctx.Process(target=q.put, args=("from a child process",))
    p.start(); print(q.get()); p.join(); print("exitcode", p.exitcode)
    v = ctx.Value("i", 0)
    def inc(v):
        for _ in range(100):
            with v.get_lock(): v.value += 1
    ps = [ctx.Process(target=inc, args=(v,)) for _ in range(3)]
    for p in ps: p.start()
    for p in ps: p.join()
    print("shared value", v.value)
'
