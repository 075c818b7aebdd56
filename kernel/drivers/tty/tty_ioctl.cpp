// SPDX-License-Identifier: MIT
// Terminal ioctls: termios (TCGETS/TCSETS*, termios2), window size, flushing and flow control,
// modem lines, and job control (TIOCSCTTY, TIOCNOTTY, TIOC[GS]PGRP, TIOCGSID). Pointer
// arguments are copied through IoBuffer, so ktests can pass kernel structs.
// linux: drivers/tty/tty_io.c (tty_ioctl), tty_ioctl.c (tty_mode_ioctl), tty_jobctrl.c.
#include "abi/linux/uapi.h"
#include "drivers/tty/tty.h"

#include <linux/serial.h>

using namespace tty_internal;

namespace {

IoBuffer arg_buffer(uptr arg, usize size, const TtyFileMode& mode) {
    return mode.kernel_arg ? IoBuffer::kernel(reinterpret_cast<void*>(arg), size) : IoBuffer::user(arg, size);
}

template <typename T>
Result<T> get_arg(uptr arg, const TtyFileMode& mode) {
    T v;
    TRY(arg_buffer(arg, sizeof(T), mode).read_at(0, &v, sizeof(T)));
    return v;
}

template <typename T>
Result<long> put_arg(uptr arg, const TtyFileMode& mode, const T& v) {
    TRY(arg_buffer(arg, sizeof(T), mode).write_at(0, &v, sizeof(T)));
    return 0L;
}

const TtyJobControl* hooks() { return tty_job_control(); }
bool capable() {
    const TtyJobControl* h = hooks();
    return h && h->capable_sys_admin && h->capable_sys_admin();
}

// Modem lines of a virtual UART: always connected.
constexpr int kModemLines = TIOCM_DTR | TIOCM_RTS | TIOCM_CTS | TIOCM_DSR | TIOCM_CAR;

}  // namespace

Result<long> Tty::ioctl_termios(unsigned cmd, uptr arg, const TtyFileMode& mode) {
    // linux: set_termios. Every change is a job-control "change" (SIGTTOU in the background).
    TRY(check_change(this, tty::kSigTtou));
    bool t2 = cmd == TCSETS2 || cmd == TCSETSW2 || cmd == TCSETSF2;
    tty::Termios t;
    u32 ispeed = 0, ospeed = 0;
    if (t2) {
        tty::Termios2 v = TRY(get_arg<tty::Termios2>(arg, mode));
        __builtin_memcpy(&t, &v, sizeof(t));
        ispeed = v.c_ispeed;
        ospeed = v.c_ospeed;
    } else {
        t = TRY(get_arg<tty::Termios>(arg, mode));
    }
    if ((t.c_cflag & CBAUD) != BOTHER || !t2) ispeed = ospeed = tty::baud_of(t.c_cflag);
    bool flush = cmd == TCSETSF || cmd == TCSETSF2;
    // TCSETSW/TCSETSF wait for output to drain: the driver writes synchronously, nothing waits.
    m_state.with([&](State& s) {
        if (flush) s.ld.flush_input();
        s.ld.set_termios(t);
        s.ispeed = ispeed;
        s.ospeed = ospeed;
    });
    m_wq.wake_all();
    return 0L;
}

Result<long> Tty::ioctl_job(unsigned cmd, uptr arg, const TtyFileMode& mode) {
    const TtyJobControl* h = hooks();
    switch (cmd) {
    // linux: tiocgpgrp/tiocgsid: through a pty master the slave's values need no ctty.
    case TIOCGPGRP:
        if (!mode.pty_master && !is_callers_ctty(this)) return Error(ENOTTY);
        return put_arg<int>(arg, mode, foreground_pgrp());
    case TIOCGSID: {
        if (!mode.pty_master && !is_callers_ctty(this)) return Error(ENOTTY);
        int sid = session();
        if (!sid) return Error(ENOTTY);
        return put_arg<int>(arg, mode, sid);
    }
    case TIOCSPGRP: {
        // linux: tiocspgrp
        auto ok = check_change(this, tty::kSigTtou);
        if (ok.is_error()) return Error(ok.error_code() == EIO ? ENOTTY : ok.error_code());
        int pgrp = TRY(get_arg<int>(arg, mode));
        if (pgrp < 0) return Error(EINVAL);
        if (h && h->current_sid) {
            int my_sid = h->current_sid();
            if (!is_callers_ctty(this) || session() != my_sid) return Error(ENOTTY);
            if (h->session_of_pgrp) {
                int ps = h->session_of_pgrp(pgrp);
                if (!ps) return Error(ESRCH);
                if (ps != my_sid) return Error(EPERM);
            }
        }
        m_state.with([&](State& s) { s.pgrp = pgrp; });
        return 0L;
    }
    case TIOCSCTTY: {
        // linux: tiocsctty
        if (!h || !h->is_session_leader || !h->current_sid || !h->controlling_tty || !h->set_controlling_tty)
            return 0L;
        int my_sid = h->current_sid();
        bool leader = h->is_session_leader();
        if (leader && session() == my_sid) return 0L;   // already ours
        if (!leader || h->controlling_tty()) return Error(EPERM);
        int owner = session();
        if (owner) {
            if (arg != 1 || !capable()) return Error(EPERM);
            if (h->session_clear_controlling_tty) h->session_clear_controlling_tty(owner);   // steal it
        }
        if (!mode.readable && !capable()) return Error(EPERM);
        int pgid = h->current_pgid();
        m_state.with([&](State& s) {
            s.sid = my_sid;
            s.pgrp = pgid;
        });
        h->set_controlling_tty(this);
        return 0L;
    }
    case TIOCNOTTY:
        // linux: tiocnotty: the leader gives the terminal up for the whole session. A pty
        // master is never anyone's controlling terminal.
        if (mode.pty_master || !is_callers_ctty(this)) return Error(ENOTTY);
        if (!h) return 0L;
        if (h->is_session_leader && h->is_session_leader()) disassociate(false);
        else if (h->set_controlling_tty) h->set_controlling_tty(nullptr);
        return 0L;
    }
    return Error(ENOTTY);
}

Result<long> Tty::ioctl(unsigned cmd, uptr arg, const TtyFileMode& mode) {
    switch (cmd) {
    case TCGETS: {
        tty::Termios t = termios();
        return put_arg(arg, mode, t);
    }
    case TCGETS2: {
        tty::Termios2 v{};
        m_state.with([&](State& s) {
            __builtin_memcpy(&v, &s.ld.termios(), sizeof(tty::Termios));
            v.c_ispeed = s.ispeed;
            v.c_ospeed = s.ospeed;
        });
        return put_arg(arg, mode, v);
    }
    case TCSETS: case TCSETSW: case TCSETSF: case TCSETS2: case TCSETSW2: case TCSETSF2:
        return ioctl_termios(cmd, arg, mode);
    case TIOCGWINSZ:
        return put_arg(arg, mode, winsize());
    case TIOCSWINSZ: {
        tty::Winsize ws = TRY(get_arg<tty::Winsize>(arg, mode));
        int pgrp = 0;
        bool changed = m_state.with([&](State& s) {
            if (__builtin_memcmp(&ws, &s.winsize, sizeof(ws)) == 0) return false;
            s.winsize = ws;
            pgrp = s.pgrp;
            return true;
        });
        if (changed && pgrp) signal_pgrp(pgrp, tty::kSigWinch);
        return 0L;
    }
    case TCFLSH: {
        TRY(check_change(this, tty::kSigTtou));
        if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH) return Error(EINVAL);
        // Output is never queued (the driver writes synchronously): only input can be flushed.
        if (arg != TCOFLUSH) m_state.with([](State& s) { s.ld.flush_input(); });
        return 0L;
    }
    case TCXONC: {
        TRY(check_change(this, tty::kSigTtou));
        bool started = false;
        switch (arg) {
        case TCOOFF: m_state.with([](State& s) { s.ld.stop_output_user(); }); break;
        case TCOON: started = m_state.with([](State& s) { return s.ld.start_output_user(); }); break;
        case TCIOFF:
        case TCION:
            m_state.with([&](State& s) {
                u8 c = s.ld.termios().c_cc[arg == TCIOFF ? VSTOP : VSTART];
                if (c) s.ld.send_char(c);
            });
            break;
        default: return Error(EINVAL);
        }
        if (started) m_wq.wake_all();
        return 0L;
    }
    case FIONREAD:
        return put_arg<int>(arg, mode, static_cast<int>(m_state.with([](State& s) { return s.ld.input_bytes(); })));
    case TIOCOUTQ:
        return put_arg<int>(arg, mode, 0);
    case TCSBRK: case TCSBRKP: case TIOCSBRK: case TIOCCBRK:
        // tcdrain() is TCSBRK with a nonzero argument; output is already drained, and a break
        // on a virtual line is nothing.
        TRY(check_change(this, tty::kSigTtou));
        return 0L;
    case TIOCGETD:
        return put_arg<int>(arg, mode, 0);   // N_TTY
    case TIOCGDEV:
        return put_arg<unsigned>(arg, mode, static_cast<unsigned>(dev_encode(m_dev)));
    case TIOCSETD: {
        int ld = TRY(get_arg<int>(arg, mode));
        return ld == 0 ? Result<long>(0L) : Result<long>(Error(EINVAL));   // only N_TTY exists
    }
    case TIOCEXCL: case TIOCNXCL:
        return 0L;
    case TIOCMGET:
        return put_arg<int>(arg, mode, kModemLines);
    case TIOCMSET: case TIOCMBIS: case TIOCMBIC:
        TRY(get_arg<int>(arg, mode));
        return 0L;
    case TIOCGSERIAL: {
        // The 16550 behind the serial ttys (BusyBox's cttyhack finds the console's line this way).
        if (dev_major(m_dev) != 4 && m_dev != make_dev(5, 1)) return Error(ENOTTY);
        struct serial_struct ss{};
        ss.type = 4;   // PORT_16550A
        ss.line = m_dev == make_dev(5, 1) ? 0 : static_cast<int>(dev_minor(m_dev) - 64);
        ss.port = 0x3f8;
        ss.irq = 4;
        ss.xmit_fifo_size = 16;
        ss.baud_base = 115200;
        ss.close_delay = 50 * 100 / 100;
        ss.closing_wait = 30 * 100;
        return put_arg(arg, mode, ss);
    }
    case TIOCSTI: {
        // linux: tiocsti: fake input, on one's controlling tty or with CAP_SYS_ADMIN.
        if ((!is_callers_ctty(this) || !mode.readable) && !capable()) return Error(EPERM);
        u8 c = TRY(get_arg<u8>(arg, mode));
        receive(&c, 1);
        return 0L;
    }
    case TIOCGPGRP: case TIOCSPGRP: case TIOCGSID: case TIOCSCTTY: case TIOCNOTTY:
        return ioctl_job(cmd, arg, mode);
    }
    return Error(ENOTTY);
}
