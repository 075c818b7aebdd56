// SPDX-License-Identifier: MIT
#include "core/file_async.h"

#include "abi/linux/uapi.h"
#include "core/process_table.h"
#include "core/signal.h"

Result<void> file_owner_check(const FileOwner& owner) {
    if (owner.id == 0) return {};
    SpinlockGuard g(g_process_tree_lock);
    bool found = false;
    if (owner.type == F_OWNER_TID) {
        found = thread_find_locked(owner.id) != nullptr;
    } else {
        for_each_process_locked([&](Process& p) {
            if (p.zombie) return;
            if (owner.type == F_OWNER_PGRP ? p.pgid == owner.id : p.pid == owner.id) found = true;
        });
    }
    return found ? Result<void>() : Error(ESRCH);
}

void file_async_signal(const FileOwner& owner, int sig, int fd, int band) {
    if (owner.id == 0) return;
    KSigInfo info{};
    info.si_signo = sig ? sig : SIGIO;
    // Linux: a plain SIGIO carries SI_KERNEL; a signal chosen with F_SETSIG carries the band.
    info.si_code = sig ? band : SI_KERNEL;
    if (sig) {
        info.poll.band = band == POLL_IN ? (POLLIN | POLLRDNORM) : (POLLOUT | POLLWRNORM);
        info.poll.fd = fd;
    }
    if (owner.type == F_OWNER_PGRP) {
        (void)signal_send_pgrp(owner.id, info.si_signo, &info, false);
        return;
    }
    if (owner.type == F_OWNER_TID) {
        Thread* t;
        {
            SpinlockGuard g(g_process_tree_lock);
            t = thread_find_locked(owner.id);
            if (t) t->ref();
        }
        if (t) {
            signal_send_thread(t, info.si_signo, &info);
            t->unref();
        }
        return;
    }
    SpinlockGuard g(g_process_tree_lock);
    for_each_process_locked([&](Process& p) {
        if (p.pid == owner.id && !p.zombie) signal_send_process_locked(&p, info.si_signo, &info);
    });
}
