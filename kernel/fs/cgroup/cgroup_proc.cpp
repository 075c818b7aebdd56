// SPDX-License-Identifier: MIT
// /proc/<pid>/cgroup (linux: proc_cgroup_show()): "0::<path>" for the unified hierarchy, the
// only one Aramid has. The path is relative to the root cgroup (there are no cgroup namespaces).
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
