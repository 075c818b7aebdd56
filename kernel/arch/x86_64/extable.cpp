// SPDX-License-Identifier: MIT
#include "arch/x86_64/extable.h"

#include "arch/x86_64/trap_frame.h"

extern "C" const ExtableEntry __extable_start[], __extable_end[];

bool extable_fixup(TrapFrame* f) {
    for (const ExtableEntry* e = __extable_start; e < __extable_end; e++) {
        if (e->fault_ip == f->rip) {
            f->rip = e->fixup_ip;
            f->rax = static_cast<u64>(-1);   // the faulting helper reports failure through rax
            return true;
        }
    }
    return false;
}

bool extable_contains(u64 ip) {
    for (const ExtableEntry* e = __extable_start; e < __extable_end; e++)
        if (e->fault_ip == ip) return true;
    return false;
}
