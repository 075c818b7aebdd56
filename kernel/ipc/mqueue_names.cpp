// SPDX-License-Identifier: MIT
// mq_open and mq_unlink: the one namespace of POSIX message queues, the /proc/sys/fs/mqueue
// limits and the per-user RLIMIT_MSGQUEUE accounting (linux: ipc/mqueue.c do_mq_open(),
// mqueue_get_inode(), ipc/mq_sysctl.c). Names are checked as Linux's getname() and
// lookup_one_len() check them on the internal mqueue mount: "" is ENOENT; ".", ".." and any '/'
// are EACCES; more than NAME_MAX bytes is ENAMETOOLONG. The mount's root is sticky (01777), so
// only the owner (or root) may unlink a queue: EPERM otherwise.
#include "ipc/mqueue.h"

#include "mm/kheap.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

// linux: include/linux/ipc_namespace.h and ipc/mq_sysctl.c.
constexpr i64 kHardMsgMax = 65536;
constexpr i64 kHardMsgsizeMax = 16 * 1024 * 1024;
constexpr i64 kMinMsgMax = 1;
constexpr i64 kMinMsgsizeMax = 128;
// What Linux charges per possible message: a struct msg_msg, and a priority tree node for each
// of up to MQ_PRIO_MAX priorities (64-bit sizes).
constexpr u64 kMsgMsgSize = 48;
constexpr u64 kTreeNodeSize = 48;

struct UserCharge {
    u32 uid;
    u64 bytes;
};

struct Namespace {
    Spinlock lock{LockRank::Mqueue, "mqueue-ns"};
    static constexpr usize kMaxUsers = 64;
    MqQueue* queues[256 * 4] = {};   // linked queues (each holds a reference); at most the hard cap
    usize count = 0;                 // queues alive, linked or not (linux: mq_queues_count)
    UserCharge users[kMaxUsers] = {};
    std::atomic<i64> limits[5] = {10, 8192, 10, 8192, 256};
    u64 last_ino = 1;   // the root directory is 1
};
Namespace g_ns;

UserCharge* charge_of_locked(u32 uid, bool create) {
    UserCharge* free = nullptr;
    for (UserCharge& u : g_ns.users) {
        if (u.bytes && u.uid == uid) return &u;
        if (!u.bytes && !free) free = &u;
    }
    if (free && create) free->uid = uid;
    return create ? free : nullptr;
}

MqQueue** find_locked(StringView name) {
    for (MqQueue*& q : g_ns.queues)
        if (q && StringView(q->name) == name) return &q;
    return nullptr;
}

MqQueue** free_slot_locked() {
    for (MqQueue*& q : g_ns.queues)
        if (!q) return &q;
    return nullptr;
}

// linux: inode_permission() on the queue's inode.
bool permitted(const Credentials& c, const MqQueue& q, u32 want) {
    return permission_allows(c, q.mode, q.uid, q.gid, static_cast<int>(want));
}

// Namespace lock held: a new queue, linked into slot (linux: mqueue_create_attr() and
// mqueue_get_inode()).
Result<MqQueue*> create_locked(MqQueue** slot, StringView name, u32 mode, const mq_attr* attr) {
    const Credentials& c = current_process()->creds;
    bool privileged = c.has_cap(CAP_SYS_RESOURCE);
    if (static_cast<i64>(g_ns.count) >= mqueue_limit(MqLimit::QueuesMax) && !privileged) return Error(ENOSPC);
    long maxmsg = attr ? attr->mq_maxmsg : mqueue_limit(MqLimit::MsgDefault);
    long msgsize = attr ? attr->mq_msgsize : mqueue_limit(MqLimit::MsgsizeDefault);
    if (maxmsg <= 0 || msgsize <= 0) return Error(EINVAL);
    if (privileged ? (maxmsg > kHardMsgMax || msgsize > kHardMsgsizeMax)
                   : (maxmsg > mqueue_limit(MqLimit::MsgMax) || msgsize > mqueue_limit(MqLimit::MsgsizeMax)))
        return Error(EINVAL);
    u64 m = static_cast<u64>(maxmsg);
    u64 bytes = m * kMsgMsgSize + min<u64>(m, MQ_PRIO_MAX) * kTreeNodeSize + m * static_cast<u64>(msgsize);
    u32 uid = c.uid;   // linux: charged to current_user(), the real uid
    UserCharge* u = charge_of_locked(uid, false);
    u64 used = u ? u->bytes : 0;
    if (used + bytes > current_process()->rlimits[RLIMIT_MSGQUEUE].cur) return Error(EMFILE);
    if (!slot) return Error(ENOSPC);
    u = charge_of_locked(uid, true);
    if (!u) return Error(ENOMEM);
    auto* q = new (std::nothrow) MqQueue;
    if (!q) return Error(ENOMEM);
    u->bytes += bytes;
    q->maxmsg = maxmsg;
    q->msgsize = msgsize;
    q->uid = c.fsuid;
    q->gid = c.fsgid;
    q->mode = S_IFREG | mode;
    q->charged_uid = uid;
    q->charged_bytes = bytes;
    __builtin_memcpy(q->name, name.data(), name.length());
    q->name[name.length()] = '\0';
    q->linked = true;
    q->ino = ++g_ns.last_ino;
    g_ns.count++;
    *slot = q;   // the namespace's reference
    return q;
}

}  // namespace

MqQueue::~MqQueue() {
    while (head) {
        MqMessage* m = head;
        head = m->next;
        kfree(m);
    }
    SpinlockGuard g(g_ns.lock);
    g_ns.count--;
    if (UserCharge* u = charge_of_locked(charged_uid, false)) u->bytes -= charged_bytes;
}

i64 mqueue_limit(MqLimit l) { return g_ns.limits[static_cast<int>(l)].load(std::memory_order_relaxed); }

Result<void> mqueue_set_limit(MqLimit l, i64 v) {
    switch (l) {
    case MqLimit::MsgMax:
    case MqLimit::MsgDefault:
        if (v < kMinMsgMax || v > kHardMsgMax) return Error(EINVAL);
        break;
    case MqLimit::MsgsizeMax:
    case MqLimit::MsgsizeDefault:
        if (v < kMinMsgsizeMax || v > kHardMsgsizeMax) return Error(EINVAL);
        break;
    case MqLimit::QueuesMax:
        if (v < -0x80000000ll || v > 0x7fffffff) return Error(EINVAL);   // proc_dointvec
        break;
    }
    g_ns.limits[static_cast<int>(l)].store(v, std::memory_order_relaxed);
    return {};
}

SyscallResult sys_mq_open(UserCString uname, Flags oflag_f, u32 umode, UserPtr<const void> uattr) {
    u32 oflag = static_cast<u32>(oflag_f.value);
    mq_attr attr;
    if (!uattr.is_null()) TRY(copy_from_user(&attr, uattr.addr(), sizeof(attr)));
    UserPath path;   // getname(): EFAULT, ENAMETOOLONG past PATH_MAX, ENOENT when empty
    TRY(path.copy(uname));
    StringView name = path.view();
    TRY(fd_check_available());
    TRY(mqueue_check_name(name));
    Process* p = current_process();
    u32 mode = (umode & 07777) & ~p->fs->umask;
    RefPtr<MqQueue> q;
    {
        SpinlockGuard g(g_ns.lock);
        MqQueue** slot = find_locked(name);
        if (!slot) {
            if (!(oflag & O_CREAT)) return Error(ENOENT);
            q = TRY(create_locked(free_slot_locked(), name, mode, uattr.is_null() ? nullptr : &attr));
        } else {
            if ((oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) return Error(EEXIST);
            u32 acc = oflag & O_ACCMODE;
            if (acc == (O_RDWR | O_WRONLY)) return Error(EINVAL);
            u32 want = acc == O_RDONLY ? 4 : acc == O_WRONLY ? 2 : 6;
            if (!permitted(p->creds, **slot, want)) return Error(EACCES);
            q = *slot;
        }
    }
    RefPtr<File> f = TRY(mqueue_file_create(*q, oflag & (O_ACCMODE | O_NONBLOCK)));
    // linux: do_mq_open() takes its descriptor with get_unused_fd_flags(O_CLOEXEC): a queue
    // descriptor is always closed on exec, whatever oflag says.
    return TRY(fd_install(std::move(f), true, 0));
}

SyscallResult sys_mq_unlink(UserCString uname) {
    UserPath path;
    TRY(path.copy(uname));
    TRY(mqueue_check_name(path.view()));
    TRY(mqueue_unlink(path.view(), &current_process()->creds));
    return 0;
}

// lookup_one_len() and simple_lookup() on the mqueue root.
Result<void> mqueue_check_name(StringView n) {
    if (n == "." || n == "..") return Error(EACCES);
    for (usize i = 0; i < n.length(); i++)
        if (n[i] == '/') return Error(EACCES);
    if (n.length() > NAME_MAX) return Error(ENAMETOOLONG);
    return {};
}

RefPtr<MqQueue> mqueue_lookup(StringView name) {
    SpinlockGuard g(g_ns.lock);
    MqQueue** slot = find_locked(name);
    return slot ? RefPtr<MqQueue>(*slot) : RefPtr<MqQueue>();
}

Result<RefPtr<MqQueue>> mqueue_create(StringView name, u32 mode) {
    SpinlockGuard g(g_ns.lock);
    if (find_locked(name)) return Error(EEXIST);
    return RefPtr<MqQueue>(TRY(create_locked(free_slot_locked(), name, mode & 07777, nullptr)));
}

Result<void> mqueue_unlink(StringView name, const Credentials* c) {
    RefPtr<MqQueue> drop;   // released after the lock: the last reference frees the queue
    SpinlockGuard g(g_ns.lock);
    MqQueue** slot = find_locked(name);
    if (!slot) return Error(ENOENT);
    MqQueue* q = *slot;
    // linux: may_delete() in the sticky root: the owner, the root's owner (root) or CAP_FOWNER.
    if (c && c->fsuid != q->uid && c->fsuid != 0 && !c->has_cap(CAP_FOWNER)) return Error(EPERM);
    *slot = nullptr;
    q->linked = false;
    drop = RefPtr<MqQueue>::adopt(q);
    return {};
}

RefPtr<MqQueue> mqueue_next(usize& slot) {
    SpinlockGuard g(g_ns.lock);
    constexpr usize n = sizeof(g_ns.queues) / sizeof(g_ns.queues[0]);
    for (; slot < n; slot++)
        if (g_ns.queues[slot]) return RefPtr<MqQueue>(g_ns.queues[slot]);
    return {};
}
