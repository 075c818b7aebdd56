// SPDX-License-Identifier: MIT
// mq_notify and mq_getsetattr (linux: ipc/mqueue.c do_mq_notify(), __do_notify(),
// do_mq_getsetattr()). One process at a time may be registered on a queue (EBUSY otherwise, even
// for itself); it is told once, when a message arrives on an empty queue that no receiver is
// waiting on, and then unregistered. SIGEV_THREAD needs a netlink socket, which Aramid has not:
// the descriptor in sigev_signo is judged as Linux's netlink_getsockbyfilp() judges it (EBADF,
// ENOTSOCK, or EINVAL for a socket of another family), so it always fails as Linux does for a
// descriptor that is not a netlink socket. A registration lapses when its process exits.
#include "ipc/mqueue.h"

#include "core/fd_table.h"
#include "core/signal.h"
#include "syscalls/handlers.h"

RefPtr<Process> mqueue_notify_owner_locked(MqQueue& q) {
    if (!q.notify_pid) return {};
    RefPtr<Process> p = process_by_pid(q.notify_pid);
    if (!p || p.ptr() != q.notify_proc || p->exiting || p->zombie) {
        // Linux drops it when the owner closes its descriptors on exit (mqueue_flush_file()).
        q.notify_pid = 0;
        return {};
    }
    return p;
}

MqPendingNotify mqueue_take_notify_locked(MqQueue& q) {
    MqPendingNotify n;
    RefPtr<Process> owner = mqueue_notify_owner_locked(q);
    if (!owner) return n;
    if (q.notify_kind == SIGEV_SIGNAL && q.notify_signo) {
        n.signo = q.notify_signo;
        n.value = q.notify_value;
        n.target = std::move(owner);
    }
    q.notify_pid = 0;
    return n;
}

void mqueue_send_notify(MqPendingNotify& n) {
    if (!n.target) return;
    KSigInfo info{};
    info.si_signo = n.signo;
    info.si_code = SI_MESGQ;
    Process* self = current_process();
    info.rt.pid = self->pid;
    info.rt.uid = self->creds.uid;
    info.rt.value = n.value;
    // linux: do_send_sig_info(), bypassing the permission check of kill(2).
    signal_send_process(n.target.ptr(), n.signo, &info);
    n.target = nullptr;
}

SyscallResult sys_mq_notify(int mqdes, UserPtr<const void> uevent) {
    sigevent_t ev{};
    bool have = !uevent.is_null();
    if (have) {
        TRY(copy_from_user(&ev, uevent.addr(), sizeof(ev)));
        if (ev.sigev_notify != SIGEV_NONE && ev.sigev_notify != SIGEV_SIGNAL && ev.sigev_notify != SIGEV_THREAD)
            return Error(EINVAL);
        if (ev.sigev_notify == SIGEV_SIGNAL && static_cast<u32>(ev.sigev_signo) > kNumSignals) return Error(EINVAL);
        if (ev.sigev_notify == SIGEV_THREAD) {
            u8 cookie[NOTIFY_COOKIE_LEN];
            TRY(copy_from_user(cookie, reinterpret_cast<uptr>(ev.sigev_value.sival_ptr), sizeof(cookie)));
            RefPtr<File> sock = TRY(current_process()->fds->get(ev.sigev_signo));
            return Error(S_ISSOCK(sock->inode().mode()) ? EINVAL : ENOTSOCK);
        }
    }
    RefPtr<File> f = TRY(mqueue_fd(mqdes));
    MqQueue& q = *mqueue_of(*f);
    Process* self = current_process();
    MutexGuard g(q.lock);
    RefPtr<Process> owner = mqueue_notify_owner_locked(q);
    if (!have) {
        if (owner.ptr() == self) q.notify_pid = 0;
        return 0;
    }
    if (owner) return Error(EBUSY);
    q.notify_kind = ev.sigev_notify;
    q.notify_signo = ev.sigev_notify == SIGEV_SIGNAL ? ev.sigev_signo : 0;
    __builtin_memcpy(&q.notify_value, &ev.sigev_value, sizeof(q.notify_value));
    q.notify_pid = self->pid;
    q.notify_proc = self;
    return 0;
}

SyscallResult sys_mq_getsetattr(int mqdes, UserPtr<const void> unew, UserPtr<void> uold) {
    mq_attr in{};
    if (!unew.is_null()) {
        TRY(copy_from_user(&in, unew.addr(), sizeof(in)));
        if (in.mq_flags & ~static_cast<long>(O_NONBLOCK)) return Error(EINVAL);
    }
    RefPtr<File> f = TRY(mqueue_fd(mqdes));
    MqQueue& q = *mqueue_of(*f);
    mq_attr out{};
    {
        MutexGuard g(q.lock);
        out.mq_flags = f->flags() & O_NONBLOCK;
        out.mq_maxmsg = q.maxmsg;
        out.mq_msgsize = q.msgsize;
        out.mq_curmsgs = q.curmsgs.load(std::memory_order_relaxed);
        if (!unew.is_null()) {
            u32 fl = f->flags() & ~static_cast<u32>(O_NONBLOCK);
            f->set_status_flags(fl | (in.mq_flags & O_NONBLOCK ? O_NONBLOCK : 0));
        }
    }
    if (!uold.is_null()) TRY(copy_to_user(uold.addr(), &out, sizeof(out)));
    return 0;
}
