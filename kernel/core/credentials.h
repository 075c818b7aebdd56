// SPDX-License-Identifier: MIT
// Process credentials (man 7 credentials): real, effective, saved and filesystem ids, the
// supplementary groups and the capability sets. File permission checks read fsuid/fsgid as Linux
// does; every privilege check asks for one capability (capable(), Credentials::has_cap), never
// for uid 0.
#pragma once

#include "abi/linux/uapi.h"
#include "lib/types.h"

struct Credentials {
    static constexpr usize kMaxGroups = 64;
    u32 uid = 0, euid = 0, suid = 0, fsuid = 0;
    u32 gid = 0, egid = 0, sgid = 0, fsgid = 0;
    u32 groups[kMaxGroups] = {};
    usize group_count = 0;
    // Capability sets (man 7 capabilities), one bit per CAP_*. A fresh root process holds them
    // all; privilege checks test the effective set, which follows uid changes as in Linux
    // (caps_fix_setuid, caps_on_exec). The ambient set stays within permitted and inheritable.
    // LINUX-DIVERGENCE: no file capabilities (security.capability is never read; only root's
    // implicit ones), no user namespaces (every check is against
    // the initial one), and the sets belong to the process, not to each thread (Linux's capset
    // changes only the calling thread).
    u64 cap_effective = kAllCaps, cap_permitted = kAllCaps, cap_inheritable = 0, cap_bounding = kAllCaps;
    u64 cap_ambient = 0;
    // Securebits (man 7 capabilities, PR_SET_SECUREBITS): SECBIT_* flags and their locks.
    // SECBIT_KEEP_CAPS (PR_SET_KEEPCAPS) is cleared by execve; the others are inherited.
    u32 securebits = 0;
    bool secure(int bit) const { return (securebits >> bit) & 1; }

    static constexpr u64 kAllCaps = (u64(1) << (CAP_LAST_CAP + 1)) - 1;
    // linux: security_capable(): whether the effective set holds cap.
    bool has_cap(int cap) const { return (cap_effective >> cap) & 1; }
    bool in_group(u32 g) const {
        if (g == fsgid) return true;
        for (usize i = 0; i < group_count; i++)
            if (groups[i] == g) return true;
        return false;
    }
};

// Access mask bits as in access(2).
constexpr int kMayExec = 1, kMayWrite = 2, kMayRead = 4;

// linux: capable(): whether the calling thread's process holds cap in its effective set. Kernel
// threads (no process) hold every capability.
bool capable(int cap);

// Linux's generic_permission() for a file with the given mode/owner: the mode bits for the
// fsuid/fsgid, then CAP_DAC_READ_SEARCH and CAP_DAC_OVERRIDE (no ACLs).
bool permission_allows(const Credentials& c, u32 mode, u32 uid, u32 gid, int mask);

// linux: __ptrace_may_access() and cap_ptrace_access_check() on credentials alone: CAP_SYS_PTRACE,
// or the caller's ids (fsuid/fsgid with fscreds, else the real ones) equal to all of the target's
// and the target's permitted set within the caller's effective (fscreds) or permitted set. The
// caller's own thread group and the target's dumpable flag are for the callers to check.
bool ptrace_creds_allow(const Credentials& caller, const Credentials& target, bool fscreds);

// linux: cap_task_fix_setuid(): how a change of user ids (old -> n) changes n's capabilities.
// fs_only: setfsuid, which only moves the file-system capabilities in and out of the effective set.
void caps_fix_setuid(const Credentials& old, Credentials& n, bool fs_only);
// linux: cap_bprm_creds_from_file() for a file without capabilities: n holds the ids the new
// program runs with, old the caller's credentials. Under no_new_privs the program gains no
// capability beyond the caller's permitted set.
void caps_on_exec(Credentials& n, const Credentials& old, bool no_new_privs);
