// SPDX-License-Identifier: MIT
// procfs ("proc") and sysfs ("sysfs"): the public entry points. procfs_init() registers both
// file-system types with the VFS (call it once after vfs_init(); a second call does nothing), so
// that `mount -t proc proc /proc` and `mount -t sysfs sysfs /sys` work.
#pragma once

#include "lib/result.h"

class AddressSpace;

void procfs_init();

// Copies up to len bytes at addr in mm (any process's address space) into the kernel buffer
// buf, as Linux's access_remote_vm: pages are faulted in for reading first, and the copy stops
// early at an unmapped or unreadable page. Returns the bytes copied (0 when addr itself is not
// readable). Sleeps (takes mm's lock): call it with no spinlock held. With write, the bytes go
// the other way, into writable pages only (copy-on-write ones are copied first).
// force: a debugger's access (AddressSpace::force_fault), as ptrace's PEEK/POKE requests.
usize access_process_memory(AddressSpace& mm, uptr addr, void* buf, usize len, bool write = false, bool force = false);

// kernel.randomize_va_space (0, 1 or 2), read by exec for the address-space layout.
i64 sysctl_randomize_va_space();
// vm.dirty_expire_centisecs / vm.dirty_writeback_centisecs: how old dirty file-system metadata
// may get, and how often the write-back thread looks (0: never).
i64 sysctl_dirty_expire_centisecs();
i64 sysctl_dirty_writeback_centisecs();
// fs.inotify.max_queued_events: the queue length of an inotify instance created now.
i64 sysctl_inotify_max_queued_events();
// net.unix.max_dgram_qlen: the datagram backlog of an AF_UNIX socket created now.
i64 sysctl_unix_max_dgram_qlen();
// fs.inotify.max_user_instances / max_user_watches: per-user limits (EMFILE / ENOSPC).
i64 sysctl_inotify_max_user_instances();
i64 sysctl_inotify_max_user_watches();
