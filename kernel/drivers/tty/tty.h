// SPDX-License-Identifier: MIT
// A terminal: the N_TTY line discipline plus a driver backend (bytes out; bytes in through
// receive(), from interrupt context), the wait queue that serves blocking reads and writes and
// poll, the window size, and the job-control state (session and foreground process group).
// File operations (read, write, ioctl, poll) take IoBuffers, so ktests drive a Tty with kernel
// memory exactly as syscalls do with user memory. Job control goes through tty_hooks.h.
#pragma once

#include "drivers/tty/line_discipline.h"
#include "drivers/tty/tty_hooks.h"
#include "core/wait_queue.h"
#include "fs/vfs/dev.h"
#include "lib/result.h"
#include "mm/user_ptr.h"
#include "sync/spinlock.h"

// Rank of a tty's lock: above the process tree, wait queues, scheduler and fd tables (the tty
// lock may be taken under them), below the heap and the log (taken under it). Wake-ups and
// process hooks run after it is released.
// TODO(lead): name it LockRank::Tty = 35 in sync/lock_rank.h (and in lock_rank_name).
constexpr LockRank kTtyLockRank = LockRank::Tty;

// The hardware (or pty master) side of a terminal.
struct TtyDriver {
    // Sends bytes. Called with the tty lock held and interrupts off: must not sleep.
    void (*write)(void* ctx, const u8* data, usize n) = nullptr;
    void* ctx = nullptr;
    // A buffering driver (a pty) says how many bytes write() takes now; writers wait for room and
    // the tty wakes its queue after producing output, so the other side sees it. Called with the
    // tty lock held. nullptr: the driver takes everything (the UART).
    usize (*write_room)(void* ctx) = nullptr;
};

// How the file reached the tty: open flags that matter to the terminal.
struct TtyFileMode {
    bool nonblock = false;
    bool readable = true;      // FMODE_READ (TIOCSCTTY and controlling-tty acquisition)
    bool kernel_arg = false;   // ioctl pointer arguments are kernel addresses (ktests)
    bool pty_master = false;   // the ioctl came through a pty master (linux: real_tty != tty)
};

class Tty {
public:
    Tty(const char* name, DevId dev, TtyDriver driver, const tty::Termios& initial);
    ARAMID_NOCOPY(Tty);

    const char* name() const { return m_name; }
    DevId device() const { return m_dev; }

    // --- driver side ---
    // Input bytes, from any context (the serial IRQ). Runs the line discipline, echoes, raises
    // signals for the foreground group and wakes readers. Bytes that do not fit are dropped
    // except signal characters (see LineDiscipline::receive_overflow).
    void receive(const u8* data, usize n);
    // The same without dropping: takes what the input ring holds and returns how much (a pty
    // master's writer waits for input_room()).
    usize receive_from_peer(const u8* data, usize n);
    usize input_room();
    // TCIFLUSH: drops the pending input.
    void flush_input();
    // A pty slot reused for a new pair: termios, window size, job control, hangup and the input
    // ring start afresh. Nobody may be using the terminal.
    void reset(const tty::Termios& initial);
    // Carrier loss / master closed: reads return 0 once the queue is empty, writes EIO, poll
    // reports POLLHUP; the session leader gets SIGHUP and SIGCONT.
    void hangup();
    bool hung_up();

    // --- file side ---
    Result<void> open(const TtyFileMode& mode, bool noctty);
    Result<usize> read(IoBuffer buf, const TtyFileMode& mode);
    Result<usize> write(IoBuffer buf, const TtyFileMode& mode);
    Result<long> ioctl(unsigned cmd, uptr arg, const TtyFileMode& mode);
    // POLLIN/POLLRDNORM, POLLOUT/POLLWRNORM, POLLHUP. Waiters register on wait_queue(), which
    // is woken on every change of those.
    u32 poll_events();
    WaitQueue& wait_queue() { return m_wq; }

    // --- job control and kernel-side access ---
    int foreground_pgrp();
    int session();
    tty::Termios termios();
    void set_termios(const tty::Termios& t);
    tty::Winsize winsize();
    // The serial console also erases on ^H (LineDiscipline::set_backspace_erases).
    void set_backspace_erases(bool on);
    // Forgets the session (the leader exits or gives the terminal up) and signals the
    // foreground group: SIGHUP, plus SIGCONT unless the leader is exiting.
    void disassociate(bool on_exit);
    u64 dropped_input();

private:
    struct State {
        State(tty::LineDiscipline::OutputFn out, void* ctx, const tty::Termios& t) : ld(out, ctx, t) {}
        tty::LineDiscipline ld;
        tty::Winsize winsize{};
        u32 ispeed = 0, ospeed = 0;   // termios2 speeds (BOTHER)
        int pgrp = 0;                 // foreground process group, 0 = none
        int sid = 0;                  // session that has this as controlling tty, 0 = none
        bool hung_up = false;
    };

    static void output_thunk(void* ctx, const u8* data, usize n);
    usize receive_locked(State& s, const u8* data, usize n, bool drop_overflow, tty::ReceiveResult& r);
    usize driver_room();   // lock held
    bool take_output_flag();   // lock held: output went to a buffering driver since the last call
    Result<long> ioctl_termios(unsigned cmd, uptr arg, const TtyFileMode& mode);   // tty_ioctl.cpp
    Result<long> ioctl_job(unsigned cmd, uptr arg, const TtyFileMode& mode);       // tty_ioctl.cpp
    void deliver(const tty::ReceiveResult& r, int pgrp);
    bool read_ready();
    bool write_ready();

    const char* m_name;
    DevId m_dev;
    TtyDriver m_driver;
    Protected<State> m_state;
    WaitQueue m_wq;
    bool m_output_flag = false;   // under m_state's lock
};

// Helpers shared by tty.cpp and tty_ioctl.cpp.
namespace tty_internal {
// The caller's controlling tty is t (true when no hooks are installed: checks pass).
bool is_callers_ctty(Tty* t);
bool signal_pending();
void signal_pgrp(int pgrp, int sig);
// linux: __tty_check_change: a background process touching its controlling tty. SIGTTIN
// (reads) or SIGTTOU (writes with TOSTOP, settings changes).
Result<void> check_change(Tty* t, int sig);
}  // namespace tty_internal
