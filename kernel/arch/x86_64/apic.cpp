// SPDX-License-Identifier: MIT
#include "arch/x86_64/apic.h"

#include "arch/cpu.h"
#include "arch/interrupts.h"
#include "arch/paging.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/traps.h"
#include "core/log.h"
#include "core/panic.h"

namespace {

volatile u32* g_lapic = nullptr;
u64 g_lapic_hz = 0;
uptr g_mmio_next = MMIO_REGION_BASE;

enum LapicReg : u32 {
    kId = 0x20, kTpr = 0x80, kEoi = 0xB0, kSvr = 0xF0, kLvtTimer = 0x320, kLvtLint0 = 0x350,
    kLvtLint1 = 0x360, kLvtError = 0x370, kTimerInitial = 0x380, kTimerCurrent = 0x390, kTimerDivide = 0x3E0,
};

u32 lapic_read(u32 reg) { return g_lapic[reg / 4]; }
void lapic_write(u32 reg, u32 v) { g_lapic[reg / 4] = v; }

struct IoApic {
    volatile u32* regs;
    u32 gsi_base;
    u32 count;
};
IoApic g_ioapics[8];
unsigned g_ioapic_count = 0;

u32 ioapic_read(IoApic& a, u32 reg) { a.regs[0] = reg; return a.regs[4]; }
void ioapic_write(IoApic& a, u32 reg, u32 v) { a.regs[0] = reg; a.regs[4] = v; }

}  // namespace

volatile void* mmio_map(u64 phys, usize size) {
    u64 base = align_down(phys, kPageSize);
    usize len = align_up(phys + size, kPageSize) - base;
    uptr va = g_mmio_next;
    if (va + len > MMIO_REGION_BASE + MMIO_REGION_SIZE) panic("MMIO region exhausted");
    g_mmio_next += len;
    MUST(arch::kernel_map(va, PhysAddr(base), len, arch::kPageWrite | arch::kPageNoCache));
    return reinterpret_cast<volatile void*>(va + (phys - base));
}

void pic_disable() {
    // Remap the 8259s away from the exception vectors first (a spurious IRQ 7 would otherwise
    // look like #NM), then mask every line: the IOAPIC takes over.
    x86::outb(0x20, 0x11); x86::outb(0xA0, 0x11);
    x86::outb(0x21, 0xE0); x86::outb(0xA1, 0xE8);
    x86::outb(0x21, 4);    x86::outb(0xA1, 2);
    x86::outb(0x21, 1);    x86::outb(0xA1, 1);
    x86::outb(0x21, 0xFF); x86::outb(0xA1, 0xFF);
}

void lapic_init(u64 phys_base) {
    if (!g_lapic) g_lapic = static_cast<volatile u32*>(mmio_map(phys_base, kPageSize));
    x86::wrmsr(x86::kMsrApicBase, x86::rdmsr(x86::kMsrApicBase) | (1u << 11));
    lapic_write(kTpr, 0);
    lapic_write(kLvtLint0, 1u << 16);
    lapic_write(kLvtLint1, (1u << 16));
    lapic_write(kLvtError, 1u << 16);
    lapic_write(kLvtTimer, 1u << 16);
    lapic_write(kSvr, 0x100 | kSpuriousVector);
    apic_eoi();
}

void apic_eoi() { lapic_write(kEoi, 0); }
u32 lapic_id() { return g_lapic ? lapic_read(kId) >> 24 : 0; }
u64 lapic_timer_hz() { return g_lapic_hz; }

void lapic_timer_calibrate() {
    lapic_write(kTimerDivide, 0x3);   // divide by 16
    lapic_write(kLvtTimer, 1u << 16);
    lapic_write(kTimerInitial, 0xFFFFFFFF);
    u64 start = arch::clock_ns();
    while (arch::clock_ns() - start < 10'000'000) arch::cpu_relax();
    u32 elapsed = 0xFFFFFFFF - lapic_read(kTimerCurrent);
    u64 ns = arch::clock_ns() - start;
    lapic_write(kTimerInitial, 0);
    g_lapic_hz = u64(elapsed) * 1'000'000'000ull / ns;
    if (g_lapic_hz == 0) panic("LAPIC timer does not count");
}

namespace arch {

void timer_arm(u64 deadline_ns) {
    u64 now = clock_ns();
    u64 delta = deadline_ns > now ? deadline_ns - now : 0;
    // Count at least 1 so an overdue deadline still fires (as soon as possible).
    unsigned __int128 counts = (unsigned __int128)delta * g_lapic_hz / 1'000'000'000ull;
    u32 initial = counts == 0 ? 1 : counts > 0xFFFFFFFFull ? 0xFFFFFFFF : u32(counts);
    lapic_write(kLvtTimer, kTimerVector);   // one-shot
    lapic_write(kTimerInitial, initial);
}

}  // namespace arch

void ioapic_add(u8 id, u64 phys, u32 gsi_base) {
    if (g_ioapic_count == 8) return;
    IoApic& a = g_ioapics[g_ioapic_count];
    a.regs = static_cast<volatile u32*>(mmio_map(phys, 0x20));
    a.gsi_base = gsi_base;
    a.count = ((ioapic_read(a, 1) >> 16) & 0xFF) + 1;
    for (u32 i = 0; i < a.count; i++) {
        ioapic_write(a, 0x10 + 2 * i, 1u << 16);   // masked
        ioapic_write(a, 0x11 + 2 * i, 0);
    }
    g_ioapic_count++;
    log_info("ioapic: id %u at %#llx, GSIs %u-%u", id, static_cast<unsigned long long>(phys), gsi_base,
             gsi_base + a.count - 1);
}

bool ioapic_route(u32 gsi, u8 vector, u16 flags) {
    for (unsigned k = 0; k < g_ioapic_count; k++) {
        IoApic& a = g_ioapics[k];
        if (gsi < a.gsi_base || gsi >= a.gsi_base + a.count) continue;
        u32 low = vector;
        if ((flags & 3) == 3) low |= 1u << 13;          // active low
        if (((flags >> 2) & 3) == 3) low |= 1u << 15;   // level triggered
        u32 idx = gsi - a.gsi_base;
        ioapic_write(a, 0x11 + 2 * idx, lapic_id() << 24);
        ioapic_write(a, 0x10 + 2 * idx, low);
        return true;
    }
    return false;
}
