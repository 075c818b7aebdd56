// SPDX-License-Identifier: MIT
// Linux native AIO system calls (aio/aio_syscalls.cpp).
#pragma once

#include "syscalls/types.h"

SyscallResult sys_io_setup(u32 nr_events, UserPtr<u64> ctxp);
SyscallResult sys_io_destroy(u64 ctx);
SyscallResult sys_io_submit(u64 ctx, i64 nr, UserPtr<const u64> iocbpp);
SyscallResult sys_io_cancel(u64 ctx, UserPtr<void> iocb, UserPtr<void> result);
SyscallResult sys_io_getevents(u64 ctx, i64 min_nr, i64 nr, UserPtr<void> events, UserPtr<const void> timeout);
SyscallResult sys_io_pgetevents(u64 ctx, i64 min_nr, i64 nr, UserPtr<void> events, UserPtr<const void> timeout,
                                UserPtr<const void> usig);
