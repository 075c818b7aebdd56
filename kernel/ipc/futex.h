// SPDX-License-Identifier: MIT
// Futexes: the kernel half of user-space locks. Waiters are keyed by (address space, address)
// for private futexes and by the physical page for shared ones, so a shared futex works across
// processes that map the same page. The threads code calls only the two functions below.
#pragma once

#include "lib/types.h"

class Thread;

// Linux's mm_release for a thread that exits or execs: walks its robust list (each futex it
// still owns gets FUTEX_OWNER_DIED and one waiter woken), then, when clear_child_tid is set,
// writes 0 there and wakes one waiter (pthread_join waits on it). Runs in the dying thread's
// own context while its address space is still attached.
void futex_thread_exit(Thread* self);

// The same at execve (Linux's exec_mm_release): the robust list is walked and forgotten, PI
// futexes are handed over and clear_child_tid is written when the old memory stays visible
// (a vfork parent); the thread then lives on.
void futex_exec_release(Thread* self);

// Wakes up to n waiters on the futex word at uaddr in the current address space (private and
// shared keys both). Returns how many were woken, or a negative errno.
int futex_wake_user(uptr uaddr, int n);
