// SPDX-License-Identifier: MIT
// AT_SYSINFO_EHDR points to the vDSO: an ELF shared object with one read+execute PT_LOAD, PT_DYNAMIC,
// the Linux version note, both hash tables, and Linux's x86_64 exports (version LINUX_2.6), which work
// when called directly (invalid clocks give -EINVAL from the system call they fall back to).
#include "contract.h"
#include <sys/syscall.h>
#include <sys/utsname.h>
#include "vdso_elf.h"

typedef int (*cgt_fn)(clockid_t, struct timespec *);
typedef int (*gtod_fn)(struct timeval *, void *);
typedef long (*time_fn)(long *);
typedef long (*getcpu_fn)(unsigned *, unsigned *, void *);

static const char *const names[] = {"__vdso_clock_gettime", "__vdso_gettimeofday", "__vdso_time",
                                    "__vdso_clock_getres", "__vdso_getcpu", "clock_gettime", "gettimeofday",
                                    "time", "clock_getres", "getcpu"};

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void)
{
    struct ct_vdso v;
    FACT("AT_SYSINFO_EHDR present", getauxval(AT_SYSINFO_EHDR) != 0);
    if (ct_vdso_open(&v)) {
        say("vdso: not a usable ELF\n");
        return 0;
    }
    const Elf64_Ehdr *e = v.eh;
    FACT("page aligned", ((uintptr_t)e & 4095) == 0);
    FACT("ELF64 little-endian", e->e_ident[EI_CLASS] == ELFCLASS64 && e->e_ident[EI_DATA] == ELFDATA2LSB);
    say("type: %s, machine x86_64: %s\n", e->e_type == ET_DYN ? "ET_DYN" : "other", e->e_machine == EM_X86_64 ? "yes" : "no");
    say("PT_LOAD: %d (%c%c%c), first at offset 0: %s\n", v.loads, v.load->p_flags & PF_R ? 'r' : '-',
        v.load->p_flags & PF_W ? 'w' : '-', v.load->p_flags & PF_X ? 'x' : '-', v.load->p_offset == 0 ? "yes" : "no");
    say("PT_DYNAMIC: %d, PT_NOTE: %d, PT_GNU_EH_FRAME: %d\n", v.dynamic, v.notes, v.eh_frame);
    say("DT_HASH: %s, DT_GNU_HASH: %s, DT_VERSYM: %s, DT_VERDEF: %s\n", v.hash ? "yes" : "no", v.gnu_hash ? "yes" : "no",
        v.versym ? "yes" : "no", v.verdef ? "yes" : "no");
    struct utsname u;
    unsigned maj = 0, min = 0;
    uname(&u);
    sscanf(u.release, "%u.%u", &maj, &min);
    FACT("Linux note", v.note_found);
    FACT("note version is uname's major.minor", v.note_major == maj && v.note_minor == min);

    void *addr[10];
    for (int i = 0; i < 10; i++) {
        int bind = -1;
        addr[i] = ct_vdso_sym(&v, names[i], "LINUX_2.6", &bind);
        say("%s@LINUX_2.6: %s\n", names[i],
            !addr[i] ? "missing" : bind == STB_GLOBAL ? "global" : bind == STB_WEAK ? "weak" : "other binding");
    }
    for (int i = 0; i < 5; i++) say("%s is %s: %s\n", names[i + 5], names[i], addr[i] == addr[i + 5] ? "yes" : "no");
    FACT("__vdso_clock_gettime@LINUX_2.5 absent", !ct_vdso_sym(&v, "__vdso_clock_gettime", "LINUX_2.5", NULL));
    FACT("an unexported name is absent", !ct_vdso_sym(&v, "vvar_data", "LINUX_2.6", NULL));
    if (!addr[0] || !addr[1] || !addr[2] || !addr[3] || !addr[4]) return 0;

    cgt_fn cgt = (cgt_fn)addr[0], getres = (cgt_fn)addr[3];
    struct timespec a, b, c;
    int ok = 1;
    for (int i = 0; i < 200; i++) {
        ok &= cgt(CLOCK_MONOTONIC, &a) == 0;
        ok &= syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b) == 0;
        ok &= cgt(CLOCK_MONOTONIC, &c) == 0;
        ok &= ns(a) <= ns(b) && ns(b) <= ns(c) && a.tv_nsec < 1000000000 && a.tv_nsec >= 0;
    }
    FACT("direct __vdso_clock_gettime(MONOTONIC) interleaves with the syscall", ok);
    say("direct clock_gettime(-1): %d\n", cgt(-1, &a));
    say("direct clock_gettime(100): %d\n", cgt(100, &a));
    say("direct clock_gettime(PROCESS_CPUTIME_ID): %d\n", cgt(CLOCK_PROCESS_CPUTIME_ID, &a));
    say("direct clock_getres(MONOTONIC): %d\n", getres(CLOCK_MONOTONIC, &a));
    say("  res: %ld.%09ld\n", (long)a.tv_sec, a.tv_nsec);
    say("direct clock_getres(MONOTONIC, NULL): %d\n", getres(CLOCK_MONOTONIC, NULL));
    say("direct clock_getres(-1): %d\n", getres(-1, &a));

    struct timeval tv;
    struct { int w, d; } tz = {77, 77};
    say("direct gettimeofday: %d\n", ((gtod_fn)addr[1])(&tv, &tz));
    say("  tz: %d %d, usec < 1e6: %s\n", tz.w, tz.d, tv.tv_usec >= 0 && tv.tv_usec < 1000000 ? "yes" : "no");
    say("direct gettimeofday(NULL, NULL): %d\n", ((gtod_fn)addr[1])(NULL, NULL));
    long t1 = 0, t0 = ((time_fn)addr[2])(&t1);
    FACT("direct time returns what it stores", t0 == t1);
    FACT("direct time <= the time syscall after it", t0 <= syscall(SYS_time, NULL));

    unsigned cpu = 99, node = 99;
    say("direct getcpu: %ld\n", ((getcpu_fn)addr[4])(&cpu, &node, NULL));
    say("  cpu %u node %u\n", cpu, node);
    say("direct getcpu(NULL, NULL): %ld\n", ((getcpu_fn)addr[4])(NULL, NULL, NULL));
    return 0;
}
