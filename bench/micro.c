// SPDX-License-Identifier: MIT
// Micro-benchmarks of system calls, memory management, signals and processes, one per run:
//   micro NAME      run one benchmark, print "BENCH NAME <ns_per_op>"
//   micro --list    print the names
// Built static with musl (/bench/bin/micro) and with glibc (/bench/bin/micro-glibc, for brk).
// Loop counts are sized so that each benchmark takes about 0.3 s of guest time on Linux under
// -icount shift=0 (see bench.h for the time cap and quick mode).
#include "bench.h"

#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <poll.h>
#include <sys/epoll.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/ioctl.h>

extern char **environ;

#define TMPDIR "/tmp/bench-micro"
#define FILE_PATH TMPDIR "/file"
#define FILE_SIZE (1 << 20)
#define NOP_PATH "/bench/bin/nop"

static int g_fd = -1, g_fd2 = -1;
static char g_buf[65536] __attribute__((aligned(4096)));
static void *g_map;
static volatile long g_sig_count;

static void make_tmpdir(void) {
    if (mkdir(TMPDIR, 0755) != 0 && errno != EEXIST) bench_fail("mkdir %s", TMPDIR);
}

static void make_file(void) {
    make_tmpdir();
    int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644);
    BENCH_CHECK(fd >= 0);
    memset(g_buf, 'x', sizeof g_buf);
    for (int i = 0; i < FILE_SIZE / (int)sizeof g_buf; i++) BENCH_CHECK(write(fd, g_buf, sizeof g_buf) == sizeof g_buf);
    close(fd);
}

static void wait_child_ok(pid_t pid) {
    int st;
    BENCH_CHECK(waitpid(pid, &st, 0) == pid);
    BENCH_CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

// ---- System-call entry and the clocks -----------------------------------------------------------

static void op_getpid(long k) {
    for (long i = 0; i < k; i++) BENCH_CHECK(getpid() > 0);
}
static void op_getppid(long k) {
    for (long i = 0; i < k; i++) BENCH_CHECK(getppid() >= 0);
}
static void op_uname(long k) {
    struct utsname u;
    for (long i = 0; i < k; i++) BENCH_CHECK(uname(&u) == 0);
}
static void op_clock_mono(long k) {
    struct timespec ts;
    for (long i = 0; i < k; i++) BENCH_CHECK(clock_gettime(CLOCK_MONOTONIC, &ts) == 0);
}
static void op_clock_real(long k) {
    struct timespec ts;
    for (long i = 0; i < k; i++) BENCH_CHECK(clock_gettime(CLOCK_REALTIME, &ts) == 0);
}
static void op_gettimeofday(long k) {
    struct timeval tv;
    for (long i = 0; i < k; i++) BENCH_CHECK(gettimeofday(&tv, NULL) == 0);
}
static void op_sched_yield(long k) {
    for (long i = 0; i < k; i++) BENCH_CHECK(sched_yield() == 0);
}
#define FUTEX_WAKE_PRIVATE_OP (1 | 128)   // FUTEX_WAKE | FUTEX_PRIVATE_FLAG (no <linux/futex.h> with musl)
static void op_futex_wake(long k) {
    static int word;   // no waiters: the wake finds nobody
    for (long i = 0; i < k; i++) BENCH_CHECK(syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE_OP, 1, 0, 0, 0) == 0);
}

// ---- File descriptors and files ------------------------------------------------------------------

static void op_read1(long k) {
    char c;
    for (long i = 0; i < k; i++) BENCH_CHECK(read(g_fd, &c, 1) >= 0);
}
static void op_write1(long k) {
    char c = 'x';
    for (long i = 0; i < k; i++) BENCH_CHECK(write(g_fd, &c, 1) == 1);
}
static void op_pread4k(long k) {
    for (long i = 0; i < k; i++) BENCH_CHECK(pread(g_fd, g_buf, 4096, (i & 255) * 4096) == 4096);
}
static void op_pwrite4k(long k) {
    for (long i = 0; i < k; i++) BENCH_CHECK(pwrite(g_fd, g_buf, 4096, (i & 255) * 4096) == 4096);
}
static void op_pread64k(long k) {
    for (long i = 0; i < k; i++) BENCH_CHECK(pread(g_fd, g_buf, 65536, (i & 15) * 65536) == 65536);
}
static void op_open_close(long k) {
    for (long i = 0; i < k; i++) {
        int fd = open(FILE_PATH, O_RDONLY);
        BENCH_CHECK(fd >= 0);
        close(fd);
    }
}
static void op_open_enoent(long k) {
    for (long i = 0; i < k; i++) BENCH_CHECK(open(TMPDIR "/missing", O_RDONLY) < 0 && errno == ENOENT);
}
static void op_stat(long k) {
    struct stat st;
    for (long i = 0; i < k; i++) BENCH_CHECK(stat(FILE_PATH, &st) == 0);
}
static void op_fstat(long k) {
    struct stat st;
    for (long i = 0; i < k; i++) BENCH_CHECK(fstat(g_fd, &st) == 0);
}
static void op_statx(long k) {
    // musl 1.2.3 has no statx() wrapper: the raw call, with a buffer the size of struct statx.
    static unsigned long long stx[32];
    for (long i = 0; i < k; i++)
        BENCH_CHECK(syscall(332 /* SYS_statx */, AT_FDCWD, FILE_PATH, 0, 0x7ffU /* STATX_BASIC_STATS */, stx) == 0);
}
static void op_getdents(long k) {
    for (long i = 0; i < k; i++) {
        BENCH_CHECK(lseek(g_fd, 0, SEEK_SET) == 0);
        long entries = 0, n;
        while ((n = syscall(SYS_getdents64, g_fd, g_buf, sizeof g_buf)) > 0) {
            for (long off = 0; off < n;) {
                unsigned short reclen = *(unsigned short *)(g_buf + off + 16);
                off += reclen;
                entries++;
            }
        }
        BENCH_CHECK(n == 0 && entries == 102);
    }
}
static void op_dup_close(long k) {
    for (long i = 0; i < k; i++) {
        int fd = dup(g_fd);
        BENCH_CHECK(fd >= 0);
        close(fd);
    }
}
static void op_fcntl_getfl(long k) {
    for (long i = 0; i < k; i++) BENCH_CHECK(fcntl(g_fd, F_GETFL) >= 0);
}
static void op_lseek(long k) {
    for (long i = 0; i < k; i++) BENCH_CHECK(lseek(g_fd, (i & 255) * 512, SEEK_SET) == (i & 255) * 512);
}
static void op_creat_unlink(long k) {
    for (long i = 0; i < k; i++) {
        int fd = open(TMPDIR "/new", O_WRONLY | O_CREAT | O_EXCL, 0644);
        BENCH_CHECK(fd >= 0);
        close(fd);
        BENCH_CHECK(unlink(TMPDIR "/new") == 0);
    }
}
static void op_mkdir_rmdir(long k) {
    for (long i = 0; i < k; i++) {
        BENCH_CHECK(mkdir(TMPDIR "/newdir", 0755) == 0);
        BENCH_CHECK(rmdir(TMPDIR "/newdir") == 0);
    }
}
static void op_pipe_create(long k) {
    int p[2];
    for (long i = 0; i < k; i++) {
        BENCH_CHECK(pipe(p) == 0);
        close(p[0]);
        close(p[1]);
    }
}
static void op_poll_pipe(long k) {
    struct pollfd pfd = {.fd = g_fd, .events = POLLIN};
    for (long i = 0; i < k; i++) BENCH_CHECK(poll(&pfd, 1, 0) == 1);
}

// A level-triggered item on a readable pipe: every call re-polls it and reports it.
static void op_epoll_wait_pipe(long k) {
    struct epoll_event ev;
    for (long i = 0; i < k; i++) BENCH_CHECK(epoll_wait(g_fd, &ev, 1, 0) == 1);
}

static void bench_dev_rw(const char *name, const char *path, int write_mode, long n) {
    g_fd = open(path, write_mode ? O_WRONLY : O_RDONLY);
    if (g_fd < 0) bench_fail("open %s", path);
    bench_loop(name, n, 1, write_mode ? op_write1 : op_read1);
}

static void bench_file(const char *name, long n, void (*op)(long)) {
    make_file();
    g_fd = open(FILE_PATH, O_RDWR);
    BENCH_CHECK(g_fd >= 0);
    bench_loop(name, n, 1, op);
}

static void bench_getdents(const char *name, long n) {
    make_tmpdir();
    const char *dir = TMPDIR "/dir100";
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) bench_fail("mkdir");
    char path[128];
    for (int i = 0; i < 100; i++) {
        snprintf(path, sizeof path, "%s/entry-%03d", dir, i);
        int fd = open(path, O_WRONLY | O_CREAT, 0644);
        BENCH_CHECK(fd >= 0);
        close(fd);
    }
    g_fd = open(dir, O_RDONLY | O_DIRECTORY);
    BENCH_CHECK(g_fd >= 0);
    bench_loop(name, n, 1, op_getdents);
}

static void bench_poll_pipe(const char *name, long n) {
    int p[2];
    BENCH_CHECK(pipe(p) == 0);
    BENCH_CHECK(write(p[1], "x", 1) == 1);
    g_fd = p[0];
    bench_loop(name, n, 1, op_poll_pipe);
}

static void bench_epoll_wait_pipe(const char *name, long n) {
    int p[2];
    BENCH_CHECK(pipe(p) == 0);
    BENCH_CHECK(write(p[1], "x", 1) == 1);
    g_fd = epoll_create1(0);
    BENCH_CHECK(g_fd >= 0);
    struct epoll_event ev = {.events = EPOLLIN};
    BENCH_CHECK(epoll_ctl(g_fd, EPOLL_CTL_ADD, p[0], &ev) == 0);
    bench_loop(name, n, 1, op_epoll_wait_pipe);
}

// ---- Memory --------------------------------------------------------------------------------------

static void op_mmap_munmap(long k) {
    for (long i = 0; i < k; i++) {
        void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        BENCH_CHECK(p != MAP_FAILED);
        BENCH_CHECK(munmap(p, 4096) == 0);
    }
}
static void op_mprotect(long k) {
    for (long i = 0; i < k; i++) BENCH_CHECK(mprotect(g_map, 4096, (i & 1) ? PROT_READ | PROT_WRITE : PROT_READ) == 0);
}
#define FAULT_BYTES (16L << 20)
static void op_pagefault(long k) {
    for (long i = 0; i < k; i++) {
        char *p = mmap(NULL, FAULT_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        BENCH_CHECK(p != MAP_FAILED);
        // 4 KiB faults on both kernels: no transparent huge pages (ignored where unsupported).
        madvise(p, FAULT_BYTES, 14 /* MADV_NOHUGEPAGE */);
        for (long off = 0; off < FAULT_BYTES; off += 4096) p[off] = 1;
        BENCH_CHECK(munmap(p, FAULT_BYTES) == 0);
    }
}
static void op_brk(long k) {
#ifdef __GLIBC__
    for (long i = 0; i < k; i++) {
        char *old = sbrk(4 * 4096);
        BENCH_CHECK(old != (char *)-1);
        for (int pg = 0; pg < 4; pg++) old[pg * 4096] = 1;
        BENCH_CHECK(sbrk(-4 * 4096) != (void *)-1);
    }
#else
    (void)k;
    errno = ENOSYS;
    bench_fail("brk_grow_shrink needs the glibc build (musl's sbrk refuses to move the break)");
#endif
}

// ---- Signals -------------------------------------------------------------------------------------

static void on_signal(int sig) {
    (void)sig;
    g_sig_count++;
}
static void op_kill_self(long k) {
    pid_t self = getpid();
    for (long i = 0; i < k; i++) {
        long before = g_sig_count;
        BENCH_CHECK(kill(self, SIGUSR1) == 0);
        BENCH_CHECK(g_sig_count == before + 1);
    }
}
static void op_sigprocmask(long k) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    for (long i = 0; i < k; i++) BENCH_CHECK(sigprocmask((i & 1) ? SIG_UNBLOCK : SIG_BLOCK, &set, NULL) == 0);
}
static void op_sigaction(long k) {
    struct sigaction sa = {0};
    sigemptyset(&sa.sa_mask);
    for (long i = 0; i < k; i++) {
        sa.sa_handler = (i & 1) ? on_signal : SIG_IGN;
        BENCH_CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
    }
}

// ---- Two processes -------------------------------------------------------------------------------

static void op_pipe_write64k(long k) {
    for (long i = 0; i < k; i++) {
        for (size_t done = 0; done < 65536;) {
            ssize_t w = write(g_fd, g_buf + done, 65536 - done);
            BENCH_CHECK(w > 0);
            done += (size_t)w;
        }
    }
}
static void bench_pipe_throughput(const char *name, long n) {
    int p[2];
    BENCH_CHECK(pipe(p) == 0);
    pid_t pid = fork();
    BENCH_CHECK(pid >= 0);
    if (pid == 0) {
        close(p[1]);
        static char rbuf[65536];
        ssize_t r;
        while ((r = read(p[0], rbuf, sizeof rbuf)) > 0) {
        }
        _exit(r == 0 ? 0 : 1);
    }
    close(p[0]);
    g_fd = p[1];
    bench_loop(name, n, 1, op_pipe_write64k);
    close(p[1]);
    wait_child_ok(pid);
}

// The ping-pong children: send back each byte until end of file.
static void echo_bytes(int in, int out) {
    char c;
    ssize_t r;
    while ((r = read(in, &c, 1)) == 1)
        if (write(out, &c, 1) != 1) _exit(1);
    _exit(r == 0 ? 0 : 1);
}

static void op_pingpong(long k) {
    char c = 'p';
    for (long i = 0; i < k; i++) {
        BENCH_CHECK(write(g_fd, &c, 1) == 1);
        BENCH_CHECK(read(g_fd2, &c, 1) == 1);
    }
}
static void bench_pingpong(const char *name, long n) {
    int a[2], b[2];
    BENCH_CHECK(pipe(a) == 0 && pipe(b) == 0);
    pid_t pid = fork();
    BENCH_CHECK(pid >= 0);
    if (pid == 0) {
        close(a[1]);
        close(b[0]);
        echo_bytes(a[0], b[1]);
    }
    close(a[0]);
    close(b[1]);
    g_fd = a[1];
    g_fd2 = b[0];
    bench_loop(name, n, 1, op_pingpong);
    close(a[1]);
    wait_child_ok(pid);
}

// The same round trip over a TCP connection on 127.0.0.1 (lo is brought up first: it starts down).
static void bench_tcp_pingpong(const char *name, long n) {
    int ctl = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq r;
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "lo");
    BENCH_CHECK(ctl >= 0 && ioctl(ctl, SIOCGIFFLAGS, &r) == 0);
    r.ifr_flags |= IFF_UP;
    BENCH_CHECK(ioctl(ctl, SIOCSIFFLAGS, &r) == 0);
    close(ctl);
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof a;
    BENCH_CHECK(bind(l, (struct sockaddr *)&a, sizeof a) == 0 && listen(l, 1) == 0);
    BENCH_CHECK(getsockname(l, (struct sockaddr *)&a, &al) == 0);
    int one = 1;
    pid_t pid = fork();
    BENCH_CHECK(pid >= 0);
    if (pid == 0) {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof a)) _exit(1);
        setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        echo_bytes(c, c);
    }
    int s = accept(l, NULL, NULL);
    BENCH_CHECK(s >= 0);
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    close(l);
    g_fd = s;
    g_fd2 = s;
    bench_loop(name, n, 1, op_pingpong);
    close(s);
    wait_child_ok(pid);
}

// The same round trip over one AF_UNIX stream socket pair.
static void bench_unix_pingpong(const char *name, long n) {
    int sv[2];
    BENCH_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    pid_t pid = fork();
    BENCH_CHECK(pid >= 0);
    if (pid == 0) {
        close(sv[0]);
        echo_bytes(sv[1], sv[1]);
    }
    close(sv[1]);
    g_fd = sv[0];
    g_fd2 = sv[0];
    bench_loop(name, n, 1, op_pingpong);
    close(sv[0]);
    wait_child_ok(pid);
}

static void op_socketpair(long k) {
    int sv[2];
    for (long i = 0; i < k; i++) {
        BENCH_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
        close(sv[0]);
        close(sv[1]);
    }
}

static void bench_yield_pair(const char *name, long n) {
    int p[2];
    BENCH_CHECK(pipe(p) == 0);
    pid_t pid = fork();
    BENCH_CHECK(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        pid_t parent = getppid();
        if (write(p[1], "r", 1) != 1) _exit(1);
        // Until killed; also ends if the parent dies (killed by the suite's timeout), so that it
        // does not keep the CPU from the benchmarks that follow.
        for (unsigned i = 1;; i++)
            if (sched_yield() != 0 || ((i & 1023) == 0 && getppid() != parent)) _exit(1);
    }
    close(p[1]);
    char c;
    BENCH_CHECK(read(p[0], &c, 1) == 1);   // the child is running and yielding
    bench_loop(name, n, 1, op_sched_yield);
    kill(pid, SIGKILL);
    int st;
    BENCH_CHECK(waitpid(pid, &st, 0) == pid);
}

// ---- Processes, exec and threads -----------------------------------------------------------------

static void op_fork_exit_wait(long k) {
    for (long i = 0; i < k; i++) {
        pid_t pid = fork();
        BENCH_CHECK(pid >= 0);
        if (pid == 0) _exit(0);
        wait_child_ok(pid);
    }
}
static void bench_fork_16m(const char *name, long n) {
    char *p = mmap(NULL, FAULT_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    BENCH_CHECK(p != MAP_FAILED);
    madvise(p, FAULT_BYTES, 14 /* MADV_NOHUGEPAGE */);
    for (long off = 0; off < FAULT_BYTES; off += 4096) p[off] = 1;
    bench_loop(name, n, 1, op_fork_exit_wait);
}
static void op_vfork_exec(long k) {
    char *argv[] = {NOP_PATH, NULL};
    for (long i = 0; i < k; i++) {
        pid_t pid = vfork();
        BENCH_CHECK(pid >= 0);
        if (pid == 0) {
            execve(NOP_PATH, argv, environ);
            _exit(127);
        }
        wait_child_ok(pid);
    }
}
static void op_fork_exec(long k) {
    char *argv[] = {NOP_PATH, NULL};
    for (long i = 0; i < k; i++) {
        pid_t pid = fork();
        BENCH_CHECK(pid >= 0);
        if (pid == 0) {
            execve(NOP_PATH, argv, environ);
            _exit(127);
        }
        wait_child_ok(pid);
    }
}
static void op_posix_spawn(long k) {
    char *argv[] = {NOP_PATH, NULL};
    for (long i = 0; i < k; i++) {
        pid_t pid;
        int e = posix_spawn(&pid, NOP_PATH, NULL, NULL, argv, environ);
        errno = e;
        BENCH_CHECK(e == 0);
        wait_child_ok(pid);
    }
}
static void *thread_fn(void *arg) { return arg; }
static void op_thread(long k) {
    for (long i = 0; i < k; i++) {
        pthread_t t;
        int e = pthread_create(&t, NULL, thread_fn, (void *)i);
        errno = e;
        BENCH_CHECK(e == 0);
        void *ret;
        BENCH_CHECK(pthread_join(t, &ret) == 0 && ret == (void *)i);
    }
}

// ---- Two threads handing work back and forth -----------------------------------------------------
// One operation is one round trip: the main thread hands off to the other thread and gets control
// back, each direction a wake-up of a thread blocked in the kernel (futex wait/wake), never a spin.

// Mutex handoff: three mutexes in a ring. A thread at step k locks m[(k+1)%3], then unlocks m[k%3].
// Starting with main holding m[0] and the partner holding m[1], every lock blocks on the mutex the
// other thread holds, and every unlock hands it to the blocked thread: strict alternation, and each
// thread only unlocks mutexes it locked.
static pthread_mutex_t g_ring[3] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
                                    PTHREAD_MUTEX_INITIALIZER};
static long g_main_step;
static int g_stop;
static int g_ready[2];

static void *mutex_partner(void *arg) {
    (void)arg;
    long k = 1;
    if (pthread_mutex_lock(&g_ring[1]) != 0) return (void *)1;
    if (write(g_ready[1], "r", 1) != 1) return (void *)1;
    for (;; k++) {
        if (pthread_mutex_lock(&g_ring[(k + 1) % 3]) != 0) return (void *)1;
        if (__atomic_load_n(&g_stop, __ATOMIC_ACQUIRE)) {
            pthread_mutex_unlock(&g_ring[(k + 1) % 3]);
            pthread_mutex_unlock(&g_ring[k % 3]);
            return NULL;
        }
        if (pthread_mutex_unlock(&g_ring[k % 3]) != 0) return (void *)1;
    }
}
static void mutex_step(void) {
    long k = g_main_step++;
    BENCH_CHECK(pthread_mutex_lock(&g_ring[(k + 1) % 3]) == 0);
    BENCH_CHECK(pthread_mutex_unlock(&g_ring[k % 3]) == 0);
}
static void op_mutex_handoff(long k) {
    for (long i = 0; i < k; i++) mutex_step();
}
static void bench_mutex_handoff(const char *name, long n) {
    BENCH_CHECK(pthread_mutex_lock(&g_ring[0]) == 0);
    BENCH_CHECK(pipe(g_ready) == 0);
    pthread_t t;
    int e = pthread_create(&t, NULL, mutex_partner, NULL);
    errno = e;
    BENCH_CHECK(e == 0);
    char c;
    BENCH_CHECK(read(g_ready[0], &c, 1) == 1);   // the partner holds m[1]
    bench_loop(name, n, 1, op_mutex_handoff);
    // The partner sees the flag when the next step hands it a mutex, and lets go of both of its own.
    __atomic_store_n(&g_stop, 1, __ATOMIC_RELEASE);
    mutex_step();
    void *ret;
    BENCH_CHECK(pthread_join(t, &ret) == 0 && ret == NULL);
}

// Condition-variable ping-pong: one mutex, one condvar, a turn flag; each side signals and waits.
static pthread_mutex_t g_cv_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cv = PTHREAD_COND_INITIALIZER;
static int g_turn;   // 1: the partner's turn

static void *cond_partner(void *arg) {
    (void)arg;
    if (pthread_mutex_lock(&g_cv_lock) != 0) return (void *)1;
    for (;;) {
        while (g_turn != 1 && !g_stop)
            if (pthread_cond_wait(&g_cv, &g_cv_lock) != 0) return (void *)1;
        if (g_stop) break;
        g_turn = 0;
        if (pthread_cond_signal(&g_cv) != 0) return (void *)1;
    }
    pthread_mutex_unlock(&g_cv_lock);
    return NULL;
}
static void op_cond_pingpong(long k) {
    BENCH_CHECK(pthread_mutex_lock(&g_cv_lock) == 0);
    for (long i = 0; i < k; i++) {
        g_turn = 1;
        BENCH_CHECK(pthread_cond_signal(&g_cv) == 0);
        while (g_turn == 1) BENCH_CHECK(pthread_cond_wait(&g_cv, &g_cv_lock) == 0);
    }
    BENCH_CHECK(pthread_mutex_unlock(&g_cv_lock) == 0);
}
static void bench_cond_pingpong(const char *name, long n) {
    pthread_t t;
    g_stop = 0;
    int e = pthread_create(&t, NULL, cond_partner, NULL);
    errno = e;
    BENCH_CHECK(e == 0);
    bench_loop(name, n, 1, op_cond_pingpong);
    BENCH_CHECK(pthread_mutex_lock(&g_cv_lock) == 0);
    g_stop = 1;
    BENCH_CHECK(pthread_cond_signal(&g_cv) == 0);
    BENCH_CHECK(pthread_mutex_unlock(&g_cv_lock) == 0);
    void *ret;
    BENCH_CHECK(pthread_join(t, &ret) == 0 && ret == NULL);
}

// ---- The table -----------------------------------------------------------------------------------

static void b_simple(const char *name, long n, void (*op)(long)) { bench_loop(name, n, 1, op); }

#define SIMPLE(fn, opfn) static void fn(const char *name, long n) { b_simple(name, n, opfn); }
SIMPLE(b_getpid, op_getpid)
SIMPLE(b_getppid, op_getppid)
SIMPLE(b_uname, op_uname)
SIMPLE(b_clock_mono, op_clock_mono)
SIMPLE(b_clock_real, op_clock_real)
SIMPLE(b_gettimeofday, op_gettimeofday)
SIMPLE(b_sched_yield, op_sched_yield)
SIMPLE(b_futex_wake, op_futex_wake)
SIMPLE(b_mmap_munmap, op_mmap_munmap)
SIMPLE(b_brk, op_brk)
SIMPLE(b_sigprocmask, op_sigprocmask)
SIMPLE(b_sigaction, op_sigaction)
SIMPLE(b_pipe_create, op_pipe_create)
SIMPLE(b_fork_exit_wait, op_fork_exit_wait)
SIMPLE(b_vfork_exec, op_vfork_exec)
SIMPLE(b_fork_exec, op_fork_exec)
SIMPLE(b_posix_spawn, op_posix_spawn)
SIMPLE(b_thread, op_thread)

static void b_read_null(const char *name, long n) { bench_dev_rw(name, "/dev/null", 0, n); }
static void b_write_null(const char *name, long n) { bench_dev_rw(name, "/dev/null", 1, n); }
static void b_read_zero(const char *name, long n) { bench_dev_rw(name, "/dev/zero", 0, n); }
static void b_write_zero(const char *name, long n) { bench_dev_rw(name, "/dev/zero", 1, n); }
static void b_pread4k(const char *name, long n) { bench_file(name, n, op_pread4k); }
static void b_pwrite4k(const char *name, long n) { bench_file(name, n, op_pwrite4k); }
static void b_pread64k(const char *name, long n) { bench_file(name, n, op_pread64k); }
static void b_open_close(const char *name, long n) { bench_file(name, n, op_open_close); }
static void b_open_enoent(const char *name, long n) { bench_file(name, n, op_open_enoent); }
static void b_stat(const char *name, long n) { bench_file(name, n, op_stat); }
static void b_fstat(const char *name, long n) { bench_file(name, n, op_fstat); }
static void b_statx(const char *name, long n) { bench_file(name, n, op_statx); }
static void b_dup_close(const char *name, long n) { bench_file(name, n, op_dup_close); }
static void b_fcntl(const char *name, long n) { bench_file(name, n, op_fcntl_getfl); }
static void b_lseek(const char *name, long n) { bench_file(name, n, op_lseek); }
static void b_creat_unlink(const char *name, long n) { bench_file(name, n, op_creat_unlink); }
static void b_mkdir_rmdir(const char *name, long n) { bench_file(name, n, op_mkdir_rmdir); }
static void b_socketpair(const char *name, long n) { bench_loop(name, n, 1, op_socketpair); }
static void b_mprotect(const char *name, long n) {
    g_map = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    BENCH_CHECK(g_map != MAP_FAILED);
    bench_loop(name, n, 1, op_mprotect);
}
static void b_pagefault(const char *name, long n) { bench_loop(name, n, FAULT_BYTES / 4096, op_pagefault); }
static void b_signal(const char *name, long n) {
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    BENCH_CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
    bench_loop(name, n, 1, op_kill_self);
}

struct bench {
    const char *name;
    long iters;   // operations in a full run (divided by 20 in quick mode)
    void (*fn)(const char *name, long n);
};

static const struct bench benches[] = {
    {"getpid", 1000000, b_getpid},
    {"getppid", 1000000, b_getppid},
    {"uname", 340000, b_uname},
    {"clock_gettime_mono", 3600000, b_clock_mono},
    {"clock_gettime_real", 3600000, b_clock_real},
    {"gettimeofday", 2700000, b_gettimeofday},
    {"sched_yield", 360000, b_sched_yield},
    {"futex_wake", 560000, b_futex_wake},
    {"read_devnull_1", 480000, b_read_null},
    {"write_devnull_1", 480000, b_write_null},
    {"read_devzero_1", 430000, b_read_zero},
    {"write_devzero_1", 480000, b_write_zero},
    {"pread_tmpfs_4k", 54000, b_pread4k},
    {"pwrite_tmpfs_4k", 50000, b_pwrite4k},
    {"pread_tmpfs_64k", 4000, b_pread64k},
    {"open_close", 29000, b_open_close},
    {"open_enoent", 28000, b_open_enoent},
    {"stat", 39000, b_stat},
    {"fstat", 240000, b_fstat},
    {"statx", 38000, b_statx},
    {"getdents64_100", 8200, bench_getdents},
    {"dup_close", 300000, b_dup_close},
    {"fcntl_getfl", 650000, b_fcntl},
    {"lseek", 740000, b_lseek},
    {"creat_unlink", 12000, b_creat_unlink},
    {"mkdir_rmdir", 14500, b_mkdir_rmdir},
    {"pipe_create", 27000, b_pipe_create},
    {"poll_pipe", 340000, bench_poll_pipe},
    {"epoll_wait_pipe", 340000, bench_epoll_wait_pipe},
    {"mmap_munmap_4k", 22000, b_mmap_munmap},
    {"mprotect_4k", 136000, b_mprotect},
    {"pagefault_anon", 9, b_pagefault},
    {"brk_grow_shrink", 5700, b_brk},
    {"signal_roundtrip", 70000, b_signal},
    {"sigprocmask", 690000, b_sigprocmask},
    {"sigaction", 530000, b_sigaction},
    {"pipe_throughput_64k", 1360, bench_pipe_throughput},
    {"pipe_pingpong", 29000, bench_pingpong},
    {"unix_pingpong", 20000, bench_unix_pingpong},
    {"tcp_pingpong", 10000, bench_tcp_pingpong},
    {"socketpair_create", 30000, b_socketpair},
    {"sched_yield_pair", 168000, bench_yield_pair},
    {"fork_exit_wait", 1540, b_fork_exit_wait},
    {"fork_exit_wait_16m", 160, bench_fork_16m},
    {"vfork_exec_wait", 1000, b_vfork_exec},
    {"fork_exec_wait", 710, b_fork_exec},
    {"posix_spawn_wait", 970, b_posix_spawn},
    {"pthread_create_join", 2500, b_thread},
    {"mutex_handoff", 30000, bench_mutex_handoff},
    {"cond_pingpong", 30000, bench_cond_pingpong},
};

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++) printf("%s\n", benches[i].name);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: micro NAME | --list\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++) {
        if (strcmp(argv[1], benches[i].name) == 0) {
            bench_current = benches[i].name;
            benches[i].fn(benches[i].name, benches[i].iters);
            return 0;
        }
    }
    fprintf(stderr, "micro: unknown benchmark %s\n", argv[1]);
    return 2;
}
