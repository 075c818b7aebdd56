// SPDX-License-Identifier: MIT
// virtio-blk (virtio 1.x, 5.2): each device becomes a BlockDevice named vda, vdb... with
// Linux 6.1's device numbers (major 254, the first dynamic block major, which virtio_blk
// takes on a system without device-mapper; minors 16 apart).
#pragma once

#include "lib/types.h"

constexpr u32 kVirtblkMajor = 254;
constexpr u32 kVirtblkMinorsPerDisk = 16;

// Registers the PCI driver (call before pci_init()).
void virtio_blk_register();
