/* SPDX-License-Identifier: MIT */
/* bool probe_read_u8(uptr addr, u8& out) / bool probe_write_u8(uptr addr, u8 value)
 * The access instruction is listed in .extable; on a fault the trap handler resumes at the
 * fixup label with rax = -1, and we return false. */
.section .text
.global arch_probe_read_u8
arch_probe_read_u8:
    xorl %eax, %eax
1:  movb (%rdi), %cl
    testq %rax, %rax
    jnz 2f
    movb %cl, (%rsi)
    movl $1, %eax
    ret
2:  xorl %eax, %eax
    ret

.global arch_probe_write_u8
arch_probe_write_u8:
    xorl %eax, %eax
3:  movb %sil, (%rdi)
    testq %rax, %rax
    jnz 4f
    movl $1, %eax
    ret
4:  xorl %eax, %eax
    ret

.section .extable, "a"
.p2align 3
    .quad 1b, 1b + 2
    .quad 3b, 3b + 3
