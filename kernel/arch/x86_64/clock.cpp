// SPDX-License-Identifier: MIT
#include "arch/x86_64/clock.h"

#include "arch/cpu.h"
#include "arch/time.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu.h"
#include "core/log.h"
#include "core/panic.h"
#include "lib/vdso_time.h"

namespace {

u64 g_tsc_hz = 0;
u64 g_tsc_base = 0;
u64 g_ns_per_tsc_q32 = 0;   // nanoseconds per TSC tick in 32.32 fixed point (the vDSO's mult)
const char* g_source = "none";
constexpr u64 kCalibrateNs = 20'000'000;

u64 measure_with_hpet(u64 phys) {
    auto* hpet = static_cast<volatile u64*>(mmio_map(phys, 0x400));
    u64 period_fs = hpet[0] >> 32;   // general capabilities: counter period in femtoseconds
    if (period_fs == 0 || period_fs > 100'000'000) return 0;
    hpet[2] = hpet[2] | 1;            // general configuration: enable the main counter
    u64 ticks = kCalibrateNs * 1'000'000 / period_fs;
    u64 h0 = hpet[30];                // main counter at 0xF0
    u64 t0 = x86::rdtsc();
    while (hpet[30] - h0 < ticks) x86::pause();
    u64 t1 = x86::rdtsc();
    u64 h1 = hpet[30];
    u64 elapsed_fs = (h1 - h0) * period_fs;
    return static_cast<u64>((unsigned __int128)(t1 - t0) * 1'000'000'000'000'000ull / elapsed_fs);
}

u64 measure_with_pit() {
    // PIT channel 2, gated through port 0x61, mode 0 countdown for 10 ms.
    constexpr u32 kPitHz = 1193182;
    constexpr u16 count = kPitHz / 100;
    x86::outb(0x61, (x86::inb(0x61) & ~0x02) | 0x01);
    x86::outb(0x43, 0xB0);
    x86::outb(0x42, count & 0xFF);
    x86::outb(0x42, count >> 8);
    u64 t0 = x86::rdtsc();
    u64 spins = 0;
    while (!(x86::inb(0x61) & 0x20)) {
        if (++spins > 100'000'000) return 0;
    }
    u64 t1 = x86::rdtsc();
    return (t1 - t0) * 100;
}

u8 cmos_read(u8 reg) {
    x86::outb(0x70, reg | 0x80);   // keep NMIs disabled while selecting
    return x86::inb(0x71);
}

i64 g_boot_epoch = 0;

i64 days_from_civil(i64 y, unsigned m, unsigned d) {
    // Howard Hinnant's civil-from-days inverse: days since 1970-01-01.
    y -= m <= 2;
    i64 era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = static_cast<unsigned>(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<i64>(doe) - 719468;
}

}  // namespace

void clock_calibrate(u64 hpet_phys) {
    u64 hz = 0;
    if (hpet_phys) {
        hz = measure_with_hpet(hpet_phys);
        g_source = "HPET";
    }
    if (!hz) {
        hz = measure_with_pit();
        g_source = "PIT";
    }
    if (!hz) panic("cannot calibrate the TSC: neither HPET nor PIT works");
    g_tsc_hz = hz;
    g_ns_per_tsc_q32 = vdso_mult_for_hz(hz);
    g_tsc_base = 0;   // nanoseconds count from power-on (TSC reset), like Linux's boot clock
}

u64 tsc_hz() { return g_tsc_hz; }
const char* clock_calibration_source() { return g_source; }

namespace arch {
u64 clock_ns() {
    if (!g_ns_per_tsc_q32) return 0;
    return vdso_counter_to_ns(x86::rdtsc(), g_tsc_base, g_ns_per_tsc_q32);
}

u64 clock_counter() { return x86::rdtsc(); }

void clock_counter_params(u64& base, u64& mult) {
    base = g_tsc_base;
    mult = g_ns_per_tsc_q32;
}
}  // namespace arch

void rtc_init(u8 century_index) {
    // Wait out an update in progress, then read until two reads agree.
    u8 regs[7], again[7];
    const u8 idx[7] = {0x00, 0x02, 0x04, 0x07, 0x08, 0x09, century_index};
    for (int tries = 0; tries < 1000; tries++) {
        while (cmos_read(0x0A) & 0x80) x86::pause();
        for (int i = 0; i < 7; i++) regs[i] = (i == 6 && !century_index) ? 0 : cmos_read(idx[i]);
        for (int i = 0; i < 7; i++) again[i] = (i == 6 && !century_index) ? 0 : cmos_read(idx[i]);
        if (__builtin_memcmp(regs, again, 7) == 0) break;
    }
    u8 status_b = cmos_read(0x0B);
    auto bcd = [&](u8 v) -> unsigned { return (status_b & 0x04) ? v : (v & 0x0F) + (v >> 4) * 10; };
    unsigned sec = bcd(regs[0]), min = bcd(regs[1]);
    unsigned hour = (status_b & 0x04) ? (regs[2] & 0x7F) : bcd(regs[2] & 0x7F);
    if (!(status_b & 0x02) && (regs[2] & 0x80)) hour = (hour % 12) + 12;   // 12-hour clock, PM
    unsigned day = bcd(regs[3]), month = bcd(regs[4]);
    i64 year = bcd(regs[5]) + (century_index ? bcd(regs[6]) * 100 : 2000);
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 60) {
        log_warn("rtc: implausible time; wall clock starts at the epoch");
        g_boot_epoch = 0;
        return;
    }
    i64 now = days_from_civil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
    g_boot_epoch = now - static_cast<i64>(arch::clock_ns() / 1'000'000'000ull);
    log_info("rtc: %04lld-%02u-%02u %02u:%02u:%02u UTC", static_cast<long long>(year), month, day, hour, min, sec);
}

i64 rtc_boot_epoch_seconds() { return g_boot_epoch; }

namespace arch {
i64 boot_epoch_seconds() { return g_boot_epoch; }
}  // namespace arch
