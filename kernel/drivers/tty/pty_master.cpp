// SPDX-License-Identifier: MIT
// The master side of a pty: reads what the slave wrote (packet mode headers included), writes
// into the slave's input (waiting for room), the master-only ioctls, and poll. Both sides sleep
// on the slave's wait queue. linux: drivers/tty/pty.c (pty_write, pty_unix98_ioctl,
// pty_signal), n_tty.c (n_tty_read on the master, n_tty_poll), tty_io.c (ptm_open_peer).
#include "abi/linux/uapi.h"
#include "drivers/tty/pty_internal.h"
#include "fs/devpts/devpts.h"
#include "syscalls/fs_common.h"

using tty_internal::signal_pending;

namespace {

constexpr usize kChunk = 256;

PtyPair& pair_of(File& f) { return *static_cast<PtyPair*>(f.private_data); }

TtyFileMode master_mode(File& f) {
    TtyFileMode m;
    m.nonblock = (f.flags() & O_NONBLOCK) != 0;
    m.readable = f.readable();
    m.pty_master = true;
    return m;
}

Result<int> get_int(uptr arg) { return copy_from_user(UserPtr<const int>(arg)); }
Result<long> put_int(uptr arg, int v) {
    TRY(copy_to_user(UserPtr<int>(arg), v));
    return 0L;
}

// linux: ptm_open_peer: the slave opened from the master's devpts, without a path walk.
Result<long> open_peer(PtyPair& p, unsigned flags) {
    Path node = TRY(devpts_node_path(p.devpts_root, p.index()));
    RefPtr<File> f = TRY(File::open(node, flags & ~u32(O_CLOEXEC | O_CREAT | O_EXCL | O_TRUNC)));
    return TRY(fd_install(std::move(f), (flags & O_CLOEXEC) != 0));
}

class PtyMasterOps final : public FileOps {
public:
    Result<usize> read(File& f, const IoBuffer& buf, u64&) override {
        PtyPair& p = pair_of(f);
        bool nonblock = f.flags() & O_NONBLOCK;
        usize done = 0;
        u8 tmp[kChunk];
        while (done < buf.size()) {
            bool closed = false, packet = false;
            usize got = p.with_master([&](PtyMasterState& m) {
                closed = m.slave_closed;
                packet = m.queue.packet();
                return m.queue.read(tmp, min(kChunk, buf.size() - done));
            });
            if (got) {
                p.wake();   // slave writers waiting for room
                auto copied = buf.write_at(done, tmp, got);
                if (copied.is_error()) return done ? Result<usize>(done) : Result<usize>(copied.error());
                done += got;
                if (packet) break;   // one packet per read
                continue;
            }
            if (done) break;
            // linux: n_tty_read: nothing queued and the slave gone is EIO.
            if (closed) return Error(EIO);
            if (nonblock) return Error(EAGAIN);
            if (signal_pending()) return Error(kTtyErrRestartSys);
            p.slave().wait_queue().wait_until([&] {
                bool ready = p.with_master([](PtyMasterState& m) { return m.queue.readable() || m.slave_closed; });
                return ready || signal_pending();
            });
        }
        return done;
    }

    Result<usize> write(File& f, const IoBuffer& buf, u64&) override {
        PtyPair& p = pair_of(f);
        bool nonblock = f.flags() & O_NONBLOCK;
        usize done = 0;
        u8 tmp[kChunk];
        while (done < buf.size()) {
            usize n = min(kChunk, buf.size() - done);
            auto copied = buf.read_at(done, tmp, n);
            if (copied.is_error()) return done ? Result<usize>(done) : Result<usize>(copied.error());
            usize off = 0;
            while (off < n) {
                usize k = p.slave().receive_from_peer(tmp + off, n - off);
                off += k;
                done += k;
                if (k) continue;
                if (nonblock) return done ? Result<usize>(done) : Result<usize>(Error(EAGAIN));
                if (signal_pending()) return done ? Result<usize>(done) : Result<usize>(Error(kTtyErrRestartSys));
                p.slave().wait_queue().wait_until([&] { return p.slave().input_room() > 0 || signal_pending(); });
            }
        }
        return done;
    }

    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override {
        PtyPair& p = pair_of(f);
        switch (cmd) {
        case TIOCSPTLCK: {
            int v = TRY(get_int(arg));
            p.with_master([&](PtyMasterState& m) { m.locked = v != 0; });
            return 0L;
        }
        case TIOCGPTLCK:
            return put_int(arg, p.with_master([](PtyMasterState& m) { return int(m.locked); }));
        case TIOCPKT: {
            int v = TRY(get_int(arg));
            p.with_master([&](PtyMasterState& m) { m.queue.set_packet(v != 0); });
            return 0L;
        }
        case TIOCGPKT:
            return put_int(arg, p.with_master([](PtyMasterState& m) { return int(m.queue.packet()); }));
        case TIOCGPTN:
            TRY(copy_to_user(UserPtr<unsigned>(arg), p.index()));
            return 0L;
        case TIOCGPTPEER:
            return open_peer(p, static_cast<unsigned>(arg));
        case TIOCSIG: {
            // linux: pty_signal: only the three signal characters' signals.
            int sig = static_cast<int>(arg);
            if (sig != tty::kSigInt && sig != tty::kSigQuit && sig != tty::kSigTstp) return Error(EINVAL);
            if (int pgrp = p.slave().foreground_pgrp()) tty_internal::signal_pgrp(pgrp, sig);
            return 0L;
        }
        case FIONREAD:
            return put_int(arg, p.with_master([](PtyMasterState& m) { return int(m.queue.size()); }));
        case TIOCOUTQ:
            return put_int(arg, 0);
        case TCFLSH:
            // TCIFLUSH: what the master has not read; TCOFLUSH: the slave's pending input.
            if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH) return Error(EINVAL);
            if (arg != TCOFLUSH) p.with_master([](PtyMasterState& m) { m.queue.flush(); });
            if (arg != TCIFLUSH) p.slave().flush_input();
            p.wake();
            return 0L;
        case TIOCSTI: {
            // linux: tiocsti: a master is nobody's controlling terminal, so CAP_SYS_ADMIN only;
            // the byte becomes input of the master itself.
            const TtyJobControl* h = tty_job_control();
            if (!h || !h->capable_sys_admin || !h->capable_sys_admin()) return Error(EPERM);
            u8 c = TRY(copy_from_user(UserPtr<const u8>(arg)));
            p.with_master([&](PtyMasterState& m) { m.queue.push(&c, 1); });
            p.wake();
            return 0L;
        }
        case TIOCMGET: case TIOCMSET: case TIOCMBIS: case TIOCMBIC: case TIOCGSERIAL:
            return Error(ENOTTY);
        default:
            // termios, window size, job control: the slave's (linux: real_tty = tty->link).
            return p.slave().ioctl(cmd, arg, master_mode(f));
        }
    }

    u32 poll(File& f) override {
        PtyPair& p = pair_of(f);
        u32 ev = p.with_master([](PtyMasterState& m) {
            u32 e = 0;
            if (m.queue.readable()) e |= POLLIN | POLLRDNORM;
            if (m.queue.packet() && m.queue.status()) e |= POLLPRI;
            if (m.slave_closed) e |= POLLHUP;
            return e;
        });
        if (p.slave().input_room() > 0) ev |= POLLOUT | POLLWRNORM;
        return ev;
    }
    WaitQueue* wait_queue(File& f) override { return &pair_of(f).slave().wait_queue(); }
    void release(File& f) override {
        if (f.private_data) pty_master_closed(pair_of(f));
    }
};

constinit PtyMasterOps g_master_ops;

}  // namespace

FileOps& pty_master_ops() { return g_master_ops; }
