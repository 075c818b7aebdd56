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

/* isize arch_user_strncpy(char* dst, uptr src, usize max): the length of the string at src (the
 * index of its NUL), max when none of the first max bytes is NUL, -1 on a fault. When dst is not
 * null, the bytes up to and including the NUL (at most max) are copied there, and possibly a few
 * more up to the end of the word holding the NUL (still below dst + max). Once src is 8-aligned it
 * is read a word at a time: an aligned word never reaches into a page the string does not. */
.global arch_user_strncpy
arch_user_strncpy:
    xorl %ecx, %ecx
    movabsq $0x0101010101010101, %r11
    call smap_open
.Lsc_byte:                            /* bytes until src + rcx is aligned, or near max */
    cmpq %rdx, %rcx
    jae .Lsc_none
    leaq (%rsi,%rcx), %r8
    testb $7, %r8b
    jnz 2f
    leaq 8(%rcx), %r8
    cmpq %rdx, %r8
    jbe .Lsc_word
2:
strncpy_byte_access:
    movb (%rsi,%rcx), %al
    testq %rdi, %rdi
    jz 1f
    movb %al, (%rdi,%rcx)
1:  testb %al, %al
    jz .Lsc_found
    incq %rcx
    jmp .Lsc_byte
.Lsc_word:                            /* r8 = rcx + 8 <= max */
strncpy_word_access:
    movq (%rsi,%rcx), %rax
    movq %rax, %r9                    /* a zero byte: (v - 0x01..01) & ~v & 0x80..80 */
    subq %r11, %r9
    movq %rax, %r10
    notq %r10
    andq %r10, %r9
    movq %r11, %r10
    shlq $7, %r10
    andq %r10, %r9
    testq %rdi, %rdi
    jz 1f
    movq %rax, (%rdi,%rcx)
1:  testq %r9, %r9
    jnz .Lsc_nul
    movq %r8, %rcx
    leaq 8(%rcx), %r8
    cmpq %rdx, %r8
    jbe .Lsc_word
    jmp .Lsc_byte
.Lsc_nul:                             /* the lowest flagged byte is the first NUL */
    bsfq %r9, %r9
    shrq $3, %r9
    addq %r9, %rcx
    jmp .Lsc_found
.Lsc_found:
    call smap_close
    movq %rcx, %rax
    ret
.Lsc_none:
    call smap_close
    movq %rdx, %rax
    ret
strncpy_fault:
    call smap_close
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
    .quad strncpy_byte_access, strncpy_fault
    .quad strncpy_word_access, strncpy_fault
    .quad read_u32_access, user_word_fault
    .quad cmpxchg_access, user_word_fault
