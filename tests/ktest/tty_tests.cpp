// SPDX-License-Identifier: MIT
// The terminal layer in the kernel: bytes go in through Tty::receive (as from the serial IRQ)
// and come out through Tty::read/write/ioctl with kernel IoBuffers, with a fake driver that
// records output and a fake job-control hook table that records signals.
#include <atomic>

#include "abi/linux/uapi.h"
#include "arch/cpu.h"
#include "core/sched.h"
#include "core/wait_queue.h"
#include "drivers/tty/serial_tty.h"
#include "drivers/tty/tty.h"
#include "drivers/tty/tty_devices.h"
#include "ktest/ktest.h"
#include "vfs_test_util.h"

namespace {

// --- fake driver: records output ---
struct Sink {
    char data[2048];
    usize len = 0;
    void clear() { len = 0; }
    bool equals(const char* s) const {
        usize n = __builtin_strlen(s);
        return n == len && __builtin_memcmp(s, data, n) == 0;
    }
};

void sink_write(void* ctx, const u8* d, usize n) {
    auto* s = static_cast<Sink*>(ctx);
    for (usize i = 0; i < n && s->len < sizeof(s->data); i++) s->data[s->len++] = static_cast<char>(d[i]);
}

struct TestTty {
    Sink out;
    Tty* tty = nullptr;
    TestTty() {
        tty = new (std::nothrow)
            Tty("ktest-tty", make_dev(136, 99), TtyDriver{sink_write, &out}, tty::default_termios());
    }
    ~TestTty() { delete tty; }
    TestTty(const TestTty&) = delete;
    TestTty& operator=(const TestTty&) = delete;
    void feed(const char* s) { tty->receive(reinterpret_cast<const u8*>(s), __builtin_strlen(s)); }
    void raw(u8 vmin, u8 vtime) {
        tty::Termios t = tty->termios();
        t.c_lflag &= ~(ICANON | ECHO);
        t.c_cc[VMIN] = vmin;
        t.c_cc[VTIME] = vtime;
        tty->set_termios(t);
    }
};

// The outcome of a read or write, assignable (Result is not).
struct Io {
    int err = 0;
    usize n = 0;
    bool is_ok() const { return err == 0; }
    bool is_error() const { return err != 0; }
    int error_code() const { return err; }
    usize value() const { return n; }
};

Io io_of(Result<usize> r) { return r.is_error() ? Io{r.error_code(), 0} : Io{0, r.value()}; }

Io kread(Tty& t, char* buf, usize n, bool nonblock = false) {
    TtyFileMode m;
    m.nonblock = nonblock;
    return io_of(t.read(IoBuffer::kernel(buf, n), m));
}

Io kwrite(Tty& t, const char* s, bool nonblock = false) {
    TtyFileMode m;
    m.nonblock = nonblock;
    return io_of(t.write(IoBuffer::kernel(const_cast<char*>(s), __builtin_strlen(s)), m));
}

template <typename T>
Result<long> kioctl(Tty& t, unsigned cmd, T* arg) {
    TtyFileMode m;
    m.kernel_arg = true;
    return t.ioctl(cmd, reinterpret_cast<uptr>(arg), m);
}

Result<long> kioctl_val(Tty& t, unsigned cmd, uptr value) {
    TtyFileMode m;
    m.kernel_arg = true;
    return t.ioctl(cmd, value, m);
}

bool same(const char* a, usize n, const char* b) { return __builtin_strlen(b) == n && __builtin_memcmp(a, b, n) == 0; }

// --- fake process layer ---
struct FakeProc {
    Tty* ctty = nullptr;
    int pgid = 42, sid = 42;
    bool leader = true;
    bool ignored = false, orphaned = false;
    std::atomic<bool> pending{false};
    int sig_pgrp[16] = {}, sig_num[16] = {};
    std::atomic<int> nsig{0};
    int cleared_sid = 0;
    bool has(int pgrp, int sig) const {
        for (int i = 0; i < nsig.load(); i++)
            if (sig_pgrp[i] == pgrp && sig_num[i] == sig) return true;
        return false;
    }
};
FakeProc* g_proc = nullptr;

const TtyJobControl kFakeHooks = {
    .current_pgid = [] { return g_proc->pgid; },
    .current_sid = [] { return g_proc->sid; },
    .is_session_leader = [] { return g_proc->leader; },
    .session_of_pgrp = [](int pgid) { return pgid == 42 || pgid == 43 ? 42 : pgid == 99 ? 99 : 0; },
    .signal_pgrp =
        [](int pgrp, int sig) {
            int i = g_proc->nsig.load();
            if (i < 16) {
                g_proc->sig_pgrp[i] = pgrp;
                g_proc->sig_num[i] = sig;
                g_proc->nsig.store(i + 1);
            }
        },
    .signal_is_ignored_or_blocked = [](int) { return g_proc->ignored; },
    .pgrp_is_orphaned = [](int) { return g_proc->orphaned; },
    .signal_pending = [] { return g_proc->pending.load(); },
    .set_controlling_tty = [](Tty* t) { g_proc->ctty = t; },
    .controlling_tty = [] { return g_proc->ctty; },
    .session_clear_controlling_tty = [](int sid) { g_proc->cleared_sid = sid; g_proc->ctty = nullptr; },
    .capable_sys_admin = [] { return false; },
};

struct HookScope {
    FakeProc proc;
    HookScope() {
        g_proc = &proc;
        tty_set_job_control(&kFakeHooks);
    }
    ~HookScope() {
        tty_set_job_control(nullptr);
        g_proc = nullptr;
    }
    HookScope(const HookScope&) = delete;
    HookScope& operator=(const HookScope&) = delete;
};

// Makes t the fake process's controlling terminal (TIOCSCTTY as session leader 42) and fg the
// foreground group (as a shell does: SIGTTOU ignored around tcsetpgrp).
bool acquire(FakeProc& p, Tty& t, int fg) {
    p.ctty = nullptr;
    p.leader = true;
    if (kioctl_val(t, TIOCSCTTY, 0).is_error()) return false;
    bool was = p.ignored;
    p.ignored = true;
    bool ok = kioctl(t, TIOCSPGRP, &fg).is_ok();
    p.ignored = was;
    return ok && p.ctty == &t && t.foreground_pgrp() == fg;
}

// --- a reader thread ---
struct Reader {
    Tty* tty;
    bool nonblock = false;
    char buf[64];
    usize got = 0;
    int error = 0;
    std::atomic<bool> done{false};
    WaitQueue wq;
    Thread* thread = nullptr;

    static void run(void* arg) {
        auto* r = static_cast<Reader*>(arg);
        Io res = kread(*r->tty, r->buf, sizeof(r->buf), r->nonblock);
        r->error = res.err;
        r->got = res.n;
        r->done.store(true);
        r->wq.wake_all();
    }
    bool start() {
        auto t = Thread::create("tty-reader", run, this);
        if (t.is_error()) return false;
        thread = t.value();
        sched_start(thread);
        return true;
    }
    bool join(u64 timeout_ns = 2'000'000'000) {
        bool ok = wq.wait_until([&] { return done.load(); }, arch::clock_ns() + timeout_ns);
        if (ok) {
            while (!thread->finished()) sleep_ns(1'000'000);
            thread->unref();
            thread = nullptr;
        }
        return ok;
    }
};

}  // namespace

KTEST(tty_canonical, "tty.canonical_line_assembly") {
    TestTty t;
    KASSERT(t.tty);
    t.feed("hello");
    char buf[32];
    Io r = kread(*t.tty, buf, sizeof(buf), true);
    KEXPECT(r.is_error() && r.error_code() == EAGAIN);   // no complete line yet
    t.feed("\r");
    r = kread(*t.tty, buf, sizeof(buf));
    KASSERT(r.is_ok());
    KEXPECT(same(buf, r.value(), "hello\n"));
    KEXPECT(t.out.equals("hello\r\n"));   // echo with ICRNL and ONLCR
}

KTEST(tty_lines, "tty.reads_one_line_at_a_time") {
    TestTty t;
    KASSERT(t.tty);
    t.feed("one\ntwo\n");
    char buf[32];
    Io r = kread(*t.tty, buf, 2);
    KEXPECT(r.is_ok() && same(buf, r.value(), "on"));
    r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_ok() && same(buf, r.value(), "e\n"));
    r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_ok() && same(buf, r.value(), "two\n"));
}

KTEST(tty_erase, "tty.erase_and_kill") {
    TestTty t;
    KASSERT(t.tty);
    t.feed("abx\x7f" "c\n");
    char buf[32];
    Io r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_ok() && same(buf, r.value(), "abc\n"));
    KEXPECT(t.out.equals("abx\b \bc\r\n"));
    t.out.clear();
    t.feed("garbage\x15ok\n");
    r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_ok() && same(buf, r.value(), "ok\n"));
    t.feed("foo bar\x17" "baz\n");
    r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_ok() && same(buf, r.value(), "foo baz\n"));
}

KTEST(tty_eof, "tty.ctrl_d_eof") {
    TestTty t;
    KASSERT(t.tty);
    char buf[32];
    t.feed("\x04");
    Io r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_ok() && r.value() == 0);
    t.feed("abc\x04");
    r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_ok() && same(buf, r.value(), "abc"));
}

KTEST(tty_raw_nonblocking_poll, "tty.raw_vmin0_vtime0_returns_at_once") {
    TestTty t;
    KASSERT(t.tty);
    t.raw(0, 0);
    char buf[8];
    Io r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_ok() && r.value() == 0);
    r = kread(*t.tty, buf, sizeof(buf), true);   // O_NONBLOCK does not turn it into EAGAIN
    KEXPECT(r.is_ok() && r.value() == 0);
    t.feed("xy");
    r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_ok() && same(buf, r.value(), "xy"));
}

KTEST(tty_raw_vtime, "tty.raw_vtime_timeout") {
    TestTty t;
    KASSERT(t.tty);
    t.raw(0, 2);   // 0.2 s for the first byte
    char buf[8];
    u64 t0 = arch::clock_ns();
    Io r = kread(*t.tty, buf, sizeof(buf));
    u64 dt = arch::clock_ns() - t0;
    KEXPECT(r.is_ok() && r.value() == 0);
    KEXPECT(dt >= 190'000'000);
    KEXPECT(dt < 1'000'000'000);

    t.raw(4, 1);   // inter-byte timer: one byte then 0.1 s of silence ends the read
    t.feed("a");
    t0 = arch::clock_ns();
    r = kread(*t.tty, buf, sizeof(buf));
    dt = arch::clock_ns() - t0;
    KEXPECT(r.is_ok() && same(buf, r.value(), "a"));
    KEXPECT(dt >= 90'000'000);
    KEXPECT(dt < 1'000'000'000);
}

KTEST(tty_raw_vmin, "tty.raw_vmin_blocks_for_min_bytes") {
    TestTty t;
    KASSERT(t.tty);
    t.raw(3, 0);
    Reader rd;
    rd.tty = t.tty;
    KASSERT(rd.start());
    t.feed("a");
    sleep_ns(20'000'000);
    KEXPECT(!rd.done.load());   // one byte is not VMIN
    t.feed("bc");
    KASSERT(rd.join());
    KEXPECT(rd.error == 0);
    KEXPECT(same(rd.buf, rd.got, "abc"));
}

KTEST(tty_echo, "tty.echo_and_output_processing") {
    TestTty t;
    KASSERT(t.tty);
    t.feed("\x01\t");
    KEXPECT(t.out.equals("^A\t"));
    t.out.clear();
    Io w = kwrite(*t.tty, "x\ny");
    KEXPECT(w.is_ok() && w.value() == 3);
    KEXPECT(t.out.equals("x\r\ny"));
    tty::Termios tm = t.tty->termios();
    tm.c_lflag &= ~ECHO;
    tm.c_oflag &= ~OPOST;
    t.tty->set_termios(tm);
    t.out.clear();
    t.feed("secret\n");
    (void)kwrite(*t.tty, "a\nb");
    KEXPECT(t.out.equals("a\nb"));
}

KTEST(tty_sigint, "tty.ctrl_c_signals_foreground_group") {
    HookScope hs;
    TestTty t;
    KASSERT(t.tty);
    KASSERT(acquire(hs.proc, *t.tty, 43));
    t.feed("pending");
    t.feed("\x03");
    KEXPECT(hs.proc.has(43, SIGINT));
    KEXPECT(t.out.equals("pending^C"));
    t.feed("\x1c\x1a");
    KEXPECT(hs.proc.has(43, SIGQUIT));
    KEXPECT(hs.proc.has(43, SIGTSTP));
    int n = -1;
    KEXPECT(kioctl(*t.tty, FIONREAD, &n).is_ok());   // ISIG flushed the pending input
    KEXPECT_EQ(n, 0);
}

KTEST(tty_no_hooks, "tty.signals_dropped_without_hooks") {
    TestTty t;
    KASSERT(t.tty);
    t.feed("\x03");   // nothing to deliver to: dropped with a debug log, echo still shown
    KEXPECT(t.out.equals("^C"));
    int pg = 7;   // without hooks TIOCSPGRP has nobody to check against
    KEXPECT(kioctl(*t.tty, TIOCSPGRP, &pg).is_ok());
    t.feed("\x03");
}

KTEST(tty_overflow, "tty.overflow_drops_data_keeps_signals") {
    HookScope hs;
    TestTty t;
    KASSERT(t.tty);
    KASSERT(acquire(hs.proc, *t.tty, 42));
    t.raw(1, 0);
    static char big[5000];
    for (char& c : big) c = 'x';
    t.tty->receive(reinterpret_cast<const u8*>(big), sizeof(big));
    KEXPECT_EQ(t.tty->dropped_input(), sizeof(big) - (tty::kBufSize - 1));
    int n = 0;
    KEXPECT(kioctl(*t.tty, FIONREAD, &n).is_ok());
    KEXPECT_EQ(n, static_cast<int>(tty::kBufSize - 1));
    t.feed("\x03");
    KEXPECT(hs.proc.has(42, SIGINT));
}

KTEST(tty_nonblock, "tty.nonblock_read_eagain") {
    TestTty t;
    KASSERT(t.tty);
    char buf[8];
    Io r = kread(*t.tty, buf, sizeof(buf), true);
    KEXPECT(r.is_error() && r.error_code() == EAGAIN);
    t.raw(1, 0);
    r = kread(*t.tty, buf, sizeof(buf), true);
    KEXPECT(r.is_error() && r.error_code() == EAGAIN);
    t.feed("q");
    r = kread(*t.tty, buf, sizeof(buf), true);
    KEXPECT(r.is_ok() && same(buf, r.value(), "q"));
}

KTEST(tty_wakeup, "tty.blocked_reader_woken_by_input") {
    TestTty t;
    KASSERT(t.tty);
    Reader rd;
    rd.tty = t.tty;
    KASSERT(rd.start());
    sleep_ns(20'000'000);
    KEXPECT(!rd.done.load());
    t.feed("hi\n");
    KASSERT(rd.join());
    KEXPECT(rd.error == 0);
    KEXPECT(same(rd.buf, rd.got, "hi\n"));
}

KTEST(tty_eintr, "tty.blocked_reader_interrupted_by_signal") {
    HookScope hs;
    TestTty t;
    KASSERT(t.tty);
    Reader rd;
    rd.tty = t.tty;
    KASSERT(rd.start());
    sleep_ns(20'000'000);
    KEXPECT(!rd.done.load());
    hs.proc.pending.store(true);   // what signal delivery does: mark pending, wake the thread
    sched_wake(rd.thread);
    KASSERT(rd.join());
    KEXPECT_EQ(rd.error, kTtyErrRestartSys);   // the syscall layer makes it EINTR or a restart
    KEXPECT_EQ(rd.got, 0u);
}

KTEST(tty_job_control, "tty.background_read_sigttin_write_sigttou") {
    HookScope hs;
    TestTty t;
    KASSERT(t.tty);
    KASSERT(acquire(hs.proc, *t.tty, 43));
    // The caller (group 42) is in the background.
    char buf[8];
    Io r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_error() && r.error_code() == kTtyErrRestartSys);
    KEXPECT(hs.proc.has(42, SIGTTIN));
    hs.proc.orphaned = true;
    r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_error() && r.error_code() == EIO);
    hs.proc.orphaned = false;
    hs.proc.ignored = true;
    r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_error() && r.error_code() == EIO);
    hs.proc.ignored = false;

    Io w = kwrite(*t.tty, "bg");   // no TOSTOP: background writes are fine
    KEXPECT(w.is_ok() && w.value() == 2);
    tty::Termios tm = t.tty->termios();
    tm.c_lflag |= TOSTOP;
    t.tty->set_termios(tm);   // kernel side: no job-control check
    w = kwrite(*t.tty, "bg");
    KEXPECT(w.is_error() && w.error_code() == kTtyErrRestartSys);
    KEXPECT(hs.proc.has(42, SIGTTOU));
    hs.proc.ignored = true;   // SIGTTOU ignored: the write goes through
    w = kwrite(*t.tty, "ok");
    KEXPECT(w.is_ok() && w.value() == 2);
    hs.proc.ignored = false;
    // Changing settings from the background stops too.
    KEXPECT(kioctl(*t.tty, TCSETS, &tm).error_code() == kTtyErrRestartSys);
    // Not our controlling tty: no job control at all.
    hs.proc.ctty = nullptr;
    t.feed("z\n");
    r = kread(*t.tty, buf, sizeof(buf));
    KEXPECT(r.is_ok() && same(buf, r.value(), "z\n"));
}

KTEST(tty_ctty, "tty.sctty_notty_pgrp_sid") {
    HookScope hs;
    TestTty t;
    KASSERT(t.tty);
    hs.proc.ctty = nullptr;
    int v = 0;
    KEXPECT(kioctl(*t.tty, TIOCGPGRP, &v).error_code() == ENOTTY);   // not our ctty
    hs.proc.leader = false;
    KEXPECT(kioctl_val(*t.tty, TIOCSCTTY, 0).error_code() == EPERM);
    hs.proc.leader = true;
    KEXPECT(kioctl_val(*t.tty, TIOCSCTTY, 0).is_ok());
    KEXPECT(hs.proc.ctty == t.tty);
    KEXPECT_EQ(t.tty->session(), 42);
    KEXPECT(kioctl(*t.tty, TIOCGSID, &v).is_ok());
    KEXPECT_EQ(v, 42);
    KEXPECT(kioctl(*t.tty, TIOCGPGRP, &v).is_ok());
    KEXPECT_EQ(v, 42);
    v = 43;
    KEXPECT(kioctl(*t.tty, TIOCSPGRP, &v).is_ok());
    hs.proc.ignored = true;   // now in the background: shells ignore SIGTTOU around tcsetpgrp
    v = 99;   // a group of another session
    KEXPECT(kioctl(*t.tty, TIOCSPGRP, &v).error_code() == EPERM);
    v = 1234;   // no such group
    KEXPECT(kioctl(*t.tty, TIOCSPGRP, &v).error_code() == ESRCH);
    v = -1;
    KEXPECT(kioctl(*t.tty, TIOCSPGRP, &v).error_code() == EINVAL);
    KEXPECT_EQ(t.tty->foreground_pgrp(), 43);
    // The leader gives it up: the foreground group gets SIGHUP and SIGCONT.
    KEXPECT(kioctl_val(*t.tty, TIOCNOTTY, 0).is_ok());
    KEXPECT(hs.proc.has(43, SIGHUP));
    KEXPECT(hs.proc.has(43, SIGCONT));
    KEXPECT_EQ(hs.proc.cleared_sid, 42);
    KEXPECT_EQ(t.tty->session(), 0);
    KEXPECT(kioctl(*t.tty, TIOCNOTTY, &v).error_code() == ENOTTY);
    // Opening it as a session leader without a ctty acquires it, O_NOCTTY does not.
    TtyFileMode m;
    KEXPECT(t.tty->open(m, true).is_ok());
    KEXPECT(hs.proc.ctty == nullptr);
    KEXPECT(t.tty->open(m, false).is_ok());
    KEXPECT(hs.proc.ctty == t.tty);
    KEXPECT_EQ(t.tty->session(), 42);
}

KTEST(tty_ioctls, "tty.termios_winsize_flush_flow_ioctls") {
    HookScope hs;
    TestTty t;
    KASSERT(t.tty);
    KASSERT(acquire(hs.proc, *t.tty, 42));

    tty::Termios tm{};
    KEXPECT(kioctl(*t.tty, TCGETS, &tm).is_ok());
    KEXPECT(tm.c_lflag & ICANON);
    KEXPECT_EQ(tm.c_cc[VINTR], 3);
    tm.c_lflag &= ~ICANON;
    KEXPECT(kioctl(*t.tty, TCSETSW, &tm).is_ok());
    KEXPECT(!(t.tty->termios().c_lflag & ICANON));
    tty::Termios2 t2{};
    KEXPECT(kioctl(*t.tty, TCGETS2, &t2).is_ok());
    KEXPECT_EQ(t2.c_ospeed, 38400u);

    tty::Winsize ws{24, 80, 0, 0};
    KEXPECT(kioctl(*t.tty, TIOCSWINSZ, &ws).is_ok());
    KEXPECT(hs.proc.has(42, SIGWINCH));
    tty::Winsize got{};
    KEXPECT(kioctl(*t.tty, TIOCGWINSZ, &got).is_ok());
    KEXPECT_EQ(got.ws_row, 24);
    KEXPECT_EQ(got.ws_col, 80);

    t.feed("abc");
    int n = 0;
    KEXPECT(kioctl(*t.tty, FIONREAD, &n).is_ok());
    KEXPECT_EQ(n, 3);
    KEXPECT(kioctl_val(*t.tty, TCFLSH, TCIFLUSH).is_ok());
    KEXPECT(kioctl(*t.tty, FIONREAD, &n).is_ok());
    KEXPECT_EQ(n, 0);
    KEXPECT(kioctl_val(*t.tty, TCFLSH, 7).error_code() == EINVAL);
    KEXPECT(kioctl(*t.tty, TIOCOUTQ, &n).is_ok());
    KEXPECT_EQ(n, 0);

    KEXPECT(kioctl_val(*t.tty, TCXONC, TCOOFF).is_ok());
    KEXPECT(!(t.tty->poll_events() & POLLOUT));
    Io w = kwrite(*t.tty, "x", true);
    KEXPECT(w.is_error() && w.error_code() == EAGAIN);
    KEXPECT(kioctl_val(*t.tty, TCXONC, TCOON).is_ok());
    w = kwrite(*t.tty, "x", true);
    KEXPECT(w.is_ok() && w.value() == 1);
    t.out.clear();
    KEXPECT(kioctl_val(*t.tty, TCXONC, TCIOFF).is_ok());
    KEXPECT(t.out.equals("\x13"));

    KEXPECT(kioctl_val(*t.tty, TCSBRK, 1).is_ok());   // tcdrain()
    KEXPECT(kioctl_val(*t.tty, 0x54ff, 0).error_code() == ENOTTY);
}

KTEST(tty_poll_hangup, "tty.poll_and_hangup") {
    TestTty t;
    KASSERT(t.tty);
    u32 ev = t.tty->poll_events();
    KEXPECT(ev & POLLOUT);
    KEXPECT(!(ev & POLLIN));
    t.feed("l\n");
    KEXPECT(t.tty->poll_events() & POLLIN);
    char buf[8];
    (void)kread(*t.tty, buf, sizeof(buf));
    Reader rd;
    rd.tty = t.tty;
    KASSERT(rd.start());
    sleep_ns(20'000'000);
    t.tty->hangup();   // a blocked reader sees end-of-file
    KASSERT(rd.join());
    KEXPECT(rd.error == 0 && rd.got == 0);
    KEXPECT(t.tty->poll_events() & POLLHUP);
    Io w = kwrite(*t.tty, "x");
    KEXPECT(w.is_error() && w.error_code() == EIO);
    TtyFileMode m;
    KEXPECT(t.tty->open(m, true).is_ok());   // reopening ends the hangup
    KEXPECT(!(t.tty->poll_events() & POLLHUP));
}

KTEST(tty_serial, "tty.serial_console_device") {
    tty_init();
    Tty* s = serial_tty();
    KASSERT(s);
    KEXPECT(__builtin_strcmp(s->name(), "ttyS0") == 0);
    KEXPECT(s->device() == make_dev(4, 64));
    KEXPECT_EQ(tty_char_devices().size(), 3u);   // tty, console, ttyS0 (kmsg belongs to the mem driver)
    Io w = kwrite(*s, "KTEST   tty: hello from ttyS0\n");
    KEXPECT(w.is_ok());
    tty::Termios tm = s->termios();
    KEXPECT_EQ(tty::baud_of(tm.c_cflag), 115200u);
    KEXPECT(tm.c_cflag & CLOCAL);
}

// A directory for the nodes below, at the root. It is left in place: the machine is discarded
// after the ktests, and the nodes never hold resources.
namespace {
WalkContext tty_test_dir() {
    WalkContext k = kernel_walk_context();
    (void)vfs_mkdir(k, "/ktest-tty", 0755);
    return k;
}
}  // namespace

// Through the VFS: device nodes made with mknod reach the tty layer via the char-device
// registry; File::ioctl passes user addresses, so a kernel pointer is EFAULT.
KTEST(tty_device_nodes, "tty.device_nodes_through_vfs") {
    using namespace vfs_test;
    tty_init();
    WalkContext c = tty_test_dir();
    (void)vfs_mknod(c, "/ktest-tty/ttyS0", S_IFCHR | 0600, make_dev(4, 64));
    (void)vfs_mknod(c, "/ktest-tty/console", S_IFCHR | 0600, make_dev(5, 1));
    (void)vfs_mknod(c, "/ktest-tty/tty", S_IFCHR | 0666, make_dev(5, 0));

    auto f = open(c, "/ktest-tty/ttyS0", O_RDWR | O_NONBLOCK | O_NOCTTY);
    KASSERT(f.is_ok());
    File& tty = *f.value();
    KEXPECT(tty_of_file(tty) == serial_tty());
    auto w = write_str(tty, "KTEST   tty: written through a ttyS0 node\n");
    KEXPECT(w.is_ok());
    KEXPECT(tty.poll() & POLLOUT);
    char buf[8];
    KEXPECT_EQ(err(tty.read(IoBuffer::kernel(buf, sizeof(buf)))), EAGAIN);
    tty::Termios tm;
    KEXPECT_EQ(err(tty.ioctl(TCGETS, reinterpret_cast<uptr>(&tm))), EFAULT);
    KEXPECT(tty.ioctl(TCFLSH, TCIFLUSH).is_ok());

    auto con = open(c, "/ktest-tty/console", O_WRONLY);
    KEXPECT(con.is_ok() && tty_of_file(*con.value()) == serial_tty());
    KEXPECT_EQ(err(open(c, "/ktest-tty/tty", O_RDWR)), ENXIO);   // no controlling terminal
}

// /dev/kmsg's file operations on a File: a written line comes back as a Linux-format record.
KTEST(tty_kmsg, "tty.kmsg_write_then_read") {
    using namespace vfs_test;
    WalkContext c = tty_test_dir();
    auto f = open(c, "/ktest-tty/kmsg-file", O_CREAT | O_RDWR | O_NONBLOCK);
    KASSERT(f.is_ok());
    File& k = *f.value();
    KASSERT(kmsg_open(k, make_dev(1, 11)).is_ok());
    KEXPECT(write_str(k, "<6>ktest kmsg marker\n").is_ok());
    static char rec[2048];
    bool found = false;
    for (int i = 0; i < 10000; i++) {
        auto r = k.read(IoBuffer::kernel(rec, sizeof(rec) - 1));
        if (r.is_error()) {
            KEXPECT_EQ(r.error_code(), EAGAIN);
            break;
        }
        rec[r.value()] = 0;
        StringView line(rec, r.value());
        if (line.ends_with(";ktest kmsg marker\n")) {
            found = line.starts_with("6,");
            break;
        }
    }
    KEXPECT(found);
    KEXPECT(k.lseek(0, SEEK_END).is_ok());
    KEXPECT_EQ(err(k.read(IoBuffer::kernel(rec, sizeof(rec)))), EAGAIN);
    KEXPECT(k.lseek(0, SEEK_SET).is_ok());
    KEXPECT_EQ(err(k.read(IoBuffer::kernel(rec, 4))), EINVAL);   // a record never splits
}
