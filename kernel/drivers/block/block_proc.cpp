// SPDX-License-Identifier: MIT
// /proc/devices and /proc/partitions in Linux 6.1's formats (fs/proc/devices.c,
// block/genhd.c show_partition).
#include "drivers/block/block_device.h"
#include "drivers/block/block_majors.h"
#include "drivers/block/partition.h"
#include "fs/devfs/chardev.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/seq_buf.h"

namespace {

constexpr usize kMaxChar = 64;

struct CharMajor {
    u32 major;
    const char* name;
};

void partition_line(void* ctx, BlockDevice& d) {
    static_cast<SeqBuf*>(ctx)->appendf("%4u  %7u %10llu %s\n", dev_major(d.devnum()), dev_minor(d.devnum()),
                                       static_cast<unsigned long long>(d.sector_count() >> 1), d.name());
}

}  // namespace

PROC_SHOW(proc_show_devices) {
    // Character regions come in registration order; Linux lists them by major, one line per
    // (major, name), however many minor ranges share it.
    CharMajor chars[kMaxChar];
    struct Collect {
        CharMajor* out;
        usize n;
    } c{chars, 0};
    chardev_for_each(
        [](void* ctx, const CharDevRegion& r) {
            auto* col = static_cast<Collect*>(ctx);
            for (usize i = 0; i < col->n; i++)
                if (col->out[i].major == r.major && StringView(col->out[i].name) == StringView(r.name)) return;
            if (col->n == kMaxChar) return;
            usize at = col->n++;
            while (at > 0 && col->out[at - 1].major > r.major) {
                col->out[at] = col->out[at - 1];
                at--;
            }
            col->out[at] = {r.major, r.name};
        },
        &c);
    out.appendf("Character devices:\n");
    for (usize i = 0; i < c.n; i++) out.appendf("%3u %s\n", chars[i].major, chars[i].name);
    out.appendf("\nBlock devices:\n");
    blkdev_major_for_each([](void* ctx, u32 major, const char* name) { static_cast<SeqBuf*>(ctx)->appendf("%3u %s\n", major, name); },
                          &out);
    return {};
}

PROC_SHOW(proc_show_partitions) {
    out.appendf("major minor  #blocks  name\n\n");
    // Each disk, then its partitions (linux: show_partition() walks a disk's partitions after it),
    // skipping empty disks (an unbound loop device).
    block_for_each(
        [](void* ctx, BlockDevice& d) {
            if (!d.sector_count() || block_partition_parent(d)) return;
            partition_line(ctx, d);
            block_for_each_partition(d, partition_line, ctx);
        },
        &out);
    return {};
}
