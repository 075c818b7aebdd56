// SPDX-License-Identifier: MIT
// File operations over a Tty, and the open functions of /dev/ttyS0, /dev/tty and /dev/console.
// linux: drivers/tty/tty_io.c (tty_open, tty_open_current_tty, tty_fops).
#include "drivers/tty/tty_devices.h"

#include "abi/linux/uapi.h"
#include "drivers/tty/serial_tty.h"
#include "drivers/tty/tty.h"
#include "core/log.h"
#include "fs/devfs/chardev.h"
#include "fs/vfs/file.h"

namespace {

class TtyFileOps final : public FileOps {
public:
    Result<usize> read(File& f, const IoBuffer& buf, u64&) override { return tty_of_file(f)->read(buf, tty_file_mode(f)); }
    Result<usize> write(File& f, const IoBuffer& buf, u64&) override {
        return tty_of_file(f)->write(buf, tty_file_mode(f));
    }
    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override { return tty_of_file(f)->ioctl(cmd, arg, tty_file_mode(f)); }
    u32 poll(File& f) override { return tty_of_file(f)->poll_events(); }
    WaitQueue* wait_queue(File& f) override { return &tty_of_file(f)->wait_queue(); }
    void release(File&) override {}
};

constinit TtyFileOps g_ops;

Result<void> open_serial(File& f, DevId) {
    Tty* t = serial_tty();
    if (!t) return Error(ENXIO);
    return tty_file_open(f, *t, (f.flags() & O_NOCTTY) != 0);
}

Result<void> open_console(File& f, DevId) {
    Tty* t = serial_tty();
    if (!t) return Error(ENXIO);
    return tty_file_open(f, *t, true);   // linux: /dev/console never becomes a controlling tty
}

Result<void> open_current_tty(File& f, DevId) {
    // linux: tty_open_current_tty: the caller's controlling terminal, ENXIO without one.
    const TtyJobControl* h = tty_job_control();
    Tty* t = h && h->controlling_tty ? h->controlling_tty() : nullptr;
    if (!t) return Error(ENXIO);
    return tty_file_open(f, *t, true);
}

constexpr u32 kModeTtyS = 0660, kModeTty = 0666, kModeConsole = 0600;

const TtyCharDevice kDevices[] = {
    {make_dev(kTtyAuxMajor, 0), "tty", kModeTty, open_current_tty},
    {make_dev(kTtyAuxMajor, 1), "console", kModeConsole, open_console},
    {make_dev(kTtySerialMajor, kTtySerialMinorBase), "ttyS0", kModeTtyS, open_serial},
};

}  // namespace

TtyFileMode tty_file_mode(File& f) {
    TtyFileMode m;
    m.nonblock = (f.flags() & O_NONBLOCK) != 0;
    m.readable = f.readable();
    return m;
}

Tty* tty_of_file(File& file) { return static_cast<Tty*>(file.private_data); }

Result<void> tty_file_open(File& file, Tty& t, bool noctty) {
    TtyFileMode mode = tty_file_mode(file);
    TRY(t.open(mode, noctty));
    file.private_data = &t;
    file.set_ops(g_ops);
    return {};
}

Span<const TtyCharDevice> tty_char_devices() {
    usize n = sizeof(kDevices) / sizeof(kDevices[0]);
    if (!serial_tty()) n--;   // ttyS0 is last
    return Span<const TtyCharDevice>(kDevices, n);
}

void tty_devices_init() {
    for (const TtyCharDevice& d : tty_char_devices()) {
        auto r = chardev_register_node(dev_major(d.dev), dev_minor(d.dev), d.name, d.name, d.mode, d.open);
        if (r.is_error() && r.error_code() == EBUSY)   // as Linux's mem.c, the memory driver may own 1:11
            log_warn("tty: /dev/%s (%u:%u) lies in another driver's range: it must call %s's open", d.name,
                     dev_major(d.dev), dev_minor(d.dev), d.name);
        else if (r.is_error())
            log_warn("tty: cannot register /dev/%s (%u:%u): errno %d", d.name, dev_major(d.dev), dev_minor(d.dev),
                     r.error_code());
    }
}
