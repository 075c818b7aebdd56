// SPDX-License-Identifier: MIT
// x86 user segments (arch/x86_64/user_segments.cpp, ldt.cpp): descriptors made from a struct
// user_desc and the per-thread selector state a context switch saves and restores.
#pragma once

#include <asm/ldt.h>

#include "lib/types.h"

class Thread;

namespace x86 {

// linux: LDT_empty(): the request clears the entry.
bool user_desc_empty(const user_desc& d);
// linux: fill_ldt().
u64 encode_user_desc(const user_desc& d);

// t (the current thread) has LDT segments: its selectors are kept from now on.
void mark_segments_used(Thread& t);
// After the LDT changed: %ds/%es holding LDT selectors are loaded again.
void refresh_ldt_segments();
// The scheduler's part: prev's selectors saved, then next's LDT and selectors loaded (after its
// fs/gs bases were written). Interrupts off.
void save_user_segments(Thread& prev);
void load_user_segments(Thread& next);
// exec: null selectors.
void reset_user_segments(Thread& t);
// arch_prctl(ARCH_SET_FS/GS): the base is the MSR's again, the selector null (linux: loadseg 0).
void forget_user_fs(Thread& t);
void forget_user_gs(Thread& t);
// This CPU's LDT: next's address space's table, or none.
void set_ldt_for(Thread& next);

}  // namespace x86
