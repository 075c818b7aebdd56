// SPDX-License-Identifier: MIT
// Robust futexes and what a thread leaves behind (Linux's futex_exit_release and mm_release):
// set_robust_list/get_robust_list, the walk of the robust list at exit and exec, the PI futexes
// the thread still owned, and the clear_child_tid word that pthread_join waits on.
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/process_table.h"
#include "ipc/futex.h"
#include "ipc/futex_ops.h"
#include "ipc/futex_table.h"
#include "mm/address_space.h"
#include "mm/user_atomic.h"
#include "syscalls/handlers.h"

static_assert(sizeof(robust_list_head) == 24, "set_robust_list accepts exactly this size");
static_assert(FUTEX_WAITERS == kFutexWaiters && FUTEX_OWNER_DIED == kFutexOwnerDied && FUTEX_TID_MASK == kFutexTidMask);
static_assert(ROBUST_LIST_LIMIT == kRobustListLimit);

namespace {

// Linux's handle_futex_death: a futex the dead thread still owns gets FUTEX_OWNER_DIED and one
// waiter is woken (PI futexes are handed over by futex_pi_owner_exit instead). Robust waits
// are always shared futexes, whatever the mutex's process-shared setting.
bool handle_futex_death(Thread* self, uptr uaddr, bool pi, bool pending) {
    if (uaddr & 3) return false;
    for (;;) {
        auto cur = user_read_u32(uaddr);
        if (cur.is_error()) return false;
        u32 uval = cur.value();
        u32 owner = uval & kFutexTidMask;
        // A pending unlock that already cleared the owner may have missed its wake-up.
        if (pending && !pi && !owner) {
            (void)futex_wake_addr(uaddr, true, 1, kFutexBitsetAny);
            return true;
        }
        if (owner != static_cast<u32>(self->tid)) return true;
        auto found = user_cmpxchg_u32(uaddr, uval, robust_death_value(uval));
        if (found.is_error()) return false;
        if (found.value() != uval) continue;
        if (!pi && (uval & kFutexWaiters)) (void)futex_wake_addr(uaddr, true, 1, kFutexBitsetAny);
        return true;
    }
}

void release_futexes(Thread* self) {
    self->futex_state.store(1, std::memory_order_release);
    if (uptr head = self->robust_list) {
        self->robust_list = 0;
        robust_list_walk(
            head, [](uptr a, u64& out) { return copy_from_user(&out, a, sizeof(out)).is_ok(); },
            [&](uptr uaddr, bool pi, bool pending) { return handle_futex_death(self, uaddr, pi, pending); });
    }
    futex_pi_owner_exit(self);
}

// mm_release: clear_child_tid is written and woken only when someone else can see the memory
// (another thread, or a CLONE_VM process such as a vfork parent).
void release_child_tid(Thread* self) {
    uptr tid_addr = self->clear_child_tid;
    if (!tid_addr) return;
    self->clear_child_tid = 0;
    Process* p = self->process;
    if (!p || !p->mm) return;
    if (p->live_threads <= 1 && p->mm->ref_count() <= 1) return;
    if (copy_to_user(UserPtr<int>(tid_addr), 0).is_ok()) (void)futex_wake_addr(tid_addr, true, 1, kFutexBitsetAny);
}

}  // namespace

void futex_thread_exit(Thread* self) {
    release_futexes(self);
    self->futex_state.store(2, std::memory_order_release);
    release_child_tid(self);
}

void futex_exec_release(Thread* self) {
    release_futexes(self);
    self->futex_state.store(0, std::memory_order_release);
    release_child_tid(self);
}

int futex_wake_user(uptr uaddr, int n) {
    // Both keys: the caller does not know how the waiter named the futex.
    auto priv = futex_wake_addr(uaddr, false, n, kFutexBitsetAny);
    if (priv.is_error()) return -priv.error_code();
    i64 woken = priv.value();
    if (woken < n) {
        auto shared = futex_wake_addr(uaddr, true, n - static_cast<int>(woken), kFutexBitsetAny);
        if (shared.is_ok()) woken += shared.value();
    }
    return static_cast<int>(woken);
}

SyscallResult sys_set_robust_list(UserPtr<void> head, usize len) {
    if (len != sizeof(robust_list_head)) return Error(EINVAL);
    current_thread()->robust_list = head.addr();
    return 0;
}

SyscallResult sys_get_robust_list(int pid, UserPtr<u64> head_ptr, UserPtr<u64> len_ptr) {
    Thread* self = current_thread();
    uptr head;
    if (!pid) {
        head = self->robust_list;
    } else {
        SpinlockGuard g(g_process_tree_lock);
        Thread* t = thread_find_locked(pid);
        if (!t || !t->process) return Error(ESRCH);
        // ptrace_may_access(PTRACE_MODE_READ_REALCREDS): the same thread group, matching real
        // ids, or CAP_SYS_PTRACE.
        if (t->process != self->process && !ptrace_creds_allow(self->process->creds, t->process->creds, false))
            return Error(EPERM);
        head = t->robust_list;
    }
    TRY(copy_to_user(len_ptr, u64(sizeof(robust_list_head))));
    TRY(copy_to_user(head_ptr, u64(head)));
    return 0;
}
