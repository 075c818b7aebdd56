// SPDX-License-Identifier: MIT
// epoll (man 7 epoll): an instance watches (file description, fd number) pairs. Each item
// registers a callback on the watched file's wait queue (core/wait_queue.h); a wake-up whose key
// matches the item's events puts the item on the instance's ready list and wakes the instance's
// own queue. epoll_wait re-polls ready items before reporting them, so level-triggered items
// stay on the list while they are ready, edge-triggered ones only come back with the next
// wake-up, and one-shot ones are disarmed until EPOLL_CTL_MOD (linux: fs/eventpoll.c).
//
// Locking: g_lock (rank Epoll) guards every instance's item and ready lists, each file's chain
// of items and the items' fields; it is a spinlock because wake-up callbacks take it. An
// instance's mutex serialises epoll_ctl with event delivery, so an item being reported cannot
// be deleted under the reporter; only the last close of the watched file (which cannot happen
// while the reporter holds a reference to it) or of the instance frees items otherwise. Items
// do not hold references to what they watch; the file layer calls epoll_file_released.
#include "ipc/epoll.h"

#include <new>

#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/signal.h"
#include "core/time.h"
#include "fs/anon/anon_inode.h"
#include "fs/pipe/poll_wait.h"
#include "ipc/fd_events.h"
#include "lib/format.h"
#include "lib/member_owner.h"
#include "mm/user_ptr.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"
#include "syscalls/wait_args.h"

static_assert(sizeof(epoll_event) == 12, "x86_64 packs struct epoll_event");

struct EventPoll;

struct EpollItem {
    AsyncNotify notify;   // on the watched file's queue
    EventPoll* ep = nullptr;
    File* file = nullptr;   // not owned: the item goes when the file does
    int fd = -1;
    u32 events = 0;
    u64 data = 0;
    WaitQueue* queue = nullptr;   // where notify is registered; null when readiness never changes
    EpollItem* next_in_file = nullptr;
    ListNode ep_node;
    ListNode ready_node;
    bool dead = false;
};

struct EventPoll : RefCounted<EventPoll> {
    Mutex mtx{"epoll"};
    IntrusiveList<EpollItem, &EpollItem::ep_node> items;
    IntrusiveList<EpollItem, &EpollItem::ready_node> ready;
    WaitQueue wq;
    File* file = nullptr;   // the instance's own file, until it is released (under g_lock)
};

namespace {

// linux: fs/eventpoll.c. Bits that steer the item rather than name events.
constexpr u32 kPrivateBits = EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE;
constexpr u32 kExclusiveOkBits = EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE;
constexpr int kMaxNests = 4;   // EPOLL_MAX_NESTS
constexpr i64 kMaxEvents = 0x7fffffff / sizeof(epoll_event);
constexpr u32 kEpollReadable = EPOLLIN | EPOLLRDNORM;   // an instance with events, to poll()
// linux: ep_poll_safewake(): an instance's own watchers hear about EPOLLIN only.
constexpr u32 kEpollWakeKey = EPOLLIN;

constinit Spinlock g_lock{LockRank::Epoll, "epoll"};

using ReadyList = decltype(EventPoll::ready);

void put_ep(EventPoll* ep) {
    if (ep->deref()) delete ep;
}

void fire(AsyncNotify* n, u32 key) {
    EpollItem* it = member_owner(n, &EpollItem::notify);
    EventPoll* ep;
    {
        SpinlockGuard g(g_lock);
        if (it->dead || !(it->events & ~kPrivateBits)) return;   // gone, or a disarmed one-shot
        // linux: ep_poll_callback() ignores wake-ups about other events.
        if (key != kWakeAny && !(key & it->events)) return;
        ep = it->ep;
        if (!ReadyList::is_linked(*it)) ep->ready.push_back(*it);
        ep->ref();   // the instance may be closed as soon as the lock is dropped
    }
    ep->wq.wake_all(kEpollWakeKey);
    put_ep(ep);
}

// Unlinks it from everything under g_lock; the caller then unregisters and frees it.
void unlink_locked(EpollItem& it) {
    it.dead = true;
    it.ep->items.remove(it);
    if (ReadyList::is_linked(it)) it.ep->ready.remove(it);
    EpollItem* head = it.file->epoll_items.load(std::memory_order_relaxed);
    if (head == &it) {
        it.file->epoll_items.store(it.next_in_file, std::memory_order_release);
    } else {
        for (EpollItem* p = head; p; p = p->next_in_file) {
            if (p->next_in_file == &it) {
                p->next_in_file = it.next_in_file;
                break;
            }
        }
    }
    it.next_in_file = nullptr;
}

// After unlink_locked, outside g_lock: waits for running callbacks, then frees.
void free_item(EpollItem* it) {
    if (it->queue) it->queue->remove_async(it->notify);
    delete it;
}

EventPoll* ep_of(const File& f) { return static_cast<EventPoll*>(f.private_data); }

// The watched file, referenced, or null when it is already on its way out.
RefPtr<File> pin_file(EpollItem& it) {
    if (!it.file->try_ref()) return nullptr;
    RefPtr<File> f(it.file);
    it.file->deref();   // RefPtr took its own reference
    return f;
}

// The instance's readiness as poll() sees it: some ready item that polls ready now.
u32 ep_poll(EventPoll& ep) {
    for (usize i = 0;; i++) {
        RefPtr<File> f;
        u32 events;
        {
            SpinlockGuard g(g_lock);
            EpollItem* it = ep.ready.first();
            for (usize k = 0; it && k < i; k++) it = ep.ready.next_of(*it);
            if (!it) return 0;
            f = pin_file(*it);
            events = it->events;
        }
        if (f && (f->poll() & events & ~kPrivateBits)) return kEpollReadable;
    }
}

class EpollOps final : public FileOps {
public:
    constexpr EpollOps() = default;

    u32 poll(File& f) override { return ep_poll(*ep_of(f)); }
    WaitQueue* wait_queue(File& f) override { return &ep_of(f)->wq; }
    usize fdinfo(File& f, char* buf, usize cap) override {
        // linux 6.1 ep_show_fdinfo().
        EventPoll& ep = *ep_of(f);
        MutexGuard m(ep.mtx);
        usize n = 0;
        for (usize i = 0; n + 1 < cap; i++) {
            RefPtr<File> t;
            int fd;
            u32 events;
            u64 data;
            {
                SpinlockGuard g(g_lock);
                EpollItem* it = ep.items.first();
                for (usize k = 0; it && k < i; k++) it = ep.items.next_of(*it);
                if (!it) break;
                t = pin_file(*it);
                fd = it->fd;
                events = it->events;
                data = it->data;
            }
            if (!t) continue;
            n += format(buf + n, cap - n, "tfd: %8d events: %8x data: %16llx  pos:%lli ino:%lx sdev:%x\n", fd, events,
                        static_cast<unsigned long long>(data), static_cast<long long>(t->offset()),
                        static_cast<unsigned long>(t->inode().ino()), t->inode().sb().dev());
            n = min(n, cap - 1);
        }
        return n;
    }
    void release(File& f) override {
        EventPoll* ep = ep_of(f);
        {
            SpinlockGuard g(g_lock);
            ep->file = nullptr;
        }
        f.private_data = nullptr;
        for (;;) {
            EpollItem* it;
            {
                SpinlockGuard g(g_lock);
                it = ep->items.first();
                if (!it) break;
                unlink_locked(*it);
            }
            free_item(it);
        }
        put_ep(ep);
    }
};

constinit EpollOps g_epoll_ops;

bool is_epoll(const File& f) { return &f.ops() == &g_epoll_ops; }

// How many levels of instances lie below ep (0: none), or -1 when `target` is among them.
// Under g_lock.
int depth_below(EventPoll& ep, const EventPoll* target, int limit) {
    if (&ep == target) return -1;
    if (limit < 0) return kMaxNests + 1;
    int deepest = 0;
    for (EpollItem& it : ep.items) {
        if (!is_epoll(*it.file)) continue;
        EventPoll* child = ep_of(*it.file);
        if (!child) continue;
        int d = depth_below(*child, target, limit - 1);
        if (d < 0) return -1;
        deepest = max(deepest, d + 1);
    }
    return deepest;
}

// How many levels of instances watch ep (0: none). Under g_lock.
int depth_above(EventPoll& ep, int limit) {
    if (limit < 0 || !ep.file) return limit < 0 ? kMaxNests + 1 : 0;
    int deepest = 0;
    for (EpollItem* it = ep.file->epoll_items.load(std::memory_order_relaxed); it; it = it->next_in_file)
        deepest = max(deepest, 1 + depth_above(*it->ep, limit - 1));
    return deepest;
}

// linux: ep_loop_check(): adding `to` under `ep` must not close a cycle or nest too deep.
// LINUX-DIVERGENCE: the whole chain through ep counts, as in Linux since 6.15 (the upward depth
// bounds the kernel's recursion through nested instances); 6.1 only looked below `to`.
bool loop_ok(EventPoll& ep, File& to) {
    SpinlockGuard g(g_lock);
    EventPoll* child = ep_of(to);
    if (!child) return true;
    int below = depth_below(*child, &ep, kMaxNests + 1);
    if (below < 0 || below > kMaxNests) return false;
    return below + 1 + depth_above(ep, kMaxNests + 1) <= kMaxNests;
}

EpollItem* find_locked(EventPoll& ep, File* f, int fd) {
    for (EpollItem& it : ep.items)
        if (it.file == f && it.fd == fd) return &it;
    return nullptr;
}

// Queues `it` when its file is ready for what it watches (after ADD and MOD), and wakes waiters.
void queue_if_ready(EventPoll& ep, EpollItem& it, File& f, u32 events) {
    if (!(f.poll() & events & ~kPrivateBits)) return;
    {
        SpinlockGuard g(g_lock);
        if (it.dead || ReadyList::is_linked(it)) return;
        ep.ready.push_back(it);
    }
    ep.wq.wake_all(kEpollWakeKey);
}

Result<void> ep_insert(EventPoll& ep, RefPtr<File>& tf, int fd, const epoll_event& ev) {
    auto* it = new (std::nothrow) EpollItem();
    if (!it) return Error(ENOMEM);
    it->ep = &ep;
    it->file = tf.ptr();
    it->fd = fd;
    it->events = ev.events | EPOLLERR | EPOLLHUP;
    it->data = ev.data;
    it->queue = tf->wait_queue();
    it->notify.fire = fire;
    {
        SpinlockGuard g(g_lock);
        ep.items.push_back(*it);
        it->next_in_file = tf->epoll_items.load(std::memory_order_relaxed);
        tf->epoll_items.store(it, std::memory_order_release);
    }
    if (it->queue) it->queue->add_async(it->notify);
    queue_if_ready(ep, *it, *tf, it->events);
    return {};
}

// linux: ep_send_events(). Up to maxevents ready items are polled again and reported; the
// level-triggered ones go back to the end of the list.
Result<int> send_events(EventPoll& ep, uptr out, int maxevents) {
    MutexGuard m(ep.mtx);
    usize budget;
    {
        SpinlockGuard g(g_lock);
        budget = ep.ready.size();
    }
    int n = 0;
    for (; budget && n < maxevents; budget--) {
        EpollItem* it;
        RefPtr<File> f;
        u32 events;
        u64 data;
        {
            SpinlockGuard g(g_lock);
            it = ep.ready.pop_front();
            if (!it) break;
            f = pin_file(*it);
            events = it->events;
            data = it->data;
        }
        if (!f) continue;
        u32 revents = f->poll() & events;
        if (!revents) continue;
        epoll_event e{};
        e.events = revents;
        e.data = data;
        if (copy_to_user(out + usize(n) * sizeof(e), &e, sizeof(e)).is_error()) {
            SpinlockGuard g(g_lock);
            if (!it->dead && !ReadyList::is_linked(*it)) ep.ready.push_front(*it);
            if (!n) return Error(EFAULT);
            break;
        }
        n++;
        SpinlockGuard g(g_lock);
        if (it->events & EPOLLONESHOT) it->events &= kPrivateBits;
        else if (!(it->events & EPOLLET) && !ReadyList::is_linked(*it)) ep.ready.push_back(*it);
    }
    return n;
}

bool ready_nonempty(EventPoll& ep) {
    SpinlockGuard g(g_lock);
    return !ep.ready.empty();
}

bool deadline_passed(u64 deadline) { return deadline == kPollNoWait || (deadline != kPollForever && monotonic_ns() >= deadline); }

// linux: ep_poll(): ready events win over a pending signal, which wins over sleeping; a zero
// timeout never looks at signals.
Result<int> ep_wait(EventPoll& ep, uptr out, int maxevents, u64 deadline) {
    Thread* self = current_thread();
    for (;;) {
        int n = TRY(send_events(ep, out, maxevents));
        if (n) return n;
        if (deadline_passed(deadline)) return 0;
        if (signal_pending_current()) return Error(EINTR);
        Waiter w;
        w.thread = self;
        ep.wq.add(w);
        sched_mark_blocked(self);
        if (ready_nonempty(ep) || signal_pending_current() || deadline_passed(deadline)) {
            sched_unblock_self();
            ep.wq.remove(w);
            continue;
        }
        sched_block_until(deadline);
        ep.wq.remove(w);
    }
}

Result<i64> epoll_create_common(u32 flags) {
    if (flags & ~u32(EPOLL_CLOEXEC)) return Error(EINVAL);
    auto* ep = new (std::nothrow) EventPoll();
    if (!ep) return Error(ENOMEM);
    auto file = anon_inode_file("eventpoll", g_epoll_ops, ep, O_RDWR);
    if (file.is_error()) {
        put_ep(ep);
        return file.error();
    }
    ep->file = file.value().ptr();
    return fd_install_new(file.release_value(), flags & EPOLL_CLOEXEC);
}

// linux: do_epoll_wait(): argument checks in Linux's order.
Result<EventPoll*> wait_target(int epfd, uptr events, int maxevents, RefPtr<File>& holder) {
    if (maxevents <= 0 || maxevents > kMaxEvents) return Error(EINVAL);
    if (!user_range_ok(events, usize(maxevents) * sizeof(epoll_event))) return Error(EFAULT);
    holder = TRY(fd_file(epfd));
    if (!is_epoll(*holder)) return Error(EINVAL);
    return ep_of(*holder);
}

u64 ms_deadline(int timeout_ms) {
    if (timeout_ms < 0) return kPollForever;
    if (timeout_ms == 0) return kPollNoWait;
    return poll_deadline_after(u64(timeout_ms) * 1'000'000);
}

SyscallResult wait_with_mask(int epfd, uptr events, int maxevents, u64 deadline, uptr sigmask, usize sigsetsize) {
    TRY(set_user_sigmask(sigmask, sigsetsize));
    RefPtr<File> holder;
    Result<int> r = [&]() -> Result<int> {
        EventPoll* ep = TRY(wait_target(epfd, events, maxevents, holder));
        return ep_wait(*ep, events, maxevents, deadline);
    }();
    restore_user_sigmask_unless(r.is_error() && r.error_code() == EINTR);
    return TRY(std::move(r));
}

}  // namespace

void epoll_file_released(File& f) {
    for (;;) {
        EpollItem* it;
        {
            SpinlockGuard g(g_lock);
            it = f.epoll_items.load(std::memory_order_relaxed);
            if (!it) return;
            unlink_locked(*it);
        }
        free_item(it);
    }
}

SyscallResult sys_epoll_create(int size) {
    if (size <= 0) return Error(EINVAL);
    return epoll_create_common(0);
}

SyscallResult sys_epoll_create1(Flags flags) { return epoll_create_common(u32(flags.value)); }

SyscallResult sys_epoll_ctl(Fd epfd, int op, Fd fd, UserPtr<const void> event) {
    // linux: do_epoll_ctl(), checks in Linux's order.
    epoll_event ev{};
    bool has_event = op != EPOLL_CTL_DEL;
    if (has_event) TRY(copy_from_user(&ev, event.addr(), sizeof(ev)));
    RefPtr<File> f = TRY(fd_file(epfd));
    RefPtr<File> tf = TRY(fd_file(fd));
    if (!tf->wait_queue()) return Error(EPERM);   // linux: !file_can_poll()
    // linux: ep_take_care_of_epollwakeup(): dropped without CAP_BLOCK_SUSPEND; kept (and shown
    // in fdinfo) otherwise, though there is no suspend here for it to hold off.
    if (has_event && !capable(CAP_BLOCK_SUSPEND)) ev.events &= ~u32(EPOLLWAKEUP);
    if (f.ptr() == tf.ptr() || !is_epoll(*f)) return Error(EINVAL);
    if (has_event && (ev.events & EPOLLEXCLUSIVE)) {
        if (op == EPOLL_CTL_MOD) return Error(EINVAL);
        if (op == EPOLL_CTL_ADD && (is_epoll(*tf) || (ev.events & ~kExclusiveOkBits))) return Error(EINVAL);
    }
    EventPoll& ep = *ep_of(*f);
    MutexGuard m(ep.mtx);
    if (op == EPOLL_CTL_ADD && is_epoll(*tf) && !loop_ok(ep, *tf)) return Error(ELOOP);
    EpollItem* it;
    {
        SpinlockGuard g(g_lock);
        it = find_locked(ep, tf.ptr(), fd);
    }
    switch (op) {
    case EPOLL_CTL_ADD:
        if (it) return Error(EEXIST);
        TRY(ep_insert(ep, tf, fd, ev));
        return 0;
    case EPOLL_CTL_DEL:
        if (!it) return Error(ENOENT);
        {
            SpinlockGuard g(g_lock);
            unlink_locked(*it);
        }
        free_item(it);
        return 0;
    case EPOLL_CTL_MOD: {
        if (!it) return Error(ENOENT);
        u32 events;
        {
            SpinlockGuard g(g_lock);
            if (it->events & EPOLLEXCLUSIVE) return Error(EINVAL);
            it->events = events = ev.events | EPOLLERR | EPOLLHUP;
            it->data = ev.data;
        }
        queue_if_ready(ep, *it, *tf, events);
        return 0;
    }
    default:
        return Error(EINVAL);
    }
}

SyscallResult sys_epoll_wait(Fd epfd, UserPtr<void> events, int maxevents, int timeout) {
    return wait_with_mask(epfd, events.addr(), maxevents, ms_deadline(timeout), 0, 0);
}

SyscallResult sys_epoll_pwait(Fd epfd, UserPtr<void> events, int maxevents, int timeout, UserPtr<const u64> sigmask,
                              usize sigsetsize) {
    return wait_with_mask(epfd, events.addr(), maxevents, ms_deadline(timeout), sigmask.addr(), sigsetsize);
}

SyscallResult sys_epoll_pwait2(Fd epfd, UserPtr<void> events, int maxevents, UserPtr<const void> timeout,
                               UserPtr<const u64> sigmask, usize sigsetsize) {
    u64 deadline = kPollForever;
    if (!timeout.is_null()) deadline = TRY(timespec_timeout(timeout.addr())).deadline;
    return wait_with_mask(epfd, events.addr(), maxevents, deadline, sigmask.addr(), sigsetsize);
}

Result<const File*> epoll_watched_file(File& epfile, int tfd, u32 toff) {
    if (!is_epoll(epfile)) return Error(EINVAL);
    EventPoll& ep = *ep_of(epfile);
    SpinlockGuard g(g_lock);
    for (EpollItem& it : ep.items) {
        if (it.dead || it.fd != tfd) continue;
        if (toff-- == 0) return static_cast<const File*>(it.file);
    }
    return Error(ENOENT);
}
