// SPDX-License-Identifier: MIT
// The character-device registry: a (major, minor range) maps to an open function that installs
// the device's FileOps on a new File (Inode::open calls chardev_open for S_IFCHR inodes). Drivers
// register at boot, after vfs_init(); the device node itself is made with devtmpfs_add_node
// (or chardev_register_node, which does both).
#pragma once

#include "fs/vfs/file.h"

// Called when a device node is opened: sets the File's ops (File::set_ops / set_owned_ops) and
// may keep per-open state. dev is the full device number.
using CharDevOpenFn = Result<void> (*)(File& file, DevId dev);

struct CharDevRegion {
    u32 major;
    u32 first_minor;
    u32 count;
    const char* name;   // for /proc/devices
    CharDevOpenFn open;
};

// Registers [first_minor, first_minor + count) of major. EBUSY when it overlaps a registered
// range, ENOSPC when the registry is full, EINVAL for an empty range.
Result<void> chardev_register(u32 major, u32 first_minor, u32 count, const char* name, CharDevOpenFn open);
// Registers one minor and makes /dev/<node_name> with the given permission bits.
Result<void> chardev_register_node(u32 major, u32 minor, const char* name, StringView node_name, u32 perm,
                                   CharDevOpenFn open);
// Opens the device dev on file: ENXIO when nothing is registered for it.
Result<void> chardev_open(File& file, DevId dev);
// For /proc/devices: each registered region.
void chardev_for_each(void (*fn)(void* ctx, const CharDevRegion& r), void* ctx);

// Boot (from vfs_init): the registry, the memory devices (null, zero, full, random, urandom)
// and the devtmpfs instance.
void devfs_init();
