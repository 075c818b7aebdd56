// SPDX-License-Identifier: MIT
// Process credentials (man 7 credentials): real, effective, saved and filesystem ids plus the
// supplementary groups. Permission checks read fsuid/fsgid as Linux does.
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
    // all. LINUX-DIVERGENCE: privilege checks still test euid/fsuid 0, not these bits (except
    // syslog's CAP_SYSLOG); no ambient set, no file capabilities, no securebits.
    u64 cap_effective = kAllCaps, cap_permitted = kAllCaps, cap_inheritable = 0, cap_bounding = kAllCaps;
    bool keep_caps = false;   // PR_SET_KEEPCAPS (securebit SECURE_KEEP_CAPS): cleared by execve

    static constexpr u64 kAllCaps = (u64(1) << (CAP_LAST_CAP + 1)) - 1;
    bool has_cap(int cap) const { return (cap_effective >> cap) & 1; }

    bool is_root() const { return fsuid == 0; }   // privilege for file access checks
    bool in_group(u32 g) const {
        if (g == fsgid) return true;
        for (usize i = 0; i < group_count; i++)
            if (groups[i] == g) return true;
        return false;
    }
};

// Access mask bits as in access(2).
constexpr int kMayExec = 1, kMayWrite = 2, kMayRead = 4;

// Linux's generic_permission() for a file with the given mode/owner (no ACLs, no capabilities
// beyond root's CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH behaviour).
bool permission_allows(const Credentials& c, u32 mode, u32 uid, u32 gid, int mask);

// linux: cap_task_fix_setuid(): how a change of user ids (old -> n) changes n's capabilities.
// fs_only: setfsuid, which only moves the file-system capabilities in and out of the effective set.
void caps_fix_setuid(const Credentials& old, Credentials& n, bool fs_only);
// linux: cap_bprm_creds_from_file() for a file without capabilities: n holds the ids the new
// program runs with.
void caps_on_exec(Credentials& n);
