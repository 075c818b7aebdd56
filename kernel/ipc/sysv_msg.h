// SPDX-License-Identifier: MIT
// System V message queues (kernel/ipc/sysv_msg.cpp): what /proc shows.
#pragma once

#include "fs/procfs/seq_buf.h"
#include "ipc/sysv_ipc.h"

Result<void> sysv_msg_show(SeqBuf& out);   // /proc/sysvipc/msg
