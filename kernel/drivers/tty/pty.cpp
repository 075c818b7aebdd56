// SPDX-License-Identifier: MIT
// Pty pairs: the table of numbers, opening /dev/ptmx and /dev/pts/N, the slave's file
// operations and release. The master's file operations are in pty_master.cpp.
// linux: drivers/tty/pty.c (pty_open, pty_close, ptmx_open), tty_io.c (hung_up_tty_fops).
#include "drivers/tty/pty.h"

#include <new>

#include "abi/linux/uapi.h"
#include "core/log.h"
#include "drivers/tty/pty_internal.h"
#include "drivers/tty/tty_devices.h"
#include "fs/devfs/chardev.h"
#include "fs/devpts/devpts.h"
#include "mm/kheap.h"

namespace {

constexpr u32 kPtmxMajor = 5, kPtmxMinor = 2, kSlaveMajor = 136;

struct PtyTable {
    PtyPair* pairs[kDevptsMaxEntries];
    bool used[kDevptsMaxEntries];
};
constinit Protected<PtyTable> g_table{LockRank::Pty, "pty-table"};

Result<u32> alloc_index() {
    // linux: devpts_new_index: the lowest free number.
    return g_table.with([](PtyTable& t) -> Result<u32> {
        for (u32 i = 0; i < kDevptsMaxEntries; i++) {
            if (!t.used[i]) {
                t.used[i] = true;
                return i;
            }
        }
        return Error(ENOSPC);
    });
}

void free_index(u32 index) {
    g_table.with([&](PtyTable& t) { t.used[index] = false; });
}

// The pair for a freshly reserved index: the slot's old pair made new, or a new one.
Result<PtyPair*> pair_for(u32 index) {
    PtyPair* p = g_table.with([&](PtyTable& t) { return t.pairs[index]; });
    if (p) {
        p->slave().reset(pty_default_termios());
        p->with_master([](PtyMasterState& m) {
            m.queue.reset();
            m.locked = true;
            m.slave_files = 0;
            m.slave_closed = false;
        });
        return p;
    }
    auto* buf = static_cast<u8*>(kmalloc(kPtyQueueSize));
    if (!buf) return Error(ENOMEM);
    p = new (std::nothrow) PtyPair(index, buf);
    if (!p) {
        kfree(buf);
        return Error(ENOMEM);
    }
    g_table.with([&](PtyTable& t) { t.pairs[index] = p; });
    return p;
}

// In use: the master is open or a slave file is (index reserved).
PtyPair* pair_in_use(u32 index) {
    if (index >= kDevptsMaxEntries) return nullptr;
    return g_table.with([&](PtyTable& t) { return t.used[index] ? t.pairs[index] : nullptr; });
}

void release_pair(PtyPair& p) {
    p.devpts_root = Path{};
    free_index(p.index());
}

PtyPair* pair_of(File& f) { return static_cast<PtyPair*>(f.private_data); }

bool hung_up(PtyPair& p) {
    return p.with_master([](PtyMasterState& m) { return !m.master_open; });
}

void slave_closed(PtyPair& p) {
    bool release = p.with_master([](PtyMasterState& m) {
        if (--m.slave_files == 0) m.slave_closed = true;
        return !m.master_open && m.slave_files == 0;
    });
    p.wake();   // master readers see EIO, pollers POLLHUP
    if (release) release_pair(p);
}

// linux: hung_up_tty_fops after the master closed; the slave's own operations otherwise.
class PtySlaveOps final : public FileOps {
public:
    Result<usize> read(File& f, const IoBuffer& buf, u64&) override {
        PtyPair& p = *pair_of(f);
        if (hung_up(p)) return usize(0);
        return p.slave().read(buf, tty_file_mode(f));
    }
    Result<usize> write(File& f, const IoBuffer& buf, u64&) override {
        PtyPair& p = *pair_of(f);
        if (hung_up(p)) return Error(EIO);
        return p.slave().write(buf, tty_file_mode(f));
    }
    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override {
        PtyPair& p = *pair_of(f);
        if (hung_up(p)) return Error(cmd == TIOCSPGRP ? ENOTTY : EIO);
        switch (cmd) {
        case TIOCGPTPEER:
            return Error(EIO);   // linux: ptm_open_peer: only through the master
        case TIOCGPTN: case TIOCSPTLCK: case TIOCGPTLCK: case TIOCPKT: case TIOCGPKT: case TIOCSIG:
        case TIOCMGET: case TIOCMSET: case TIOCMBIS: case TIOCMBIC: case TIOCGSERIAL:
            return Error(ENOTTY);   // the master's, or a UART's
        default:
            break;
        }
        long r = TRY(p.slave().ioctl(cmd, arg, tty_file_mode(f)));
        if (cmd == TCFLSH) {
            // linux: n_tty_packet_mode_flush, pty_flush_buffer: the master learns of flushes in
            // packet mode; an output flush drops what the master has not read.
            p.with_master([&](PtyMasterState& m) {
                if (arg == TCIFLUSH || arg == TCIOFLUSH) m.queue.add_status(TIOCPKT_FLUSHREAD);
                if (arg == TCOFLUSH || arg == TCIOFLUSH) {
                    m.queue.flush();
                    m.queue.add_status(TIOCPKT_FLUSHWRITE);
                }
            });
            p.wake();
        }
        return r;
    }
    u32 poll(File& f) override { return pair_of(f)->slave().poll_events(); }
    WaitQueue* wait_queue(File& f) override { return &pair_of(f)->slave().wait_queue(); }
    void release(File& f) override {
        if (PtyPair* p = pair_of(f)) slave_closed(*p);
    }
};

constinit PtySlaveOps g_slave_ops;

Result<void> slave_open(File& file, DevId dev) {
    PtyPair* p = pair_in_use(dev_minor(dev));
    if (!p) return Error(EIO);
    // linux: pty_open: a locked slave or a closed master refuses.
    bool ok = p->with_master([](PtyMasterState& m) {
        if (!m.master_open || m.locked) return false;
        m.slave_files++;
        m.slave_closed = false;
        return true;
    });
    if (!ok) return Error(EIO);
    auto r = p->slave().open(tty_file_mode(file), (file.flags() & O_NOCTTY) != 0);
    if (r.is_error()) {
        slave_closed(*p);
        return r.error();
    }
    file.private_data = p;
    file.set_ops(g_slave_ops);
    return {};
}

Result<void> ptmx_open(File& file, DevId) {
    Path root = TRY(devpts_for_ptmx(file.path()));
    u32 index = TRY(alloc_index());
    auto pr = pair_for(index);
    if (pr.is_error()) {
        free_index(index);
        return pr.error();
    }
    PtyPair* p = pr.value();
    if (auto r = devpts_add(index); r.is_error()) {
        free_index(index);
        return r.error();
    }
    p->devpts_root = std::move(root);
    p->with_master([](PtyMasterState& m) { m.master_open = true; });
    file.private_data = p;
    file.set_ops(pty_master_ops());
    return {};
}

}  // namespace

tty::Termios pty_default_termios() { return tty::default_termios(B38400 | CS8 | CREAD); }

PtyPair::PtyPair(u32 index, u8* queue_buf)
    : m_index(index),
      m_name{},
      m_slave(m_name, make_dev(kSlaveMajor, index), TtyDriver{driver_write, this, driver_room}, pty_default_termios()),
      m_master(LockRank::Pty, "pty-master", queue_buf) {
    char digits[8];
    usize n = 0;
    do {
        digits[n++] = static_cast<char>('0' + index % 10);
        index /= 10;
    } while (index);
    __builtin_memcpy(m_name, "pts/", 4);
    for (usize i = 0; i < n; i++) m_name[4 + i] = digits[n - 1 - i];
    m_name[4 + n] = '\0';
}

// Slave output (echo included), under the slave's lock: what does not fit is lost, which only
// echo can meet (writers wait for driver_room()).
void PtyPair::driver_write(void* ctx, const u8* data, usize n) {
    static_cast<PtyPair*>(ctx)->m_master.with([&](PtyMasterState& m) { m.queue.push(data, n); });
}

usize PtyPair::driver_room(void* ctx) {
    return static_cast<PtyPair*>(ctx)->m_master.with([](PtyMasterState& m) { return m.queue.room(); });
}

void pty_master_closed(PtyPair& p) {
    bool release = p.with_master([](PtyMasterState& m) {
        m.master_open = false;
        m.queue.set_packet(false);
        return m.slave_files == 0;
    });
    p.slave().hangup();   // linux: tty_vhangup(slave): SIGHUP and SIGCONT to the session leader
    devpts_remove(p.index());
    if (release) release_pair(p);
}

void pty_init() {
    devpts_init();
    if (auto r = chardev_register_node(kPtmxMajor, kPtmxMinor, "/dev/ptmx", "ptmx", 0666, ptmx_open); r.is_error())
        log_warn("pty: cannot register /dev/ptmx: errno %d", r.error_code());
    if (auto r = chardev_register(kSlaveMajor, 0, kDevptsMaxEntries, "pts", slave_open); r.is_error())
        log_warn("pty: cannot register the slave range: errno %d", r.error_code());
}
