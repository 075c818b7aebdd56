# SPDX-License-Identifier: MIT
# python3 -c with signal and time: handlers, os.kill to self, alarm and setitimer, pthread_sigmask with
# sigpending and sigwait, SIG_IGN across exec, a signal interrupting a sleep, monotonic and wall clocks.
set -e
python3 -c '
import os, signal, time, subprocess
hits = []
signal.signal(signal.SIGUSR1, lambda s, f: hits.append(s))
for _ in range(3): os.kill(os.getpid(), signal.SIGUSR1)
print("USR1 handled", len(hits), "times, signum", hits[0] == signal.SIGUSR1)
fired = []
signal.signal(signal.SIGALRM, lambda s, f: fired.append("alarm"))
signal.alarm(1)
t0 = time.monotonic()
while not fired: signal.pause()
print("alarm fired after >= 0.9s:", time.monotonic() - t0 >= 0.9)
ticks = []
signal.signal(signal.SIGALRM, lambda s, f: ticks.append(1))
signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
while len(ticks) < 3: signal.pause()
signal.setitimer(signal.ITIMER_REAL, 0)
print("interval timer ticks", len(ticks) >= 3, "remaining", signal.getitimer(signal.ITIMER_REAL))
old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR2})
os.kill(os.getpid(), signal.SIGUSR2)
print("pending", sorted(s.name for s in signal.sigpending()))
print("sigwait", signal.sigwait({signal.SIGUSR2}).name)
signal.pthread_sigmask(signal.SIG_SETMASK, old)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
r = subprocess.run(["sh", "-c", "kill -TERM $$; echo survived"], capture_output=True, text=True)
print("ignored TERM inherited:", r.stdout.strip())
signal.signal(signal.SIGTERM, signal.SIG_DFL)
print("default TERM:", subprocess.run(["sh", "-c", "kill -TERM $$"]).returncode)
class Interrupted(Exception): pass
def h(s, f): raise Interrupted()
signal.signal(signal.SIGALRM, h)
signal.setitimer(signal.ITIMER_REAL, 0.1)
try:
    time.sleep(5); print("slept through")
except Interrupted:
    print("sleep interrupted by a handler that raised")
print("getsignal", signal.getsignal(signal.SIGINT) is signal.default_int_handler, signal.getsignal(signal.SIGTERM))
print("strsignal", signal.strsignal(signal.SIGSEGV))
'
python3 -c '
import time
t0, p0 = time.monotonic(), time.perf_counter()
time.sleep(0.2)
print("monotonic advanced >= 0.2:", time.monotonic() - t0 >= 0.2, time.perf_counter() - p0 >= 0.2)
print("time is after 2020:", time.time() > 1577836800, "ns clock agrees:", abs(time.time_ns() / 1e9 - time.time()) < 5)
print(time.strftime("%Y-%m-%d %H:%M:%S %A %j", time.gmtime(1e9)))
print(time.asctime(time.gmtime(0)), time.timezone, time.tzname)
print("struct", tuple(time.strptime("2024-02-29 13:14:15", "%Y-%m-%d %H:%M:%S"))[:7])
print("process time is small and >= 0:", 0 <= time.process_time() < 60, "thread time:", time.thread_time() >= 0)
print("clock ids", time.clock_gettime(time.CLOCK_MONOTONIC) > 0, time.clock_getres(time.CLOCK_MONOTONIC) <= 1e-3)
'
