/* SPDX-License-Identifier: MIT */
/* User copies with fault fixups (named labels: numeric ones would be ambiguous in .extable). SMAP (when on) is opened with stac only around the access.
 * A fault on a listed instruction resumes at its fixup with rax = -1. */
.section .text

/* bool user_copy_in(void* dst, uptr src, usize n). Eight bytes per rep iteration, then the tail
 * (see memcpy in core/runtime.cpp). */
.global arch_user_copy_in
arch_user_copy_in:
    movq %rdx, %rcx
    shrq $3, %rcx
    andl $7, %edx
    xorl %eax, %eax
    call smap_open
copy_in_access:
    rep movsq
    movl %edx, %ecx
copy_in_tail:
    rep movsb
copy_in_done:
    call smap_close
    testq %rax, %rax
    jnz 9f
    movl $1, %eax
    ret

/* bool user_copy_out(uptr dst, const void* src, usize n) */
.global arch_user_copy_out
arch_user_copy_out:
    movq %rdx, %rcx
    shrq $3, %rcx
    andl $7, %edx
    xorl %eax, %eax
    call smap_open
copy_out_access:
    rep movsq
    movl %edx, %ecx
copy_out_tail:
    rep movsb
copy_out_done:
    call smap_close
    testq %rax, %rax
    jnz 9f
    movl $1, %eax
    ret

/* bool user_fill(uptr dst, u8 value, usize n) */
.global arch_user_fill
arch_user_fill:
    movq %rdx, %rcx
    shrq $3, %rcx
    andl $7, %edx
    movzbl %sil, %eax
    movabsq $0x0101010101010101, %rsi
    imulq %rsi, %rax
    call smap_open
fill_access:
    rep stosq
    movl %edx, %ecx
fill_tail:
    rep stosb
fill_done:
    call smap_close
    testq %rcx, %rcx                  /* a fault leaves the count unfinished (rax is the pattern) */
    jnz 9f
    movl $1, %eax
    ret

/* isize user_strnlen(uptr src, usize max): length, or -1 on a fault. */
.global arch_user_strnlen
arch_user_strnlen:
    xorl %eax, %eax
    xorl %ecx, %ecx
    call smap_open
4:  cmpq %rsi, %rcx
    jae 5f
strnlen_access:
    movb (%rdi,%rcx), %dl
    cmpq $-1, %rax
    je 7f
    testb %dl, %dl
    jz 5f
    incq %rcx
    jmp 4b
5:  call smap_close
    movq %rcx, %rax
    ret
7:  call smap_close
    movq $-1, %rax
    ret

9:  xorl %eax, %eax
    ret

/* bool user_read_u32(uptr src, u32* out): one aligned 32-bit load (atomic, unlike rep movsb). */
.global arch_user_read_u32
arch_user_read_u32:
    call smap_open
read_u32_access:
    movl (%rdi), %eax
    call smap_close
    movl %eax, (%rsi)
    movl $1, %eax
    ret

/* bool user_cmpxchg_u32(uptr addr, u32 expected, u32 desired, u32* found): lock cmpxchg on the
 * user word; *found gets the value seen (== expected when the exchange happened). */
.global arch_user_cmpxchg_u32
arch_user_cmpxchg_u32:
    movl %esi, %eax
    call smap_open
cmpxchg_access:
    lock cmpxchgl %edx, (%rdi)
    call smap_close
    movl %eax, (%rcx)
    movl $1, %eax
    ret

/* The two above land here on a fault (their own fixup: rax alone cannot tell a fault from a value). */
user_word_fault:
    call smap_close
    xorl %eax, %eax
    ret

/* stac/clac only when the CPU has SMAP (patched flag set at boot). Preserve rax. */
smap_open:
    cmpb $0, smap_enabled(%rip)
    je 1f
    stac
1:  ret
smap_close:
    cmpb $0, smap_enabled(%rip)
    je 1f
    clac
1:  ret

.section .data
.global smap_enabled
smap_enabled:
    .byte 0

.section .extable, "a"
.p2align 3
    .quad copy_in_access, copy_in_done
    .quad copy_in_tail, copy_in_done
    .quad copy_out_access, copy_out_done
    .quad copy_out_tail, copy_out_done
    .quad fill_access, fill_done
    .quad fill_tail, fill_done
    .quad strnlen_access, strnlen_access + 3
    .quad read_u32_access, user_word_fault
    .quad cmpxchg_access, user_word_fault
