// SPDX-License-Identifier: MIT
// The vDSO's code: clock_gettime, gettimeofday, time, clock_getres and getcpu answered in user
// space from the [vvar] page the kernel keeps current (lib/vdso_time.h), with the same arithmetic
// as the kernel's own clock syscalls. Anything it does not handle (CPU-time clocks, invalid ids)
// goes to the real system call, which gives the errors. Built into its own shared object
// (sources.cmake): position-independent, no data of its own, nothing to relocate.
#include <asm/unistd.h>
#include <linux/time.h>

#include "arch/x86_64/cpu.h"
#include "core/system_info.h"
#include "lib/vdso_time.h"

// The data page right below the image (vdso.lds); hidden, so it is reached PC-relative.
extern "C" const VdsoData vvar_data __attribute__((visibility("hidden")));

namespace {

long syscall2(long nr, long a, long b) {
    long ret;
    asm volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return ret;
}

template <typename T>
T get(const T& field) { return __atomic_load_n(&field, __ATOMIC_RELAXED); }

// Whether clock (0..31) is in a set of lib/vdso_time.h (compiles to one bt).
bool in(u32 set, int clock) { return (set >> clock) & 1; }

// One function per clock (kRealtime picks the base) so every load is a fixed PC-relative one.
template <bool kRealtime>
VdsoTimespec hres() {
    return vdso_read(&vvar_data, [](const VdsoData* d) {
        u64 counter = x86::rdtsc();
        return vdso_hres_at(counter, get(d->counter_last), get(d->mult), d->base[kRealtime]);
    });
}

template <bool kRealtime>
VdsoTimespec coarse() {
    return vdso_read(&vvar_data, [](const VdsoData* d) {
        const VdsoBase& b = d->base[kRealtime];
        return vdso_base_time(VdsoBase{get(b.sec), get(b.frac)});
    });
}

}  // namespace

// Exported through vdso.map; everything else is hidden.
#define VDSO_EXPORT __attribute__((visibility("default")))

extern "C" {

VDSO_EXPORT int __vdso_clock_gettime(int clock, __kernel_timespec* ts) {
    VdsoTimespec t;
    // The two clocks programs read most go first, each behind a single compare.
    if (clock == CLOCK_MONOTONIC) t = hres<false>();
    else if (clock == CLOCK_REALTIME) t = hres<true>();
    else if (static_cast<unsigned>(clock) >= 32) return static_cast<int>(syscall2(__NR_clock_gettime, clock, reinterpret_cast<long>(ts)));
    else if (bool real = in(kVdsoRealtimeClocks, clock); in(kVdsoHresClocks, clock)) t = real ? hres<true>() : hres<false>();
    else if (in(kVdsoCoarseClocks, clock)) t = in(kVdsoRealtimeClocks, clock) ? coarse<true>() : coarse<false>();
    else return static_cast<int>(syscall2(__NR_clock_gettime, clock, reinterpret_cast<long>(ts)));
    ts->tv_sec = t.sec;
    ts->tv_nsec = t.nsec;
    return 0;
}

VDSO_EXPORT int __vdso_gettimeofday(__kernel_old_timeval* tv, struct timezone* tz) {
    if (tv) {
        VdsoTimespec t = hres<true>();
        tv->tv_sec = t.sec;
        tv->tv_usec = t.nsec / 1000;
    }
    if (tz) {
        tz->tz_minuteswest = 0;   // the kernel keeps no time zone (settimeofday ignores it)
        tz->tz_dsttime = 0;
    }
    return 0;
}

// As Linux: the seconds of the coarse wall clock (one word, no sequence count needed).
VDSO_EXPORT long __vdso_time(long* t) {
    long now = get(vvar_data.base[1].sec);
    if (t) *t = now;
    return now;
}

VDSO_EXPORT int __vdso_clock_getres(int clock, __kernel_timespec* res) {
    i64 ns;
    if (static_cast<unsigned>(clock) < 32 && in(kVdsoHresClocks, clock)) ns = 1;
    else if (static_cast<unsigned>(clock) < 32 && in(kVdsoCoarseClocks, clock)) ns = kCoarseResolutionNs;
    else return static_cast<int>(syscall2(__NR_clock_getres, clock, reinterpret_cast<long>(res)));
    if (res) {
        res->tv_sec = 0;
        res->tv_nsec = ns;
    }
    return 0;
}

// IA32_TSC_AUX holds (node << 12) | cpu, as Linux keeps it.
VDSO_EXPORT long __vdso_getcpu(unsigned* cpu, unsigned* node, void* unused) {
    u64 aux;
    switch (get(vvar_data.getcpu)) {
    case VdsoGetcpu::Rdpid:
        asm volatile("rdpid %0" : "=r"(aux));
        break;
    case VdsoGetcpu::Rdtscp: {
        u32 lo, hi, c;
        asm volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(c));
        aux = c;
        break;
    }
    default:
        (void)unused;
        return syscall2(__NR_getcpu, reinterpret_cast<long>(cpu), reinterpret_cast<long>(node));
    }
    if (cpu) *cpu = static_cast<unsigned>(aux & 0xfff);
    if (node) *node = static_cast<unsigned>((aux >> 12) & 0xfffff);
    return 0;
}

// The unprefixed names Linux's x86_64 vDSO also exports (weak).
int clock_gettime(int, __kernel_timespec*) VDSO_EXPORT __attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(__kernel_old_timeval*, struct timezone*) VDSO_EXPORT __attribute__((weak, alias("__vdso_gettimeofday")));
long time(long*) VDSO_EXPORT __attribute__((weak, alias("__vdso_time")));
int clock_getres(int, __kernel_timespec*) VDSO_EXPORT __attribute__((weak, alias("__vdso_clock_getres")));
long getcpu(unsigned*, unsigned*, void*) VDSO_EXPORT __attribute__((weak, alias("__vdso_getcpu")));

}  // extern "C"

// The "Linux" ELF note with the kernel version, as Linux's vDSO carries (glibc reads it).
#define VDSO_STR2(x) #x
#define VDSO_STR(x) VDSO_STR2(x)
#define VDSO_LINUX_VERSION_CODE 0x060100
static_assert(VDSO_LINUX_VERSION_CODE == kLinuxVersionCode, "the note must say the release uname reports");
asm(".pushsection .note.Linux, \"a\", @note\n"
    ".balign 4\n"
    ".long 6, 4, 0\n"   // namesz ("Linux\0"), descsz, type
    ".asciz \"Linux\"\n"
    ".balign 4\n"
    ".long " VDSO_STR(VDSO_LINUX_VERSION_CODE) "\n"
    ".popsection");
