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

#include "frame_macros.S"

.section .text
.global syscall_entry
.p2align 4
syscall_entry:
    swapgs
    movq %rsp, %gs:PERCPU_USER_RSP
    movq %gs:PERCPU_KSTACK, %rsp
    /* Light syscalls (LIGHT in syscalls.def: argument-less getters that cannot block, fault or
     * signal) run right here with interrupts still off: no TrapFrame, no dispatcher, no work
     * check on the way out (nothing they do creates work; an interrupt that came in meanwhile
     * is taken as soon as sysret re-enables interrupts). Their entries preserve every register
     * but rax (no_caller_saved_registers), so only rcx, used for the call, is saved here. */
    cmpq g_light_syscall_count(%rip), %rax    /* 0 while tracing: everything is traced */
    jae .Lfull
    pushq %rcx
    movq g_light_syscalls(,%rax,8), %rcx
    testq %rcx, %rcx
    jz .Lfull_pop
    subq $8, %rsp                     /* 16-byte alignment at the call */
    call *%rcx
    addq $8, %rsp
    popq %rcx
    movq %gs:PERCPU_USER_RSP, %rsp
    swapgs
    sysretq
.Lfull_pop:
    popq %rcx
.Lfull:
    pushq $USER_DS                    /* ss */
    pushq %gs:PERCPU_USER_RSP         /* rsp */
    pushq %r11                        /* rflags */
    pushq $USER_CS                    /* cs */
    pushq %rcx                        /* rip */
    pushq $0                          /* error code */
    pushq $0x80                       /* vector: syscall */
    PUSH_GPRS
    movq %rsp, %rdi
    xorl %ebp, %ebp                   /* the user's rbp is no frame of ours: end backtraces here */
    call syscall_dispatch
    /* SYSRET when the frame is still what SYSCALL produced (rcx == rip, r11 == rflags, the
     * a canonical rip below the last user page, no TF/RF): that is every plain
     * syscall. Signal delivery, sigreturn and execve change the frame and go through iretq,
     * which restores every register. (Linux's rules; SYSRET to a non-canonical rip would #GP
     * in ring 0.) */
    movq 96(%rsp), %rcx               /* frame rcx */
    cmpq 136(%rsp), %rcx              /* == rip? */
    jne 1f
    movq 32(%rsp), %r11               /* frame r11 */
    cmpq 152(%rsp), %r11              /* == rflags? */
    jne 1f
    testq $0x10100, %r11              /* TF or RF */
    jnz 1f
    movabsq $0x00007ffffffff000, %rax
    cmpq %rax, %rcx
    jae 1f
    /* cs and ss need no check: only sigreturn and execve rewrite frames, always with the user
     * selectors. */
    POP_GPRS
    cli                               /* no interrupt between swapgs and sysret */
    swapgs
    movq 40(%rsp), %rsp               /* the user stack pointer from the frame */
    sysretq
1:  jmp trap_return

/* Enter user mode for the first time on this thread: the frame at %rdi is a TrapFrame. */
.global enter_user_mode
enter_user_mode:
    movq %rdi, %rsp
    jmp trap_return
