// SPDX-License-Identifier: MIT
// The process layer's side of terminal job control: the hook table the tty calls
// (drivers/tty/tty_hooks.h). The controlling terminal belongs to the session; every process
// caches it in Process::controlling_tty, all under the process-tree lock.
#include "abi/linux/uapi.h"
#include "core/job_control.h"
#include "core/process_table.h"
#include "core/signal.h"
#include "drivers/tty/tty_hooks.h"

bool pgrp_orphaned_locked(int pgid, const Process* ignore) {
    bool orphan = true;
    for_each_process_locked([&](Process& p) {
        if (p.pgid != pgid || p.zombie || &p == ignore) return;
        Process* par = p.parent;
        if (par && par->pid != 1 && par->pgid != pgid && par->sid == p.sid) orphan = false;
    });
    return orphan;
}

namespace {

// Kernel threads (ktests, the boot thread before init) have no process: no job control.
int current_pgid() { return current_process() ? current_process()->pgid : 0; }
int current_sid() { return current_process() ? current_process()->sid : 0; }
bool is_session_leader() {
    Process* p = current_process();
    return p && p->sid == p->pid;
}

int session_of_pgrp(int pgid) {
    SpinlockGuard g(g_process_tree_lock);
    int sid = 0;
    for_each_process_locked([&](Process& p) {
        if (p.pgid == pgid && !p.zombie) sid = p.sid;
    });
    return sid;
}

void signal_pgrp(int pgid, int sig) {
    KSigInfo info{};
    info.si_signo = sig;
    info.si_code = SI_KERNEL;
    (void)signal_send_pgrp(pgid, sig, &info, false);
}

bool ignored_or_blocked(int sig) {
    Thread* t = current_thread();
    if (!t->process) return true;
    if (t->sigmask & sig_bit(sig)) return true;
    SpinlockGuard g(g_process_tree_lock);
    return t->process->sighand->actions[sig - 1].handler == 1;
}

bool pgrp_orphaned(int pgid) {
    SpinlockGuard g(g_process_tree_lock);
    return pgrp_orphaned_locked(pgid);
}

bool has_stopped_member_locked(int pgid) {
    bool stopped = false;
    for_each_process_locked([&](Process& p) {
        if (p.pgid == pgid && !p.zombie && p.stopped) stopped = true;
    });
    return stopped;
}

void hangup_orphaned_locked(int pgid) {
    for (int sig : {SIGHUP, SIGCONT}) {
        for_each_process_locked([&](Process& p) {
            if (p.pgid == pgid && !p.zombie) signal_send_process_locked(&p, sig, nullptr);
        });
    }
}

// Linux's kill_orphaned_pgrp: `via` is the process whose group link to the outside is lost.
void check_orphaned_locked(Process* member, Process* via, const Process* ignore) {
    int pgid = member->pgid;
    if (via && via->pgid != pgid && via->sid == member->sid && pgrp_orphaned_locked(pgid, ignore) &&
        has_stopped_member_locked(pgid))
        hangup_orphaned_locked(pgid);
}

void set_controlling_tty(Tty* tty) {
    Process* self = current_process();
    if (!self) return;
    SpinlockGuard g(g_process_tree_lock);
    for_each_process_locked([&](Process& p) {
        if (p.sid == self->sid) p.controlling_tty = tty;
    });
}

Tty* controlling_tty() {
    SpinlockGuard g(g_process_tree_lock);
    return current_process() ? current_process()->controlling_tty : nullptr;
}

void session_clear(int sid) {
    SpinlockGuard g(g_process_tree_lock);
    for_each_process_locked([&](Process& p) {
        if (p.sid == sid) p.controlling_tty = nullptr;
    });
}

bool capable_sys_admin() { return capable(CAP_SYS_ADMIN); }

constexpr TtyJobControl kHooks = {current_pgid,      current_sid,      is_session_leader,   session_of_pgrp,
                                  signal_pgrp,       ignored_or_blocked, pgrp_orphaned,     signal_pending_current,
                                  set_controlling_tty, controlling_tty, session_clear,       capable_sys_admin};

}  // namespace

void job_control_init();
void job_control_init() { tty_set_job_control(&kHooks); }

void orphaned_pgrp_check_locked(Process* member, Process* via, const Process* ignore) {
    check_orphaned_locked(member, via, ignore);
}
