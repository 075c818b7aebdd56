// SPDX-License-Identifier: MIT
// ELF64 parsing: real binaries from the build machine, hand-made images, and corruption.
#include <gtest/gtest.h>
#include <linux/elf.h>

#include <cstring>
#include <fstream>
#include <random>
#include <vector>

#include "exec/elf.h"

namespace {

struct Buf {
    std::vector<unsigned char> bytes;
};

Result<void> read_buf(void* ctx, u64 off, void* dst, usize n) {
    auto* b = static_cast<Buf*>(ctx);
    if (off > b->bytes.size() || n > b->bytes.size() - off) return Error(EIO);
    std::memcpy(dst, b->bytes.data() + off, n);
    return {};
}

Buf minimal(u16 type = ET_EXEC) {
    Buf b;
    b.bytes.resize(0x2000);
    auto* eh = reinterpret_cast<Elf64_Ehdr*>(b.bytes.data());
    std::memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = type;
    eh->e_machine = EM_X86_64;
    eh->e_version = EV_CURRENT;
    eh->e_entry = 0x401000;
    eh->e_phoff = sizeof(Elf64_Ehdr);
    eh->e_ehsize = sizeof(Elf64_Ehdr);
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = 2;
    auto* ph = reinterpret_cast<Elf64_Phdr*>(b.bytes.data() + eh->e_phoff);
    ph[0] = Elf64_Phdr{PT_LOAD, PF_R | PF_X, 0, 0x400000, 0x400000, 0x1000, 0x1000, 0x1000};
    ph[1] = Elf64_Phdr{PT_LOAD, PF_R | PF_W, 0x1000, 0x402000, 0x402000, 0x100, 0x3000, 0x1000};
    return b;
}

}  // namespace

TEST(Elf, ParsesMinimalStatic) {
    Buf b = minimal();
    auto r = elf_parse(read_buf, &b, b.bytes.size());
    ASSERT_TRUE(r.is_ok());
    EXPECT_FALSE(r.value().is_dyn);
    EXPECT_EQ(r.value().segment_count, 2u);
    EXPECT_EQ(r.value().entry, 0x401000u);
    EXPECT_EQ(r.value().min_vaddr, 0x400000u);
    EXPECT_EQ(r.value().max_vaddr, 0x405000u);
    EXPECT_EQ(r.value().phdr_vaddr, 0x400040u);   // derived: phdrs lie in the first segment
}

TEST(Elf, RejectsBadMagicClassMachineType) {
    for (int which = 0; which < 5; which++) {
        Buf b = minimal();
        auto* eh = reinterpret_cast<Elf64_Ehdr*>(b.bytes.data());
        if (which == 0) eh->e_ident[1] = 'X';
        if (which == 1) eh->e_ident[EI_CLASS] = ELFCLASS32;
        if (which == 2) eh->e_machine = EM_386;
        if (which == 3) eh->e_type = ET_REL;
        if (which == 4) eh->e_phentsize = 32;
        EXPECT_EQ(elf_parse(read_buf, &b, b.bytes.size()).error_code(), ENOEXEC) << which;
    }
}

TEST(Elf, RejectsTruncatedAndInconsistentSegments) {
    Buf b = minimal();
    EXPECT_EQ(elf_parse(read_buf, &b, 20).error_code(), ENOEXEC);
    auto* ph = reinterpret_cast<Elf64_Phdr*>(b.bytes.data() + sizeof(Elf64_Ehdr));
    ph[1].p_filesz = 0x4000;   // more file bytes than memory
    EXPECT_EQ(elf_parse(read_buf, &b, b.bytes.size()).error_code(), ENOEXEC);
    b = minimal();
    ph = reinterpret_cast<Elf64_Phdr*>(b.bytes.data() + sizeof(Elf64_Ehdr));
    ph[1].p_offset = 0x1800;   // offset and address disagree modulo the page size
    EXPECT_EQ(elf_parse(read_buf, &b, b.bytes.size()).error_code(), ENOEXEC);
    b = minimal();
    ph = reinterpret_cast<Elf64_Phdr*>(b.bytes.data() + sizeof(Elf64_Ehdr));
    ph[1].p_offset = 0x1000000;   // past the end of the file
    ph[1].p_vaddr = 0x1000000;
    EXPECT_EQ(elf_parse(read_buf, &b, b.bytes.size()).error_code(), ENOEXEC);
    b = minimal();
    ph = reinterpret_cast<Elf64_Phdr*>(b.bytes.data() + sizeof(Elf64_Ehdr));
    ph[1].p_vaddr = 0x7ffffffff000ull;   // reaches the kernel half
    ph[1].p_offset = 0x1000;
    EXPECT_EQ(elf_parse(read_buf, &b, b.bytes.size()).error_code(), ENOEXEC);
    b = minimal();
    auto* eh = reinterpret_cast<Elf64_Ehdr*>(b.bytes.data());
    eh->e_phnum = 0xffff;
    EXPECT_EQ(elf_parse(read_buf, &b, b.bytes.size()).error_code(), ENOEXEC);
}

TEST(Elf, InterpreterAndStack) {
    Buf b = minimal(ET_DYN);
    auto* eh = reinterpret_cast<Elf64_Ehdr*>(b.bytes.data());
    eh->e_phnum = 4;
    auto* ph = reinterpret_cast<Elf64_Phdr*>(b.bytes.data() + eh->e_phoff);
    ph[0].p_vaddr = ph[0].p_paddr = 0;
    ph[1].p_vaddr = ph[1].p_paddr = 0x2000;
    const char interp[] = "/lib64/ld-linux-x86-64.so.2";
    std::memcpy(b.bytes.data() + 0x1800, interp, sizeof(interp));
    ph[2] = Elf64_Phdr{PT_INTERP, PF_R, 0x1800, 0, 0, sizeof(interp), sizeof(interp), 1};
    ph[3] = Elf64_Phdr{PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16};
    auto r = elf_parse(read_buf, &b, b.bytes.size());
    ASSERT_TRUE(r.is_ok());
    EXPECT_TRUE(r.value().is_dyn);
    EXPECT_TRUE(r.value().has_interp);
    EXPECT_EQ(r.value().interp_offset, 0x1800u);
    EXPECT_FALSE(r.value().exec_stack);
}

TEST(Elf, ParsesTheHostsOwnBinaries) {
    for (const char* path : {"/bin/busybox", "/bin/true", "/usr/bin/cmake"}) {
        std::ifstream f(path, std::ios::binary);
        if (!f) continue;
        Buf b;
        b.bytes.assign(std::istreambuf_iterator<char>(f), {});
        auto r = elf_parse(read_buf, &b, b.bytes.size());
        ASSERT_TRUE(r.is_ok()) << path;
        EXPECT_GT(r.value().segment_count, 1u) << path;
        EXPECT_NE(r.value().phdr_vaddr, 0u) << path;
    }
}

TEST(Elf, RandomCorruptionNeverCrashes) {
    Buf base = minimal();
    std::mt19937 rng(7);
    for (int i = 0; i < 20000; i++) {
        Buf b = base;
        int flips = 1 + rng() % 8;
        for (int k = 0; k < flips; k++) b.bytes[rng() % 0x100] = static_cast<unsigned char>(rng());
        u64 size = rng() % 2 ? b.bytes.size() : rng() % b.bytes.size();
        auto r = elf_parse(read_buf, &b, size);
        if (r.is_ok()) {
            for (usize s = 0; s < r.value().segment_count; s++) {
                const ElfSegment& seg = r.value().segments[s];
                EXPECT_LE(seg.filesz, seg.memsz);
                EXPECT_LE(seg.offset + seg.filesz, size);
            }
        }
    }
}
