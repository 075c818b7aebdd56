// SPDX-License-Identifier: MIT
// System V shared memory: shmget, shmat, shmdt, shmctl. A segment is a VmObject over the
// kernel's shared anonymous memory, so fork children share its pages; every VMA that maps it
// counts as an attach (vma_opened/vma_closed, as Linux's shm_open/shm_close), which is what makes
// nattch follow fork, exec, exit and munmap, and lets a removed segment die with its last attach.
//
// Lock order: an address space's lock, then shm_ns().lock (the VMA hooks run under the former), so
// the lock is never held across AddressSpace calls or user copies.
#include "ipc/sysv_shm.h"

#include "core/process.h"
#include "ipc/ipc_namespace.h"
#include "mm/address_space.h"
#include "sync/mutex.h"
#include "syscalls/handlers.h"
#include "syscalls/mm_file.h"

struct ShmState {
    Mutex lock{"sysv-shm"};
    IpcIds ids;
    u64 total_pages = 0;   // shm_tot
    std::atomic<u64> shmmax{kShmMaxDefault};
    std::atomic<u64> shmall{kShmMaxDefault};
    std::atomic<u64> shmmni{SHMMNI};
    IpcNamespace* owner = nullptr;
};

namespace {

int hook_pid();

// The caller's namespace's table (fixed for the call: see msg_ns in sysv_msg.cpp).
ShmState& shm_ns() { return *current_ipc_ns().shm; }

// The last attach of a segment let go of its namespace (after its lock: this may free it).
void drop_namespace(IpcNamespace* ns) {
    if (ns->deref()) delete ns;
}

class ShmSegment final : public VmObject {
public:
    IpcPerm perm;
    u64 size = 0;
    i64 atime = 0, dtime = 0, ctime = 0;
    int cpid = 0, lpid = 0;
    u64 nattch = 0;
    ShmState* st = nullptr;   // its namespace's table, alive while attached (attach_locked)
    RefPtr<VmObject> pages;
    RefPtr<ShmSegment> self;   // the table's reference, dropped when the segment is destroyed

    u64 page_count() const { return align_up(size, kPageSize) / kPageSize; }

    Result<PhysAddr> get_page(u64 index) override { return pages->get_page(index); }
    u64 size_bytes() override { return size; }
    void describe(u64& dev, u64& ino, char* path, usize n) override {
        dev = 1;   // Linux's shm mount is 00:01
        ino = static_cast<u64>(perm.id());
        static const char hex[] = "0123456789abcdef";
        char name[] = "/SYSV00000000 (deleted)";
        u32 k = static_cast<u32>(perm.key);
        for (int i = 0; i < 8; i++) name[5 + i] = hex[(k >> (28 - 4 * i)) & 0xf];
        usize i = 0;
        for (; name[i] && i + 1 < n; i++) path[i] = name[i];
        if (n) path[i] = 0;
    }
    void vma_opened() override {
        MutexGuard g(st->lock);
        atime = ipc_now();
        lpid = hook_pid();
        attach_locked();
    }
    void vma_closed() override {
        IpcNamespace* drop;
        {
            MutexGuard g(st->lock);
            dtime = ipc_now();
            lpid = hook_pid();
            drop = detach_locked();
        }
        if (drop) drop_namespace(drop);
    }
    // Attaches hold the namespace, as Linux's shm files do: its table outlives every mapping.
    void attach_locked() {
        if (nattch++ == 0) st->owner->ref();
    }
    // The namespace to let go of (after the lock) when this was the last attach.
    [[nodiscard]] IpcNamespace* detach_locked() {
        nattch--;
        destroy_if_unused_locked();
        return nattch ? nullptr : st->owner;
    }
    bool vmas_mergeable() override { return false; }
    int sysv_shm_id() override { return perm.id(); }
    u64 owned_pages() override { return pages->owned_pages(); }

    // IPC_RMID: no shmget finds it any more, and it goes when nothing maps it.
    void remove_locked() {
        RefPtr<ShmSegment> keep = this;   // destroy_if_unused drops the table's reference
        perm.mode |= SHM_DEST;
        perm.key = IPC_PRIVATE;
        destroy_if_unused_locked();
    }
    // A removed segment goes away when nothing maps it any more (the pages stay until the last
    // VMA's reference goes).
    void destroy_if_unused_locked() {
        if (nattch || !(perm.mode & SHM_DEST) || !self) return;
        st->ids.remove(perm);
        st->total_pages -= page_count();
        RefPtr<ShmSegment> drop = static_cast<RefPtr<ShmSegment>&&>(self);
        self = nullptr;
        (void)drop;   // never the last reference here: the caller holds one
    }
};

ShmSegment* segment_of(IpcPerm* p) {
    return p ? static_cast<ShmSegment*>(p->owner) : nullptr;
}

const Credentials& creds() { return current_process()->creds; }

// The VMA hooks can run wherever an address space dies (the last reference may be a kernel
// thread's); then no process is the last operator.
int hook_pid() {
    Process* p = current_process();
    return p ? p->pid : 0;
}

Result<ShmSegment*> create_segment(int key, usize size, int flg) {
    if (size < SHMMIN || size > shm_ns().shmmax.load()) return Error(EINVAL);
    u64 npages = align_up(size, kPageSize) / kPageSize;
    if (npages < size / kPageSize) return Error(ENOSPC);
    if (shm_ns().total_pages + npages < shm_ns().total_pages || shm_ns().total_pages + npages > shm_ns().shmall.load())
        return Error(ENOSPC);
    if (static_cast<u64>(shm_ns().ids.in_use()) >= shm_ns().shmmni.load()) return Error(ENOSPC);
    auto* s = new (std::nothrow) ShmSegment;
    if (!s) return Error(ENOMEM);
    RefPtr<ShmSegment> ref = RefPtr<ShmSegment>::adopt(s);
    s->pages = TRY(anonymous_shared_object(size));
    ipc_init_perm(s->perm, creds(), key, flg);
    s->perm.owner = s;
    s->size = size;
    s->st = &shm_ns();
    s->cpid = current_process()->pid;
    s->ctime = ipc_now();
    TRY(shm_ns().ids.add(s->perm));
    shm_ns().total_pages += npages;
    s->self = ref;
    return s;
}

// Looks an id up for shmat/shmctl: EINVAL when it names nothing (or a removed segment's slot).
Result<ShmSegment*> lookup_locked(int id) {
    ShmSegment* s = segment_of(shm_ns().ids.find_id(id));
    if (!s) return Error(EINVAL);
    return s;
}

void fill_ds(const ShmSegment& s, shmid64_ds& d) {
    d = {};
    ipc_fill_perm64(s.perm, d.shm_perm);
    d.shm_segsz = s.size;
    d.shm_atime = s.atime;
    d.shm_dtime = s.dtime;
    d.shm_ctime = s.ctime;
    d.shm_cpid = s.cpid;
    d.shm_lpid = s.lpid;
    d.shm_nattch = s.nattch;
}

AddressSpace& mm() { return *current_process()->mm; }

}  // namespace

SyscallResult sys_shmget(int key, usize size, Flags flg_f) {
    int flg = static_cast<int>(flg_f.value);
    MutexGuard g(shm_ns().lock);
    auto create = [&]() -> Result<IpcPerm*> {
        ShmSegment* s = TRY(create_segment(key, size, flg));
        return &s->perm;
    };
    auto check = [&](IpcPerm& p) -> Result<void> {
        if (segment_of(&p)->size < size) return Error(EINVAL);
        return {};
    };
    return TRY(ipc_get(shm_ns().ids, creds(), key, flg, create, check));
}

SyscallResult sys_shmat(int id, u64 addr, Flags flg_f) {
    int flg = static_cast<int>(flg_f.value);
    if (addr & (SHMLBA - 1)) {
        if (!(flg & SHM_RND)) return Error(EINVAL);
        addr &= ~static_cast<u64>(SHMLBA - 1);
        if (!addr && (flg & SHM_REMAP)) return Error(EINVAL);
    } else if (!addr && (flg & SHM_REMAP)) {
        return Error(EINVAL);
    }
    u32 prot = PROT_READ, acc = S_IRUGO;
    if (!(flg & SHM_RDONLY)) {
        prot |= PROT_WRITE;
        acc |= S_IWUGO;
    }
    if (flg & SHM_EXEC) {
        prot |= PROT_EXEC;
        acc |= S_IXUGO;
    }
    if (id < 0) return Error(EINVAL);
    RefPtr<ShmSegment> seg;
    {
        MutexGuard g(shm_ns().lock);
        ShmSegment* s = TRY(lookup_locked(id));
        if (!ipc_permitted(creds(), s->perm, acc)) return Error(EACCES);
        // Held as an attach while the lock is dropped for the mapping, so RMID cannot destroy it.
        s->attach_locked();
        seg = s;
    }
    usize len = align_up(seg->size, kPageSize);
    u32 flags = MAP_SHARED;
    if (addr) flags |= (flg & SHM_REMAP) ? MAP_FIXED : MAP_FIXED_NOREPLACE;
    Result<uptr> r = mm().map(addr, len, prot, flags, RefPtr<VmObject>(seg), 0);
    IpcNamespace* drop;
    {
        MutexGuard g(seg->st->lock);
        drop = seg->detach_locked();
    }
    if (drop) drop_namespace(drop);
    if (r.is_error()) return Error(r.error().code == EEXIST ? EINVAL : r.error().code);
    return static_cast<i64>(r.value());
}

SyscallResult sys_shmdt(u64 addr) {
    if (addr & (kPageSize - 1)) return Error(EINVAL);
    // The segment mapped at addr (offset 0), then every mapping of it within its size from there.
    int id = -1;
    u64 size = 0;
    mm().for_each_vma([&](const Vma& v) {
        if (id < 0 && v.start == addr && v.pgoff == 0 && v.object && v.object->sysv_shm_id() >= 0) {
            id = v.object->sysv_shm_id();
            size = align_up(v.object->size_bytes(), kPageSize);
        }
    });
    if (id < 0) return Error(EINVAL);
    constexpr usize kMaxRanges = 64;
    uptr starts[kMaxRanges], ends[kMaxRanges];
    usize n = 0;
    mm().for_each_vma([&](const Vma& v) {
        if (n < kMaxRanges && v.start >= addr && v.start < addr + size && v.object && v.object->sysv_shm_id() == id &&
            v.pgoff == (v.start - addr) / kPageSize)
            starts[n] = v.start, ends[n++] = v.end;
    });
    for (usize i = 0; i < n; i++) TRY(mm().unmap(starts[i], ends[i] - starts[i]));
    return 0;
}

SyscallResult sys_shmctl(int id, int cmd_raw, u64 buf) {
    int cmd = ipc_cmd(cmd_raw);
    if (cmd < 0 || id < 0) return Error(EINVAL);
    switch (cmd) {
    case IPC_INFO: {
        shminfo64 info{};
        info.shmmax = shm_ns().shmmax.load();
        info.shmmin = SHMMIN;
        info.shmmni = shm_ns().shmmni.load();
        info.shmseg = SHMSEG;
        info.shmall = shm_ns().shmall.load();
        int maxidx;
        {
            MutexGuard g(shm_ns().lock);
            maxidx = shm_ns().ids.max_index();
        }
        TRY(copy_to_user(buf, &info, sizeof(info)));
        return maxidx < 0 ? 0 : maxidx;
    }
    case SHM_INFO: {
        shm_info info{};
        int maxidx;
        {
            MutexGuard g(shm_ns().lock);
            info.used_ids = shm_ns().ids.in_use();
            info.shm_tot = shm_ns().total_pages;
            shm_ns().ids.for_each([&](IpcPerm& p) { info.shm_rss += segment_of(&p)->owned_pages(); });
            maxidx = shm_ns().ids.max_index();
        }
        TRY(copy_to_user(buf, &info, sizeof(info)));
        return maxidx < 0 ? 0 : maxidx;
    }
    case IPC_STAT:
    case SHM_STAT:
    case SHM_STAT_ANY: {
        shmid64_ds ds;
        int ret;
        {
            MutexGuard g(shm_ns().lock);
            ret = TRY(ipc_stat_locked<ShmSegment>(shm_ns().ids, id, cmd, SHM_STAT_ANY, creds(), ds,
                                          [](const ShmSegment& o, shmid64_ds& d) { fill_ds(o, d); }));
        }
        TRY(copy_to_user(buf, &ds, sizeof(ds)));
        return ret;
    }
    case IPC_SET: {
        shmid64_ds in;
        TRY(copy_from_user(&in, buf, sizeof(in)));
        MutexGuard g(shm_ns().lock);
        ShmSegment* s = TRY(lookup_locked(id));
        if (!ipc_is_owner(creds(), s->perm)) return Error(EPERM);
        ipc_set_perm(s->perm, in.shm_perm);
        s->ctime = ipc_now();
        return 0;
    }
    case IPC_RMID: {
        MutexGuard g(shm_ns().lock);
        ShmSegment* s = TRY(lookup_locked(id));
        if (!ipc_is_owner(creds(), s->perm)) return Error(EPERM);
        s->remove_locked();
        return 0;
    }
    case SHM_LOCK:
    case SHM_UNLOCK: {
        MutexGuard g(shm_ns().lock);
        ShmSegment* s = TRY(lookup_locked(id));
        // linux: shmctl_do_lock(): without CAP_IPC_LOCK only the owner or creator, and locking
        // then needs a non-zero RLIMIT_MEMLOCK.
        if (!creds().has_cap(CAP_IPC_LOCK)) {
            if (creds().euid != s->perm.uid && creds().euid != s->perm.cuid) return Error(EPERM);
            if (cmd == SHM_LOCK && current_process()->rlimits[RLIMIT_MEMLOCK].cur == 0) return Error(EPERM);
        }
        if (cmd == SHM_LOCK)
            s->perm.mode |= SHM_LOCKED;
        else
            s->perm.mode &= ~static_cast<u32>(SHM_LOCKED);
        return 0;
    }
    default:
        return Error(EINVAL);
    }
}

Result<void> sysv_shm_show(SeqBuf& out) {
    out.append("       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid"
               "      atime      dtime      ctime                   rss                  swap\n");
    MutexGuard g(shm_ns().lock);
    shm_ns().ids.for_each([&](IpcPerm& p) {
        ShmSegment& s = *segment_of(&p);
        out.appendf("%10d %10d  %4o %21lu %5u %5u  %5lu %5u %5u %5u %5u %10ld %10ld %10ld %21lu %21lu\n", p.key,
                    p.id(), p.mode, s.size, s.cpid, s.lpid, s.nattch, p.uid, p.gid, p.cuid, p.cgid, s.atime, s.dtime,
                    s.ctime, s.owned_pages() * kPageSize, 0ul);
    });
    return out.status();
}

u64 sysv_shm_limit(SysvShmLimit which) {
    switch (which) {
    case SysvShmLimit::Max: return shm_ns().shmmax.load();
    case SysvShmLimit::All: return shm_ns().shmall.load();
    case SysvShmLimit::Mni: return shm_ns().shmmni.load();
    }
    return 0;
}

void sysv_shm_set_limit(SysvShmLimit which, u64 v) {
    switch (which) {
    case SysvShmLimit::Max: shm_ns().shmmax.store(v); break;
    case SysvShmLimit::All: shm_ns().shmall.store(v); break;
    case SysvShmLimit::Mni: shm_ns().shmmni.store(v); break;
    }
}

Result<ShmState*> sysv_shm_ns_create(IpcNamespace* owner) {
    auto* st = new (std::nothrow) ShmState();
    if (!st) return Error(ENOMEM);
    st->owner = owner;
    return st;
}

// Every attach holds the namespace, so nothing maps what is left: each segment goes now.
void sysv_shm_ns_destroy(ShmState* st) {
    {
        MutexGuard g(st->lock);
        st->ids.for_each([&](IpcPerm& p) { segment_of(&p)->remove_locked(); });
    }
    delete st;
}
