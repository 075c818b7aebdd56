// SPDX-License-Identifier: MIT
// poll, ppoll, select and pselect6 (man 2 poll, man 2 select) over the one readiness loop,
// poll_files() (fs/pipe/poll_wait.h). Argument checks, the fd_set and pollfd handling, the
// temporary signal mask and the remaining-time write-back follow linux: fs/select.c.
//
// LINUX-DIVERGENCE: an interrupted poll(2) returns ERESTARTNOHAND, not ERESTART_RESTARTBLOCK:
// after a handler the caller sees EINTR as on Linux, but a restart without a handler (a stop and
// SIGCONT) starts again with the full timeout instead of the time left. Test: poll/poll_signal.
#include <cstddef>

#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "core/signal.h"
#include "core/time.h"
#include "fs/pipe/poll_wait.h"
#include "syscalls/wait_args.h"
#include "mm/kheap.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

// linux: fs/select.c, what select's three sets mean in poll terms.
constexpr u32 kPollInSet = POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR;
constexpr u32 kPollOutSet = POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR;
constexpr u32 kPollExSet = POLLPRI;
constexpr u64 kNsPerSec = 1'000'000'000;

static_assert(sizeof(pollfd) == 8 && offsetof(pollfd, revents) == 6);
static_assert(sizeof(__kernel_old_timeval) == 16 && sizeof(__kernel_timespec) == 16);

u64 nofile_limit_now() { return current_process()->rlimits[RLIMIT_NOFILE].cur; }

// A scratch buffer: on the stack when small (most calls watch a few descriptors; Linux's
// POLL_STACK_ALLOC), else kmalloc'd; freed on scope exit.
class Scratch {
public:
    Scratch() = default;
    ~Scratch() {
        if (m_p != m_inline) kfree(m_p);
    }
    ARAMID_NOCOPY(Scratch);
    Result<void*> alloc(usize bytes, bool zero) {
        if (bytes <= sizeof(m_inline)) {
            m_p = m_inline;
            if (zero) __builtin_memset(m_inline, 0, bytes);
            return m_p;
        }
        m_p = zero ? kzalloc(bytes) : kmalloc(bytes);
        if (!m_p) return Error(ENOMEM);
        return m_p;
    }

private:
    void* m_p = nullptr;
    alignas(16) u8 m_inline[256];
};

// An array of n PollEntry (constructed and destroyed here: they hold file references).
class EntryArray {
public:
    EntryArray() = default;
    ~EntryArray() {
        for (usize i = 0; i < m_n; i++) m_p[i].~PollEntry();
    }
    ARAMID_NOCOPY(EntryArray);
    Result<void> init(usize n) {
        if (!n) return {};
        usize bytes;
        if (__builtin_mul_overflow(n, sizeof(PollEntry), &bytes)) return Error(ENOMEM);
        m_p = static_cast<PollEntry*>(TRY(m_storage.alloc(bytes, false)));
        for (; m_n < n; m_n++) new (&m_p[m_n]) PollEntry();
        return {};
    }
    Span<PollEntry> span() { return Span<PollEntry>(m_p, m_n); }
    PollEntry& operator[](usize i) { return m_p[i]; }

private:
    Scratch m_storage;
    PollEntry* m_p = nullptr;
    usize m_n = 0;
};

enum class TimeKind { Timeval, Timespec };

// linux: poll_select_finish(): restores the signal mask unless interrupted, writes the time left
// back, and maps EINTR to ERESTARTNOHAND (plain EINTR when the write-back faulted: a restart
// would reuse the old timeout).
SyscallResult poll_select_finish(Result<int> r, uptr p, u64 end_ns, TimeKind kind) {
    bool interrupted = r.is_error() && r.error_code() == EINTR;
    restore_user_sigmask_unless(interrupted);
    if (p && end_ns) {
        u64 now = monotonic_ns();
        u64 left = end_ns > now ? end_ns - now : 0;
        i64 sec = static_cast<i64>(min<u64>(left / kNsPerSec, ~u64(0) >> 1));
        i64 nsec = static_cast<i64>(left % kNsPerSec);
        Result<void> w;
        if (kind == TimeKind::Timeval) {
            __kernel_old_timeval tv{sec, nsec / 1000};
            w = copy_to_user(p, &tv, sizeof(tv));
        } else {
            __kernel_timespec ts{sec, nsec};
            w = copy_to_user(p, &ts, sizeof(ts));
        }
        if (w.is_error() && interrupted) return Error(EINTR);
    }
    if (interrupted) return Error(kErestartNoHand);
    return TRY(std::move(r));
}

// linux: do_sys_poll().
Result<int> do_sys_poll(UserPtr<pollfd> ufds, u32 nfds, u64 deadline) {
    if (nfds > nofile_limit_now()) return Error(EINVAL);
    [[gnu::uninitialized]] Scratch scratch;   // (no pattern fill of its inline buffer)
    auto* kfds = static_cast<pollfd*>(TRY(scratch.alloc(usize(nfds) * sizeof(pollfd), false)));
    TRY(copy_from_user(kfds, ufds.addr(), usize(nfds) * sizeof(pollfd)));
    [[gnu::uninitialized]] EntryArray entries;
    TRY(entries.init(nfds));
    for (u32 i = 0; i < nfds; i++) {
        if (kfds[i].fd < 0) continue;   // ignored: revents 0
        auto f = fd_file(kfds[i].fd);
        if (f.is_error()) {
            entries[i].revents = POLLNVAL;   // linux: fdget() fails (O_PATH too)
            continue;
        }
        entries[i].file = f.release_value();
        entries[i].events = u32(u16(kfds[i].events)) | POLLERR | POLLHUP;
    }
    Result<int> r = poll_files(entries.span(), deadline);
    // revents are written back even when a signal interrupted the wait (as Linux).
    for (u32 i = 0; i < nfds; i++) {
        i16 rev = static_cast<i16>(entries[i].revents);
        TRY(copy_to_user(ufds.addr() + i * sizeof(pollfd) + offsetof(pollfd, revents), &rev, sizeof(rev)));
    }
    return r;
}

// The descriptor bound select looks at: Linux clamps nfds to the descriptor table's size
// (fdt->max_fds). The table grows in powers of two from 64 on both kernels; Aramid's is
// approximated from the highest open descriptor.
int select_fd_bound() {
    int hi = current_process()->fds->highest_fd();
    int cap = 64;
    while (cap <= hi) cap *= 2;
    return cap;
}

// linux: core_sys_select() and do_select().
Result<int> core_sys_select(int n, UserPtr<u64> inp, UserPtr<u64> outp, UserPtr<u64> exp, u64 deadline) {
    if (n < 0) return Error(EINVAL);
    n = min(n, select_fd_bound());
    usize words = (usize(n) + 63) / 64;
    usize bytes = words * sizeof(u64);
    [[gnu::uninitialized]] Scratch scratch;
    auto* sets = static_cast<u64*>(TRY(scratch.alloc(6 * bytes, true)));
    u64* in = sets;
    u64* out = sets + words;
    u64* ex = sets + 2 * words;
    u64* res_in = sets + 3 * words;
    u64* res_out = sets + 4 * words;
    u64* res_ex = sets + 5 * words;
    if (!inp.is_null()) TRY(copy_from_user(in, inp.addr(), bytes));
    if (!outp.is_null()) TRY(copy_from_user(out, outp.addr(), bytes));
    if (!exp.is_null()) TRY(copy_from_user(ex, exp.addr(), bytes));
    auto bit_set = [](const u64* s, int fd) { return (s[fd / 64] >> (fd % 64)) & 1; };

    usize count = 0;
    for (usize w = 0; w < words; w++) count += __builtin_popcountll(in[w] | out[w] | ex[w]);
    [[gnu::uninitialized]] EntryArray entries;
    TRY(entries.init(count));
    [[gnu::uninitialized]] Scratch fd_scratch;
    auto* fd_of = static_cast<int*>(TRY(fd_scratch.alloc(count * sizeof(int), false)));

    FdTable& table = *current_process()->fds;
    usize k = 0;
    for (int fd = 0; fd < n; fd++) {
        bool want_in = bit_set(in, fd), want_out = bit_set(out, fd), want_ex = bit_set(ex, fd);
        if (!want_in && !want_out && !want_ex) continue;
        // linux: max_select_fd(): every descriptor in the sets must be open (EBADF).
        RefPtr<File> f = TRY(table.get(fd));
        PollEntry& e = entries[k];
        fd_of[k++] = fd;
        // An O_PATH descriptor is open but cannot be polled: it never becomes ready.
        if (f->is_path_only()) continue;
        e.file = move_ref(f);
        e.events = (want_in ? kPollInSet : 0) | (want_out ? kPollOutSet : 0) | (want_ex ? kPollExSet : 0);
    }
    TRY(poll_files(entries.span(), deadline));   // EINTR: the sets are left alone

    int ready = 0;
    for (usize i = 0; i < k; i++) {
        int fd = fd_of[i];
        u32 rev = entries[i].revents;
        u64 bit = 1ull << (fd % 64);
        if ((rev & kPollInSet) && bit_set(in, fd)) {
            res_in[fd / 64] |= bit;
            ready++;
        }
        if ((rev & kPollOutSet) && bit_set(out, fd)) {
            res_out[fd / 64] |= bit;
            ready++;
        }
        if ((rev & kPollExSet) && bit_set(ex, fd)) {
            res_ex[fd / 64] |= bit;
            ready++;
        }
    }
    if (!inp.is_null()) TRY(copy_to_user(inp.addr(), res_in, bytes));
    if (!outp.is_null()) TRY(copy_to_user(outp.addr(), res_out, bytes));
    if (!exp.is_null()) TRY(copy_to_user(exp.addr(), res_ex, bytes));
    return ready;
}

}  // namespace

// linux: poll_select_set_timeout().
Result<Timeout> timeout_from(i64 sec, i64 nsec) {
    if (sec < 0 || nsec < 0 || nsec >= static_cast<i64>(kNsPerSec)) return Error(EINVAL);
    if (!sec && !nsec) return Timeout{kPollNoWait, 0};
    u64 ns;
    if (__builtin_mul_overflow(static_cast<u64>(sec), kNsPerSec, &ns) || __builtin_add_overflow(ns, u64(nsec), &ns))
        ns = ~u64(0);
    u64 d = poll_deadline_after(ns);
    return Timeout{d, d};
}

Result<Timeout> timespec_timeout(uptr p) {
    __kernel_timespec ts;
    TRY(copy_from_user(&ts, p, sizeof(ts)));
    return timeout_from(ts.tv_sec, ts.tv_nsec);
}

// linux: set_user_sigmask(): the mask in force while waiting; the old one comes back when the
// call returns, or after the handler when a signal interrupted it.
Result<void> set_user_sigmask(uptr mask, usize size) {
    if (!mask) return {};
    if (size != sizeof(SigSet)) return Error(EINVAL);
    SigSet m;
    TRY(copy_from_user(&m, mask, sizeof(m)));
    Thread* t = current_thread();
    t->saved_sigmask = t->sigmask;
    t->restore_sigmask = true;
    t->sigmask = m & ~kUnblockable;
    return {};
}

void restore_user_sigmask_unless(bool interrupted) {
    Thread* t = current_thread();
    if (!interrupted && t->restore_sigmask) {
        t->sigmask = t->saved_sigmask;
        t->restore_sigmask = false;
    }
}

SyscallResult sys_poll(UserPtr<pollfd> fds, u32 nfds, int timeout_ms) {
    u64 deadline = kPollForever;
    if (timeout_ms == 0) deadline = kPollNoWait;
    else if (timeout_ms > 0) deadline = poll_deadline_after(u64(timeout_ms) * 1'000'000);
    Result<int> r = do_sys_poll(fds, nfds, deadline);
    if (r.is_error() && r.error_code() == EINTR) return Error(kErestartNoHand);
    return TRY(std::move(r));
}

SyscallResult sys_ppoll(UserPtr<pollfd> fds, u32 nfds, UserPtr<const void> timeout, UserPtr<const u64> sigmask,
                        usize sigsetsize) {
    Timeout to;
    if (!timeout.is_null()) to = TRY(timespec_timeout(timeout.addr()));
    TRY(set_user_sigmask(sigmask.addr(), sigsetsize));
    return poll_select_finish(do_sys_poll(fds, nfds, to.deadline), timeout.addr(), to.end_ns, TimeKind::Timespec);
}

SyscallResult sys_select(int nfds, UserPtr<u64> readfds, UserPtr<u64> writefds, UserPtr<u64> exceptfds,
                         UserPtr<void> timeout) {
    Timeout to;
    if (!timeout.is_null()) {
        __kernel_old_timeval tv;
        TRY(copy_from_user(&tv, timeout.addr(), sizeof(tv)));
        // linux: kern_select() folds whole seconds of tv_usec into tv_sec first.
        i64 sec;
        if (__builtin_add_overflow(tv.tv_sec, tv.tv_usec / 1'000'000, &sec)) return Error(EINVAL);
        to = TRY(timeout_from(sec, (tv.tv_usec % 1'000'000) * 1000));
    }
    return poll_select_finish(core_sys_select(nfds, readfds, writefds, exceptfds, to.deadline), timeout.addr(),
                              to.end_ns, TimeKind::Timeval);
}

SyscallResult sys_pselect6(int nfds, UserPtr<u64> readfds, UserPtr<u64> writefds, UserPtr<u64> exceptfds,
                           UserPtr<void> timeout, UserPtr<const void> sigmask_pack) {
    // linux: the sixth argument points to { const sigset_t *ss; size_t ss_len; }.
    struct {
        u64 ss;
        u64 ss_len;
    } pack{0, 0};
    if (!sigmask_pack.is_null()) TRY(copy_from_user(&pack, sigmask_pack.addr(), sizeof(pack)));
    Timeout to;
    if (!timeout.is_null()) to = TRY(timespec_timeout(timeout.addr()));
    TRY(set_user_sigmask(pack.ss, pack.ss_len));
    return poll_select_finish(core_sys_select(nfds, readfds, writefds, exceptfds, to.deadline), timeout.addr(),
                              to.end_ns, TimeKind::Timespec);
}
