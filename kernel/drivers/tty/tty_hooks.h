// SPDX-License-Identifier: MIT
// What the terminal layer needs from the process layer, as a table of hooks the process layer
// installs at boot with tty_set_job_control(). The tty never includes process headers: it asks
// through these. Every hook acts for the calling thread's process ("current").
//
// Without a table (early boot, ktests that do not install one) every job-control check passes,
// signals for process groups are dropped with a debug log, nobody has a controlling tty and no
// signal is ever pending.
//
// Contexts: signal_pgrp may be called from the serial interrupt handler (^C, ^Z) with
// interrupts off; it must not sleep (taking the process-tree spinlock is fine). The others are
// called from syscall context, never with a tty lock held.
#pragma once

#include "lib/types.h"

class Tty;

// What a blocking tty read/write returns when a signal interrupts it, and what the job-control
// checks return after sending SIGTTIN/SIGTTOU: Linux's ERESTARTSYS (core/signal.h
// kErestartSys), which the syscall exit path turns into EINTR or a restart (SA_RESTART). Never
// reaches user space.
constexpr int kTtyErrRestartSys = 512;

struct TtyJobControl {
    int (*current_pgid)();
    int (*current_sid)();
    bool (*is_session_leader)();
    // Session of process group pgid, or 0 when no process has that group id (TIOCSPGRP: ESRCH
    // vs EPERM).
    int (*session_of_pgrp)(int pgid);
    // kill_pgrp(pgid, sig) from the kernel (no permission check). May run in interrupt context.
    void (*signal_pgrp)(int pgid, int sig);
    // sig is blocked by the calling thread or its disposition is SIG_IGN (linux: is_ignored).
    bool (*signal_is_ignored_or_blocked)(int sig);
    // No member of pgid has a parent in another group of the same session (POSIX orphaned).
    bool (*pgrp_is_orphaned)(int pgid);
    // A signal is pending for the calling thread: blocking reads and writes stop.
    bool (*signal_pending)();
    // The calling process's controlling terminal (the session's); nullptr clears it.
    void (*set_controlling_tty)(Tty* tty);
    Tty* (*controlling_tty)();
    // Every process of session sid loses its controlling terminal (TIOCNOTTY by the leader,
    // TIOCSCTTY stealing, session leader exit).
    void (*session_clear_controlling_tty)(int sid);
    // CAP_SYS_ADMIN (TIOCSCTTY steal, TIOCSTI on a foreign tty). nullptr = not privileged.
    bool (*capable_sys_admin)();
};

// Installs the table (nullptr uninstalls). The table must outlive every tty call.
void tty_set_job_control(const TtyJobControl* hooks);
const TtyJobControl* tty_job_control();

// For the process layer: the calling session leader exits. Its controlling terminal's
// foreground group gets SIGHUP, the terminal forgets the session and every process of the
// session loses it as controlling terminal (linux: disassociate_ctty(1)).
void tty_session_leader_exit();
