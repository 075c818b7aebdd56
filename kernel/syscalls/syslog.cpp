// SPDX-License-Identifier: MIT
// syslog(2) (klogctl; BusyBox dmesg): the kernel log ring read as text, each line
// "<level>[seconds.micros] text\n". READ consumes from a global position (blocking while
// nothing is unread); READ_ALL copies the newest whole lines that fit since the last CLEAR.
// linux: kernel/printk/printk.c (do_syslog, syslog_print, syslog_print_all).
#include <atomic>

#include "core/log.h"
#include "core/process.h"
#include "core/sched.h"
#include "core/signal.h"
#include "mm/kheap.h"
#include "syscalls/handlers.h"

namespace {

// linux: include/linux/syslog.h (not part of the UAPI headers); values as man 2 syslog.
enum SyslogAction : int {
    kClose = 0, kOpen = 1, kRead = 2, kReadAll = 3, kReadClear = 4, kClear = 5,
    kConsoleOff = 6, kConsoleOn = 7, kConsoleLevel = 8, kSizeUnread = 9, kSizeBuffer = 10,
};

// Debian builds its kernels with CONFIG_SECURITY_DMESG_RESTRICT, so kernel.dmesg_restrict is 1
// and every action needs CAP_SYSLOG. LINUX-DIVERGENCE: not adjustable (no sysctl file yet).
constexpr bool kDmesgRestrict = true;
constexpr int kMinimumConsoleLevel = 1;   // linux: minimum_console_loglevel
constexpr u64 kReadPollNs = 50'000'000;   // the ring has no wait queue: READ looks this often

std::atomic<u64> g_read_pos{0};    // linux: syslog_seq (+ syslog_partial)
std::atomic<u64> g_clear_pos{0};   // linux: clear_seq
std::atomic<int> g_saved_console_level{-1};

bool allowed(int type) {
    bool restricted = kDmesgRestrict || (type != kReadAll && type != kSizeBuffer);
    if (!restricted) return true;
    const Credentials& c = current_process()->creds;
    return c.has_cap(CAP_SYSLOG) || c.has_cap(CAP_SYS_ADMIN);
}

// A kernel-side copy of the log from pos on.
class Snapshot {
public:
    explicit Snapshot(u64 pos) : m_buf(static_cast<char*>(kmalloc(kLogRingSize))) {
        if (m_buf) m_span = log_copy_since(pos, m_buf, kLogRingSize);
    }
    ~Snapshot() { kfree(m_buf); }
    ARAMID_NOCOPY(Snapshot);
    bool ok() const { return m_buf != nullptr; }
    const char* data() const { return m_buf; }
    LogSpan span() const { return m_span; }

private:
    char* m_buf;
    LogSpan m_span{0, 0};
};

SyscallResult read_all(UserPtr<char> buf, int len, bool clear) {
    Snapshot snap(g_clear_pos.load());
    if (!snap.ok()) return Error(ENOMEM);
    // The newest whole lines that fit: drop the oldest until the rest does.
    const char* p = snap.data();
    usize n = snap.span().len;
    while (n > static_cast<usize>(len)) {
        usize skip = 0;
        while (skip < n && p[skip] != '\n') skip++;
        skip = min(skip + 1, n);
        p += skip;
        n -= skip;
    }
    TRY(copy_to_user(buf.addr(), p, n));
    if (clear) g_clear_pos.store(snap.span().from + snap.span().len);
    return static_cast<i64>(n);
}

SyscallResult read_unread(UserPtr<char> buf, int len) {
    for (;;) {
        Snapshot snap(g_read_pos.load());
        if (!snap.ok()) return Error(ENOMEM);
        usize n = min(snap.span().len, static_cast<usize>(len));
        if (n > 0) {
            TRY(copy_to_user(buf.addr(), snap.data(), n));
            g_read_pos.store(snap.span().from + n);
            return static_cast<i64>(n);
        }
        if (signal_pending_current()) return Error(ERESTARTSYS);
        sleep_ns(kReadPollNs);
    }
}

}  // namespace

SyscallResult sys_syslog(int type, UserPtr<char> buf, int len) {
    if (!allowed(type)) return Error(EPERM);
    switch (type) {
    case kClose:
    case kOpen:
        return 0;
    case kRead:
    case kReadAll:
    case kReadClear:
        if (buf.addr() == 0 || len < 0) return Error(EINVAL);
        if (len == 0) return 0;
        return type == kRead ? read_unread(buf, len) : read_all(buf, len, type == kReadClear);
    case kClear:
        g_clear_pos.store(log_end());
        return 0;
    case kConsoleOff: {
        int none = -1;
        g_saved_console_level.compare_exchange_strong(none, log_console_level());
        log_set_console_level(kMinimumConsoleLevel);
        return 0;
    }
    case kConsoleOn: {
        int saved = g_saved_console_level.exchange(-1);
        if (saved != -1) log_set_console_level(saved);
        return 0;
    }
    case kConsoleLevel:
        if (len < 1 || len > 8) return Error(EINVAL);
        log_set_console_level(max(len, kMinimumConsoleLevel));
        g_saved_console_level.store(-1);
        return 0;
    case kSizeUnread: {
        Snapshot snap(g_read_pos.load());
        if (!snap.ok()) return Error(ENOMEM);
        return static_cast<i64>(snap.span().len);
    }
    case kSizeBuffer:
        return static_cast<i64>(kLogRingSize);
    default:
        return Error(EINVAL);
    }
}
