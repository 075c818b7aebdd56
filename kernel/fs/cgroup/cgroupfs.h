// SPDX-License-Identifier: MIT
// The "cgroup2" file system type: the cgroup v2 hierarchy (fs/cgroup/cgroup.h) as directories
// and interface files.
#pragma once

// Creates the root cgroup and registers "cgroup2" (boot, after the VFS).
void cgroupfs_init();
