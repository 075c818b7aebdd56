// SPDX-License-Identifier: MIT
// Host identity shared by uname(2), sethostname(2) and /proc/sys/kernel.
#pragma once

#include "lib/types.h"

struct SystemNames {
    char hostname[65];
    char domainname[65];
};
SystemNames& system_names();

constexpr const char* kUnameSysname = "Linux";   // programs test for it; we implement Linux's ABI
constexpr const char* kUnameRelease = "6.1.0-aramid";
constexpr const char* kUnameVersion = "#1 SMP PREEMPT Aramid";
constexpr const char* kUnameMachine = "x86_64";
