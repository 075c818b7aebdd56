// SPDX-License-Identifier: MIT
// /proc/<pid>/ns/: one magic link per namespace kind Aramid has. readlink gives "uts:[inum]";
// following it opens the namespace's nsfs file (what setns takes). Both need ptrace-style access
// to the process, as Linux's proc_ns_readlink/proc_ns_get_link. Namespaces belong to the process
// here, so task/<tid>/ns shows the group's.
#include "abi/linux/uapi.h"
#include "fs/nsfs/nsfs.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/proc_task.h"

namespace {

constexpr u32 kLink = S_IFLNK | 0777;

Result<NsHandle> handle_of(const ProcNode& node, const Credentials& viewer) {
    auto r = check_inspect(node.pid, viewer);
    if (r.is_error()) return Error(r.error_code() == ESRCH ? ENOENT : r.error_code());
    return ns_of_process(node.pid, node.entry->name[0] == 'u' ? CLONE_NEWUTS : CLONE_NEWIPC);
}

PROC_SHOW(show_ns_link) {
    NsHandle h = TRY(handle_of(node, viewer));
    out.appendf("%s:[%u]", h.name(), h.inum());
    return out.status();
}

}  // namespace

Result<Path> proc_ns_magic_target(const ProcNode& node, const Credentials& viewer) {
    return nsfs_path(TRY(handle_of(node, viewer)));
}

// Linux lists every kind (cgroup, mnt, net, pid, time, user too); only the built ones are here.
constinit const ProcEntry kProcPidNsEntries[kProcPidNsCount] = {
    {"ipc", kLink, ProcKind::Link, show_ns_link, nullptr, nullptr, 0, kProcNsLink},
    {"uts", kLink, ProcKind::Link, show_ns_link, nullptr, nullptr, 0, kProcNsLink},
};
