// SPDX-License-Identifier: MIT
// timerfd_create, timerfd_settime, timerfd_gettime (man 2 timerfd_create): a timer whose
// expirations are read as a count (linux: fs/timerfd.c). As on Linux, an expired periodic
// timer is not re-armed from the interrupt: the next read or gettime moves it forward and adds
// the periods that passed to the count, so a tiny interval cannot flood the machine.
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "core/signal.h"
#include "fs/anon/anon_inode.h"
#include "ipc/clock_timer.h"
#include "ipc/fd_events.h"
#include "ipc/timer_math.h"
#include "lib/format.h"
#include "syscalls/handlers.h"

#include <linux/timerfd.h>

namespace {

constexpr u64 kCreateFlags = TFD_CLOEXEC | TFD_NONBLOCK;
constexpr u64 kSettimeFlags = TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET;

struct TimerFd {
    int clock = 0;
    ClockTimer timer;
    u64 interval = 0;
    u64 ticks = 0;            // expirations not read yet
    bool expired = false;     // fired and not yet moved forward (periodic timers)
    bool canceled = false;    // the clock was set while cancel-on-set was asked for
    u32 settime_flags = 0;
    WaitQueue wq;
};

TimerFd* timerfd_of(const File& f) { return static_cast<TimerFd*>(f.private_data); }
TimerFd* from_timer(ClockTimer* t) {
    return reinterpret_cast<TimerFd*>(reinterpret_cast<u8*>(t) - offsetof(TimerFd, timer));
}

void fired(ClockTimer* t) {
    TimerFd* tf = from_timer(t);
    SpinlockGuard g(g_timer_objects_lock);
    tf->expired = true;
    tf->ticks++;
    tf->wq.wake_all();
}

void clock_set(ClockTimer* t) {
    TimerFd* tf = from_timer(t);
    tf->canceled = true;
    tf->ticks++;
    tf->wq.wake_all();
}

// Lock held: an expired periodic timer moves past now, its skipped periods join the count.
void catch_up_locked(TimerFd& tf) {
    if (!tf.expired || !tf.interval) return;
    u64 n = timer_forward(tf.timer.expiry, tf.interval, timer_base_now(tf.timer.base));
    tf.ticks += n ? n - 1 : 0;
    tf.expired = false;
    clock_timer_start(tf.timer, tf.timer.base, tf.timer.expiry);
}

TimerSetting current_locked(TimerFd& tf) {
    return TimerSetting{timer_remaining(tf.timer.expiry, timer_base_now(tf.timer.base)), tf.interval};
}

class TimerFdOps final : public FileOps {
public:
    constexpr TimerFdOps() = default;

    Result<usize> read(File& f, const IoBuffer& buf, u64&) override {
        if (buf.size() < sizeof(u64)) return Error(EINVAL);
        TimerFd& tf = *timerfd_of(f);
        bool nonblock = f.flags() & O_NONBLOCK;
        for (;;) {
            u64 ticks = 0;
            {
                SpinlockGuard g(g_timer_objects_lock);
                // linux: a clock change discards the count and is reported once.
                if (tf.canceled) {
                    tf.canceled = false;
                    tf.ticks = 0;
                    tf.expired = false;
                    return Error(ECANCELED);
                }
                if (tf.ticks) {
                    catch_up_locked(tf);
                    ticks = tf.ticks;
                    tf.ticks = 0;
                    tf.expired = false;
                }
            }
            if (ticks) {
                TRY(buf.write_at(0, &ticks, sizeof(ticks)));
                return sizeof(u64);
            }
            if (nonblock) return Error(EAGAIN);
            auto r = tf.wq.wait_interruptible([&] {
                SpinlockGuard g(g_timer_objects_lock);
                return tf.ticks != 0;
            });
            if (r.is_error()) return Error(kErestartSys);
        }
    }
    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override {
        if (cmd != TFD_IOC_SET_TICKS) return Error(ENOTTY);
        u64 ticks = TRY(copy_from_user(UserPtr<const u64>(arg)));
        TimerFd& tf = *timerfd_of(f);
        SpinlockGuard g(g_timer_objects_lock);
        // linux: timerfd_canceled() reports (and clears) a pending cancellation first.
        if (tf.canceled) {
            tf.canceled = false;
            return Error(ECANCELED);
        }
        tf.ticks = ticks;
        tf.wq.wake_all();
        return 0;
    }
    u32 poll(File& f) override {
        TimerFd& tf = *timerfd_of(f);
        SpinlockGuard g(g_timer_objects_lock);
        return tf.ticks ? POLLIN | POLLRDNORM : 0;
    }
    WaitQueue* wait_queue(File& f) override { return &timerfd_of(f)->wq; }
    usize fdinfo(File& f, char* buf, usize cap) override {
        TimerFd& tf = *timerfd_of(f);
        TimerSetting v;
        u64 ticks;
        u32 flags;
        {
            SpinlockGuard g(g_timer_objects_lock);
            v = current_locked(tf);
            ticks = tf.ticks;
            flags = tf.settime_flags;
        }
        using ull = unsigned long long;
        usize n = format(buf, cap, "clockid: %d\nticks: %llu\nsettime flags: 0%o\nit_value: (%llu, %llu)\nit_interval: (%llu, %llu)\n",
                         tf.clock, static_cast<ull>(ticks), flags, static_cast<ull>(timer_ns_sec(v.value)),
                         static_cast<ull>(timer_ns_nsec(v.value)), static_cast<ull>(timer_ns_sec(v.interval)),
                         static_cast<ull>(timer_ns_nsec(v.interval)));
        return min(n, cap - 1);
    }
    void release(File& f) override {
        TimerFd* tf = timerfd_of(f);
        if (!tf) return;
        {
            SpinlockGuard g(g_timer_objects_lock);
            clock_timer_stop(tf->timer);
            clock_timer_watch_clock(tf->timer, false);
        }
        clock_timer_sync(tf->timer);
        f.private_data = nullptr;
        delete tf;
    }
};

constinit TimerFdOps g_timerfd_ops;

// linux: timerfd_fget(): EBADF for no file, EINVAL for a file that is not a timerfd.
Result<RefPtr<File>> timerfd_file(int fd) {
    RefPtr<File> f = TRY(current_process()->fds->get(fd));
    if (&f->ops() != &g_timerfd_ops) return Error(EINVAL);
    return f;
}

}  // namespace

SyscallResult sys_timerfd_create(int clock, Flags flags) {
    if (flags.value & ~kCreateFlags) return Error(EINVAL);
    if (clock != CLOCK_MONOTONIC && clock != CLOCK_REALTIME && clock != CLOCK_REALTIME_ALARM && clock != CLOCK_BOOTTIME &&
        clock != CLOCK_BOOTTIME_ALARM)
        return Error(EINVAL);
    if (clock_is_alarm(clock) && !capable(CAP_WAKE_ALARM)) return Error(EPERM);
    auto* tf = new (std::nothrow) TimerFd();
    if (!tf) return Error(ENOMEM);
    tf->clock = clock;
    clock_timer_init(tf->timer, fired);
    tf->timer.clock_set = clock_set;
    auto file = anon_inode_file("timerfd", g_timerfd_ops, tf, O_RDWR | (flags.value & O_NONBLOCK));
    if (file.is_error()) {
        delete tf;
        return file.error();
    }
    return fd_install_new(file.release_value(), flags.value & O_CLOEXEC);
}

SyscallResult sys_timerfd_settime(int fd, Flags flags, UserPtr<const void> new_value, UserPtr<void> old_value) {
    bool valid;
    TimerSetting want = TRY(timer_setting_from_user(new_value.addr(), valid));
    if ((flags.value & ~kSettimeFlags) || !valid) return Error(EINVAL);
    RefPtr<File> file = TRY(timerfd_file(fd));
    TimerFd* tf = timerfd_of(*file);
    if (clock_is_alarm(tf->clock) && !capable(CAP_WAKE_ALARM)) return Error(EPERM);
    bool absolute = flags.value & TFD_TIMER_ABSTIME;
    u64 value = want.value;
    u64 interval = want.interval;
    TimerSetting old;
    {
        SpinlockGuard g(g_timer_objects_lock);
        // linux: timerfd_setup_cancel(): only absolute realtime timers can be cancelled.
        bool cancel = clock_is_realtime(tf->clock) && (flags.value & kSettimeFlags) == kSettimeFlags;
        clock_timer_watch_clock(tf->timer, cancel);
        if (!cancel) tf->canceled = false;
        // The previous setting as gettime would report it (an expired periodic timer moves on,
        // without touching the count that the new setting discards anyway).
        if (tf->expired && tf->interval) timer_forward(tf->timer.expiry, tf->interval, timer_base_now(tf->timer.base));
        old = current_locked(*tf);
        clock_timer_stop(tf->timer);
        tf->expired = false;
        tf->ticks = 0;
        tf->interval = interval;
        tf->settime_flags = static_cast<u32>(flags.value & kSettimeFlags);
        TimerBase base = timer_base_for(tf->clock, absolute);
        tf->timer.base = base;
        tf->timer.expiry = 0;
        if (value) clock_timer_start(tf->timer, base, absolute ? value : timer_add_sat(timer_base_now(base), value));
    }
    if (!old_value.is_null()) TRY(timer_setting_to_user(old_value.addr(), old));
    return 0;
}

SyscallResult sys_timerfd_gettime(int fd, UserPtr<void> cur) {
    RefPtr<File> file = TRY(timerfd_file(fd));
    TimerFd* tf = timerfd_of(*file);
    TimerSetting v;
    {
        SpinlockGuard g(g_timer_objects_lock);
        catch_up_locked(*tf);
        v = current_locked(*tf);
    }
    TRY(timer_setting_to_user(cur.addr(), v));
    return 0;
}
