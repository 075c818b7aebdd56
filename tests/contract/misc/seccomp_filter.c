// SPDX-License-Identifier: MIT
// seccomp(2) and prctl's no_new_privs: argument and program validation, every filter action (errno,
// SIGSYS with its siginfo, kill thread/process, trace and log), precedence between stacked filters,
// inheritance over fork and exec, /proc/self/status, strict mode, and EACCES without no_new_privs.
#include "contract.h"

#include <pthread.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

// From <linux/filter.h>, <linux/seccomp.h> and <linux/audit.h>, which the musl toolchain does not ship.
struct sock_filter { unsigned short code; unsigned char jt, jf; unsigned k; };
struct sock_fprog { unsigned short len; struct sock_filter *filter; };
struct seccomp_data { int nr; unsigned arch; unsigned long long instruction_pointer, args[6]; };
#define BPF_LD 0x00
#define BPF_LDX 0x01
#define BPF_ST 0x02
#define BPF_RET 0x06
#define BPF_JMP 0x05
#define BPF_W 0x00
#define BPF_ABS 0x20
#define BPF_MEM 0x60
#define BPF_JEQ 0x10
#define BPF_JA 0x00
#define BPF_K 0x00
#define STMT(c, k) ((struct sock_filter){(unsigned short)(c), 0, 0, (unsigned)(k)})
#define JUMP(c, k, t, f) ((struct sock_filter){(unsigned short)(c), (t), (f), (unsigned)(k)})
#define SECCOMP_SET_MODE_STRICT 0
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_GET_ACTION_AVAIL 2
#define SECCOMP_RET_KILL_PROCESS 0x80000000u
#define SECCOMP_RET_KILL_THREAD 0x00000000u
#define SECCOMP_RET_TRAP 0x00030000u
#define SECCOMP_RET_ERRNO 0x00050000u
#define SECCOMP_RET_TRACE 0x7ff00000u
#define SECCOMP_RET_LOG 0x7ffc0000u
#define SECCOMP_RET_ALLOW 0x7fff0000u
#define AUDIT_ARCH_X86_64 0xc000003eu
#define SECCOMP_FILTER_FLAG_TSYNC 1u
#ifndef PR_SET_NO_NEW_PRIVS
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#endif

static long sc(unsigned op, unsigned flags, void *args) { return syscall(SYS_seccomp, op, flags, args); }

// A filter giving `action` to system call nr and allowing everything else (after an arch check).
static long install_flags(int nr, unsigned action, unsigned flags)
{
    struct sock_filter f[] = {
        STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, 1),
        STMT(BPF_RET | BPF_K, action),
        STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog p = {sizeof f / sizeof f[0], f};
    return sc(SECCOMP_SET_MODE_FILTER, flags, &p);
}
static long install(int nr, unsigned action) { return install_flags(nr, action, 0); }

static void status_lines(const char *who)
{
    char buf[4096];
    ssize_t n = ct_read_file("/proc/self/status", buf, sizeof buf);
    if (n < 0) return;
    for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n"))
        if (!strncmp(l, "NoNewPrivs:", 11) || !strncmp(l, "Seccomp:", 8) || !strncmp(l, "Seccomp_filters:", 16))
            say("%s %s\n", who, l);
}

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    say("SIGSYS %d: code %d errno %d syscall %d arch %#x addr set %d\n", sig, si->si_code, si->si_errno,
        si->si_syscall, si->si_arch, si->si_call_addr != NULL);
}

static int bad_program(const char *label, struct sock_filter *f, unsigned short len)
{
    struct sock_fprog p = {len, f};
    errno = 0;
    long r = sc(SECCOMP_SET_MODE_FILTER, 0, &p);
    say("%s: %ld %s\n", label, r, r ? ct_errname(errno) : "");
    return 0;
}

// Runs fn in a child and prints how the child ended.
static void in_child(const char *label, void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        fn();
        _exit(0);
    }
    say("%s: %s\n", label, ct_wait(pid));
}

static void actions(void)
{
    RET(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    RET(install(SYS_getppid, SECCOMP_RET_ERRNO | 13));
    RET(getppid());
    RET(install(SYS_getppid, SECCOMP_RET_ERRNO | 99));   // newer filter, same action: its data wins
    RET(getppid());
    RET(install(SYS_getppid, SECCOMP_RET_ERRNO | 5000));   // clamped to MAX_ERRNO
    RET(syscall(SYS_getppid));
    RET(install(SYS_getpgrp, SECCOMP_RET_TRACE));           // no tracer
    RET(syscall(SYS_getpgrp));
    RET(install(SYS_getsid, SECCOMP_RET_LOG));
    CHECK(syscall(SYS_getsid, 0) >= 0);
    struct sigaction sa = {0};
    sa.sa_sigaction = on_sigsys;
    sa.sa_flags = SA_SIGINFO;
    RET(sigaction(SIGSYS, &sa, NULL));
    RET(install(SYS_uname, SECCOMP_RET_TRAP | 7));
    struct utsname u;
    RET(syscall(SYS_uname, &u) == SYS_uname);   // the skipped call returns its own number
    RET(prctl(PR_GET_SECCOMP, 0, 0, 0, 0));
    status_lines("filtered");
    pid_t pid = fork();
    if (pid == 0) {
        status_lines("forked");
        RET(getppid());
        _exit(0);
    }
    say("fork child: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        ct_exec_self("exec", NULL);
        _exit(99);
    }
    say("exec child: %s\n", ct_wait(pid));
}

static void kill_process(void)
{
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    install(SYS_getuid, SECCOMP_RET_KILL_PROCESS);
    say("before getuid\n");
    getuid();
    say("after getuid\n");
}

static void kill_thread(void)
{
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    install(SYS_getgid, SECCOMP_RET_KILL_THREAD);
    getgid();
    say("after getgid\n");
}

static void unknown_action(void)
{
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    install(SYS_getegid, 0x00010000u);
    getegid();
    say("after getegid\n");
}

static void trap_blocked(void)
{
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGSYS);
    sigprocmask(SIG_BLOCK, &s, NULL);
    install(SYS_geteuid, SECCOMP_RET_TRAP);
    geteuid();
    say("after blocked trap\n");
}

static void strict(void)
{
    RET(prctl(PR_GET_SECCOMP, 0, 0, 0, 0));
    fflush(stdout);
    if (sc(SECCOMP_SET_MODE_STRICT, 0, NULL) == 0) {
        static const char msg[] = "strict: write works\n";
        syscall(SYS_write, 1, msg, sizeof msg - 1);
        syscall(SYS_getpid);
        syscall(SYS_write, 1, "strict: still alive\n", 20);
    }
}

static void strict_then_filter(void)
{
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    install(SYS_getppid, SECCOMP_RET_ERRNO | 1);
    RET(sc(SECCOMP_SET_MODE_STRICT, 0, NULL));
}

// TSYNC: a sibling thread whose filters are the caller's ancestors takes the caller's chain; one
// with a filter of its own makes the call fail with its tid.
static int go[2], done[2];
static long sibling_tid;
static void *sibling(void *own)
{
    sibling_tid = syscall(SYS_gettid);
    if (own) install(SYS_getpid, SECCOMP_RET_ERRNO | 3);
    ct_sync_post(done);
    ct_sync_wait(go);
    errno = 0;
    long r = syscall(SYS_getppid);
    say("sibling getppid: %ld %s\n", r, r < 0 ? ct_errname(errno) : "");
    return NULL;
}

static void tsync(void)
{
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    for (int own = 0; own < 2; own++) {
        pthread_t th;
        if (pipe(go) || pipe(done) || pthread_create(&th, NULL, sibling, own ? (void *)1 : NULL)) return;
        ct_sync_wait(done);
        long r = install_flags(SYS_getppid, SECCOMP_RET_ERRNO | (own ? 12 : 11), SECCOMP_FILTER_FLAG_TSYNC);
        say("own filter %d: TSYNC returns %s\n", own, r == 0 ? "0" : r == sibling_tid ? "the sibling's tid" : "?");
        ct_sync_post(go);
        pthread_join(th, NULL);
        close(go[0]), close(go[1]), close(done[0]), close(done[1]);
    }
}

static void unprivileged(void)
{
    ct_become_user();
    RET(install(SYS_getppid, SECCOMP_RET_ERRNO | 1));
    RET(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    RET(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    RET(install(SYS_getppid, SECCOMP_RET_ERRNO | 1));
    RET(getppid());
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "exec")) {
        status_lines("exec'd");
        RET(getppid());
        RET(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
        return 0;
    }
    RET(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    RET(prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0));
    RET(prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0));
    RET(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0));
    RET(prctl(PR_GET_SECCOMP, 0, 0, 0, 0));
    RET(prctl(PR_SET_SECCOMP, 5, 0, 0, 0));
    RET(sc(99, 0, NULL));
    unsigned action = SECCOMP_RET_ALLOW;
    RET(sc(SECCOMP_GET_ACTION_AVAIL, 0, &action));
    action = SECCOMP_RET_KILL_PROCESS;
    RET(sc(SECCOMP_GET_ACTION_AVAIL, 0, &action));
    action = 0x12340000;
    RET(sc(SECCOMP_GET_ACTION_AVAIL, 0, &action));
    RET(sc(SECCOMP_GET_ACTION_AVAIL, 1, &action));
    RET(sc(SECCOMP_GET_ACTION_AVAIL, 0, NULL));
    RET(sc(SECCOMP_SET_MODE_STRICT, 1, NULL));
    RET(sc(SECCOMP_SET_MODE_STRICT, 0, &action));
    RET(sc(SECCOMP_SET_MODE_FILTER, 1u << 30, NULL));
    RET(sc(SECCOMP_SET_MODE_FILTER, 0, NULL));
    struct sock_filter ok = STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    bad_program("len 0", &ok, 0);
    bad_program("len 4097", &ok, 4097);
    struct sock_fprog badptr = {1, (struct sock_filter *)8};
    RET(sc(SECCOMP_SET_MODE_FILTER, 0, &badptr));
    struct sock_filter no_ret[] = {STMT(BPF_LD | BPF_W | BPF_ABS, 0)};
    bad_program("no return", no_ret, 1);
    struct sock_filter far[] = {STMT(BPF_LD | BPF_W | BPF_ABS, 64), STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
    bad_program("load past seccomp_data", far, 2);
    struct sock_filter odd[] = {STMT(BPF_LD | BPF_W | BPF_ABS, 2), STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
    bad_program("unaligned load", odd, 2);
    struct sock_filter jump[] = {STMT(BPF_JMP | BPF_JA, 5), STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
    bad_program("jump out", jump, 2);
    struct sock_filter mem[] = {STMT(BPF_LD | BPF_MEM, 3), STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
    bad_program("scratch read before store", mem, 2);
    in_child("actions", actions);
    in_child("kill process", kill_process);
    in_child("kill thread (only thread)", kill_thread);
    in_child("unknown action", unknown_action);
    in_child("blocked SIGSYS trap", trap_blocked);
    in_child("strict", strict);
    in_child("strict after filter", strict_then_filter);
    in_child("unprivileged", unprivileged);
    in_child("tsync", tsync);
    // Root needs no no_new_privs (CAP_SYS_ADMIN); a scratch word stored on every path may be read.
    struct sock_filter stored[] = {STMT(BPF_ST, 3), STMT(BPF_LDX | BPF_MEM, 3), STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
    bad_program("stored scratch read (as root, no nnp)", stored, 3);
    RET(prctl(PR_GET_SECCOMP, 0, 0, 0, 0));
    status_lines("parent");
    return 0;
}
