// SPDX-License-Identifier: MIT
// The auxiliary vector describes the program as loaded: AT_ENTRY is _start, AT_PHDR points at the
// program headers (the load bias applied for a PIE), AT_BASE is the interpreter's base when there is one.
#include "contract.h"
#include <elf.h>
#include <sys/auxv.h>

extern char _start[];

int main(void)
{
    static char exe[1 << 20];
    int fd = open("/proc/self/exe", O_RDONLY);
    ssize_t n = fd >= 0 ? ct_read_full(fd, exe, sizeof exe) : -1;
    if (n < (ssize_t)sizeof(Elf64_Ehdr)) {
        say("read /proc/self/exe: %s\n", ct_errname(errno));
        return 1;
    }
    Elf64_Ehdr *eh = (Elf64_Ehdr *)exe;
    unsigned long entry = getauxval(AT_ENTRY), phdr = getauxval(AT_PHDR), base = getauxval(AT_BASE);
    unsigned long bias = entry - eh->e_entry;
    int has_interp = 0;
    unsigned long phdr_vaddr = 0;
    Elf64_Phdr *ph = (Elf64_Phdr *)(exe + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_INTERP) has_interp = 1;
        if (ph[i].p_type == PT_LOAD && ph[i].p_offset <= eh->e_phoff && eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
            phdr_vaddr = eh->e_phoff - ph[i].p_offset + ph[i].p_vaddr;
    }
    say("type: %s\n", eh->e_type == ET_DYN ? "ET_DYN" : "ET_EXEC");
    FACT("AT_ENTRY is _start", entry == (unsigned long)_start);
    FACT("bias is page aligned", (bias & 4095) == 0);
    FACT("PIE bias nonzero", bias != 0);
    FACT("AT_PHDR is the headers plus the bias", phdr == phdr_vaddr + bias);
    say("AT_PHNUM: %lu AT_PHENT: %lu\n", getauxval(AT_PHNUM), getauxval(AT_PHENT));
    FACT("AT_PHNUM matches the file", getauxval(AT_PHNUM) == eh->e_phnum);
    say("interpreter: %s\n", has_interp ? "yes" : "no");
    FACT("AT_BASE nonzero", base != 0);
    FACT("AT_BASE page aligned", (base & 4095) == 0);
    if (base) {
        // The interpreter's own ELF header is mapped at AT_BASE.
        Elf64_Ehdr *ih = (Elf64_Ehdr *)base;
        FACT("AT_BASE holds an ELF header", memcmp(ih->e_ident, ELFMAG, SELFMAG) == 0);
        say("interpreter type: %s\n", ih->e_type == ET_DYN ? "ET_DYN" : "other");
        FACT("interpreter above the program", base > entry);
    }
    FACT("stack above everything", (unsigned long)&fd > entry && (unsigned long)&fd > base);
    return 0;
}
