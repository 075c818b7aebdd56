// SPDX-License-Identifier: MIT
// The "cgroup2" file system type: the cgroup v2 hierarchy (fs/cgroup/cgroup.h) as directories
// and interface files.
#pragma once

#include "lib/ref_ptr.h"
#include "lib/result.h"

class Cgroup;

// Creates the root cgroup and registers "cgroup2" (boot, after the VFS).
void cgroupfs_init();

// clone3's CLONE_INTO_CGROUP: the cgroup of directory descriptor fd (O_PATH too) once the
// caller may create a process (or, with thread, a thread) there. EBADF for a descriptor that is
// not a cgroup2 directory, then cgroup_can_clone_into's errors.
Result<RefPtr<Cgroup>> cgroup_for_clone_into(int fd, bool thread);
