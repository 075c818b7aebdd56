// SPDX-License-Identifier: MIT
// sysfs ("sysfs"): mountable, with Linux's top-level directories (block, bus, class, dev,
// devices, firmware, fs, kernel, module, power) and a few well-known subdirectories, all empty
// for now: device and driver attributes arrive with the driver model. procfs_init() registers
// the type.
#pragma once

#include "fs/vfs/vfs.h"

const FileSystemType& sysfs_type();
