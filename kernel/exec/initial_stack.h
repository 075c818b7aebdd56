// SPDX-License-Identifier: MIT
// The initial user stack of a new program, laid out as Linux's execve does (fs/exec.c and
// binfmt_elf's create_elf_tables): from the top, a NULL word, the executable's name, the
// environment and argument strings, the platform string, 16 random bytes, then (16-aligned)
// argc, argv[], NULL, envp[], NULL, auxv pairs ending in AT_NULL. Pure and host-tested.
#pragma once

#include "lib/result.h"
#include "lib/span.h"
#include "lib/string_view.h"

struct AuxEntry {
    u64 type;
    u64 value;
};

struct StackImage {
    u8* buffer;          // the bytes for [sp, top)
    usize size;          // top - sp
    u64 sp;              // the initial stack pointer (argc is at sp)
    u64 argv_start, argv_end, envp_start, envp_end;   // string areas, for /proc/pid/cmdline
    u64 random_addr;     // AT_RANDOM
    u64 execfn_addr;     // AT_EXECFN
    u64 platform_addr;   // AT_PLATFORM
};

// Auxv entries whose values are addresses inside the image (AT_RANDOM, AT_EXECFN,
// AT_PLATFORM) are filled in by the builder; pass them with value 0.
// `scratch` receives the image at its end; E2BIG when it does not fit. `align_gap` is the
// random downward offset applied below the strings (0..4095, multiple of 16).
Result<StackImage> build_initial_stack(Span<u8> scratch, u64 top, Span<const StringView> argv,
                                       Span<const StringView> envp, StringView execfn, const u8 random[16],
                                       Span<const AuxEntry> auxv, u64 align_gap);
