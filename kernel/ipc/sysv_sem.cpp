// SPDX-License-Identifier: MIT
// System V semaphores: semget, semop/semtimedop, semctl, and SEM_UNDO. An operation list is
// applied in order on the live values and rolled back when one of its operations cannot proceed,
// so it is all-or-nothing. A sleeper remembers the set's generation, which every change bumps
// (with a wake-up of the set's queue), and retries when it moves; removal wakes everyone with
// EIDRM. Undo records live in one global list keyed by (process, set id): threads of a process
// share them, as glibc's CLONE_SYSVSEM threads do on Linux, and fork children start without.
#include "ipc/sysv_sem.h"

#include "arch/cpu.h"
#include "core/process.h"
#include "ipc/ipc_namespace.h"
#include "core/wait_queue.h"
#include "mm/kheap.h"
#include "sync/mutex.h"
#include "syscalls/handlers.h"

namespace {

struct Sem {
    int val = 0;
    int pid = 0;
    u32 ncnt = 0;   // sleepers whose blocking operation waits for an increase
    u32 zcnt = 0;   // ... for zero
};

class SemSet : public RefCounted<SemSet> {
public:
    IpcPerm perm;
    int nsems = 0;
    i64 otime = 0, ctime = 0;
    Sem* sems = nullptr;
    WaitQueue wq;
    std::atomic<u64> gen{0};
    std::atomic<bool> removed{false};
    ~SemSet() { kfree(sems); }

    void changed() {
        gen.fetch_add(1);
        wq.wake_all();
    }
};

struct SemUndo {
    SemUndo* next;
    int pid;
    int semid;
    int nsems;
    int adj[];
};

}  // namespace

struct SemState {
    Mutex lock{"sysv-sem"};
    IpcIds ids;
    SemUndo* undos = nullptr;
    u64 used_sems = 0;
};

namespace {

// The caller's namespace's table (fixed for the call: see msg_ns in sysv_msg.cpp).
SemState& sem_ns() { return *current_ipc_ns().sem; }

SemSet* set_of(IpcPerm* p) { return p ? static_cast<SemSet*>(p->owner) : nullptr; }
const Credentials& creds() { return current_process()->creds; }
int my_pid() { return current_process()->pid; }

Result<SemSet*> lookup_locked(int id) {
    SemSet* s = set_of(sem_ns().ids.find_id(id));
    if (!s) return Error(EINVAL);
    return s;
}

Result<SemSet*> create_set(int key, int nsems, int flg) {
    if (nsems == 0) return Error(EINVAL);
    if (sem_ns().used_sems + static_cast<u64>(nsems) > SEMMNS) return Error(ENOSPC);
    if (sem_ns().ids.in_use() >= SEMMNI) return Error(ENOSPC);
    auto* s = new (std::nothrow) SemSet;
    if (!s) return Error(ENOMEM);
    s->sems = static_cast<Sem*>(kzalloc(sizeof(Sem) * static_cast<usize>(nsems)));
    if (!s->sems) {
        RefPtr<SemSet>::adopt(s);
        return Error(ENOMEM);
    }
    ipc_init_perm(s->perm, creds(), key, flg);
    s->perm.owner = s;
    s->nsems = nsems;
    s->ctime = ipc_now();
    if (Result<void> r = sem_ns().ids.add(s->perm); r.is_error()) {
        RefPtr<SemSet>::adopt(s);
        return r.error();
    }
    sem_ns().used_sems += static_cast<u64>(nsems);
    return s;   // the table's reference is the initial one
}

// Removal: the table lets go, sleepers see EIDRM, undo records of the set go.
void remove_locked(SemState& st, SemSet* s) {
    st.ids.remove(s->perm);
    st.used_sems -= static_cast<u64>(s->nsems);
    int id = s->perm.id();
    for (SemUndo** u = &st.undos; *u;) {
        if ((*u)->semid == id) {
            SemUndo* dead = *u;
            *u = dead->next;
            kfree(dead);
        } else {
            u = &(*u)->next;
        }
    }
    s->removed.store(true);
    s->changed();
    RefPtr<SemSet> drop = RefPtr<SemSet>::adopt(s);
}

SemUndo* find_undo_locked(int pid, int semid) {
    for (SemUndo* u = sem_ns().undos; u; u = u->next)
        if (u->pid == pid && u->semid == semid) return u;
    return nullptr;
}

Result<SemUndo*> get_undo_locked(SemSet& s) {
    if (SemUndo* u = find_undo_locked(my_pid(), s.perm.id())) return u;
    auto* u = static_cast<SemUndo*>(kzalloc(sizeof(SemUndo) + sizeof(int) * static_cast<usize>(s.nsems)));
    if (!u) return Error(ENOMEM);
    u->pid = my_pid();
    u->semid = s.perm.id();
    u->nsems = s.nsems;
    u->next = sem_ns().undos;
    sem_ns().undos = u;
    return u;
}

// SETVAL/SETALL: the adjustments for the changed semaphores no longer apply (semnum -1: all).
void clear_undos_locked(int semid, int semnum) {
    for (SemUndo* u = sem_ns().undos; u; u = u->next) {
        if (u->semid != semid) continue;
        for (int i = 0; i < u->nsems; i++)
            if (semnum < 0 || i == semnum) u->adj[i] = 0;
    }
}

// A kmalloc'd scratch array freed on every return path (operation lists, GETALL/SETALL values).
template <typename T>
struct HeapArray {
    T* data;
    explicit HeapArray(usize n) : data(static_cast<T*>(kmalloc(n ? n * sizeof(T) : 1))) {}
    ~HeapArray() { kfree(data); }
    ARAMID_NOCOPY(HeapArray);
};

constexpr int kBlocked = -1;

// Tries the whole list. Returns 0 when applied, kBlocked with *blocker set when it must wait,
// or an errno (EAGAIN for IPC_NOWAIT, ERANGE).
int try_apply_locked(SemSet& s, const sembuf* ops, usize n, SemUndo* undo, usize* blocker) {
    usize i = 0;
    int err = 0;
    for (; i < n; i++) {
        const sembuf& op = ops[i];
        Sem& sem = s.sems[op.sem_num];
        int result = sem.val + op.sem_op;
        if ((op.sem_op == 0 && sem.val != 0) || result < 0) {
            *blocker = i;
            err = (op.sem_flg & IPC_NOWAIT) ? EAGAIN : kBlocked;
            break;
        }
        if (result > SEMVMX) {
            err = ERANGE;
            break;
        }
        if (op.sem_flg & SEM_UNDO) {
            int adj = undo->adj[op.sem_num] - op.sem_op;
            if (adj < -SEMAEM - 1 || adj > SEMAEM) {
                err = ERANGE;
                break;
            }
        }
        sem.val = result;
    }
    if (err) {
        while (i-- > 0) s.sems[ops[i].sem_num].val -= ops[i].sem_op;
        return err;
    }
    for (i = 0; i < n; i++) {
        if (ops[i].sem_flg & SEM_UNDO) undo->adj[ops[i].sem_num] -= ops[i].sem_op;
        s.sems[ops[i].sem_num].pid = my_pid();
    }
    s.otime = ipc_now();
    return 0;
}

void fill_ds(const SemSet& s, semid64_ds& d) {
    d = {};
    ipc_fill_perm64(s.perm, d.sem_perm);
    d.sem_otime = s.otime;
    d.sem_ctime = s.ctime;
    d.sem_nsems = static_cast<decltype(d.sem_nsems)>(s.nsems);
}

Result<i64> do_semop(int id, u64 uops, usize nops, u64 utimeout) {
    if (nops < 1 || id < 0) return Error(EINVAL);
    if (nops > SEMOPM) return Error(E2BIG);
    HeapArray<sembuf> buf(nops);
    if (!buf.data) return Error(ENOMEM);
    sembuf* ops = buf.data;
    TRY(copy_from_user(ops, uops, sizeof(sembuf) * nops));
    u64 deadline = 0;
    if (utimeout) {
        __kernel_timespec ts;
        TRY(copy_from_user(&ts, utimeout, sizeof(ts)));
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000) return Error(EINVAL);
        deadline = arch::clock_ns() + static_cast<u64>(ts.tv_sec) * 1000000000ull + static_cast<u64>(ts.tv_nsec);
        if (!deadline) deadline = 1;
    }
    bool undo = false, alter = false;
    u32 max = 0;
    for (usize i = 0; i < nops; i++) {
        max = ops[i].sem_num > max ? ops[i].sem_num : max;
        undo |= (ops[i].sem_flg & SEM_UNDO) != 0;
        alter |= ops[i].sem_op != 0;
    }
    RefPtr<SemSet> set;
    for (;;) {
        u64 seen;
        usize blocker = 0;
        {
            MutexGuard g(sem_ns().lock);
            if (!set) {
                SemSet* s = TRY(lookup_locked(id));
                if (max >= static_cast<u32>(s->nsems)) return Error(EFBIG);
                if (!ipc_permitted(creds(), s->perm, alter ? S_IWUGO : S_IRUGO)) return Error(EACCES);
                set = s;
            }
            if (set->removed.load()) return Error(EIDRM);
            SemUndo* u = undo ? TRY(get_undo_locked(*set)) : nullptr;
            int r = try_apply_locked(*set, ops, nops, u, &blocker);
            if (r == 0) {
                if (alter) set->changed();
                return 0;
            }
            if (r != kBlocked) return Error(r);
            Sem& b = set->sems[ops[blocker].sem_num];
            (ops[blocker].sem_op == 0 ? b.zcnt : b.ncnt)++;
            seen = set->gen.load();
        }
        SemSet* s = set.ptr();
        Result<bool> w = s->wq.wait_interruptible([&] { return s->gen.load() != seen || s->removed.load(); }, deadline);
        {
            MutexGuard g(sem_ns().lock);
            Sem& b = s->sems[ops[blocker].sem_num];
            (ops[blocker].sem_op == 0 ? b.zcnt : b.ncnt)--;
        }
        if (s->removed.load()) return Error(EIDRM);
        if (w.is_error()) return Error(EINTR);
        if (!w.value()) {
            // Timed out: one last try, as the value may just have changed.
            if (s->gen.load() == seen) return Error(EAGAIN);
        }
    }
}

}  // namespace

SyscallResult sys_semget(int key, int nsems, Flags flg_f) {
    int flg = static_cast<int>(flg_f.value);
    if (nsems < 0 || nsems > SEMMSL) return Error(EINVAL);
    MutexGuard g(sem_ns().lock);
    auto create = [&]() -> Result<IpcPerm*> {
        SemSet* s = TRY(create_set(key, nsems, flg));
        return &s->perm;
    };
    auto check = [&](IpcPerm& p) -> Result<void> {
        if (nsems > set_of(&p)->nsems) return Error(EINVAL);
        return {};
    };
    return TRY(ipc_get(sem_ns().ids, creds(), key, flg, create, check));
}

SyscallResult sys_semop(int id, u64 sops, usize nsops) { return do_semop(id, sops, nsops, 0); }

SyscallResult sys_semtimedop(int id, u64 sops, usize nsops, u64 timeout) { return do_semop(id, sops, nsops, timeout); }

SyscallResult sys_semctl(int id, int semnum, int cmd_raw, u64 arg) {
    int cmd = ipc_cmd(cmd_raw);
    if (id < 0) return Error(EINVAL);
    switch (cmd) {
    case IPC_INFO:
    case SEM_INFO: {
        seminfo info{};
        info.semmni = SEMMNI;
        info.semmns = SEMMNS;
        info.semmsl = SEMMSL;
        info.semopm = SEMOPM;
        info.semvmx = SEMVMX;
        info.semmnu = SEMMNU;
        info.semmap = SEMMAP;
        info.semume = SEMUME;
        int maxidx;
        {
            MutexGuard g(sem_ns().lock);
            info.semusz = cmd == SEM_INFO ? sem_ns().ids.in_use() : SEMUSZ;
            info.semaem = cmd == SEM_INFO ? static_cast<int>(sem_ns().used_sems) : SEMAEM;
            maxidx = sem_ns().ids.max_index();
        }
        TRY(copy_to_user(arg, &info, sizeof(info)));
        return maxidx < 0 ? 0 : maxidx;
    }
    case IPC_STAT:
    case SEM_STAT:
    case SEM_STAT_ANY: {
        semid64_ds ds;
        int ret;
        {
            MutexGuard g(sem_ns().lock);
            ret = TRY(ipc_stat_locked<SemSet>(sem_ns().ids, id, cmd, SEM_STAT_ANY, creds(), ds,
                                          [](const SemSet& o, semid64_ds& d) { fill_ds(o, d); }));
        }
        TRY(copy_to_user(arg, &ds, sizeof(ds)));
        return ret;
    }
    case IPC_SET: {
        semid64_ds in;
        TRY(copy_from_user(&in, arg, sizeof(in)));
        MutexGuard g(sem_ns().lock);
        SemSet* s = TRY(lookup_locked(id));
        if (!ipc_is_owner(creds(), s->perm)) return Error(EPERM);
        ipc_set_perm(s->perm, in.sem_perm);
        s->ctime = ipc_now();
        return 0;
    }
    case IPC_RMID: {
        MutexGuard g(sem_ns().lock);
        SemSet* s = TRY(lookup_locked(id));
        if (!ipc_is_owner(creds(), s->perm)) return Error(EPERM);
        remove_locked(sem_ns(), s);
        return 0;
    }
    case GETVAL:
    case GETPID:
    case GETNCNT:
    case GETZCNT: {
        MutexGuard g(sem_ns().lock);
        SemSet* s = TRY(lookup_locked(id));
        if (!ipc_permitted(creds(), s->perm, S_IRUGO)) return Error(EACCES);
        if (semnum < 0 || semnum >= s->nsems) return Error(EINVAL);
        const Sem& sem = s->sems[semnum];
        return cmd == GETVAL ? sem.val : cmd == GETPID ? sem.pid : cmd == GETNCNT ? sem.ncnt : sem.zcnt;
    }
    case GETALL: {
        HeapArray<u16> vals(SEMMSL);
        if (!vals.data) return Error(ENOMEM);
        usize n;
        {
            MutexGuard g(sem_ns().lock);
            SemSet* s = TRY(lookup_locked(id));
            if (!ipc_permitted(creds(), s->perm, S_IRUGO)) return Error(EACCES);
            n = static_cast<usize>(s->nsems);
            for (usize i = 0; i < n; i++) vals.data[i] = static_cast<u16>(s->sems[i].val);
        }
        TRY(copy_to_user(arg, vals.data, n * sizeof(u16)));
        return 0;
    }
    case SETVAL: {
        int val = static_cast<int>(arg);
        if (val > SEMVMX || val < 0) return Error(ERANGE);
        MutexGuard g(sem_ns().lock);
        SemSet* s = TRY(lookup_locked(id));
        if (semnum < 0 || semnum >= s->nsems) return Error(EINVAL);
        if (!ipc_permitted(creds(), s->perm, S_IWUGO)) return Error(EACCES);
        clear_undos_locked(s->perm.id(), semnum);
        s->sems[semnum].val = val;
        s->sems[semnum].pid = my_pid();
        s->ctime = ipc_now();
        s->changed();
        return 0;
    }
    case SETALL: {
        int nsems;
        {
            MutexGuard g(sem_ns().lock);
            SemSet* s = TRY(lookup_locked(id));
            nsems = s->nsems;
        }
        HeapArray<u16> buf(static_cast<usize>(nsems));
        if (!buf.data) return Error(ENOMEM);
        u16* vals = buf.data;
        TRY(copy_from_user(vals, arg, static_cast<usize>(nsems) * sizeof(u16)));
        for (int i = 0; i < nsems; i++)
            if (vals[i] > SEMVMX) return Error(ERANGE);
        MutexGuard g(sem_ns().lock);
        SemSet* s = TRY(lookup_locked(id));
        if (!ipc_permitted(creds(), s->perm, S_IWUGO)) return Error(EACCES);
        if (s->nsems != nsems) return Error(EIDRM);
        clear_undos_locked(s->perm.id(), -1);
        for (int i = 0; i < nsems; i++) {
            s->sems[i].val = vals[i];
            s->sems[i].pid = my_pid();
        }
        s->ctime = ipc_now();
        s->changed();
        return 0;
    }
    default:
        return Error(EINVAL);
    }
}

// (Looked up in the caller's IPC namespace: kcmp compares processes that share it.)
bool sysv_sem_has_undo(int pid) {
    if (!current_process()->ns.ipc) return false;
    MutexGuard g(sem_ns().lock);
    for (SemUndo* u = sem_ns().undos; u; u = u->next)
        if (u->pid == pid) return true;
    return false;
}

void sysv_sem_exit(int pid) {
    if (!current_process()->ns.ipc) return;
    MutexGuard g(sem_ns().lock);
    for (SemUndo** u = &sem_ns().undos; *u;) {
        SemUndo* un = *u;
        if (un->pid != pid) {
            u = &un->next;
            continue;
        }
        *u = un->next;
        if (SemSet* s = set_of(sem_ns().ids.find_id(un->semid))) {
            for (int i = 0; i < un->nsems && i < s->nsems; i++) {
                if (!un->adj[i]) continue;
                int v = s->sems[i].val + un->adj[i];
                s->sems[i].val = v < 0 ? 0 : v > SEMVMX ? SEMVMX : v;
                s->sems[i].pid = pid;
            }
            s->changed();
        }
        kfree(un);
    }
}

Result<void> sysv_sem_show(SeqBuf& out) {
    out.append("       key      semid perms      nsems   uid   gid  cuid  cgid      otime      ctime\n");
    MutexGuard g(sem_ns().lock);
    sem_ns().ids.for_each([&](IpcPerm& p) {
        SemSet& s = *set_of(&p);
        out.appendf("%10d %10d  %4o %10u %5u %5u %5u %5u %10ld %10ld\n", p.key, p.id(), p.mode,
                    static_cast<u32>(s.nsems), p.uid, p.gid, p.cuid, p.cgid, s.otime, s.ctime);
    });
    return out.status();
}

Result<SemState*> sysv_sem_ns_create() {
    auto* st = new (std::nothrow) SemState();
    if (!st) return Error(ENOMEM);
    return st;
}

void sysv_sem_ns_destroy(SemState* st) {
    {
        MutexGuard g(st->lock);
        st->ids.for_each([&](IpcPerm& p) { remove_locked(*st, set_of(&p)); });
        VERIFY(!st->undos);   // each went with its set
    }
    delete st;
}
