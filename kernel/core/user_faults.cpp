// SPDX-License-Identifier: MIT
// CPU exceptions raised by user code become signals with Linux's si_code and si_addr; page
// faults first go to the address space (demand paging, copy-on-write, stack growth).
#include "abi/linux/uapi.h"
#include "arch/cpu.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/trap_frame.h"
#include "arch/x86_64/traps.h"
#include "core/log.h"
#include "core/oom.h"
#include "core/sched.h"
#include "core/process.h"
#include "core/signal.h"
#include "mm/address_space.h"

namespace {

// Page-fault error-code bits: present, write, user, reserved, instruction fetch.
constexpr u64 kPfWrite = 2, kPfFetch = 16;

FaultResult resolve(u64 addr, u64 err) {
    Process* p = current_process();
    if (!p || !p->mm) return FaultResult::Segv;
    return p->mm->handle_fault(addr, err & kPfWrite, err & kPfFetch);
}

bool kernel_touch_user(TrapFrame* f, u64 addr) { return resolve(addr, f->error_code) == FaultResult::Handled; }

void user_exception(TrapFrame* f, u64 cr2) {
    arch::irq_enable();
    switch (f->vector) {
    case 14: {
        u64 addr = cr2;   // read by trap_dispatch before interrupts were enabled
        FaultResult r = resolve(addr, f->error_code);
        // Out of memory: the OOM killer picks the largest process; while that one dies this
        // fault waits for its memory (up to about two seconds), unless self was the one picked.
        bool self_chosen = false;
        for (int tries = 0; r == FaultResult::Oom && tries < 200; tries++) {
            if (oom_kill(current_process()) == OomOutcome::KillSelf) {
                self_chosen = true;
                break;
            }
            if (signal_pending_current()) break;
            sleep_ns(10'000'000);
            r = resolve(addr, f->error_code);
        }
        if (r == FaultResult::Handled) break;
        // A signal first (the access faults again after it), as Linux retries such a fault.
        if (r == FaultResult::Oom && !self_chosen && signal_pending_current()) break;
        // Linux's show_unhandled_signals: one line for a fault the program does not handle.
        if (current_process()->sighand->actions[SIGSEGV - 1].handler == 0)
            log_info("%s[%d]: segfault at %llx ip %016llx sp %016llx error %llx", current_process()->comm,
                     current_thread()->tid, static_cast<unsigned long long>(addr), static_cast<unsigned long long>(f->rip),
                     static_cast<unsigned long long>(f->rsp), static_cast<unsigned long long>(f->error_code));
        if (r == FaultResult::Bus) signal_force_fault(SIGBUS, BUS_ADRERR, addr);
        else if (r == FaultResult::Oom) signal_force_fault(SIGKILL, SI_KERNEL, addr);
        else signal_force_fault(SIGSEGV, r == FaultResult::SegvAccess ? SEGV_ACCERR : SEGV_MAPERR, addr);
        break;
    }
    case 0: signal_force_fault(SIGFPE, FPE_INTDIV, f->rip); break;
    case 4: signal_force_fault(SIGSEGV, SI_KERNEL, 0); break;            // into: overflow
    case 5: signal_force_fault(SIGSEGV, SI_KERNEL, 0); break;            // bound
    case 6: signal_force_fault(SIGILL, ILL_ILLOPN, f->rip); break;
    case 1: signal_force_fault(SIGTRAP, TRAP_TRACE, f->rip); break;
    case 3: signal_force_fault(SIGTRAP, SI_KERNEL, 0); break;            // int3: Linux reports SI_KERNEL
    case 16: signal_force_fault(SIGFPE, FPE_FLTINV, f->rip); break;
    case 19: signal_force_fault(SIGFPE, FPE_FLTINV, f->rip); break;
    case 17: signal_force_fault(SIGBUS, BUS_ADRALN, 0); break;
    case 12: signal_force_fault(SIGBUS, SI_KERNEL, 0); break;
    default: signal_force_fault(SIGSEGV, SI_KERNEL, 0); break;          // #GP and the rest
    }
    arch::irq_disable();
    return_to_user(f, false, 0);
}

// Interrupts and exceptions from user mode (never a syscall: no restart codes).
void return_from_trap(TrapFrame* f) {
    arch::irq_disable();
    return_to_user(f, false, 0);
}

}  // namespace

void user_faults_init();
void user_faults_init() {
    user_exception_hook = user_exception;
    user_return_hook = return_from_trap;
    user_page_fault_hook = kernel_touch_user;
}
