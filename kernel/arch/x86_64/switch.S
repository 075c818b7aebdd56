/* SPDX-License-Identifier: MIT */
/* Thread* switch_context(Thread* prev, Thread* next, u64* prev_rsp, u64 next_rsp)
 * Saves the callee-saved registers on prev's stack, switches stacks, restores next's and returns
 * into next's own earlier switch_context call (or thread_trampoline for a new thread) with rax =
 * prev, so the new side can finish prev's switch-out. */
.section .text
.global switch_context
switch_context:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdx)
    movq %rcx, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    movq %rdi, %rax
    ret

/* First code a new thread runs: r12 = entry, r13 = arg (set up by arch_prepare_thread). */
.global thread_trampoline
thread_trampoline:
    movq %rax, %rdi
    movq %r12, %rsi
    movq %r13, %rdx
    xorl %ebp, %ebp
    call thread_start
    ud2
