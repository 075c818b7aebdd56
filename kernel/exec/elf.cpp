// SPDX-License-Identifier: MIT
#include "exec/elf.h"

#include <linux/elf.h>

namespace {
constexpr u64 kMaxAddr = 0x00007ffffffff000ull;
}

Result<ElfInfo> elf_parse(ElfReader read, void* ctx, u64 file_size) {
    Elf64_Ehdr eh;
    if (file_size < sizeof(eh)) return Error(ENOEXEC);
    TRY(read(ctx, 0, &eh, sizeof(eh)));
    if (eh.e_ident[EI_MAG0] != ELFMAG0 || eh.e_ident[EI_MAG1] != ELFMAG1 || eh.e_ident[EI_MAG2] != ELFMAG2 ||
        eh.e_ident[EI_MAG3] != ELFMAG3)
        return Error(ENOEXEC);
    if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_X86_64)
        return Error(ENOEXEC);
    if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) return Error(ENOEXEC);
    if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 || eh.e_phnum > 128) return Error(ENOEXEC);
    u64 ph_end;
    if (__builtin_mul_overflow(u64(eh.e_phnum), u64(sizeof(Elf64_Phdr)), &ph_end) ||
        __builtin_add_overflow(ph_end, eh.e_phoff, &ph_end) || ph_end > file_size)
        return Error(ENOEXEC);

    ElfInfo info;
    info.is_dyn = eh.e_type == ET_DYN;
    info.entry = eh.e_entry;
    info.phoff = eh.e_phoff;
    info.phnum = eh.e_phnum;
    info.phentsize = eh.e_phentsize;
    bool first = true;
    for (u16 i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        TRY(read(ctx, eh.e_phoff + u64(i) * sizeof(ph), &ph, sizeof(ph)));
        switch (ph.p_type) {
        case PT_LOAD: {
            if (ph.p_memsz == 0) break;
            u64 vend, fend;
            if (ph.p_filesz > ph.p_memsz || __builtin_add_overflow(ph.p_vaddr, ph.p_memsz, &vend) || vend > kMaxAddr ||
                __builtin_add_overflow(ph.p_offset, ph.p_filesz, &fend) || fend > file_size)
                return Error(ENOEXEC);
            // The file offset and address must agree modulo the page size, or no mapping works.
            if ((ph.p_vaddr & 0xfff) != (ph.p_offset & 0xfff)) return Error(ENOEXEC);
            if (info.segment_count == ElfInfo::kMaxSegments) return Error(ENOEXEC);
            if (ph.p_align && !(ph.p_align & (ph.p_align - 1)) && ph.p_align > info.max_align) info.max_align = ph.p_align;
            info.segments[info.segment_count++] = ElfSegment{ph.p_vaddr, ph.p_memsz, ph.p_offset, ph.p_filesz, ph.p_flags};
            u64 lo = ph.p_vaddr & ~0xfffull, hi = (vend + 0xfff) & ~0xfffull;
            if (first || lo < info.min_vaddr) info.min_vaddr = lo;
            if (first || hi > info.max_vaddr) info.max_vaddr = hi;
            first = false;
            break;
        }
        case PT_INTERP:
            if (info.has_interp || ph.p_filesz < 2 || ph.p_filesz > 4096 || ph.p_offset + ph.p_filesz > file_size)
                return Error(ENOEXEC);
            info.has_interp = true;
            info.interp_offset = ph.p_offset;
            info.interp_size = ph.p_filesz;
            break;
        case PT_PHDR:
            info.phdr_vaddr = ph.p_vaddr;
            break;
        case PT_GNU_STACK:
            info.exec_stack = ph.p_flags & PF_X;
            break;
        default:
            break;
        }
    }
    if (info.segment_count == 0) return Error(ENOEXEC);
    // Segments must be in ascending order without overlap (the ELF spec; Linux relies on it).
    for (usize i = 1; i < info.segment_count; i++)
        if (info.segments[i].vaddr < info.segments[i - 1].vaddr + info.segments[i - 1].memsz &&
            ((info.segments[i].vaddr & ~0xfffull) < ((info.segments[i - 1].vaddr + info.segments[i - 1].memsz) & ~0xfffull)))
            return Error(ENOEXEC);
    if (!info.phdr_vaddr) {
        // AT_PHDR: the address where the program headers appear in memory.
        for (usize i = 0; i < info.segment_count; i++) {
            const ElfSegment& s = info.segments[i];
            if (eh.e_phoff >= s.offset && ph_end <= s.offset + s.filesz) {
                info.phdr_vaddr = s.vaddr + (eh.e_phoff - s.offset);
                break;
            }
        }
    }
    if (!info.is_dyn && info.min_vaddr < 0x10000) return Error(EINVAL);   // below mmap_min_addr: Linux fails with EINVAL? (EPERM for the map)
    return info;
}
