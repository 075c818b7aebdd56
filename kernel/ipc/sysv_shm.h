// SPDX-License-Identifier: MIT
// System V shared memory (kernel/ipc/sysv_shm.cpp): what /proc reads and tunes.
#pragma once

#include "fs/procfs/seq_buf.h"
#include "ipc/sysv_ipc.h"

Result<void> sysv_shm_show(SeqBuf& out);   // /proc/sysvipc/shm

enum class SysvShmLimit { Max, All, Mni };   // kernel.shmmax, shmall, shmmni
u64 sysv_shm_limit(SysvShmLimit which);
void sysv_shm_set_limit(SysvShmLimit which, u64 v);
