// SPDX-License-Identifier: MIT
// System V message queues: msgget, msgsnd, msgrcv, msgctl. Messages are kept in arrival order;
// msgrcv picks by type (any, equal, not equal with MSG_EXCEPT, or the lowest type up to |msgtyp|).
// Senders wait for room and receivers for a match on the queue's wait queue; every change bumps
// the queue's generation so sleepers retry, and removal wakes them with EIDRM. MSG_COPY (a
// checkpoint/restore feature) is not implemented: ENOSYS, as Linux without CHECKPOINT_RESTORE.
#include "ipc/sysv_msg.h"

#include "core/process.h"
#include "ipc/ipc_namespace.h"
#include "core/wait_queue.h"
#include "mm/kheap.h"
#include "sync/mutex.h"
#include "syscalls/handlers.h"

namespace {

struct Message {
    Message* next;
    long type;
    usize size;
    char text[];
};

class MsgQueue : public RefCounted<MsgQueue> {
public:
    IpcPerm perm;
    i64 stime = 0, rtime = 0, ctime = 0;
    u64 cbytes = 0, qnum = 0, qbytes = MSGMNB;
    int lspid = 0, lrpid = 0;
    Message* head = nullptr;
    Message** tail = &head;
    WaitQueue wq;
    std::atomic<u64> gen{0};
    std::atomic<bool> removed{false};
    ~MsgQueue() {
        while (head) {
            Message* m = head;
            head = m->next;
            kfree(m);
        }
    }
    void changed() {
        gen.fetch_add(1);
        wq.wake_all();
    }
};

}  // namespace

struct MsgState {
    Mutex lock{"sysv-msg"};
    IpcIds ids;
    u64 total_msgs = 0, total_bytes = 0;
};

namespace {

// The caller's namespace's table (a process changes namespace only while single-threaded, so it
// stays the same for the whole call).
MsgState& msg_ns() { return *current_ipc_ns().msg; }

// Removal: the table lets go and sleepers see EIDRM.
void remove_locked(MsgState& st, MsgQueue* q) {
    st.ids.remove(q->perm);
    st.total_msgs -= q->qnum;
    st.total_bytes -= q->cbytes;
    q->removed.store(true);
    q->changed();
    RefPtr<MsgQueue> drop = RefPtr<MsgQueue>::adopt(q);
}

MsgQueue* queue_of(IpcPerm* p) { return p ? static_cast<MsgQueue*>(p->owner) : nullptr; }
const Credentials& creds() { return current_process()->creds; }

Result<MsgQueue*> lookup_locked(int id) {
    MsgQueue* q = queue_of(msg_ns().ids.find_id(id));
    if (!q) return Error(EINVAL);
    return q;
}

Result<MsgQueue*> create_queue(int key, int flg) {
    if (msg_ns().ids.in_use() >= MSGMNI) return Error(ENOSPC);
    auto* q = new (std::nothrow) MsgQueue;
    if (!q) return Error(ENOMEM);
    ipc_init_perm(q->perm, creds(), key, flg);
    q->perm.owner = q;
    q->ctime = ipc_now();
    if (Result<void> r = msg_ns().ids.add(q->perm); r.is_error()) {
        RefPtr<MsgQueue>::adopt(q);
        return r.error();
    }
    return q;
}

// The message msgrcv would take, and the link that points at it.
Message** find_locked(MsgQueue& q, long msgtyp, int flg) {
    Message** best = nullptr;
    for (Message** m = &q.head; *m; m = &(*m)->next) {
        long t = (*m)->type;
        if (msgtyp == 0) return m;
        if (msgtyp > 0) {
            if ((flg & MSG_EXCEPT) ? t != msgtyp : t == msgtyp) return m;
        } else if (t <= -msgtyp && (!best || t < (*best)->type)) {
            best = m;
            if (t == 1) break;   // nothing can be lower
        }
    }
    return best;
}

// Waits for the queue to change after generation seen: EIDRM when removed, a restart (or EINTR
// under SA_RESTART-less handlers) on a signal, as Linux's ERESTARTNOHAND.
Result<void> wait_change(MsgQueue& q, u64 seen) {
    Result<bool> w = q.wq.wait_interruptible([&] { return q.gen.load() != seen || q.removed.load(); });
    if (q.removed.load()) return Error(EIDRM);
    if (w.is_error()) return Error(ERESTARTNOHAND);
    return {};
}

void fill_ds(const MsgQueue& q, msqid64_ds& d) {
    d = {};
    ipc_fill_perm64(q.perm, d.msg_perm);
    d.msg_stime = q.stime;
    d.msg_rtime = q.rtime;
    d.msg_ctime = q.ctime;
    d.msg_cbytes = q.cbytes;
    d.msg_qnum = q.qnum;
    d.msg_qbytes = q.qbytes;
    d.msg_lspid = q.lspid;
    d.msg_lrpid = q.lrpid;
}

}  // namespace

SyscallResult sys_msgget(int key, Flags flg_f) {
    int flg = static_cast<int>(flg_f.value);
    MutexGuard g(msg_ns().lock);
    auto create = [&]() -> Result<IpcPerm*> {
        MsgQueue* q = TRY(create_queue(key, flg));
        return &q->perm;
    };
    auto check = [](IpcPerm&) -> Result<void> { return {}; };
    return TRY(ipc_get(msg_ns().ids, creds(), key, flg, create, check));
}

SyscallResult sys_msgsnd(int id, u64 msgp, usize msgsz, Flags flg_f) {
    int flg = static_cast<int>(flg_f.value);
    long type = TRY(copy_from_user(UserPtr<const long>(msgp)));
    if (msgsz > MSGMAX || static_cast<i64>(msgsz) < 0 || id < 0) return Error(EINVAL);
    if (type < 1) return Error(EINVAL);
    // Owned here until queued: every error return frees it.
    struct Owned {
        Message* m;
        ~Owned() { kfree(m); }
    } own{static_cast<Message*>(kmalloc(sizeof(Message) + msgsz))};
    Message* m = own.m;
    if (!m) return Error(ENOMEM);
    TRY(copy_from_user(m->text, msgp + sizeof(long), msgsz));
    m->next = nullptr;
    m->type = type;
    m->size = msgsz;
    RefPtr<MsgQueue> q;
    for (;;) {
        u64 seen;
        {
            MutexGuard g(msg_ns().lock);
            if (!q) {
                MsgQueue* found = TRY(lookup_locked(id));
                if (!ipc_permitted(creds(), found->perm, S_IWUGO)) return Error(EACCES);
                q = found;
            }
            if (q->removed.load()) return Error(EIDRM);
            if (q->cbytes + msgsz <= q->qbytes && q->qnum + 1 <= q->qbytes) {
                own.m = nullptr;
                *q->tail = m;
                q->tail = &m->next;
                q->cbytes += msgsz;
                q->qnum++;
                msg_ns().total_msgs++;
                msg_ns().total_bytes += msgsz;
                q->lspid = current_process()->pid;
                q->stime = ipc_now();
                q->changed();
                return 0;
            }
            if (flg & IPC_NOWAIT) return Error(EAGAIN);
            seen = q->gen.load();
        }
        TRY(wait_change(*q, seen));
    }
}

SyscallResult sys_msgrcv(int id, u64 msgp, usize msgsz, i64 msgtyp, Flags flg_f) {
    int flg = static_cast<int>(flg_f.value);
    if (id < 0 || static_cast<i64>(msgsz) < 0) return Error(EINVAL);
    if (flg & MSG_COPY) {
        if ((flg & MSG_EXCEPT) || !(flg & IPC_NOWAIT)) return Error(EINVAL);
        return Error(ENOSYS);
    }
    RefPtr<MsgQueue> q;
    Message* m = nullptr;
    for (;;) {
        u64 seen;
        {
            MutexGuard g(msg_ns().lock);
            if (!q) {
                MsgQueue* found = TRY(lookup_locked(id));
                if (!ipc_permitted(creds(), found->perm, S_IRUGO)) return Error(EACCES);
                q = found;
            }
            if (q->removed.load()) return Error(EIDRM);
            if (Message** link = find_locked(*q, msgtyp, flg)) {
                m = *link;
                if (m->size > msgsz && !(flg & MSG_NOERROR)) return Error(E2BIG);
                *link = m->next;
                if (q->tail == &m->next) q->tail = link;
                q->cbytes -= m->size;
                q->qnum--;
                msg_ns().total_msgs--;
                msg_ns().total_bytes -= m->size;
                q->lrpid = current_process()->pid;
                q->rtime = ipc_now();
                q->changed();
                break;
            }
            if (flg & IPC_NOWAIT) return Error(ENOMSG);
            seen = q->gen.load();
        }
        TRY(wait_change(*q, seen));
    }
    usize n = min(msgsz, m->size);
    long type = m->type;
    Result<void> r = copy_to_user(UserPtr<long>(msgp), type);
    if (r.is_ok()) r = copy_to_user(msgp + sizeof(long), m->text, n);
    kfree(m);
    TRY(r);
    return static_cast<i64>(n);
}

SyscallResult sys_msgctl(int id, int cmd_raw, u64 buf) {
    int cmd = ipc_cmd(cmd_raw);
    if (id < 0 || cmd < 0) return Error(EINVAL);
    switch (cmd) {
    case IPC_INFO:
    case MSG_INFO: {
        msginfo info{};
        info.msgmni = MSGMNI;
        info.msgmax = MSGMAX;
        info.msgmnb = MSGMNB;
        info.msgssz = MSGSSZ;
        info.msgseg = MSGSEG;
        int maxidx;
        {
            MutexGuard g(msg_ns().lock);
            if (cmd == MSG_INFO) {
                info.msgpool = msg_ns().ids.in_use();
                info.msgmap = static_cast<int>(msg_ns().total_msgs);
                info.msgtql = static_cast<int>(msg_ns().total_bytes);
            } else {
                info.msgmap = MSGMAP;
                info.msgpool = MSGPOOL;
                info.msgtql = MSGTQL;
            }
            maxidx = msg_ns().ids.max_index();
        }
        TRY(copy_to_user(buf, &info, sizeof(info)));
        return maxidx < 0 ? 0 : maxidx;
    }
    case IPC_STAT:
    case MSG_STAT:
    case MSG_STAT_ANY: {
        msqid64_ds ds;
        int ret;
        {
            MutexGuard g(msg_ns().lock);
            ret = TRY(ipc_stat_locked<MsgQueue>(msg_ns().ids, id, cmd, MSG_STAT_ANY, creds(), ds,
                                          [](const MsgQueue& o, msqid64_ds& d) { fill_ds(o, d); }));
        }
        TRY(copy_to_user(buf, &ds, sizeof(ds)));
        return ret;
    }
    case IPC_SET: {
        msqid64_ds in;
        TRY(copy_from_user(&in, buf, sizeof(in)));
        MutexGuard g(msg_ns().lock);
        MsgQueue* q = TRY(lookup_locked(id));
        if (!ipc_is_owner(creds(), q->perm)) return Error(EPERM);
        if (in.msg_qbytes > MSGMNB && !creds().has_cap(CAP_SYS_RESOURCE)) return Error(EPERM);
        ipc_set_perm(q->perm, in.msg_perm);
        q->qbytes = in.msg_qbytes;
        q->ctime = ipc_now();
        q->changed();   // senders may fit now
        return 0;
    }
    case IPC_RMID: {
        MutexGuard g(msg_ns().lock);
        MsgQueue* q = TRY(lookup_locked(id));
        if (!ipc_is_owner(creds(), q->perm)) return Error(EPERM);
        remove_locked(msg_ns(), q);
        return 0;
    }
    default:
        return Error(EINVAL);
    }
}

Result<void> sysv_msg_show(SeqBuf& out) {
    out.append("       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid"
               "      stime      rtime      ctime\n");
    MutexGuard g(msg_ns().lock);
    msg_ns().ids.for_each([&](IpcPerm& p) {
        MsgQueue& q = *queue_of(&p);
        out.appendf("%10d %10d  %4o  %10lu %10lu %5u %5u %5u %5u %5u %5u %10ld %10ld %10ld\n", p.key, p.id(), p.mode,
                    q.cbytes, q.qnum, q.lspid, q.lrpid, p.uid, p.gid, p.cuid, p.cgid, q.stime, q.rtime, q.ctime);
    });
    return out.status();
}

Result<MsgState*> sysv_msg_ns_create() {
    auto* st = new (std::nothrow) MsgState();
    if (!st) return Error(ENOMEM);
    return st;
}

void sysv_msg_ns_destroy(MsgState* st) {
    {
        MutexGuard g(st->lock);
        st->ids.for_each([&](IpcPerm& p) { remove_locked(*st, queue_of(&p)); });
    }
    delete st;
}
