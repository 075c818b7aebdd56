// SPDX-License-Identifier: MIT
// vhangup(2) (linux: fs/open.c, tty_vhangup_self): hangs up the caller's controlling terminal.
// Needs CAP_SYS_TTY_CONFIG; without a controlling terminal it does nothing and succeeds.
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "drivers/tty/tty.h"
#include "drivers/tty/tty_hooks.h"
#include "syscalls/handlers.h"

SyscallResult sys_vhangup() {
    if (!capable(CAP_SYS_TTY_CONFIG)) return Error(EPERM);
    const TtyJobControl* h = tty_job_control();
    Tty* tty = h && h->controlling_tty ? h->controlling_tty() : nullptr;
    // linux: __tty_hangup(): the session leader gets SIGHUP and SIGCONT and the session loses
    // the terminal; reads then see end of file and writes EIO (Tty::hangup).
    if (tty) tty->hangup();
    return 0;
}
