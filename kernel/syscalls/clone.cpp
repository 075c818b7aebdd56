// SPDX-License-Identifier: MIT
// fork, vfork, clone and clone3: the argument rules of each entry point (man 2 clone), then
// the shared process_clone.
#include "abi/linux/uapi.h"
#include "arch/x86_64/trap_frame.h"
#include "core/process_lifecycle.h"
#include "core/signal.h"
#include "fs/cgroup/cgroup.h"
#include "fs/cgroup/cgroupfs.h"
#include "syscalls/handlers.h"

namespace {

constexpr u64 kCsignal = 0xff;   // CSIGNAL: the exit-signal byte of clone's flags
constexpr usize kMaxPidNsLevel = 32;

Result<int> do_clone(const CloneArgs& a) { return process_clone(a, current_thread()->user_frame); }

// Linux's copy_struct_from_user: a larger struct from newer user space is fine as long as the
// part this kernel does not know is zero.
Result<void> copy_clone_args(struct clone_args& out, uptr addr, usize usize_) {
    usize n = min(usize_, sizeof(out));
    out = {};
    TRY(copy_from_user(&out, addr, n));
    for (usize off = sizeof(out); off < usize_; off++) {
        u8 b;
        TRY(copy_from_user(&b, addr + off, 1));
        if (b) return Error(E2BIG);
    }
    return {};
}

}  // namespace

SyscallResult sys_fork() { return TRY(do_clone(CloneArgs{0, 0, 0, 0, 0, SIGCHLD})); }

SyscallResult sys_vfork() { return TRY(do_clone(CloneArgs{CLONE_VM | CLONE_VFORK, 0, 0, 0, 0, SIGCHLD})); }

SyscallResult sys_clone(Flags flags, u64 stack, UserPtr<int> parent_tid, UserPtr<int> child_tid, u64 tls) {
    CloneArgs a{flags.value & ~kCsignal, stack, parent_tid.addr(), child_tid.addr(), tls,
                static_cast<int>(flags.value & kCsignal)};
    if (a.exit_signal > kNumSignals) return Error(EINVAL);
    a.pidfd = parent_tid.addr();   // the legacy call returns a pidfd through parent_tid
    return TRY(do_clone(a));
}

SyscallResult sys_clone3(UserPtr<void> uargs, usize size) {
    if (size > kPageSize) return Error(E2BIG);
    if (size < CLONE_ARGS_SIZE_VER0) return Error(EINVAL);
    struct clone_args ka;
    TRY(copy_clone_args(ka, uargs.addr(), size));
    if (ka.set_tid_size > kMaxPidNsLevel) return Error(EINVAL);
    if (!ka.set_tid && ka.set_tid_size) return Error(EINVAL);
    if (ka.set_tid && !ka.set_tid_size) return Error(EINVAL);
    if ((ka.exit_signal & ~kCsignal) || ka.exit_signal > static_cast<u64>(kNumSignals)) return Error(EINVAL);
    if ((ka.flags & CLONE_INTO_CGROUP) && (ka.cgroup > 0x7fffffffu || size < CLONE_ARGS_SIZE_VER2)) return Error(EINVAL);
    int set_tid[kMaxPidNsLevel];
    if (ka.set_tid) TRY(copy_from_user(set_tid, ka.set_tid, ka.set_tid_size * sizeof(int)));
    // clone3_args_valid: no unknown flags, no exit-signal byte or CLONE_DETACHED in the flags,
    // a stack given as base and size.
    if (ka.flags & ~(0xffffffffull | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP)) return Error(EINVAL);
    if (ka.flags & (CLONE_DETACHED | (kCsignal & ~u64(CLONE_NEWTIME)))) return Error(EINVAL);
    if ((ka.flags & CLONE_SIGHAND) && (ka.flags & CLONE_CLEAR_SIGHAND)) return Error(EINVAL);
    if ((ka.flags & (CLONE_THREAD | CLONE_PARENT)) && ka.exit_signal) return Error(EINVAL);
    if (!ka.stack ? ka.stack_size != 0 : (!ka.stack_size || ka.stack + ka.stack_size > kUserSpaceEnd ||
                                            ka.stack + ka.stack_size < ka.stack))
        return Error(EINVAL);
    if (ka.set_tid_size > 1) return Error(EINVAL);   // one pid namespace level only
    RefPtr<Cgroup> into;
    if (ka.flags & CLONE_INTO_CGROUP) into = TRY(cgroup_for_clone_into(static_cast<int>(ka.cgroup), ka.flags & CLONE_THREAD));
    CloneArgs a{ka.flags, ka.stack ? ka.stack + ka.stack_size : 0, ka.parent_tid, ka.child_tid, ka.tls,
                static_cast<int>(ka.exit_signal)};
    a.pidfd = ka.pidfd;
    a.set_tid = ka.set_tid ? set_tid[0] : 0;
    a.into_cgroup = into.ptr();
    // A requested pid of 0 would mean "any" here, but Linux rejects it.
    if (ka.set_tid && a.set_tid <= 0) return Error(EINVAL);
    int child = TRY(do_clone(a));
    if (into) cgroup_notify_events();   // the child may be the cgroup's first member
    return child;
}
