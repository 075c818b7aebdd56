// SPDX-License-Identifier: MIT
// A NUMA memory policy (linux: struct mempolicy) as set_mempolicy and mbind leave it, for a
// thread or a VMA. Aramid has one node (0), so a policy changes where nothing is allocated; it is
// kept so get_mempolicy reports it and VMAs with different policies stay apart as Linux's do.
#pragma once

#include "lib/types.h"

struct MemPolicy {
    u16 mode = 0;          // MPOL_*; MPOL_DEFAULT (0) means none: the task's, then the system's
    u16 flags = 0;         // the user-visible MPOL_F_STATIC_NODES / RELATIVE_NODES / NUMA_BALANCING
    u64 nodes = 0;         // the nodes in effect (a subset of node 0 here)
    u64 user_nodes = 0;    // the first 64 bits of the mask given, kept for STATIC/RELATIVE_NODES
    i32 home_node = -1;    // set_mempolicy_home_node; NUMA_NO_NODE
    bool operator==(const MemPolicy&) const = default;
};
