// SPDX-License-Identifier: MIT
// capget/capset (man 2 capget): the capability sets of Credentials behind Linux's versioned
// header. Version 1 carries 32 bits per set, versions 2 and 3 carry 64 as two u32 words.
// prctl's bounding-set, keep-caps, securebits and ambient-set options live here too.
// linux: kernel/capability.c, security/commoncap.c (cap_capset, cap_task_prctl).
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/process_table.h"
#include "syscalls/handlers.h"

namespace {

using CapHeader = __user_cap_header_struct;
using CapData = __user_cap_data_struct;
static_assert(sizeof(CapHeader) == 8 && sizeof(CapData) == 12);

// The number of CapData words the header's version carries. An unknown version is answered by
// writing the kernel's preferred version back into the header.
Result<usize> cap_words(UserPtr<CapHeader> header) {
    u32 version = TRY(copy_from_user(header.cast<u32>()));
    switch (version) {
    case _LINUX_CAPABILITY_VERSION_1: return usize(1);
    case _LINUX_CAPABILITY_VERSION_2:
    case _LINUX_CAPABILITY_VERSION_3: return usize(2);
    default:
        TRY(copy_to_user(header.cast<u32>(), u32(_LINUX_CAPABILITY_VERSION_3)));
        return Error(EINVAL);
    }
}

Result<int> header_pid(UserPtr<CapHeader> header) {
    return TRY(copy_from_user(UserPtr<const int>(header.addr() + offsetof(CapHeader, pid))));
}

}  // namespace

SyscallResult sys_capget(UserPtr<void> header_ptr, UserPtr<void> data_ptr) {
    auto header = header_ptr.cast<CapHeader>();
    auto data = data_ptr.cast<CapData>();
    auto words = cap_words(header);
    // A NULL data pointer is how callers probe the version: it succeeds even for a bad one.
    if (data.addr() == 0) {
        if (words.is_error() && words.error_code() != EINVAL) return Error(words.error_code());
        return 0;
    }
    usize n = TRY(words);
    int pid = TRY(header_pid(header));
    if (pid < 0) return Error(EINVAL);
    Credentials c;
    if (pid == 0 || pid == current_process()->pid) {
        c = current_process()->creds;
    } else {
        SpinlockGuard g(g_process_tree_lock);
        Thread* t = thread_find_locked(pid);
        if (!t || !t->process) return Error(ESRCH);
        c = t->process->creds;
    }
    CapData out[2];
    for (usize i = 0; i < 2; i++) {
        out[i].effective = static_cast<u32>(c.cap_effective >> (32 * i));
        out[i].permitted = static_cast<u32>(c.cap_permitted >> (32 * i));
        out[i].inheritable = static_cast<u32>(c.cap_inheritable >> (32 * i));
    }
    TRY(copy_to_user(data.addr(), out, n * sizeof(CapData)));
    return 0;
}

SyscallResult sys_capset(UserPtr<void> header_ptr, UserPtr<const void> data) {
    auto header = header_ptr.cast<CapHeader>();
    usize n = TRY(cap_words(header));
    int pid = TRY(header_pid(header));
    if (pid != 0 && pid != current_process()->pid) return Error(EPERM);
    CapData in[2] = {};
    TRY(copy_from_user(in, data.addr(), n * sizeof(CapData)));
    auto join = [](u32 lo, u32 hi) { return (u64(lo) | (u64(hi) << 32)) & Credentials::kAllCaps; };
    u64 eff = join(in[0].effective, in[1].effective);
    u64 prm = join(in[0].permitted, in[1].permitted);
    u64 inh = join(in[0].inheritable, in[1].inheritable);
    Credentials& c = current_process()->creds;
    auto subset = [](u64 a, u64 b) { return (a & ~b) == 0; };
    // Without CAP_SETPCAP the inheritable set may only take bits from the permitted set; never
    // from outside the bounding set. Permitted may only shrink, effective stays within it.
    if (!c.has_cap(CAP_SETPCAP) && !subset(inh, c.cap_inheritable | c.cap_permitted)) return Error(EPERM);
    if (!subset(inh, c.cap_inheritable | c.cap_bounding)) return Error(EPERM);
    if (!subset(prm, c.cap_permitted)) return Error(EPERM);
    if (!subset(eff, prm)) return Error(EPERM);
    c.cap_effective = eff;
    c.cap_permitted = prm;
    c.cap_inheritable = inh;
    c.cap_ambient &= prm & inh;   // ambient bits no longer both permitted and inheritable go
    return 0;
}

namespace {
// linux: cap_task_prctl(), PR_CAP_AMBIENT: raising needs the bit permitted and inheritable.
Result<i64> ambient_prctl(Credentials& c, u64 op, u64 cap, u64 arg4, u64 arg5) {
    if (op == PR_CAP_AMBIENT_CLEAR_ALL) {
        if (cap | arg4 | arg5) return Error(EINVAL);
        c.cap_ambient = 0;
        return 0;
    }
    if (cap > CAP_LAST_CAP || arg4 || arg5) return Error(EINVAL);
    u64 bit = u64(1) << cap;
    switch (op) {
    case PR_CAP_AMBIENT_IS_SET:
        return (c.cap_ambient & bit) ? 1 : 0;
    case PR_CAP_AMBIENT_RAISE:
        if (!(c.cap_permitted & bit) || !(c.cap_inheritable & bit)) return Error(EPERM);
        if (c.secure(SECURE_NO_CAP_AMBIENT_RAISE)) return Error(EPERM);
        c.cap_ambient |= bit;
        return 0;
    case PR_CAP_AMBIENT_LOWER:
        c.cap_ambient &= ~bit;
        return 0;
    default:
        return Error(EINVAL);
    }
}
}  // namespace

Result<i64> capability_prctl(int option, u64 arg2, u64 arg3, u64 arg4, u64 arg5) {
    Credentials& c = current_process()->creds;
    switch (option) {
    case PR_CAP_AMBIENT:
        return ambient_prctl(c, arg2, arg3, arg4, arg5);
    case PR_CAPBSET_READ:
        if (arg2 > CAP_LAST_CAP) return Error(EINVAL);
        return static_cast<i64>((c.cap_bounding >> arg2) & 1);
    case PR_CAPBSET_DROP:
        if (!c.has_cap(CAP_SETPCAP)) return Error(EPERM);
        if (arg2 > CAP_LAST_CAP) return Error(EINVAL);
        c.cap_bounding &= ~(u64(1) << arg2);
        return 0;
    case PR_GET_KEEPCAPS:
        return c.secure(SECURE_KEEP_CAPS) ? 1 : 0;
    case PR_SET_KEEPCAPS:
        if (arg2 > 1) return Error(EINVAL);   // linux 6.1 ignores the other arguments
        if (c.secure(SECURE_KEEP_CAPS_LOCKED)) return Error(EPERM);
        c.securebits = (c.securebits & ~SECBIT_KEEP_CAPS) | (arg2 ? SECBIT_KEEP_CAPS : 0);
        return 0;
    case PR_GET_SECUREBITS:
        return c.securebits;
    case PR_SET_SECUREBITS: {
        // A locked bit cannot change, a lock cannot be released, only known bits, and CAP_SETPCAP.
        u64 locks = c.securebits & SECURE_ALL_LOCKS;
        if (((locks >> 1) & (c.securebits ^ arg2)) || (locks & ~arg2) ||
            (arg2 & ~u64(SECURE_ALL_LOCKS | SECURE_ALL_BITS)) || !c.has_cap(CAP_SETPCAP))
            return Error(EPERM);
        c.securebits = static_cast<u32>(arg2);
        return 0;
    }
    default:
        return Error(EINVAL);
    }
}
