// SPDX-License-Identifier: MIT
// ELF64 parsing for the loader: validates the header and program headers of an x86_64
// executable (ET_EXEC or ET_DYN) and describes what to map. Pure and host-tested; a malformed
// or truncated file is ENOEXEC, never a crash.
#pragma once

#include "lib/result.h"

// Reads exactly n bytes at offset; an error (or a short read as EIO/ENOEXEC) propagates.
using ElfReader = Result<void> (*)(void* ctx, u64 offset, void* buf, usize n);

struct ElfSegment {
    u64 vaddr;      // p_vaddr (before the load bias)
    u64 memsz;
    u64 offset;     // p_offset
    u64 filesz;
    u32 flags;      // PF_R 4, PF_W 2, PF_X 1
};

struct ElfInfo {
    static constexpr usize kMaxSegments = 16;
    bool is_dyn = false;          // ET_DYN: position independent (needs a load bias)
    u64 entry = 0;
    u64 phoff = 0;
    u16 phnum = 0;
    u16 phentsize = 0;
    u64 phdr_vaddr = 0;           // PT_PHDR, or derived from the segment covering phoff (0 = none)
    ElfSegment segments[kMaxSegments];
    usize segment_count = 0;
    u64 min_vaddr = 0, max_vaddr = 0;   // page-aligned span of all PT_LOAD segments
    u64 max_align = 0;            // largest power-of-two p_align of the PT_LOAD segments
    bool has_interp = false;
    u64 interp_offset = 0, interp_size = 0;
    bool exec_stack = false;      // PT_GNU_STACK with PF_X (or no PT_GNU_STACK: Linux default on x86_64 is non-exec for 64-bit)
};

Result<ElfInfo> elf_parse(ElfReader read, void* ctx, u64 file_size);
