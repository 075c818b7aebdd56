// SPDX-License-Identifier: MIT
#include "ipc/fd_events.h"

#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"

Result<i64> fd_install_new(RefPtr<File> f, bool cloexec) {
    Process* p = current_process();
    return TRY(p->fds->install(move_ref(f), cloexec, 0, p->rlimits[RLIMIT_NOFILE].cur));
}
