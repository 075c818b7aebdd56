// SPDX-License-Identifier: MIT
// Host identity shared by uname(2), sethostname(2) and /proc/sys/kernel.
#pragma once

#include "lib/types.h"

struct SystemNames {
    char hostname[65];
    char domainname[65];
};
// The calling process's (its UTS namespace's; core/namespaces.h).
SystemNames& system_names();

constexpr const char* kUnameSysname = "Linux";   // programs test for it; we implement Linux's ABI
constexpr const char* kUnameRelease = "6.1.0-aramid";
// The same release as LINUX_VERSION_CODE: the vDSO's "Linux" note (glibc reads it as the kernel version).
constexpr u32 kLinuxVersionCode = (6u << 16) | (1u << 8) | 0u;
constexpr const char* kUnameVersion = "#1 SMP PREEMPT Aramid";
constexpr const char* kUnameMachine = "x86_64";
