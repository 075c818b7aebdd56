/* SPDX-License-Identifier: MIT */
/* One stub per vector pushes a uniform frame (error code or 0, vector), then the common path
 * saves the general registers, swaps GS when coming from user mode, clears DF (the C++ code
 * and memcpy rely on it), and calls trap_dispatch(TrapFrame*). */

#include "frame_macros.S"

.section .text
.altmacro

.macro TRAP_STUB n
    .p2align 4
trap_stub_\n:
    /* Vectors 8, 10-14, 17, 21, 29, 30 push an error code; the others get a 0. */
    .if (\n == 8) || ((\n >= 10) && (\n <= 14)) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
    .else
    pushq $0
    .endif
    pushq $\n
    jmp trap_common
.endm

.set i, 0
.rept 256
    TRAP_STUB %i
    .set i, i + 1
.endr

trap_common:
    testb $3, 24(%rsp)          /* CS of the interrupted context */
    jz 1f
    swapgs
1:  PUSH_GPRS
    cld
    movq %rsp, %rdi
    /* A frame-pointer link to the interrupted code keeps backtraces going across the trap. */
    pushq 16*8+8(%rsp)          /* rip */
    pushq %rbp
    movq %rsp, %rbp
    call trap_dispatch
    addq $16, %rsp
.global trap_return
trap_return:
    /* Interrupts stay off from here to iretq: the syscall and user-fault paths arrive with them
     * on, and an interrupt between swapgs and iretq would run with the user's GS base. (iretq
     * restores IF from the frame.) */
    cli
    POP_GPRS
    testb $3, 24(%rsp)
    jz 2f
    swapgs
2:  addq $16, %rsp              /* vector and error code */
    iretq

.macro STUB_REF n
    .quad trap_stub_\n
.endm

.section .rodata
.p2align 3
.global trap_stub_table
trap_stub_table:
.set i, 0
.rept 256
    STUB_REF %i
    .set i, i + 1
.endr

