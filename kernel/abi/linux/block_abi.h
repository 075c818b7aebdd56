// SPDX-License-Identifier: MIT
// Disk ioctls beyond linux/fs.h's BLK* ones: HDIO_GETGEO and struct hd_geometry (linux/hdreg.h).
#pragma once

#pragma push_macro("__GLIBC__")
#undef __GLIBC__
#include <linux/hdreg.h>
#pragma pop_macro("__GLIBC__")

static_assert(sizeof(hd_geometry) == 16);
