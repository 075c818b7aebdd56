// SPDX-License-Identifier: MIT
// Tty: input from the driver, blocking read/write with VMIN/VTIME and O_NONBLOCK, poll, open
// (controlling-tty acquisition), hangup, and the job-control hook table. The ioctls are in
// tty_ioctl.cpp. linux: drivers/tty/tty_io.c, n_tty.c (n_tty_read, n_tty_write, n_tty_poll).
#include "drivers/tty/tty.h"

#include <atomic>
#include <new>

#include "abi/linux/uapi.h"
#include "arch/cpu.h"
#include "core/log.h"

namespace {

std::atomic<const TtyJobControl*> g_hooks{nullptr};

// Reads and writes move through the line discipline in chunks of this size: the copy to or from
// the caller's buffer happens outside the tty lock (it may fault).
constexpr usize kChunk = 256;

}  // namespace

void tty_set_job_control(const TtyJobControl* hooks) { g_hooks.store(hooks, std::memory_order_release); }
const TtyJobControl* tty_job_control() { return g_hooks.load(std::memory_order_acquire); }

namespace tty_internal {

bool is_callers_ctty(Tty* t) {
    const TtyJobControl* h = tty_job_control();
    if (!h || !h->controlling_tty) return true;
    return h->controlling_tty() == t;
}

bool signal_pending() {
    const TtyJobControl* h = tty_job_control();
    return h && h->signal_pending && h->signal_pending();
}

void signal_pgrp(int pgrp, int sig) {
    const TtyJobControl* h = tty_job_control();
    if (!pgrp || !h || !h->signal_pgrp) {
        log_debug("tty: signal %d for process group %d dropped (%s)", sig, pgrp,
                  pgrp ? "no job-control hooks" : "no foreground group");
        return;
    }
    h->signal_pgrp(pgrp, sig);
}

Result<void> check_change(Tty* t, int sig) {
    const TtyJobControl* h = tty_job_control();
    if (!h || !h->controlling_tty || h->controlling_tty() != t || !h->current_pgid) return {};
    int fg = t->foreground_pgrp();
    int mine = h->current_pgid();
    if (!fg || fg == mine) return {};
    if (h->signal_is_ignored_or_blocked && h->signal_is_ignored_or_blocked(sig)) {
        if (sig == tty::kSigTtin) return Error(EIO);
        return {};   // a background write with SIGTTOU ignored goes through
    }
    if (h->pgrp_is_orphaned && h->pgrp_is_orphaned(mine)) return Error(EIO);
    signal_pgrp(mine, sig);
    return Error(kTtyErrRestartSys);
}

}  // namespace tty_internal

using namespace tty_internal;

Tty::Tty(const char* name, DevId dev, TtyDriver driver, const tty::Termios& initial)
    : m_name(name), m_dev(dev), m_driver(driver), m_state(kTtyLockRank, "tty", output_thunk, this, initial) {
    m_state.with([&](State& s) { s.ispeed = s.ospeed = tty::baud_of(initial.c_cflag); });
}

void Tty::output_thunk(void* ctx, const u8* data, usize n) {
    auto* t = static_cast<Tty*>(ctx);
    if (t->m_driver.write) t->m_driver.write(t->m_driver.ctx, data, n);
    if (t->m_driver.write_room) t->m_output_flag = true;
}

usize Tty::driver_room() { return m_driver.write_room ? m_driver.write_room(m_driver.ctx) : ~usize(0); }

bool Tty::take_output_flag() {
    bool f = m_output_flag;
    m_output_flag = false;
    return f;
}

void Tty::deliver(const tty::ReceiveResult& r, int pgrp) {
    for (u8 i = 0; i < r.signal_count; i++) signal_pgrp(pgrp, r.signals[i]);
}

usize Tty::receive_locked(State& s, const u8* data, usize n, bool drop_overflow, tty::ReceiveResult& r) {
    r = s.ld.receive(data, n);
    usize taken = r.consumed;
    if (drop_overflow && r.consumed < n) {
        tty::ReceiveResult o = s.ld.receive_overflow(data + r.consumed, n - r.consumed);
        for (u8 i = 0; i < o.signal_count; i++) r.add_signal(o.signals[i]);
        r.output_started |= o.output_started;
        r.input_ready = s.ld.readable();
        taken = n;
    }
    return taken;
}

void Tty::receive(const u8* data, usize n) {
    tty::ReceiveResult r;
    int pgrp = 0;
    bool out = false;
    m_state.with([&](State& s) {
        receive_locked(s, data, n, true, r);
        pgrp = s.pgrp;
        out = take_output_flag();
    });
    deliver(r, pgrp);
    if (r.input_ready || r.output_started || r.signal_count || out) m_wq.wake_all();
}

usize Tty::receive_from_peer(const u8* data, usize n) {
    tty::ReceiveResult r;
    int pgrp = 0;
    bool out = false;
    usize taken = m_state.with([&](State& s) {
        usize k = receive_locked(s, data, n, false, r);
        pgrp = s.pgrp;
        out = take_output_flag();
        return k;
    });
    deliver(r, pgrp);
    if (r.input_ready || r.output_started || r.signal_count || out) m_wq.wake_all();
    return taken;
}

usize Tty::input_room() {
    return m_state.with([](State& s) { return s.ld.receive_room(); });
}

void Tty::flush_input() {
    m_state.with([](State& s) { s.ld.flush_input(); });
    m_wq.wake_all();   // a pty master waiting for room
}

void Tty::reset(const tty::Termios& initial) {
    m_state.with([&](State& s) {
        s.ld.~LineDiscipline();
        new (&s.ld) tty::LineDiscipline(output_thunk, this, initial);
        s.winsize = tty::Winsize{};
        s.ispeed = s.ospeed = tty::baud_of(initial.c_cflag);
        s.pgrp = s.sid = 0;
        s.hung_up = false;
        m_output_flag = false;
    });
}

void Tty::hangup() {
    int sid = 0;
    m_state.with([&](State& s) {
        s.hung_up = true;
        sid = s.sid;
        s.sid = s.pgrp = 0;
    });
    if (sid) {
        // linux: tty_signal_session_leader. The leader's group id is its session id.
        signal_pgrp(sid, tty::kSigHup);
        signal_pgrp(sid, tty::kSigCont);
        const TtyJobControl* h = tty_job_control();
        if (h && h->session_clear_controlling_tty) h->session_clear_controlling_tty(sid);
    }
    m_wq.wake_all();
}

bool Tty::hung_up() {
    return m_state.with([](State& s) { return s.hung_up; });
}

bool Tty::read_ready() {
    return m_state.with([](State& s) { return s.hung_up || s.ld.readable(); });
}

bool Tty::write_ready() {
    return m_state.with([&](State& s) {
        return s.hung_up || (!s.ld.output_stopped() && driver_room() >= tty::kMaxOutputWidth);
    });
}

Result<void> Tty::open(const TtyFileMode& mode, bool noctty) {
    // LINUX-DIVERGENCE: Linux hangs up open files, not the terminal; here a new open simply
    // ends the hangup. Test: tty.hangup_then_reopen
    m_state.with([](State& s) { s.hung_up = false; });
    const TtyJobControl* h = tty_job_control();
    if (noctty || !mode.readable || !h || !h->is_session_leader || !h->controlling_tty || !h->set_controlling_tty)
        return {};
    // linux: tty_open_proc_set_tty: a session leader without a controlling terminal opening one
    // that no session has acquires it.
    if (!h->is_session_leader() || h->controlling_tty()) return {};
    int sid = h->current_sid(), pgid = h->current_pgid();
    bool took = m_state.with([&](State& s) {
        if (s.sid) return false;
        s.sid = sid;
        s.pgrp = pgid;
        return true;
    });
    if (took) h->set_controlling_tty(this);
    return {};
}

Result<usize> Tty::read(IoBuffer buf, const TtyFileMode& mode) {
    TRY(check_change(this, tty::kSigTtin));
    tty::ReadPlan plan = m_state.with([](State& s) { return s.ld.read_plan(); });
    u64 timeout = plan.first_wait_ns;
    usize done = 0;
    u8 tmp[kChunk];
    while (done < buf.size()) {
        usize got = 0;
        bool line_done = false, avail = false, hup = false;
        m_state.with([&](State& s) {
            hup = s.hung_up;
            avail = s.ld.readable();
            if (avail) got = s.ld.read(tmp, min(kChunk, buf.size() - done), &line_done);
        });
        if (!avail) {
            if (!plan.canonical && done >= plan.minimum) break;
            if (hup || timeout == 0) break;
            if (mode.nonblock) {
                if (!done) return Error(EAGAIN);
                break;
            }
            if (signal_pending()) {
                if (!done) return Error(kTtyErrRestartSys);
                break;
            }
            u64 now = arch::clock_ns();
            u64 deadline = timeout == tty::kWaitForever ? 0 : now + timeout;
            bool woke = m_wq.wait_until([&] { return read_ready() || signal_pending(); }, deadline);
            if (deadline) {
                u64 after = arch::clock_ns();
                timeout = (!woke || after >= deadline) ? 0 : deadline - after;
            }
            continue;
        }
        if (got && m_driver.write_room) m_wq.wake_all();   // a pty master waiting for room
        if (got) {
            auto copied = buf.write_at(done, tmp, got);
            if (copied.is_error()) {
                if (!done) return copied.error();
                break;
            }
            done += got;
        }
        if (plan.canonical) {
            if (line_done) break;
            continue;   // more of this line (or a pushed line's EOF marker): keep going
        }
        if (plan.inter_byte_ns) timeout = plan.inter_byte_ns;
    }
    return done;
}

Result<usize> Tty::write(IoBuffer buf, const TtyFileMode& mode) {
    bool tostop = m_state.with([](State& s) { return (s.ld.termios().c_lflag & TOSTOP) != 0; });
    if (tostop) TRY(check_change(this, tty::kSigTtou));
    usize done = 0;
    u8 tmp[kChunk];
    while (done < buf.size()) {
        usize n = min(kChunk, buf.size() - done);
        auto copied = buf.read_at(done, tmp, n);
        if (copied.is_error()) {
            if (!done) return copied.error();
            break;
        }
        usize off = 0;
        while (off < n) {
            // linux: n_tty_write: a pending signal or a hangup ends the write between blocks.
            if (signal_pending()) {
                if (!done) return Error(kTtyErrRestartSys);
                return done;
            }
            bool hup = false, out = false;
            usize took = 0;
            m_state.with([&](State& s) {
                hup = s.hung_up;
                if (hup || s.ld.output_stopped()) return;
                usize room = driver_room();
                if (room) took = s.ld.write(tmp + off, n - off, room);
                out = take_output_flag();
            });
            if (out) m_wq.wake_all();
            if (hup) {
                if (!done) return Error(EIO);
                return done;
            }
            off += took;
            done += took;
            if (took) continue;
            if (mode.nonblock) {
                if (!done) return Error(EAGAIN);
                return done;
            }
            m_wq.wait_until([&] { return write_ready() || signal_pending(); });
        }
    }
    return done;
}

u32 Tty::poll_events() {
    return m_state.with([&](State& s) -> u32 {
        if (s.hung_up) return POLLIN | POLLOUT | POLLERR | POLLHUP | POLLRDNORM | POLLWRNORM;
        u32 ev = 0;
        if (s.ld.readable(true)) ev |= POLLIN | POLLRDNORM;
        if (!s.ld.output_stopped() && driver_room() >= tty::kMaxOutputWidth) ev |= POLLOUT | POLLWRNORM;
        return ev;
    });
}

int Tty::foreground_pgrp() {
    return m_state.with([](State& s) { return s.pgrp; });
}

int Tty::session() {
    return m_state.with([](State& s) { return s.sid; });
}

tty::Termios Tty::termios() {
    return m_state.with([](State& s) { return s.ld.termios(); });
}

void Tty::set_termios(const tty::Termios& t) {
    m_state.with([&](State& s) {
        s.ld.set_termios(t);
        s.ispeed = s.ospeed = tty::baud_of(t.c_cflag);
    });
    m_wq.wake_all();
}

tty::Winsize Tty::winsize() {
    return m_state.with([](State& s) { return s.winsize; });
}

void Tty::set_backspace_erases(bool on) {
    m_state.with([&](State& s) { s.ld.set_backspace_erases(on); });
}

u64 Tty::dropped_input() {
    return m_state.with([](State& s) { return s.ld.dropped(); });
}

void Tty::disassociate(bool on_exit) {
    int pgrp = 0, sid = 0;
    m_state.with([&](State& s) {
        pgrp = s.pgrp;
        sid = s.sid;
        s.pgrp = s.sid = 0;
    });
    if (pgrp) {
        signal_pgrp(pgrp, tty::kSigHup);
        if (!on_exit) signal_pgrp(pgrp, tty::kSigCont);
    }
    const TtyJobControl* h = tty_job_control();
    if (sid && h && h->session_clear_controlling_tty) h->session_clear_controlling_tty(sid);
    m_wq.wake_all();
}

void tty_session_leader_exit() {
    const TtyJobControl* h = tty_job_control();
    if (!h || !h->controlling_tty) return;
    if (Tty* t = h->controlling_tty()) t->disassociate(true);
}
