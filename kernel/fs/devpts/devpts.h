// SPDX-License-Identifier: MIT
// devpts ("devpts", statfs magic DEVPTS_SUPER_MAGIC): the directory of pty slaves, usually at
// /dev/pts. It holds "ptmx" (c 5:2, a second way to open the multiplexer) and one node "N"
// (c 136:N) per allocated pty, made when /dev/ptmx hands out pair N and removed when its master
// closes. Like devtmpfs there is one instance, which every mount shows; a mount's options
// (devpts_options.h) apply to the nodes made from then on and to ptmx.
// LINUX-DIVERGENCE: since Linux 4.7 every devpts mount is a separate instance with its own
// numbering; here "newinstance" and separate mounts share one. Test: tty/openpty_login
//
// The directory keeps out of the dentry cache (as procfs does): nodes come and go from release
// paths that must not sleep, and every walk asks the directory again.
#pragma once

#include "fs/vfs/vfs.h"

constexpr u32 kDevptsMaxEntries = 4096;   // linux: /proc/sys/kernel/pty/max default

const FileSystemType& devpts_type();
// Boot: creates the instance and registers the type (after vfs_init).
void devpts_init();

// The devpts root that serves a ptmx opened at ptmx_path: the file system itself for
// /dev/pts/ptmx, else a devpts mounted on "pts" in ptmx's directory (linux: devpts_acquire).
// ENODEV when there is none.
Result<Path> devpts_for_ptmx(const Path& ptmx_path);
// Makes node "index" for the caller (owner: the mount's uid=/gid= or the caller's fsuid/fsgid;
// mode: the mount's mode=). EEXIST when it exists.
Result<void> devpts_add(u32 index);
// Removes node "index" (no-op when absent). Never sleeps.
void devpts_remove(u32 index);
// The node of index under root (a devpts_for_ptmx() result), for opening the slave
// without a path walk (TIOCGPTPEER).
Result<Path> devpts_node_path(const Path& root, u32 index);
