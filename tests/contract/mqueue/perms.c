// SPDX-License-Identifier: MIT
// Permission checks on mq_open with the queue's mode and the caller's fsuid/fsgid (umask
// applied at creation), unlink by another user (the sticky mqueue root), and the per-user
// RLIMIT_MSGQUEUE budget (EMFILE).
#include "contract.h"
#include "mq_sys.h"
#include <sys/fsuid.h>
#include <sys/resource.h>

static const char *const names[] = {"ct_perm_600", "ct_perm_644", "ct_perm_666", "ct_perm_g060", "ct_perm_000"};

static void try_open(const char *n)
{
    static const int modes[] = {O_RDONLY, O_WRONLY, O_RDWR};
    static const char *const mname[] = {"r", "w", "rw"};
    say("%s:", n);
    for (int i = 0; i < 3; i++) {
        long fd = kmq_open(n, modes[i], 0, NULL);
        say(" %s=%s", mname[i], fd >= 0 ? "ok" : ct_errname(errno));
        if (fd >= 0) close(fd);
    }
    say("\n");
}

int main(void)
{
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++) kmq_unlink(names[i]);
    umask(022);
    close(OK(kmq_open("ct_perm_600", O_RDWR | O_CREAT, 0600, NULL)));
    close(OK(kmq_open("ct_perm_644", O_RDWR | O_CREAT, 0644, NULL)));
    close(OK(kmq_open("ct_perm_666", O_RDWR | O_CREAT, 0666, NULL)));   // 0644 after the umask
    umask(0);
    setfsgid(1000);
    close(OK(kmq_open("ct_perm_g060", O_RDWR | O_CREAT, 0060, NULL)));
    setfsgid(0);
    close(OK(kmq_open("ct_perm_000", O_RDWR | O_CREAT, 0, NULL)));
    try_open("ct_perm_000");

    pid_t c = fork();
    if (c == 0) {
        ct_become_user();
        for (unsigned i = 0; i < sizeof names / sizeof *names; i++) try_open(names[i]);
        RET(kmq_unlink("ct_perm_666"));
        RET(kmq_unlink("ct_perm_nonexistent"));
        // A user's own queue: its owner may unlink it; root's 0600 rules apply to others.
        close(OK(kmq_open("ct_perm_user", O_RDWR | O_CREAT, 0600, NULL)));
        RET(kmq_unlink("ct_perm_user"));
        // The RLIMIT_MSGQUEUE budget (819200 bytes): default queues until EMFILE.
        int made = 0;
        char n[32];
        for (; made < 20; made++) {
            snprintf(n, sizeof n, "ct_perm_q%d", made);
            long fd = kmq_open(n, O_RDWR | O_CREAT, 0600, NULL);
            if (fd < 0) {
                say("queue %d: %s\n", made, ct_errname(errno));
                break;
            }
            close(fd);
        }
        say("queues made: %d\n", made);
        // Unlinked (and closed) queues give their budget back.
        for (int i = 0; i < made; i++) {
            snprintf(n, sizeof n, "ct_perm_q%d", i);
            kmq_unlink(n);
        }
        long fd = OK(kmq_open("ct_perm_q0", O_RDWR | O_CREAT, 0600, NULL));
        // An unlinked queue still open keeps its charge.
        kmq_unlink("ct_perm_q0");
        struct rlimit rl = {82880 * 2 - 1, 82880 * 2 - 1};
        RET(setrlimit(RLIMIT_MSGQUEUE, &rl));
        RET(kmq_open("ct_perm_q1", O_RDWR | O_CREAT, 0600, NULL) >= 0);
        kmq_unlink("ct_perm_q1");
        close(fd);
        fd = kmq_open("ct_perm_q1", O_RDWR | O_CREAT, 0600, NULL);
        RET(fd >= 0);
        kmq_unlink("ct_perm_q1");
        exit(0);
    }
    say("user: %s\n", ct_wait(c));
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++) RET(kmq_unlink(names[i]));
    return 0;
}
