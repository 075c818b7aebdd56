// SPDX-License-Identifier: MIT
// The PI futex protocol on the user word across processes: LOCK_PI/TRYLOCK_PI/UNLOCK_PI, the
// owner TID and FUTEX_WAITERS bits, direct handoff to the waiter, EDEADLK, EPERM, ESRCH and
// timeouts (LOCK_PI absolute on CLOCK_REALTIME, LOCK_PI2 on CLOCK_MONOTONIC by default).
#include "futex_common.h"

static const char *word(uint32_t v, pid_t me, pid_t other)
{
    static char buf[4][64];
    static int slot;
    char *b = buf[slot++ % 4];
    uint32_t tid = v & FX_TID_MASK;
    snprintf(b, 64, "%s%s%s", tid == 0 ? "free" : tid == (uint32_t)me ? "me" : tid == (uint32_t)other ? "other" : "?",
             v & FX_WAITERS ? "|WAITERS" : "", v & FX_OWNER_DIED ? "|OWNER_DIED" : "");
    return b;
}

int main(void)
{
    volatile uint32_t *w = fx_shared_page();
    pid_t me = getpid();
    long r;
    r = fx(w, FX_LOCK_PI, 0, NULL, NULL, 0);
    say("lock free: %s word=%s\n", fx_res(r), word(*w, me, 0));
    say("lock again: %s\n", fx_res(fx(w, FX_LOCK_PI, 0, NULL, NULL, 0)));
    say("trylock own: %s\n", fx_res(fx(w, FX_TRYLOCK_PI, 0, NULL, NULL, 0)));
    r = fx(w, FX_UNLOCK_PI, 0, NULL, NULL, 0);
    say("unlock: %s word=%s\n", fx_res(r), word(*w, me, 0));
    say("unlock free: %s\n", fx_res(fx(w, FX_UNLOCK_PI, 0, NULL, NULL, 0)));
    r = fx(w, FX_TRYLOCK_PI, 0, NULL, NULL, 0);
    say("trylock free: %s word=%s\n", fx_res(r), word(*w, me, 0));
    fx(w, FX_UNLOCK_PI, 0, NULL, NULL, 0);

    // A child takes the lock and waits for our go; we contend.
    int go[2], back[2];
    pipe(go);
    pipe(back);
    pid_t child = fork();
    if (child == 0) {
        fx(w, FX_LOCK_PI, 0, NULL, NULL, 0);
        ct_sync_post(back);
        ct_sync_wait(go);
        ct_wait_blocked(getppid());   // the parent is queued in LOCK_PI: a real handoff
        long r = fx(w, FX_UNLOCK_PI, 0, NULL, NULL, 0);
        _exit(r == 0 ? 0 : errno);
    }
    ct_sync_wait(back);
    say("word held by child: %s\n", word(*w, me, child));
    say("unlock by non-owner: %s\n", fx_res(fx(w, FX_UNLOCK_PI, 0, NULL, NULL, 0)));
    r = fx(w, FX_TRYLOCK_PI, 0, NULL, NULL, 0);
    say("trylock held: %s word=%s\n", fx_res(r), word(*w, me, child));
    struct timespec t = fx_abs_ms(CLOCK_REALTIME, 100);
    say("lock_pi realtime timeout: %s\n", fx_res(fx(w, FX_LOCK_PI, 0, &t, NULL, 0)));
    t = fx_abs_ms(CLOCK_MONOTONIC, 100);
    say("lock_pi2 monotonic timeout: %s\n", fx_res(fx(w, FX_LOCK_PI2, 0, &t, NULL, 0)));
    t = fx_abs_ms(CLOCK_REALTIME, 100);
    say("lock_pi2 realtime timeout: %s\n", fx_res(fx(w, FX_LOCK_PI2 | FX_CLOCK_RT, 0, &t, NULL, 0)));
    say("lock_pi with FUTEX_CLOCK_REALTIME: %s\n", fx_res(fx(w, FX_LOCK_PI | FX_CLOCK_RT, 0, &t, NULL, 0)));
    ct_sync_post(go);
    r = fx(w, FX_LOCK_PI, 0, NULL, NULL, 0);   // blocks until the child's handoff
    say("lock after handoff: %s word=%s\n", fx_res(r), word(*w, me, child));
    say("child unlock: %s\n", fx_child_result(child));
    r = fx(w, FX_UNLOCK_PI, 0, NULL, NULL, 0);
    say("unlock with WAITERS and no waiter: %s word=%s\n", fx_res(r), word(*w, me, 0));

    // A word naming a task that does not exist.
    *w = 0x3ffffff0u;
    r = fx(w, FX_LOCK_PI, 0, NULL, NULL, 0);
    say("lock with a bogus owner: %s word=%#x\n", fx_res(r), *w);
    *w = (uint32_t)me;
    r = fx(w, FX_UNLOCK_PI, 0, NULL, NULL, 0);
    say("unlock after user space took it: %s word=%s\n", fx_res(r), word(*w, me, 0));
    say("misaligned lock: %s\n", fx_res(fx((uint32_t *)((char *)w + 1), FX_LOCK_PI, 0, NULL, NULL, 0)));
    say("unmapped lock: %s\n", fx_res(fx((uint32_t *)16, FX_LOCK_PI | FX_PRIVATE, 0, NULL, NULL, 0)));
    say("unmapped unlock: %s\n", fx_res(fx((uint32_t *)16, FX_UNLOCK_PI | FX_PRIVATE, 0, NULL, NULL, 0)));
    say("plain wake on a PI word: %s\n", fx_res(fx(w, FX_WAKE, 1, NULL, NULL, 0)));
    return 0;
}
