// SPDX-License-Identifier: MIT
// System V IPC in /proc: the /proc/sysvipc files (Linux 6.1's columns; util-linux's ipcs reads
// them) and the kernel.shm* sysctls (proc_doulongvec_minmax for shmmax/shmall, an int bounded by
// IPCMNI for shmmni).
#include "fs/procfs/proc_show.h"
#include "ipc/sysv_msg.h"
#include "ipc/sysv_sem.h"
#include "ipc/sysv_shm.h"

namespace {

constexpr u32 kRo = S_IFREG | 0444;

// One unsigned decimal with optional surrounding whitespace, as proc_get_long reads it.
Result<u64> parse_ulong(StringView data) {
    usize b = 0, e = data.length();
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || !c; };
    while (b < e && space(data[b])) b++;
    while (e > b && space(data[e - 1])) e--;
    if (b == e) return Error(EINVAL);
    u64 v = 0;
    for (usize i = b; i < e; i++) {
        if (data[i] < '0' || data[i] > '9') return Error(EINVAL);
        if (__builtin_mul_overflow(v, 10u, &v) || __builtin_add_overflow(v, u64(data[i] - '0'), &v))
            return Error(EINVAL);
    }
    return v;
}

template <SysvShmLimit L>
PROC_SHOW(show_shm_limit) {
    out.put_dec("", sysv_shm_limit(L));
    out.putc('\n');
    return out.status();
}

template <SysvShmLimit L>
PROC_WRITE(write_shm_limit) {
    u64 v = TRY(parse_ulong(data));
    if (L == SysvShmLimit::Mni && v > kIpcMni) return Error(EINVAL);
    sysv_shm_set_limit(L, v);
    return {};
}

PROC_SHOW(show_sysvipc_shm) { return sysv_shm_show(out); }
PROC_SHOW(show_sysvipc_sem) { return sysv_sem_show(out); }
PROC_SHOW(show_sysvipc_msg) { return sysv_msg_show(out); }

}  // namespace

PROC_SHOW(proc_show_shmall) { return show_shm_limit<SysvShmLimit::All>(node, viewer, out); }
PROC_SHOW(proc_show_shmmax) { return show_shm_limit<SysvShmLimit::Max>(node, viewer, out); }
PROC_SHOW(proc_show_shmmni) { return show_shm_limit<SysvShmLimit::Mni>(node, viewer, out); }
PROC_WRITE(proc_write_shmall) { return write_shm_limit<SysvShmLimit::All>(node, viewer, data); }
PROC_WRITE(proc_write_shmmax) { return write_shm_limit<SysvShmLimit::Max>(node, viewer, data); }
PROC_WRITE(proc_write_shmmni) { return write_shm_limit<SysvShmLimit::Mni>(node, viewer, data); }

// kernel.sem: SEMMSL SEMMNS SEMOPM SEMMNI, tab-separated (fixed here).
PROC_SHOW(proc_show_sem_limits) {
    out.appendf("%d\t%d\t%d\t%d\n", SEMMSL, SEMMNS, SEMOPM, SEMMNI);
    return out.status();
}

PROC_SHOW(proc_show_msgmax) { return out.put_dec("", MSGMAX), out.putc('\n'), out.status(); }
PROC_SHOW(proc_show_msgmnb) { return out.put_dec("", MSGMNB), out.putc('\n'), out.status(); }
PROC_SHOW(proc_show_msgmni) { return out.put_dec("", MSGMNI), out.putc('\n'), out.status(); }

constinit const ProcEntry kProcSysvipcEntries[kProcSysvipcCount] = {
    {"msg", kRo, ProcKind::File, show_sysvipc_msg},
    {"sem", kRo, ProcKind::File, show_sysvipc_sem},
    {"shm", kRo, ProcKind::File, show_sysvipc_shm},
};
