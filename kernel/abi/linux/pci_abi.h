// SPDX-License-Identifier: MIT
// PCI configuration-space register offsets and bits (Linux's UAPI pci_regs.h).
#pragma once

#pragma push_macro("__GLIBC__")
#undef __GLIBC__
#include <linux/pci_regs.h>
#pragma pop_macro("__GLIBC__")
