// SPDX-License-Identifier: MIT
// inotify (man 7 inotify; linux: fs/notify/inotify/): a group of watches read as a queue of
// struct inotify_event records. Identical consecutive events are merged; a full queue ends with
// one IN_Q_OVERFLOW; a watch removed for any reason queues IN_IGNORED.
#include <string.h>

#include "abi/linux/uapi.h"
#include "core/signal.h"
#include "fs/anon/anon_inode.h"
#include "fs/notify/fsnotify.h"
#include "fs/procfs/procfs.h"
#include "fs/vfs/dentry.h"
#include "fs/vfs/permission.h"
#include "ipc/fd_events.h"
#include "lib/format.h"
#include "mm/kheap.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

// linux: ALL_INOTIFY_BITS (not in the UAPI headers).
constexpr u32 kAllInotifyBits = IN_ALL_EVENTS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED | IN_ONLYDIR |
                                IN_DONT_FOLLOW | IN_EXCL_UNLINK | IN_MASK_CREATE | IN_MASK_ADD | IN_ISDIR |
                                IN_ONESHOT;
constexpr u32 kMarkBits = IN_ALL_EVENTS | IN_ONESHOT | IN_EXCL_UNLINK;

// linux: the ucounts UCOUNT_INOTIFY_INSTANCES and UCOUNT_INOTIFY_WATCHES, per effective uid
// (under the fsnotify lock). A slot is free when both counts are zero.
struct UserCounts {
    u32 uid;
    u32 instances;
    u32 watches;
};
constinit UserCounts g_users[64];

UserCounts* user_counts_locked(u32 uid) {
    UserCounts* free_slot = nullptr;
    for (UserCounts& u : g_users) {
        if ((u.instances || u.watches) && u.uid == uid) return &u;
        if (!u.instances && !u.watches && !free_slot) free_slot = &u;
    }
    if (free_slot) free_slot->uid = uid;
    return free_slot;
}

struct InotifyEvent {
    InotifyEvent* next;
    int wd;
    u32 mask;
    u32 cookie;
    u32 name_len;
    char name[];

    // linux: round_event_name_len(): the name and its NUL, padded to a whole record size.
    u32 padded_len() const { return name_len ? (name_len + 1 + 15) & ~15u : 0; }
    usize size() const { return sizeof(inotify_event) + padded_len(); }
};

class InotifyGroup final : public FsnotifyGroup {
public:
    explicit InotifyGroup(u32 uid) : m_uid(uid) {
        m_overflow.wd = -1;
        m_overflow.mask = IN_Q_OVERFLOW;
    }
    ~InotifyGroup() override {
        while (InotifyEvent* e = pop_locked()) free_event(e);
    }

    void queue_event(FsnotifyMark& mark, u32 mask, u32 cookie, StringView name) override {
        // linux: fsnotify_add_event(): past max_events only the overflow event, once.
        if (m_count >= m_max_events) {
            if (!m_overflow_queued) {
                m_overflow_queued = true;
                append(&m_overflow);
            }
            return;
        }
        if (m_tail && m_tail != &m_overflow && m_tail->mask == mask && m_tail->wd == mark.wd &&
            m_tail->name_len == name.length() && (name.empty() || !memcmp(m_tail->name, name.data(), name.length())))
            return;   // linux: inotify_merge() with the last queued event
        auto* e = static_cast<InotifyEvent*>(kmalloc(sizeof(InotifyEvent) + name.length()));
        if (!e) {
            if (!m_overflow_queued) {
                m_overflow_queued = true;
                append(&m_overflow);
            }
            return;
        }
        e->wd = mark.wd;
        e->mask = mask;
        e->cookie = cookie;
        e->name_len = static_cast<u32>(name.length());
        if (!name.empty()) memcpy(e->name, name.data(), name.length());
        append(e);
    }
    void wake() override { wq.wake_all(POLLIN); }
    void mark_detached_locked(FsnotifyMark&) override { user_counts_locked(m_uid)->watches--; }

    // Takes the first event if it fits in room bytes; EINVAL when it does not, null when empty.
    Result<InotifyEvent*> take(usize room) {
        SpinlockGuard g(fsnotify_lock());
        if (!m_head) return static_cast<InotifyEvent*>(nullptr);
        if (m_head->size() > room) return Error(EINVAL);
        return pop_locked();
    }
    void free_event(InotifyEvent* e) {
        if (e != &m_overflow) kfree(e);
    }
    bool empty() const { return m_bytes.load(std::memory_order_acquire) == 0; }
    u32 bytes() const { return m_bytes.load(std::memory_order_acquire); }

    // A new watch descriptor (fsnotify lock held): cyclic from 1, as Linux's idr_alloc_cyclic.
    int next_wd_locked() {
        for (;;) {
            m_last_wd = m_last_wd >= 0x7fffffff ? 1 : m_last_wd + 1;
            if (!find_wd_locked(m_last_wd)) return m_last_wd;
        }
    }
    FsnotifyMark* find_wd_locked(int wd) {
        for (FsnotifyMark* m = marks; m; m = m->group_next)
            if (m->wd == wd) return m;
        return nullptr;
    }
    FsnotifyMark* find_inode_locked(const Inode& inode) {
        for (FsnotifyMark* m = marks; m; m = m->group_next)
            if (fsnotify_same_inode(*m->inode, inode)) return m;
        return nullptr;
    }

    WaitQueue wq;
    const u32 m_uid;   // whose instance and watch counts this group takes

private:
    void append(InotifyEvent* e) {
        e->next = nullptr;
        if (m_tail) m_tail->next = e;
        else m_head = e;
        m_tail = e;
        m_count++;
        m_bytes.fetch_add(static_cast<u32>(e->size()), std::memory_order_release);
        fsnotify_want_wake_locked(*this);
    }
    InotifyEvent* pop_locked() {
        InotifyEvent* e = m_head;
        if (!e) return nullptr;
        m_head = e->next;
        if (!m_head) m_tail = nullptr;
        m_count--;
        m_bytes.fetch_sub(static_cast<u32>(e->size()), std::memory_order_release);
        if (e == &m_overflow) m_overflow_queued = false;
        return e;
    }

    InotifyEvent* m_head = nullptr;
    InotifyEvent* m_tail = nullptr;
    u32 m_count = 0;
    u32 m_max_events = static_cast<u32>(sysctl_inotify_max_queued_events());
    std::atomic<u32> m_bytes{0};
    bool m_overflow_queued = false;
    int m_last_wd = 0;
    InotifyEvent m_overflow{};   // no name: the flexible array stays empty
};

InotifyGroup* group_of(const File& f) { return static_cast<InotifyGroup*>(f.private_data); }

class InotifyOps final : public FileOps {
public:
    constexpr InotifyOps() = default;

    Result<usize> read(File& f, const IoBuffer& buf, u64&) override {
        InotifyGroup& g = *group_of(f);
        usize done = 0;
        for (;;) {
            auto taken = g.take(buf.size() - done);
            if (taken.is_error()) {
                if (done) return done;
                return taken.error();
            }
            InotifyEvent* e = taken.value();
            if (e) {
                auto r = copy_out(*e, buf, done);
                g.free_event(e);
                if (r.is_error()) return r.error();
                done += r.value();
                continue;
            }
            if (done) return done;
            if (f.flags() & O_NONBLOCK) return Error(EAGAIN);
            if (g.wq.wait_interruptible([&] { return !g.empty(); }).is_error()) return Error(kErestartSys);
        }
    }
    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override {
        if (cmd != FIONREAD) return Error(ENOTTY);
        int n = static_cast<int>(group_of(f)->bytes());
        TRY(copy_to_user(UserPtr<int>(arg), n));
        return 0;
    }
    // linux: noop_llseek(): the offset stays where it is, without error.
    Result<u64> lseek(File&, u64 current, i64, int) override { return current; }
    u32 poll(File& f) override { return group_of(f)->empty() ? 0 : (POLLIN | POLLRDNORM); }
    WaitQueue* wait_queue(File& f) override { return &group_of(f)->wq; }
    usize fdinfo(File& f, char* buf, usize cap) override {
        InotifyGroup& g = *group_of(f);
        usize n = 0;
        SpinlockGuard guard(fsnotify_lock());
        for (FsnotifyMark* m = g.marks; m && n + 1 < cap; m = m->group_next) {
            u64 ino = m->inode->ino();
            // linux: inotify_fdinfo(); the file handle is tmpfs's (generation, inode number).
            n += format(buf + n, cap - n,
                        "inotify wd:%x ino:%llx sdev:%x mask:%x ignored_mask:0 fhandle-bytes:c fhandle-type:1 "
                        "f_handle:00000000%08x%08x\n",
                        m->wd, static_cast<unsigned long long>(ino), m->inode->sb().dev(), m->mask & kMarkBits,
                        __builtin_bswap32(static_cast<u32>(ino)), __builtin_bswap32(static_cast<u32>(ino >> 32)));
        }
        return min(n, cap - 1);
    }
    void release(File& f) override {
        InotifyGroup* g = group_of(f);
        FsnotifyMark* dead = nullptr;
        {
            SpinlockGuard guard(fsnotify_lock());
            while (g->marks) fsnotify_detach_mark_locked(*g->marks, false, &dead);
            user_counts_locked(g->m_uid)->instances--;
        }
        fsnotify_free_marks(dead);
        f.private_data = nullptr;
        RefPtr<FsnotifyGroup>::adopt(g);
    }

private:
    static Result<usize> copy_out(const InotifyEvent& e, const IoBuffer& buf, usize at) {
        u8 rec[sizeof(inotify_event) + NAME_MAX + 1 + 16] = {};
        inotify_event head{};
        head.wd = e.wd;
        head.mask = e.mask;
        head.cookie = e.cookie;
        head.len = e.padded_len();
        memcpy(rec, &head, sizeof head);
        memcpy(rec + sizeof head, e.name, e.name_len);   // the padding stays zero, as Linux's
        usize n = e.size();
        TRY(buf.write_at(at, rec, n));
        return n;
    }
};

constinit InotifyOps g_inotify_ops;

Result<InotifyGroup*> inotify_file(Fd fd, RefPtr<File>& out) {
    out = TRY(fd_file(fd));
    if (&out->ops() != &g_inotify_ops) return Error(EINVAL);
    return group_of(*out);
}

}  // namespace

SyscallResult sys_inotify_init1(Flags flags) {
    if (flags.value & ~u64(IN_CLOEXEC | IN_NONBLOCK)) return Error(EINVAL);
    u32 uid = current_creds().euid;
    {
        SpinlockGuard guard(fsnotify_lock());
        UserCounts* u = user_counts_locked(uid);
        if (!u || u->instances >= static_cast<u64>(sysctl_inotify_max_user_instances())) return Error(EMFILE);
        u->instances++;
    }
    auto* g = new (std::nothrow) InotifyGroup(uid);
    if (!g) {
        SpinlockGuard guard(fsnotify_lock());
        user_counts_locked(uid)->instances--;
        return Error(ENOMEM);
    }
    auto file = anon_inode_file("inotify", g_inotify_ops, g, O_RDONLY | (flags.value & O_NONBLOCK));
    if (file.is_error()) {
        RefPtr<FsnotifyGroup>::adopt(g);
        return file.error();
    }
    return fd_install_new(file.release_value(), flags.value & O_CLOEXEC);
}

SyscallResult sys_inotify_init() { return sys_inotify_init1(Flags{0}); }

SyscallResult sys_inotify_add_watch(Fd fd, UserCString upath, u32 mask) {
    // linux: inotify_add_watch(): the mask first, then the descriptor, then the path.
    if (mask & ~kAllInotifyBits) return Error(EINVAL);
    if (!(mask & kAllInotifyBits)) return Error(EINVAL);   // flags alone are accepted
    RefPtr<File> file = TRY(fd_file(fd));
    if ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE)) return Error(EINVAL);
    if (&file->ops() != &g_inotify_ops) return Error(EINVAL);
    InotifyGroup* g = group_of(*file);
    UserPath path;
    TRY(path.copy(upath));
    AtTarget t = TRY(resolve_at(AT_FDCWD, path.view(), false, !(mask & IN_DONT_FOLLOW)));
    Inode& inode = t.inode();
    if ((mask & IN_ONLYDIR) && !inode.is_dir()) return Error(ENOTDIR);
    TRY(inode_permission(current_creds(), inode, kMayRead));

    auto* fresh = new (std::nothrow) FsnotifyMark{g, &inode, nullptr, nullptr, nullptr, mask & kMarkBits, 0};
    if (!fresh) return Error(ENOMEM);
    int wd;
    {
        SpinlockGuard guard(fsnotify_lock());
        if (FsnotifyMark* m = g->find_inode_locked(inode)) {
            if (mask & IN_MASK_CREATE) {
                wd = -EEXIST;
            } else {
                m->mask = ((mask & IN_MASK_ADD) ? m->mask : 0) | (mask & kMarkBits);
                fsnotify_recalc_mask_locked(inode);
                wd = m->wd;
            }
        } else if (UserCounts* u = user_counts_locked(g->m_uid);
                   u->watches >= static_cast<u64>(sysctl_inotify_max_user_watches())) {
            wd = -ENOSPC;
        } else {
            u->watches++;
            inode.ref();
            fresh->wd = wd = g->next_wd_locked();
            fsnotify_add_mark_locked(*fresh);
            fresh = nullptr;
        }
    }
    delete fresh;
    if (wd < 0) return Error(-wd);
    return wd;
}

SyscallResult sys_inotify_rm_watch(Fd fd, int wd) {
    RefPtr<File> file;
    InotifyGroup* g = TRY(inotify_file(fd, file));
    FsnotifyMark* dead = nullptr;
    {
        SpinlockGuard guard(fsnotify_lock());
        FsnotifyMark* m = g->find_wd_locked(wd);
        if (!m) return Error(EINVAL);
        fsnotify_detach_mark_locked(*m, true, &dead);
    }
    fsnotify_wake_pending();
    fsnotify_free_marks(dead);
    return 0;
}
