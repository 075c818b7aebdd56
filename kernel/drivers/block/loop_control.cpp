// SPDX-License-Identifier: MIT
// The loop devices' table and /dev/loop-control: LOOP_CTL_GET_FREE, LOOP_CTL_ADD and
// LOOP_CTL_REMOVE as Linux 6.1 (linux: loop_control_ioctl).
#include "abi/linux/uapi.h"
#include "core/log.h"
#include "drivers/block/loop.h"
#include "fs/devfs/chardev.h"
#include "lib/format.h"

namespace {

// linux: max_loop's default (CONFIG_BLK_DEV_LOOP_MIN_COUNT) and the misc minor of
// /dev/loop-control (LOOP_CTRL_MINOR in include/linux/miscdevice.h, not in the UAPI).
constexpr u32 kBootLoops = 8;
constexpr u32 kLoopCtrlMinor = 237;
constexpr u32 kMaxLoops = 48;   // the block registry holds 64 devices in all

Mutex g_loops_lock{"loop-table"};
LoopDevice* g_loops[kMaxLoops];

class LoopControlOps final : public FileOps {
public:
    constexpr LoopControlOps() = default;
    Result<long> ioctl(File&, unsigned cmd, uptr arg) override {
        long n = static_cast<long>(arg);
        switch (cmd) {
        case LOOP_CTL_ADD: {
            if (n < 0) {
                for (u32 i = 0; i < kMaxLoops; i++) {
                    auto r = loop_get(i, true, true);
                    if (r.is_ok()) return long(i);
                    if (r.error_code() != EEXIST) return r.error();
                }
                return Error(ENOSPC);
            }
            if (n >= long(kMaxLoops)) return Error(EINVAL);
            TRY(loop_get(static_cast<u32>(n), true, true));
            return n;
        }
        case LOOP_CTL_REMOVE: {
            if (n < 0 || n >= long(kMaxLoops)) return Error(ENODEV);
            auto dev = loop_get(static_cast<u32>(n), false);
            if (dev.is_error()) return Error(ENODEV);
            TRY(dev.value()->remove());
            return 0;
        }
        case LOOP_CTL_GET_FREE: {
            for (u32 i = 0; i < kMaxLoops; i++) {
                auto dev = loop_get(i, false);
                if (dev.is_ok() && !dev.value()->bound()) return long(i);
                if (dev.is_error()) {
                    TRY(loop_get(i, true));
                    return long(i);
                }
            }
            return Error(ENOSPC);
        }
        default:
            return Error(ENOTTY);
        }
    }
};

constinit LoopControlOps g_control_ops;

Result<void> open_control(File& f, DevId) {
    f.set_ops(g_control_ops);
    return {};
}

}  // namespace

Result<LoopDevice*> loop_get(u32 number, bool create, bool create_only) {
    if (number >= kMaxLoops) return Error(ENODEV);
    MutexGuard g(g_loops_lock);
    if (LoopDevice* d = g_loops[number]) {
        if (!d->removed()) {
            if (create_only) return Error(EEXIST);
            return d;
        }
        if (!create) return Error(ENODEV);
        d->revive();   // the registry keeps devices for ever: a removed one comes back
        return d;
    }
    if (!create) return Error(ENODEV);
    auto* d = new (std::nothrow) LoopDevice(number);
    if (!d) return Error(ENOMEM);
    format(d->dev_name, sizeof(d->dev_name), "loop%u", number);
    auto r = block_register(*d, d->dev_name, make_dev(LOOP_MAJOR, number));
    if (r.is_error()) {
        delete d;
        return r.error();
    }
    g_loops[number] = d;
    return d;
}

void loop_init() {
    for (u32 i = 0; i < kBootLoops; i++)
        if (auto r = loop_get(i, true); r.is_error()) log_warn("loop: cannot create loop%u: %d", i, r.error_code());
    if (auto r = chardev_register_node(MISC_MAJOR, kLoopCtrlMinor, "loop-control", "loop-control", 0600, open_control);
        r.is_error())
        log_warn("loop: cannot create /dev/loop-control: %d", r.error_code());
}
