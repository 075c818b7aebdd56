// SPDX-License-Identifier: MIT
// IPC namespaces: the three System V tables made and torn down together.
#include "ipc/ipc_namespace.h"

#include <new>

#include "core/process.h"

Result<RefPtr<IpcNamespace>> IpcNamespace::create(u32 inum) {
    auto* ns = new (std::nothrow) IpcNamespace();
    if (!ns) return Error(ENOMEM);
    RefPtr<IpcNamespace> ref = RefPtr<IpcNamespace>::adopt(ns);
    ns->inum = inum;
    ns->msg = TRY(sysv_msg_ns_create());
    ns->sem = TRY(sysv_sem_ns_create());
    ns->shm = TRY(sysv_shm_ns_create(ns));
    return ref;
}

IpcNamespace::~IpcNamespace() {
    if (shm) sysv_shm_ns_destroy(shm);
    if (sem) sysv_sem_ns_destroy(sem);
    if (msg) sysv_msg_ns_destroy(msg);
}

IpcNamespace& current_ipc_ns() { return *current_process()->ns.ipc; }
