// SPDX-License-Identifier: MIT
// Local APIC (per CPU: EOI, timer, IPIs) and the IOAPIC (device IRQ routing).
#pragma once

#include "lib/types.h"

void lapic_init(u64 phys_base);
void apic_eoi();
u32 lapic_id();
// Measures the LAPIC timer's input frequency against the calibrated TSC clock.
void lapic_timer_calibrate();
u64 lapic_timer_hz();

void ioapic_add(u8 id, u64 phys, u32 gsi_base);
// Routes a GSI to a vector on the boot CPU. flags: ACPI MPS INTI flags (polarity, trigger).
bool ioapic_route(u32 gsi, u8 vector, u16 flags);

void pic_disable();

// Maps device registers uncached in the MMIO region (boot-time, never unmapped).
volatile void* mmio_map(u64 phys, usize size);
