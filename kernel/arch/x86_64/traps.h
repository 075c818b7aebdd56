// SPDX-License-Identifier: MIT
#pragma once

#include "arch/interrupts.h"

struct TrapFrame;

constexpr unsigned kTimerVector = 0x20;
constexpr unsigned kIsaVectorBase = 0x30;   // ISA IRQ n -> vector 0x30 + n
constexpr unsigned kSpuriousVector = 0xFF;

extern "C" void trap_dispatch(TrapFrame* f);
bool irq_set_vector_handler(unsigned vector, arch::IrqHandler h, void* ctx);
// Set by the user-space layer: exceptions from user mode become signals there; every return
// to user mode passes through user_return_hook; a kernel-mode page fault on a user address
// (inside a user copy) first tries user_page_fault_hook (demand paging) before the fixup table.
extern void (*user_exception_hook)(TrapFrame*, u64 cr2);
extern void (*user_return_hook)(TrapFrame*);
extern bool (*user_page_fault_hook)(TrapFrame*, u64 addr);
