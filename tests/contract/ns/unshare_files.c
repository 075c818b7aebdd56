// SPDX-License-Identifier: MIT
// unshare(CLONE_FILES) in a process that shares its descriptor table (clone CLONE_FILES): before,
// opens and closes show in both; after, the child has a private copy with the same descriptors.
#include "contract.h"
#include <sched.h>

static char stack[64 * 1024] __attribute__((aligned(16)));
static int to_child[2], to_parent[2];
static int shared_fd = -1, private_fd = -1, copy_ok = -1, kept_fd;

static int child_fn(void *arg)
{
    (void)arg;
    shared_fd = open("/tmp/t/before", O_CREAT | O_RDWR, 0644);   // lands in the shared table
    ct_sync_post(to_parent);
    ct_sync_wait(to_child);
    int r = unshare(CLONE_FILES);
    // The copy holds the descriptors open at the time: kept_fd still works here.
    copy_ok = r == 0 && fcntl(kept_fd, F_GETFD) >= 0;
    private_fd = open("/tmp/t/after", O_CREAT | O_RDWR, 0644);
    close(kept_fd);
    ct_sync_post(to_parent);
    ct_sync_wait(to_child);
    return r ? errno : 0;
}

int main(void)
{
    if (pipe(to_child) || pipe(to_parent)) return 1;
    kept_fd = open("/tmp/t/kept", O_CREAT | O_RDWR, 0644);
    // CLONE_VM so the child's variables are ours to read; the table is shared by CLONE_FILES.
    pid_t pid = clone(child_fn, stack + sizeof stack, CLONE_VM | CLONE_FILES | SIGCHLD, NULL);
    if (pid < 0) { say("clone: %s\n", ct_errname(errno)); return 0; }
    ct_sync_wait(to_parent);
    FACT("child's open before unshare visible here", fcntl(shared_fd, F_GETFD) >= 0);
    ct_sync_post(to_child);
    ct_sync_wait(to_parent);
    FACT("child kept descriptors after unshare", copy_ok == 1);
    FACT("child's open after unshare visible here", fcntl(private_fd, F_GETFD) >= 0);
    FACT("child's close after unshare closed ours", fcntl(kept_fd, F_GETFD) < 0);
    ct_sync_post(to_child);
    say("child: %s\n", ct_wait(pid));
    // Our table still has the descriptor the child opened while shared.
    FACT("shared-era descriptor still open here", fcntl(shared_fd, F_GETFD) >= 0);
    // unshare(CLONE_FILES) with nothing shared: the table stays as it is.
    int fd = open("/tmp/t/solo", O_CREAT | O_RDWR, 0644);
    RET(unshare(CLONE_FILES));
    FACT("own descriptor still open", fcntl(fd, F_GETFD) >= 0);
    return 0;
}
