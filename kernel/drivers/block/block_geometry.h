// SPDX-License-Identifier: MIT
// The legacy CHS geometry HDIO_GETGEO reports, for the drivers that have one (Linux's
// block_device_operations.getgeo: virtio-blk has it, loop devices do not, so their
// HDIO_GETGEO is ENOTTY). Kept beside the BlockDevice interface rather than in it.
#pragma once

#include "drivers/block/block_device.h"

struct BlockGeometry {
    u8 heads;
    u8 sectors;
    u16 cylinders;
};

void block_set_geometry(const BlockDevice& disk, BlockGeometry g);
// The disk's geometry (a partition answers with its disk's); false when the driver has none.
bool block_geometry(const BlockDevice& dev, BlockGeometry& out);
