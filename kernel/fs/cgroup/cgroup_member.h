// SPDX-License-Identifier: MIT
// A process's membership in the cgroup v2 hierarchy (kept in Process; fs/cgroup/cgroup.h has
// the operations). Changed under the process-tree lock.
#pragma once

#include "lib/types.h"

class Cgroup;

struct CgroupMember {
    CgroupMember() = default;
    ~CgroupMember();           // drops the reference (cgroup.cpp: Cgroup is incomplete here)
    ARAMID_NOCOPY(CgroupMember);
    // One reference, null for the root cgroup; set through cgroup.cpp.
    Cgroup* cgroup = nullptr;
    // CPU time the process had used when it joined (cpu.stat counts what it uses inside).
    u64 user_base_ns = 0, system_base_ns = 0;
    u32 pids_charged = 0;      // tasks counted in pids.current (live threads; 1 while a zombie)
    bool joined = false;       // counted in its cgroup (every process but init, which starts in the root)
    bool left = false;         // exited: no longer a member for cgroup.procs and "populated"
};
