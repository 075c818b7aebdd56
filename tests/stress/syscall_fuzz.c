// SPDX-License-Identifier: MIT
// Robustness: a child issues 200,000 system calls with random numbers (0-460) and random
// arguments from a fixed seed. Calls that would end the test itself are skipped (exit, reboot,
// kill of everything, fork bombs, execve). A watchdog parent restarts the child past any call
// that blocks or kills it, so one bad call never hides the rest. Afterwards the kernel must still
// fork, exec, read and write files. Prints only facts that hold on Linux too. Every 16th call
// is a futex operation on the scratch buffer, and random robust lists are walked at exit.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TOTAL 200000

struct shared {
    volatile long next;     // index of the next call to make
    volatile long done;     // calls completed
};

static uint64_t rng_state;
static uint64_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static int skipped(long nr) {
    switch (nr) {
    case SYS_exit: case SYS_exit_group: case SYS_reboot: case SYS_kill: case SYS_tkill: case SYS_tgkill:
    case SYS_fork: case SYS_vfork: case SYS_clone: case SYS_clone3: case SYS_execve: case SYS_execveat:
    case SYS_rt_sigreturn: case SYS_pause: case SYS_rt_sigsuspend: case SYS_setsid: case SYS_setpgid:
    case SYS_kexec_load: case SYS_kexec_file_load: case SYS_swapoff: case SYS_swapon: case SYS_sync:
    case SYS_syncfs: case SYS_umount2: case SYS_mount: case SYS_pivot_root: case SYS_chroot:
    case SYS_setuid: case SYS_setgid: case SYS_setresuid: case SYS_setresgid: case SYS_setreuid:
    case SYS_setregid: case SYS_setfsuid: case SYS_setfsgid: case SYS_setgroups: case SYS_prctl:
    case SYS_ptrace: case SYS_vhangup: case SYS_rt_sigqueueinfo: case SYS_rt_tgsigqueueinfo:
    case SYS_unshare: case SYS_setns: case SYS_sched_setscheduler: case SYS_sched_setattr:
    case SYS_seccomp: case SYS_bpf: case SYS_perf_event_open: case SYS_io_uring_setup:
        return 1;
    }
    return 0;
}

static uint64_t scratch_base;
static uint64_t g_seed;   // argv[1]: another sequence of calls (the test uses 0)

static uint64_t arg(void) {
    switch (rng() % 8) {
    case 0: return 0;
    case 1: return rng() % 4096;                       // small ints, fds, flags
    case 2: return (uint64_t)-1 - rng() % 16;          // -1 ... -16
    case 3: return scratch_base + (rng() % 60000);     // a valid, writable buffer
    case 4: return 0xffff800000000000ull + rng() % 0x100000000ull;   // kernel addresses
    case 5: return rng();                              // anything
    case 6: return 1ull << (rng() % 64);
    default: return rng() % 64;
    }
}

static void child(struct shared* sh) {
    // Keep the fuzz away from the files that matter: a scratch directory, no stdin.
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
    alarm(0);
    for (long i = sh->next; i < TOTAL; i = sh->next) {
        rng_state = 0x9E3779B97F4A7C15ull ^ ((uint64_t)i + g_seed * TOTAL) * 0x100000001B3ull;
        long nr = (long)(rng() % 461);
        uint64_t a[6];
        for (int k = 0; k < 6; k++) a[k] = arg();
        // Futexes get targeted calls too: every 16th call is futex(2) with a random command
        // and flags on a word of the scratch buffer and a 1 ms timeout (so waits end by
        // themselves), and now and then a random robust list that the kernel walks when this
        // child exits.
        if (i % 16 == 0) {
            nr = SYS_futex;
            a[0] = rng() % 4 ? scratch_base + (rng() % 64) * 4 : a[0];
            a[1] = rng() % 14 | (rng() & 1 ? 128 : 0) | (rng() % 4 == 0 ? 256 : 0);
            struct timespec* ts = (struct timespec*)(scratch_base + 61440);
            ts->tv_sec = 0;
            ts->tv_nsec = 1000000;
            a[3] = (uint64_t)ts;
            a[4] = rng() % 2 ? scratch_base + (rng() % 64) * 4 : a[4];
        } else if (i % 4096 == 1) {
            nr = SYS_set_robust_list;
            a[1] = 24;
        }
        sh->next = i + 1;
        if (skipped(nr)) {
            sh->done++;
            continue;
        }
        syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        sh->done++;
    }
    _exit(0);
}

int main(int argc, char** argv) {
    if (argc > 1) g_seed = strtoull(argv[1], NULL, 0);
    struct shared* sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    void* scratch = mmap((void*)0x200000000ull, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (sh == MAP_FAILED || scratch == MAP_FAILED) return 1;
    scratch_base = (uint64_t)scratch;
    mkdir("/tmp/fuzz", 0755);
    if (chdir("/tmp/fuzz") != 0) return 1;
    sh->next = 0;
    sh->done = 0;
    int restarts = 0;
    while (sh->next < TOTAL) {
        pid_t pid = fork();
        if (pid == 0) child(sh);
        long last = -1;
        int stalled = 0, status;
        for (;;) {
            struct timespec ts = {0, 50 * 1000 * 1000};
            nanosleep(&ts, NULL);
            pid_t w = waitpid(pid, &status, WNOHANG);
            if (w == pid) break;
            if (sh->next == last) {
                if (++stalled >= 20) {   // one call blocked for a second: kill and move on
                    kill(pid, SIGKILL);
                    waitpid(pid, &status, 0);
                    break;
                }
            } else {
                stalled = 0;
                last = sh->next;
            }
        }
        if (sh->next < TOTAL) restarts++;
    }
    // Health: the kernel still forks, execs, and keeps file data.
    int fd = open("/tmp/fuzz-health", O_CREAT | O_TRUNC | O_RDWR, 0600);
    const char msg[] = "still healthy";
    char back[sizeof(msg)] = {0};
    int ok = 1;
    if (fd < 0) ok = 0, printf("fuzz: health: open: %s\n", strerror(errno));
    else if (write(fd, msg, sizeof(msg)) != (ssize_t)sizeof(msg)) ok = 0, printf("fuzz: health: write: %s\n", strerror(errno));
    else if (pread(fd, back, sizeof(back), 0) != (ssize_t)sizeof(back) || memcmp(msg, back, sizeof(msg)) != 0)
        ok = 0, printf("fuzz: health: read back: %s\n", strerror(errno));
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/true", "true", (char*)NULL);
        _exit(127);
    }
    if (pid < 0) printf("fuzz: health: fork: %s\n", strerror(errno));
    int status = -1;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ok = 0, printf("fuzz: health: /bin/true ended with status %#x\n", status);
    printf("fuzz: %d calls issued\n", TOTAL);
    fprintf(stderr, "fuzz: watchdog restarts: %d\n", restarts);
    printf("fuzz: kernel %s\n", ok ? "healthy" : "BROKEN");
    return ok ? 0 : 1;
}
