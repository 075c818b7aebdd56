// SPDX-License-Identifier: MIT
#include "core/credentials.h"

#include "abi/linux/uapi.h"
#include "core/process.h"

bool capable(int cap) {
    Process* p = current_thread()->process;
    return !p || p->creds.has_cap(cap);
}

bool permission_allows(const Credentials& c, u32 mode, u32 uid, u32 gid, int mask) {
    u32 bits;
    if (c.fsuid == uid) bits = (mode >> 6) & 7;
    else if (c.in_group(gid)) bits = (mode >> 3) & 7;
    else bits = mode & 7;
    if ((bits & static_cast<u32>(mask)) == static_cast<u32>(mask)) return true;
    // Directories: CAP_DAC_READ_SEARCH grants read and search, CAP_DAC_OVERRIDE everything.
    if (S_ISDIR(mode)) return (!(mask & kMayWrite) && c.has_cap(CAP_DAC_READ_SEARCH)) || c.has_cap(CAP_DAC_OVERRIDE);
    // Other files: CAP_DAC_READ_SEARCH grants reading only; CAP_DAC_OVERRIDE grants read and
    // write, and execute only when some execute bit is set.
    if (mask == kMayRead && c.has_cap(CAP_DAC_READ_SEARCH)) return true;
    return (!(mask & kMayExec) || (mode & (S_IXUSR | S_IXGRP | S_IXOTH))) && c.has_cap(CAP_DAC_OVERRIDE);
}

bool ptrace_creds_allow(const Credentials& c, const Credentials& t, bool fscreds) {
    if (c.has_cap(CAP_SYS_PTRACE)) return true;
    u32 uid = fscreds ? c.fsuid : c.uid, gid = fscreds ? c.fsgid : c.gid;
    bool ids = uid == t.uid && uid == t.euid && uid == t.suid && gid == t.gid && gid == t.egid && gid == t.sgid;
    u64 caller_caps = fscreds ? c.cap_effective : c.cap_permitted;
    return ids && (t.cap_permitted & ~caller_caps) == 0;
}

namespace {
constexpr u64 bit(int cap) { return u64(1) << cap; }
// linux: cap_fs_set, the capabilities that follow the file-system uid.
constexpr u64 kFsCaps = bit(CAP_CHOWN) | bit(CAP_MKNOD) | bit(CAP_DAC_OVERRIDE) | bit(CAP_DAC_READ_SEARCH) |
                        bit(CAP_FOWNER) | bit(CAP_FSETID) | bit(CAP_LINUX_IMMUTABLE) | bit(CAP_MAC_OVERRIDE);
bool any_root(const Credentials& c) { return c.uid == 0 || c.euid == 0 || c.suid == 0; }
}  // namespace

void caps_fix_setuid(const Credentials& old, Credentials& n, bool fs_only) {
    if (n.secure(SECURE_NO_SETUID_FIXUP)) return;
    if (fs_only) {
        if (old.fsuid == 0 && n.fsuid != 0) n.cap_effective &= ~kFsCaps;
        if (old.fsuid != 0 && n.fsuid == 0) n.cap_effective |= n.cap_permitted & kFsCaps;
        return;
    }
    // Leaving root entirely (no 0 among real, effective, saved) drops everything, unless
    // PR_SET_KEEPCAPS asked to keep the permitted set. The ambient set goes either way.
    if (any_root(old) && !any_root(n)) {
        if (!n.secure(SECURE_KEEP_CAPS)) n.cap_permitted = n.cap_effective = 0;
        n.cap_ambient = 0;
    }
    if (old.euid == 0 && n.euid != 0) n.cap_effective = 0;
    if (old.euid != 0 && n.euid == 0) n.cap_effective = n.cap_permitted;
}

void caps_on_exec(Credentials& n, const Credentials& old, bool no_new_privs) {
    n.securebits &= ~SECBIT_KEEP_CAPS;
    // Root runs every program as if it had all file capabilities: pP' = bounding | pI (unless
    // SECBIT_NOROOT takes that away).
    bool root = !n.secure(SECURE_NOROOT) && (n.euid == 0 || n.uid == 0);
    n.cap_permitted = root ? (n.cap_bounding | n.cap_inheritable) : 0;
    if (no_new_privs) n.cap_permitted &= old.cap_permitted;
    // A set-ID exec (effective ids other than the caller's real ones) cancels the ambient set;
    // otherwise the ambient capabilities carry over: pP' |= pA, and pE' = pA unless the
    // program runs with euid 0.
    if (n.euid != old.uid || n.egid != old.gid) n.cap_ambient = 0;
    n.cap_permitted |= n.cap_ambient;
    n.cap_effective = root && n.euid == 0 ? n.cap_permitted : n.cap_ambient;
}
