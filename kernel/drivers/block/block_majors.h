// SPDX-License-Identifier: MIT
// Block major numbers and the driver names /proc/devices shows for them ("254 virtblk").
// Kept apart from the device registry: a driver names its major once, whatever its devices.
#pragma once

#include "lib/types.h"

void blkdev_major_register(u32 major, const char* name);
// Every named major in ascending order (as Linux's blkdev_show walks its major table).
void blkdev_major_for_each(void (*fn)(void* ctx, u32 major, const char* name), void* ctx);
