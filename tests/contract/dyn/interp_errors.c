// SPDX-License-Identifier: MIT
// execve of crafted ELF files: a missing interpreter is ENOENT, an interpreter that is not an ELF
// file ELIBBAD, a short one EIO, an unusable one kills the process after the point of no return;
// a corrupt executable is ENOEXEC.
#include "contract.h"
#include <elf.h>
#include <stddef.h>

// An executable: ELF header, two program headers (PT_INTERP, PT_LOAD) and the interpreter path.
static int write_exe(const char *path, const char *interp, int nul_terminated, int machine)
{
    unsigned char buf[512];
    memset(buf, 0, sizeof buf);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = machine;
    eh->e_version = EV_CURRENT;
    eh->e_entry = 0x400000 + 256;
    eh->e_phoff = sizeof *eh;
    eh->e_ehsize = sizeof *eh;
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = 2;
    Elf64_Phdr *ph = (Elf64_Phdr *)(buf + sizeof *eh);
    size_t ilen = strlen(interp) + (nul_terminated ? 1 : 0);
    ph[0].p_type = PT_INTERP;
    ph[0].p_offset = 256 + 16;
    ph[0].p_vaddr = ph[0].p_paddr = 0x400000 + 256 + 16;
    ph[0].p_filesz = ph[0].p_memsz = ilen;
    ph[0].p_flags = PF_R;
    ph[0].p_align = 1;
    ph[1].p_type = PT_LOAD;
    ph[1].p_offset = 0;
    ph[1].p_vaddr = ph[1].p_paddr = 0x400000;
    ph[1].p_filesz = ph[1].p_memsz = sizeof buf;
    ph[1].p_flags = PF_R | PF_X;
    ph[1].p_align = 4096;
    buf[256] = 0xf4;   // hlt: never reached
    memcpy(buf + 256 + 16, interp, strlen(interp));
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0) return -1;
    int r = write(fd, buf, sizeof buf) == sizeof buf ? 0 : -1;
    close(fd);
    return r;
}

static void try_exec(const char *label, const char *path)
{
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {(char *)path, NULL};
        execv(path, argv);
        _exit(100 + (errno & 0x7f) % 100);
    }
    int st;
    waitpid(pid, &st, 0);
    if (WIFEXITED(st) && WEXITSTATUS(st) >= 100) {
        // Exit codes 100+e carry the errno; map back through the name table.
        int e = WEXITSTATUS(st) - 100;
        say("%s: %s\n", label, e == ELIBBAD ? "ELIBBAD" : ct_errname(e));
    } else {
        say("%s: %s\n", label, ct_status(st));
    }
}

int main(void)
{
    mkdir("d", 0755);
    write_exe("missing", "/tmp/t/no-such-loader.so", 1, EM_X86_64);
    try_exec("missing interpreter", "./missing");
    write_exe("relmissing", "no-such-loader.so", 1, EM_X86_64);
    try_exec("relative missing interpreter", "./relmissing");

    ct_write_file("text-loader", "this is not an ELF file, but it is long enough to read a header from it\n", 0755);
    write_exe("textinterp", "/tmp/t/text-loader", 1, EM_X86_64);
    try_exec("text interpreter", "./textinterp");

    ct_write_file("short-loader", "\177ELF", 0755);
    write_exe("shortinterp", "/tmp/t/short-loader", 1, EM_X86_64);
    try_exec("short interpreter", "./shortinterp");

    ct_write_file("noexec-loader", "not executable\n", 0644);
    write_exe("noexecinterp", "/tmp/t/noexec-loader", 1, EM_X86_64);
    try_exec("interpreter without x bit", "./noexecinterp");

    write_exe("dirinterp", "/tmp/t/d", 1, EM_X86_64);
    try_exec("directory interpreter", "./dirinterp");

    // An interpreter with a good ELF header but nothing loadable: checked after the point of no return.
    write_exe("relinterp-loader", "/x", 1, EM_X86_64);
    int fd = open("relinterp-loader", O_RDWR);
    Elf64_Half type = ET_REL;
    pwrite(fd, &type, sizeof type, offsetof(Elf64_Ehdr, e_type));
    close(fd);
    write_exe("relinterp", "/tmp/t/relinterp-loader", 1, EM_X86_64);
    try_exec("ET_REL interpreter", "./relinterp");

    write_exe("armloader", "/x", 1, EM_AARCH64);
    write_exe("archinterp", "/tmp/t/armloader", 1, EM_X86_64);
    try_exec("foreign-architecture interpreter", "./archinterp");

    write_exe("unterminated", "/tmp/t/text-loader", 0, EM_X86_64);
    try_exec("PT_INTERP without NUL", "./unterminated");

    write_exe("foreign", "/tmp/t/text-loader", 1, EM_AARCH64);
    try_exec("foreign executable", "./foreign");

    write_exe("truncated", "/tmp/t/text-loader", 1, EM_X86_64);
    truncate("truncated", 70);
    try_exec("truncated executable", "./truncated");
    return 0;
}
