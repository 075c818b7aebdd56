// SPDX-License-Identifier: MIT
// Exception fixup table: an instruction that may fault on purpose (user copies, MSR probes) is
// listed with a landing address; a fault there resumes at the landing address instead of
// panicking.
#pragma once

#include "lib/types.h"

struct TrapFrame;

struct ExtableEntry {
    u64 fault_ip;
    u64 fixup_ip;
};

bool extable_fixup(TrapFrame* f);
bool extable_contains(u64 ip);
