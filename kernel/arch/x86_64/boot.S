/* SPDX-License-Identifier: MIT */
/* PVH entry: QEMU (and Xen) jump here in 32-bit protected mode, paging off, with %ebx holding
 * the physical address of the hvm_start_info. We switch to long mode on static page tables
 * that identity-map and direct-map the first 4 GiB and map the kernel image at -2 GiB, then
 * call kernel_main(start_info_phys) on the boot stack. The real page tables come later. */
#include "arch/x86_64/layout.h"

#define PHYS(x) ((x) - KERNEL_VBASE)

/* The ELF note QEMU looks for: XEN_ELFNOTE_PHYS32_ENTRY (18), owner "Xen". */
.section .note.pvh, "a"
.p2align 2
.long 4
.long 4
.long 18
.asciz "Xen"
.long PHYS(pvh_entry)
.p2align 2

.section .boot.text, "ax"
.code32
.global pvh_entry
pvh_entry:
    cli
    cld
    movl %ebx, PHYS(boot_start_info)
    movl $PHYS(boot_stack_top), %esp

    /* PAE and PGE; long mode and (if the CPU has it) NX in EFER. */
    movl %cr4, %eax
    orl $((1 << 5) | (1 << 7)), %eax
    movl %eax, %cr4
    movl $0x80000001, %eax
    cpuid
    movl $(1 << 8), %esi               /* EFER.LME */
    testl $(1 << 20), %edx
    jz 1f
    orl $(1 << 11), %esi               /* EFER.NXE */
1:  movl $0xC0000080, %ecx
    rdmsr
    orl %esi, %eax
    wrmsr

    movl $PHYS(boot_pml4), %eax
    movl %eax, %cr3
    movl %cr0, %eax
    orl $((1 << 31) | (1 << 16) | 1), %eax   /* PG, WP, PE */
    movl %eax, %cr0

    lgdt PHYS(boot_gdt_ptr)
    ljmp $0x08, $PHYS(long_mode_entry)

.code64
long_mode_entry:
    movl $0x10, %eax
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %ss
    xorl %eax, %eax
    movl %eax, %fs
    movl %eax, %gs
    movabsq $higher_half, %rax
    jmp *%rax

.section .text
higher_half:
    movabsq $boot_stack_top, %rsp
    xorl %ebp, %ebp
    movl boot_start_info(%rip), %edi   /* zero-extends: the start info is below 4 GiB */
    call kernel_main
2:  cli
    hlt
    jmp 2b

.section .boot.data, "aw"
.p2align 3
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff           /* 0x08: 64-bit code */
    .quad 0x00cf92000000ffff           /* 0x10: data */
boot_gdt_end:
boot_gdt_ptr:
    .word boot_gdt_end - boot_gdt - 1
    .long PHYS(boot_gdt)

.global boot_start_info
boot_start_info:
    .long 0

/* Static boot page tables (all in the image, so no code runs before paging to build them). */
.p2align 12
.global boot_pml4
boot_pml4:
    .quad PHYS(boot_pdpt_low) + 3      /* 0: identity, for the jump to long mode */
    .fill 255, 8, 0
    .quad PHYS(boot_pdpt_low) + 3      /* 256: direct map base 0xffff800000000000 */
    .fill 254, 8, 0
    .quad PHYS(boot_pdpt_high) + 3     /* 511: kernel image at -2 GiB */
boot_pdpt_low:
    .quad PHYS(boot_pd) + 0x0000 + 3
    .quad PHYS(boot_pd) + 0x1000 + 3
    .quad PHYS(boot_pd) + 0x2000 + 3
    .quad PHYS(boot_pd) + 0x3000 + 3
    .fill 508, 8, 0
boot_pdpt_high:
    .fill 510, 8, 0
    .quad PHYS(boot_pd) + 0x0000 + 3   /* 510: 0xffffffff80000000 -> 0 */
    .quad PHYS(boot_pd) + 0x1000 + 3
boot_pd:
    .set i, 0
    .rept 2048
    .quad (i << 21) | 0x83             /* present, writable, 2 MiB */
    .set i, i + 1
    .endr

.section .bss
.p2align 12
.global boot_stack_bottom
boot_stack_bottom:
    .skip 16384
.global boot_stack_top
boot_stack_top:
