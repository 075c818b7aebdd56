// SPDX-License-Identifier: MIT
// An IPC namespace: its own System V message-queue, semaphore and shared-memory tables (and shm
// limits). Processes hold it through Namespaces::ipc; an attached shm segment holds it too, as
// Linux's shm files do, so its hooks always find their table. When the last reference goes, the
// objects left in it are destroyed (Linux's free_ipc_ns).
#pragma once

#include "lib/ref_ptr.h"
#include "lib/result.h"
#include "lib/types.h"

struct MsgState;   // sysv_msg.cpp
struct SemState;   // sysv_sem.cpp
struct ShmState;   // sysv_shm.cpp

class IpcNamespace : public RefCounted<IpcNamespace> {
public:
    static Result<RefPtr<IpcNamespace>> create(u32 inum);
    ~IpcNamespace();

    MsgState* msg = nullptr;
    SemState* sem = nullptr;
    ShmState* shm = nullptr;
    u32 inum = 0;

private:
    IpcNamespace() = default;
};

// The calling process's namespace.
IpcNamespace& current_ipc_ns();

// Each kind's table for a new namespace, and its teardown (every object left is removed).
Result<MsgState*> sysv_msg_ns_create();
void sysv_msg_ns_destroy(MsgState* st);
Result<SemState*> sysv_sem_ns_create();
void sysv_sem_ns_destroy(SemState* st);
Result<ShmState*> sysv_shm_ns_create(IpcNamespace* owner);
void sysv_shm_ns_destroy(ShmState* st);
