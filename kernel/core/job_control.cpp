// SPDX-License-Identifier: MIT
// The process layer's side of terminal job control: the hook table the tty calls
// (drivers/tty/tty_hooks.h). The controlling terminal belongs to the session; every process
// caches it in Process::controlling_tty, all under the process-tree lock.
#include "abi/linux/uapi.h"
#include "core/process_table.h"
#include "core/signal.h"
#include "drivers/tty/tty_hooks.h"

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
    bool orphan = true;
    for_each_process_locked([&](Process& p) {
        if (p.pgid != pgid || p.zombie) return;
        Process* par = p.parent;
        if (par && par->pgid != pgid && par->sid == p.sid) orphan = false;
    });
    return orphan;
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

bool capable_sys_admin() { return !current_process() || current_process()->creds.euid == 0; }

constexpr TtyJobControl kHooks = {current_pgid,      current_sid,      is_session_leader,   session_of_pgrp,
                                  signal_pgrp,       ignored_or_blocked, pgrp_orphaned,     signal_pending_current,
                                  set_controlling_tty, controlling_tty, session_clear,       capable_sys_admin};

}  // namespace

void job_control_init();
void job_control_init() { tty_set_job_control(&kHooks); }
