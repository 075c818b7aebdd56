// SPDX-License-Identifier: MIT
// /proc/<pid>/cgroup (linux: proc_cgroup_show()): "0::<path>" for the unified hierarchy, the
// only one Aramid has. The path is relative to the root cgroup (there are no cgroup namespaces).
// /proc/cgroups (linux: proc_cgroupstats_show()): one line per controller.
#include "core/process.h"
#include "core/process_table.h"
#include "fs/cgroup/cgroup.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/seq_buf.h"

PROC_SHOW(proc_show_pid_cgroup) {
    SpinlockGuard g(g_process_tree_lock);
    Process* p = process_find_locked(node.pid);
    if (!p) return Error(ESRCH);
    out.append("0::");
    cgroup_append_path_locked(cgroup_of_locked(*p), out);
    out.putc('\n');
    return out.status();
}

// Controllers of the unified hierarchy show hierarchy 0 and that hierarchy's cgroup count, which
// (as Linux's nr_cgrps) includes removed cgroups something still holds.
PROC_SHOW(proc_show_cgroups) {
    Cgroup& root = cgroup_root();
    long count = 1 + root.nr_descendants.load(std::memory_order_relaxed) +
                 root.nr_dying_descendants.load(std::memory_order_relaxed);
    out.append("#subsys_name\thierarchy\tnum_cgroups\tenabled\n");
    out.appendf("pids\t0\t%ld\t1\n", count);
    return out.status();
}
