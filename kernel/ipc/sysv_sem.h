// SPDX-License-Identifier: MIT
// System V semaphores (kernel/ipc/sysv_sem.cpp): the exit hook and what /proc shows.
#pragma once

#include "fs/procfs/seq_buf.h"
#include "ipc/sysv_ipc.h"

// A process's last thread is leaving: its SEM_UNDO adjustments are applied (Linux's exit_sem).
void sysv_sem_exit(int pid);
// Whether process pid holds SEM_UNDO records (kcmp's KCMP_SYSVSEM: Linux's undo list exists
// from the first SEM_UNDO operation; LINUX-DIVERGENCE: here it goes with the last record).
bool sysv_sem_has_undo(int pid);
Result<void> sysv_sem_show(SeqBuf& out);   // /proc/sysvipc/sem
