// SPDX-License-Identifier: MIT
// Robust futex lists: set_robust_list/get_robust_list checks, and at exit the kernel marks each
// futex the dead process still owned FUTEX_OWNER_DIED and wakes one waiter; list_op_pending
// and entries owned by somebody else.
#include "futex_common.h"
#include <stddef.h>

struct rlist { struct rlist *next; };
struct rhead {
    struct rlist list;
    long futex_offset;
    struct rlist *list_op_pending;
};
// A lock as glibc lays it out: the list link, then the futex word.
struct lock {
    struct rlist link;
    uint32_t word;
};

int main(void)
{
    struct rhead h;
    say("set bad length: %s\n", fx_res(syscall(SYS_set_robust_list, &h, sizeof h - 1)));
    struct rhead *got = NULL;
    size_t len = 0;
    long r = syscall(SYS_get_robust_list, 0, &got, &len);
    say("get own: %s len=%zu head set: %s\n", fx_res(r), len, got ? "yes" : "no");
    say("get bad pointer: %s\n", fx_res(syscall(SYS_get_robust_list, 0, (void *)16, &len)));
    say("get bad length pointer: %s\n", fx_res(syscall(SYS_get_robust_list, 0, &got, (void *)16)));
    say("get no such pid: %s\n", fx_res(syscall(SYS_get_robust_list, 999999, &got, &len)));
    say("get pid 1: %s\n", fx_res(syscall(SYS_get_robust_list, 1, &got, &len)));

    struct lock *locks = (struct lock *)fx_shared_page();
    int ready[2], go[2];
    pipe(ready);
    pipe(go);
    pid_t child = fork();
    if (child == 0) {
        // Owns locks 0 and 1 (1 with a waiter bit), lock 2 belongs to someone else, lock 3 is
        // pending with no owner (an unlock in progress), lock 4 is not on the list.
        uint32_t me = (uint32_t)getpid();
        static struct rhead head;
        head.futex_offset = offsetof(struct lock, word);
        head.list.next = &locks[0].link;
        locks[0].link.next = &locks[1].link;
        locks[1].link.next = &locks[2].link;
        locks[2].link.next = &head.list;
        head.list_op_pending = &locks[3].link;
        locks[0].word = me;
        locks[1].word = me | FX_WAITERS;
        locks[2].word = 12345;
        locks[3].word = 0;
        locks[4].word = me;
        syscall(SYS_set_robust_list, &head, sizeof head);
        struct rhead *mine;
        size_t l;
        syscall(SYS_get_robust_list, 0, &mine, &l);
        ct_sync_post(ready);
        ct_sync_wait(go);
        _exit(mine == &head ? 0 : 1);
    }
    ct_sync_wait(ready);
    pid_t waiter = fx_child_wait(&locks[1].word, FX_WAIT, locks[1].word, NULL, 0);
    pid_t pending_waiter = fx_child_wait(&locks[3].word, FX_WAIT, 0, NULL, 0);
    ct_wait_blocked(waiter);
    ct_wait_blocked(pending_waiter);
    say("get the child's head: %s\n", fx_res(syscall(SYS_get_robust_list, child, &got, &len)));
    // The waiters are blocked; let the owner die now.
    ct_sync_post(go);
    say("owner exit: %s\n", ct_wait(child));
    say("lock 0: %#x\n", locks[0].word);
    say("lock 1: %#x (waiter %s)\n", locks[1].word & ~FX_TID_MASK, fx_child_result(waiter));
    say("lock 2 (not owned): %u\n", locks[2].word);
    say("lock 3 (pending, free): %u (waiter %s)\n", locks[3].word, fx_child_result(pending_waiter));
    say("lock 4 (not listed): %s\n", (locks[4].word & FX_TID_MASK) != 0 && !(locks[4].word & FX_OWNER_DIED) ? "untouched" : "changed");
    return 0;
}
