// SPDX-License-Identifier: MIT
// panic(): report (message, registers when known, symbolized backtrace, held locks, recent
// events) and stop the machine. panic= on the command line chooses halt (0, the default),
// reset after N seconds (>0) or at once (<0); in ktest runs QEMU is ended with a status.
#pragma once

#include "lib/types.h"

[[noreturn]] void panic(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

struct TrapFrame;
// Used by the trap handler: the report includes the registers of the faulting context.
[[noreturn]] void panic_with_frame(const TrapFrame* frame, const char* fmt, ...) __attribute__((format(printf, 2, 3)));

void panic_set_timeout(i64 seconds);
void panic_set_exit_on_panic(bool on);   // ktest mode
void print_backtrace(uptr frame_pointer);

// Arch hooks for reports of a trapped context.
void arch_dump_frame(const TrapFrame* f);
void arch_frame_ip_fp(const TrapFrame* f, uptr& ip, uptr& fp);
