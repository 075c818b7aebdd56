// SPDX-License-Identifier: MIT
// NUMA memory policies on a machine with one node (man 2 set_mempolicy, get_mempolicy, mbind,
// set_mempolicy_home_node, migrate_pages, move_pages; linux: mm/mempolicy.c, mm/migrate.c). The
// masks are checked as Linux checks them against MAX_NUMNODES and node 0, policies are kept per
// thread and per VMA and reported back; nothing ever moves, since every page is on node 0.
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "core/process.h"
#include "core/thread.h"
#include "mm/address_space.h"
#include "syscalls/handlers.h"
#include "syscalls/task_access.h"

namespace {

// linux: MAX_NUMNODES of the oracle's configuration (CONFIG_NODES_SHIFT 10).
constexpr u64 kMaxNumNodes = 1024;
constexpr u64 kNodeOnline = 1;   // node 0: node_states[N_MEMORY], cpuset_current_mems_allowed
constexpr u64 kNrNodeIds = 1;

struct NodeMask {
    u64 w[kMaxNumNodes / 64] = {};
    bool empty() const {
        for (u64 x : w)
            if (x) return false;
        return true;
    }
};

// linux: sanitize_mpol_flags(): mode and flags apart.
Result<void> split_mode(int in, u16& mode, u16& flags) {
    flags = static_cast<u16>(in & MPOL_MODE_FLAGS);
    unsigned m = static_cast<unsigned>(in & ~MPOL_MODE_FLAGS);
    if (m >= MPOL_MAX) return Error(EINVAL);
    if ((flags & MPOL_F_STATIC_NODES) && (flags & MPOL_F_RELATIVE_NODES)) return Error(EINVAL);
    if ((flags & MPOL_F_NUMA_BALANCING) && m != MPOL_BIND) return Error(EINVAL);
    mode = static_cast<u16>(m);
    return {};
}

// linux: get_bitmap(): the first `bits` bits.
Result<void> read_bits(u64* dst, uptr src, u64 bits) {
    u64 words = (bits + 63) / 64;
    TRY(copy_from_user(dst, src, words * 8));
    if (bits % 64) dst[words - 1] &= (1ull << (bits % 64)) - 1;
    return {};
}

// linux: get_nodes(): maxnode - 1 bits; bits past MAX_NUMNODES must be clear.
Result<void> get_nodes(NodeMask& out, uptr nmask, u64 maxnode) {
    out = NodeMask{};
    --maxnode;
    if (maxnode == 0 || !nmask) return {};
    if (maxnode > kPageSize * 8) return Error(EINVAL);
    while (maxnode > kMaxNumNodes) {
        u64 bits = min<u64>(maxnode, 64);
        u64 t;
        TRY(read_bits(&t, nmask + (maxnode - 1) / 64 * 8, bits));
        if (maxnode - bits >= kMaxNumNodes) {
            maxnode -= bits;
        } else {
            maxnode = kMaxNumNodes;
            t &= ~((1ull << (kMaxNumNodes % 64)) - 1);
        }
        if (t) return Error(EINVAL);
    }
    return read_bits(out.w, nmask, maxnode);
}

// linux: mpol_new() + mpol_set_nodemask() + the mode's create(). `none` is MPOL_DEFAULT's null.
Result<MemPolicy> make_policy(u16 mode, u16 flags, const NodeMask& nodes) {
    MemPolicy p;
    if (mode == MPOL_DEFAULT) {
        if (!nodes.empty()) return Error(EINVAL);
        return p;
    }
    if (mode == MPOL_PREFERRED) {
        if (nodes.empty()) {
            if (flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES)) return Error(EINVAL);
            mode = MPOL_LOCAL;
        }
    } else if (mode == MPOL_LOCAL) {
        if (!nodes.empty() || (flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES))) return Error(EINVAL);
    } else if (nodes.empty()) {
        return Error(EINVAL);
    }
    p.mode = mode;
    p.flags = flags;
    if (mode == MPOL_LOCAL) return p;
    // With one node, relative numbering folds every node onto node 0.
    u64 effective = (flags & MPOL_F_RELATIVE_NODES) ? kNodeOnline : (nodes.w[0] & kNodeOnline);
    if (!effective) return Error(EINVAL);
    p.nodes = effective;   // PREFERRED keeps the first node: the same here
    if (flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES)) p.user_nodes = nodes.w[0];
    return p;
}

// linux: copy_nodes_to_user().
Result<void> put_nodes(uptr umask, u64 maxnode, u64 nodes) {
    u64 copy = align_up(maxnode - 1, 64) / 8;
    u64 nbytes = (kNrNodeIds + 63) / 64 * 8;
    if (copy > nbytes) {
        if (copy > kPageSize) return Error(EINVAL);
        TRY(clear_user(umask + nbytes, copy - nbytes));
        copy = nbytes;
    }
    return copy_to_user(umask, &nodes, copy);
}

u64 reported_nodes(const MemPolicy& p) {
    if (p.flags & (MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES)) return p.user_nodes;
    return p.mode == MPOL_LOCAL ? 0 : p.nodes;
}

// The process a pid names for move_pages, with the caller's right to it
// (linux: find_mm_struct, PTRACE_MODE_READ_REALCREDS).
Result<RefPtr<AddressSpace>> target_mm(int pid) {
    if (pid == 0) return current_process()->mm;
    TaskRefs t = TRY(task_refs(pid));
    if (!task_may_access(*current_process(), *t.process)) return Error(EPERM);
    if (!t.mm) return Error(EINVAL);
    return t.mm;
}

}  // namespace

SyscallResult sys_set_mempolicy(int mode, UserPtr<const u64> nmask, u64 maxnode) {
    u16 m, flags;
    TRY(split_mode(mode, m, flags));
    NodeMask nodes;
    TRY(get_nodes(nodes, nmask.addr(), maxnode));
    current_thread()->mempolicy = TRY(make_policy(m, flags, nodes));
    return 0;
}

SyscallResult sys_get_mempolicy(UserPtr<int> policy, UserPtr<u64> nmask, u64 maxnode, u64 addr, u64 flags) {
    if (!nmask.is_null() && maxnode < kNrNodeIds) return Error(EINVAL);
    if (flags & ~u64(MPOL_F_NODE | MPOL_F_ADDR | MPOL_F_MEMS_ALLOWED)) return Error(EINVAL);
    int pval = 0;
    u64 nodes = 0;
    if (flags & MPOL_F_MEMS_ALLOWED) {
        if (flags & (MPOL_F_NODE | MPOL_F_ADDR)) return Error(EINVAL);
        nodes = kNodeOnline;
    } else {
        MemPolicy pol = current_thread()->mempolicy;
        if (flags & MPOL_F_ADDR) {
            pol = TRY(current_process()->mm->policy_at(addr));
        } else if (addr) {
            return Error(EINVAL);
        }
        if (flags & MPOL_F_NODE) {
            if (flags & MPOL_F_ADDR) {
                // linux: lookup_node(): the page is faulted in (for reading) and its node told.
                u8 byte;
                TRY(copy_from_user(&byte, addr, 1));
                pval = 0;
            } else if (pol.mode == MPOL_INTERLEAVE && !(flags & MPOL_F_ADDR)) {
                pval = 0;   // the next interleave node: always node 0
            } else {
                return Error(EINVAL);
            }
        } else {
            pval = pol.mode | (pol.flags & MPOL_MODE_FLAGS);
        }
        nodes = reported_nodes(pol);
    }
    if (!policy.is_null()) TRY(copy_to_user(policy, pval));
    if (!nmask.is_null()) TRY(put_nodes(nmask.addr(), maxnode, nodes));
    return 0;
}

SyscallResult sys_mbind(u64 start, u64 len, u64 mode, UserPtr<const u64> nmask, u64 maxnode, u32 flags) {
    u16 m, mflags;
    TRY(split_mode(static_cast<int>(mode), m, mflags));
    NodeMask nodes;
    TRY(get_nodes(nodes, nmask.addr(), maxnode));
    if (flags & ~u32(MPOL_MF_VALID)) return Error(EINVAL);
    if ((flags & MPOL_MF_MOVE_ALL) && !capable(CAP_SYS_NICE)) return Error(EPERM);
    if (start & (kPageSize - 1)) return Error(EINVAL);
    u64 end = start + align_up(len, kPageSize);
    if (end < start) return Error(EINVAL);
    if (end == start) return 0;
    MemPolicy p = TRY(make_policy(m, mflags, nodes));
    // Pages on other nodes (MPOL_MF_STRICT's EIO, the moves) never exist with one node.
    TRY(current_process()->mm->set_policy(start, end, p, m == MPOL_DEFAULT));
    return 0;
}

SyscallResult sys_set_mempolicy_home_node(u64 start, u64 len, u64 home_node, u64 flags) {
    if (start & (kPageSize - 1)) return Error(EINVAL);
    if (flags) return Error(EINVAL);
    if (home_node != 0) return Error(EINVAL);   // linux: below MAX_NUMNODES and online: node 0 only
    u64 end = start + align_up(len, kPageSize);
    if (end < start) return Error(EINVAL);
    if (end == start) return 0;
    TRY(current_process()->mm->set_home_node(start, end, static_cast<int>(home_node)));
    return 0;
}

SyscallResult sys_migrate_pages(int pid, u64 maxnode, UserPtr<const u64> old_nodes, UserPtr<const u64> new_nodes) {
    NodeMask from, to;
    TRY(get_nodes(from, old_nodes.addr(), maxnode));
    TRY(get_nodes(to, new_nodes.addr(), maxnode));
    TaskRefs t;
    if (pid) {
        t = TRY(task_refs(pid));
        if (!task_may_access(*current_process(), *t.process)) return Error(EPERM);
    }
    // linux: nodes outside the target's cpuset need CAP_SYS_NICE; none left inside the caller's
    // is EINVAL.
    bool outside = (to.w[0] & ~kNodeOnline) != 0;
    for (usize i = 1; i < kMaxNumNodes / 64; i++) outside = outside || to.w[i];
    if (outside && !capable(CAP_SYS_NICE)) return Error(EPERM);
    if (!(to.w[0] & kNodeOnline)) return Error(EINVAL);
    if (pid && !t.mm) return Error(EINVAL);
    return 0;   // every page is on node 0 already: none is left behind
}

SyscallResult sys_move_pages(int pid, u64 count, UserPtr<const u64> pages, UserPtr<const int> nodes,
                             UserPtr<int> status, int flags) {
    if (flags & ~(MPOL_MF_MOVE | MPOL_MF_MOVE_ALL)) return Error(EINVAL);
    if ((flags & MPOL_MF_MOVE_ALL) && !capable(CAP_SYS_NICE)) return Error(EPERM);
    RefPtr<AddressSpace> mm = TRY(target_mm(pid));
    for (u64 i = 0; i < count; i++) {
        u64 addr;
        TRY(copy_from_user(&addr, pages.addr() + i * 8, 8));
        int st = mm->page_node_status(addr);
        if (!nodes.is_null()) {
            int node;
            TRY(copy_from_user(&node, nodes.addr() + i * 4, 4));
            // linux: do_pages_move(): the node must exist and hold memory (ENODEV) and be
            // allowed to the target (EACCES), before the page is looked at.
            if (node != 0) return Error(ENODEV);   // node 0 is the only one with memory
        }
        TRY(copy_to_user(status.addr() + i * 4, &st, 4));
    }
    return 0;
}
