/* SPDX-License-Identifier: MIT */
/* SYSCALL entry. The CPU has put the user RIP in rcx and RFLAGS in r11 and (through FMASK)
 * cleared IF, DF, TF and AC. We switch to this thread's kernel stack (per-CPU slot 8), build the
 * same TrapFrame an interrupt from user mode builds (vector = 0x80 marks a syscall), call
 * syscall_dispatch and leave through trap_return (iretq), which restores every register, so
 * signal delivery, execve and fork can simply edit the frame. */
#define PERCPU_KSTACK 8
#define PERCPU_USER_RSP 16
#define USER_DS (0x20 | 3)
#define USER_CS (0x28 | 3)

.section .text
.global syscall_entry
.p2align 4
syscall_entry:
    swapgs
    movq %rsp, %gs:PERCPU_USER_RSP
    movq %gs:PERCPU_KSTACK, %rsp
    pushq $USER_DS                    /* ss */
    pushq %gs:PERCPU_USER_RSP         /* rsp */
    pushq %r11                        /* rflags */
    pushq $USER_CS                    /* cs */
    pushq %rcx                        /* rip */
    pushq $0                          /* error code */
    pushq $0x80                       /* vector: syscall */
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, %rdi
    xorl %ebp, %ebp                   /* the user's rbp is no frame of ours: end backtraces here */
    call syscall_dispatch
    jmp trap_return

/* Enter user mode for the first time on this thread: the frame at %rdi is a TrapFrame. */
.global enter_user_mode
enter_user_mode:
    movq %rdi, %rsp
    jmp trap_return
