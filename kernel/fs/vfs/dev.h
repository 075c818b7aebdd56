// SPDX-License-Identifier: MIT
// Device numbers. Inside the kernel a device is a u32 with 12 bits of major and 20 of minor, as
// Linux's MKDEV (linux: include/linux/kdev_t.h). User space sees the "new" 32-bit encoding in
// stat's st_dev/st_rdev and passes it to mknod; statx carries major and minor separately.
#pragma once

#include "lib/types.h"

using DevId = u32;

constexpr unsigned kMinorBits = 20;
constexpr DevId make_dev(u32 major, u32 minor) { return (major << kMinorBits) | (minor & ((1u << kMinorBits) - 1)); }
constexpr u32 dev_major(DevId d) { return d >> kMinorBits; }
constexpr u32 dev_minor(DevId d) { return d & ((1u << kMinorBits) - 1); }

// linux: new_encode_dev / new_decode_dev.
constexpr u32 dev_encode(DevId d) {
    u32 ma = dev_major(d), mi = dev_minor(d);
    return (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
}
constexpr DevId dev_decode(u32 v) {
    u32 ma = (v & 0xfff00) >> 8;
    u32 mi = (v & 0xff) | ((v >> 12) & 0xfff00);
    return make_dev(ma, mi);
}

static_assert(dev_encode(make_dev(1, 3)) == 0x103);
static_assert(dev_decode(0x103) == make_dev(1, 3));
static_assert(dev_decode(dev_encode(make_dev(0xfff, 0xfffff))) == make_dev(0xfff, 0xfffff));
