// SPDX-License-Identifier: MIT
// Platform bring-up from ACPI: interrupt controllers, clock, power control.
#pragma once

#include "drivers/acpi/tables.h"

// Finds and parses the ACPI tables, programs the APICs, calibrates clocks. Panics only when the
// machine cannot run at all (no MADT/LAPIC); missing optional parts are logged.
void platform_init(u64 rsdp_hint);
const AcpiInfo& platform_acpi();
