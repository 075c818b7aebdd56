// SPDX-License-Identifier: MIT
// User and group ids (man 7 credentials): the setuid family with Linux's rules for callers
// without CAP_SETUID (user ids) or CAP_SETGID (group ids, setgroups): they may only move between
// the real, effective and saved ids.
#include "core/process.h"
#include "syscalls/handlers.h"

namespace {
Credentials& creds() { return current_process()->creds; }
constexpr u32 kKeep = 0xffffffffu;

bool one_of(u32 v, u32 a, u32 b, u32 c) { return v == a || v == b || v == c; }

// linux: commit_creds(): a change of effective or file-system ids makes the process
// non-dumpable, and a change of user ids moves capabilities (cap_task_fix_setuid). Scoped
// around each call that may change them; fs_only for setfsuid.
class DumpableCheck {
public:
    explicit DumpableCheck(bool fs_only = false) : m_old(creds()), m_fs_only(fs_only) {}
    ~DumpableCheck() {
        Credentials& n = creds();
        if (n.euid != m_old.euid || n.egid != m_old.egid || n.fsuid != m_old.fsuid || n.fsgid != m_old.fsgid)
            current_process()->dumpable.store(0, std::memory_order_relaxed);
        caps_fix_setuid(m_old, n, m_fs_only);
    }
    ARAMID_NOCOPY(DumpableCheck);

private:
    Credentials m_old;
    bool m_fs_only;
};
}  // namespace

// getuid, geteuid, getgid and getegid: syscalls/light.h.

SyscallResult sys_setuid(u32 uid) {
    DumpableCheck dumpable;
    Credentials& c = creds();
    if (uid == kKeep) return Error(EINVAL);
    if (creds().has_cap(CAP_SETUID)) {
        c.uid = c.euid = c.suid = c.fsuid = uid;
    } else if (uid == c.uid || uid == c.suid) {
        c.euid = c.fsuid = uid;
    } else {
        return Error(EPERM);
    }
    return 0;
}

SyscallResult sys_setgid(u32 gid) {
    DumpableCheck dumpable;
    Credentials& c = creds();
    if (gid == kKeep) return Error(EINVAL);
    if (creds().has_cap(CAP_SETGID)) {
        c.gid = c.egid = c.sgid = c.fsgid = gid;
    } else if (gid == c.gid || gid == c.sgid) {
        c.egid = c.fsgid = gid;
    } else {
        return Error(EPERM);
    }
    return 0;
}

SyscallResult sys_setreuid(u32 ruid, u32 euid) {
    DumpableCheck dumpable;
    Credentials& c = creds();
    Credentials n = c;
    if (ruid != kKeep) {
        if (!creds().has_cap(CAP_SETUID) && ruid != c.uid && ruid != c.euid) return Error(EPERM);
        n.uid = ruid;
    }
    if (euid != kKeep) {
        if (!creds().has_cap(CAP_SETUID) && !one_of(euid, c.uid, c.euid, c.suid)) return Error(EPERM);
        n.euid = euid;
    }
    // The saved id follows the new effective id when the real id changed or the effective id
    // moved away from the old real id.
    if (ruid != kKeep || (euid != kKeep && euid != c.uid)) n.suid = n.euid;
    n.fsuid = n.euid;
    c = n;
    return 0;
}

SyscallResult sys_setregid(u32 rgid, u32 egid) {
    DumpableCheck dumpable;
    Credentials& c = creds();
    Credentials n = c;
    if (rgid != kKeep) {
        if (!creds().has_cap(CAP_SETGID) && rgid != c.gid && rgid != c.egid) return Error(EPERM);
        n.gid = rgid;
    }
    if (egid != kKeep) {
        if (!creds().has_cap(CAP_SETGID) && !one_of(egid, c.gid, c.egid, c.sgid)) return Error(EPERM);
        n.egid = egid;
    }
    if (rgid != kKeep || (egid != kKeep && egid != c.gid)) n.sgid = n.egid;
    n.fsgid = n.egid;
    c = n;
    return 0;
}

SyscallResult sys_setresuid(u32 r, u32 e, u32 s) {
    DumpableCheck dumpable;
    Credentials& c = creds();
    if (!creds().has_cap(CAP_SETUID)) {
        for (u32 v : {r, e, s})
            if (v != kKeep && !one_of(v, c.uid, c.euid, c.suid)) return Error(EPERM);
    }
    if (r != kKeep) c.uid = r;
    if (e != kKeep) c.euid = e;
    if (s != kKeep) c.suid = s;
    c.fsuid = c.euid;
    return 0;
}

SyscallResult sys_setresgid(u32 r, u32 e, u32 s) {
    DumpableCheck dumpable;
    Credentials& c = creds();
    if (!creds().has_cap(CAP_SETGID)) {
        for (u32 v : {r, e, s})
            if (v != kKeep && !one_of(v, c.gid, c.egid, c.sgid)) return Error(EPERM);
    }
    if (r != kKeep) c.gid = r;
    if (e != kKeep) c.egid = e;
    if (s != kKeep) c.sgid = s;
    c.fsgid = c.egid;
    return 0;
}

SyscallResult sys_getresuid(UserPtr<u32> r, UserPtr<u32> e, UserPtr<u32> s) {
    Credentials& c = creds();
    TRY(copy_to_user(r, c.uid));
    TRY(copy_to_user(e, c.euid));
    TRY(copy_to_user(s, c.suid));
    return 0;
}

SyscallResult sys_getresgid(UserPtr<u32> r, UserPtr<u32> e, UserPtr<u32> s) {
    Credentials& c = creds();
    TRY(copy_to_user(r, c.gid));
    TRY(copy_to_user(e, c.egid));
    TRY(copy_to_user(s, c.sgid));
    return 0;
}

// setfsuid returns the previous fsuid whether or not it changed anything.
SyscallResult sys_setfsuid(u32 uid) {
    DumpableCheck dumpable(true);
    Credentials& c = creds();
    u32 old = c.fsuid;
    if (creds().has_cap(CAP_SETUID) || one_of(uid, c.uid, c.euid, c.suid) || uid == c.fsuid) c.fsuid = uid;
    return old;
}

SyscallResult sys_setfsgid(u32 gid) {
    DumpableCheck dumpable;
    Credentials& c = creds();
    u32 old = c.fsgid;
    if (creds().has_cap(CAP_SETGID) || one_of(gid, c.gid, c.egid, c.sgid) || gid == c.fsgid) c.fsgid = gid;
    return old;
}

SyscallResult sys_getgroups(int size, UserPtr<u32> list) {
    Credentials& c = creds();
    if (size < 0) return Error(EINVAL);
    if (size == 0) return static_cast<i64>(c.group_count);
    if (static_cast<usize>(size) < c.group_count) return Error(EINVAL);
    TRY(copy_to_user(list.addr(), c.groups, c.group_count * sizeof(u32)));
    return static_cast<i64>(c.group_count);
}

SyscallResult sys_setgroups(usize size, UserPtr<const u32> list) {
    if (!creds().has_cap(CAP_SETGID)) return Error(EPERM);
    if (size > 65536) return Error(EINVAL);
    if (size > Credentials::kMaxGroups) return Error(ENOMEM);   // LINUX-DIVERGENCE: Linux allows 65536
    u32 groups[Credentials::kMaxGroups];
    TRY(copy_array_from_user(groups, list, size));
    Credentials& c = creds();
    for (usize i = 0; i < size; i++) c.groups[i] = groups[i];
    c.group_count = size;
    return 0;
}
