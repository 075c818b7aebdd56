// SPDX-License-Identifier: MIT
// The out-of-memory killer (linux: mm/oom_kill.c, in behaviour): when a user page fault finds no
// free page, the process with the highest badness (resident pages, shifted by oom_score_adj in
// thousandths of RAM) is killed with SIGKILL, and the faulting thread waits for the memory it
// frees instead of dying itself.
#pragma once

#include "core/process.h"

enum class OomOutcome : u8 {
    OtherKilled,   // a victim other than self is dying: wait a little and retry the fault
    KillSelf,      // self is the best victim, or no one else can be killed
};

// Chooses and kills a victim for an allocation that failed in self's context. While an earlier
// victim is still alive nothing more is killed (its memory is about to come back).
OomOutcome oom_kill(Process* self);
