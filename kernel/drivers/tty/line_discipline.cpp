// SPDX-License-Identifier: MIT
// N_TTY line discipline logic (see line_discipline.h). linux: drivers/tty/n_tty.c. Echoes are
// produced immediately instead of through Linux's deferred echo buffer, which is equivalent
// here because output is synchronous; while output is stopped (^S) they wait in a small buffer.
#include "drivers/tty/line_discipline.h"

namespace tty {

namespace {

// Linux's ctype: 0-31 and 127 are control characters, 128-159 are not (lib/ctype.c).
bool is_cntrl(u8 c) { return c < 32 || c == 127; }
bool is_alnum(u8 c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c != 0xD7 && c != 0xF7);   // Latin-1 letters, as lib/ctype.c
}
u8 to_lower(u8 c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
u8 to_upper(u8 c) { return c >= 'a' && c <= 'z' ? c - 32 : c; }

constexpr u8 kDisabledChar = 0;   // _POSIX_VDISABLE; also the EOF marker in the ring

}  // namespace

Termios default_termios(tcflag_t cflag) {
    Termios t{};
    t.c_iflag = ICRNL | IXON;
    t.c_oflag = OPOST | ONLCR;
    t.c_cflag = cflag;
    t.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    t.c_line = 0;   // N_TTY
    const u8 cc[NCCS] = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0};   // INIT_C_CC
    for (int i = 0; i < NCCS; i++) t.c_cc[i] = cc[i];
    return t;
}

u32 baud_of(tcflag_t cflag) {
    static constexpr u32 kLow[16] = {0,   50,   75,   110,  134,  150,  200,   300,
                                     600, 1200, 1800, 2400, 4800, 9600, 19200, 38400};
    static constexpr u32 kHigh[] = {0, 57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000,
                                    1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000};
    tcflag_t b = cflag & CBAUD;
    if (!(b & CBAUDEX)) return kLow[b];
    b &= ~CBAUDEX;
    return b < sizeof(kHigh) / sizeof(kHigh[0]) ? kHigh[b] : 0;
}

void ReceiveResult::add_signal(int sig) {
    for (u8 i = 0; i < signal_count; i++)
        if (signals[i] == sig) return;   // standard signals do not queue
    if (signal_count < sizeof(signals) / sizeof(signals[0])) signals[signal_count++] = sig;
}

// Collects output bytes and hands them to the callback in blocks. Echo bytes wait in the
// line discipline's pending buffer while output is stopped.
struct LineDiscipline::Out {
    explicit Out(LineDiscipline& owner) : ld(owner) {}
    ~Out() { flush(); }
    Out(const Out&) = delete;
    Out& operator=(const Out&) = delete;

    void put(u8 c, bool is_echo) {
        if (is_echo && ld.m_stopped) {
            if (ld.m_echo_pending_len < kEchoPending) ld.m_echo_pending[ld.m_echo_pending_len++] = c;
            return;
        }
        if (len == sizeof(buf)) flush();
        buf[len++] = c;
    }
    void flush() {
        if (len) ld.m_out(ld.m_out_ctx, buf, len);
        len = 0;
    }

    LineDiscipline& ld;
    u8 buf[128];
    usize len = 0;
    bool echo = false;   // output_char() is producing an echo
};

LineDiscipline::LineDiscipline(OutputFn out, void* ctx, const Termios& initial)
    : m_out(out), m_out_ctx(ctx), m_termios(initial) {}

bool LineDiscipline::flag_at(usize idx) const {
    idx &= kBufSize - 1;
    return (m_line_flags[idx / 64] >> (idx % 64)) & 1;
}

void LineDiscipline::set_flag(usize idx, bool v) {
    idx &= kBufSize - 1;
    if (v) m_line_flags[idx / 64] |= u64(1) << (idx % 64);
    else m_line_flags[idx / 64] &= ~(u64(1) << (idx % 64));
}

bool LineDiscipline::is_backspace_alias(u8 c) const {
    return m_backspace_erases && c == '\b' && m_termios.c_cc[VERASE] == 0x7f;
}

bool LineDiscipline::is_continuation(u8 c) const { return (m_termios.c_iflag & IUTF8) && (c & 0xC0) == 0x80; }

void LineDiscipline::reset_buffer() {
    m_read_head = m_read_tail = m_canon_head = m_line_start = 0;
    m_erasing = m_lnext = m_push = false;
    for (u64& w : m_line_flags) w = 0;
}

void LineDiscipline::put(u8 c) {
    if (queued() >= kBufSize) {   // cannot happen given receive_room(); never overwrite unread data
        m_dropped++;
        return;
    }
    m_buf[m_read_head & (kBufSize - 1)] = c;
    m_read_head++;
}

bool LineDiscipline::set_termios(const Termios& t) {
    Termios old = m_termios;
    m_termios = t;
    tcflag_t l = t.c_lflag;
    if ((old.c_lflag ^ l) & (ICANON | EXTPROC)) {
        // linux: n_tty_set_termios. Going canonical turns pending input into one pushed line.
        for (u64& w : m_line_flags) w = 0;
        m_line_start = m_read_tail;
        if (!(l & ICANON) || !queued()) {
            m_canon_head = m_read_tail;
            m_push = false;
        } else {
            set_flag(m_read_head - 1, true);
            m_canon_head = m_read_head;
            m_push = true;
        }
        m_erasing = m_lnext = false;
    }
    // Clearing IXON must not leave output stopped by an earlier ^S.
    if (!(t.c_iflag & IXON) && (old.c_iflag & IXON) && !m_user_stopped && m_stopped) {
        ReceiveResult r;
        Out o(*this);
        start_output(r, o);
    }
    return true;
}

// linux: n_tty_receive_buf_common. One slot stays free and PARMRK may triple a byte; in
// canonical mode with no complete line the ring never refuses a byte (the newest byte of an
// over-long line is overwritten instead), so erase and newline always get through.
isize LineDiscipline::raw_room() const {
    isize room = isize(kBufSize) - isize(queued());
    if (m_termios.c_iflag & PARMRK) room = (room + 2) / 3;
    return room - 1;
}

bool LineDiscipline::overflow_mode() const {
    return (m_termios.c_lflag & ICANON) && m_canon_head == m_read_tail;
}

usize LineDiscipline::receive_room() const {
    isize room = raw_room();
    if (room <= 0) return overflow_mode() ? 1 : 0;
    return static_cast<usize>(room);
}

ReceiveResult LineDiscipline::receive(const u8* data, usize n) {
    ReceiveResult r;
    Out o(*this);
    for (; r.consumed < n; r.consumed++) {
        isize room = raw_room();
        if (room <= 0) {
            if (!overflow_mode()) break;
            if (room < 0) m_read_head--;
        }
        receive_byte(data[r.consumed], r, o);
    }
    r.input_ready = r.consumed && readable();
    return r;
}

ReceiveResult LineDiscipline::receive_overflow(const u8* data, usize n) {
    ReceiveResult r;
    Out o(*this);
    const tcflag_t l = m_termios.c_lflag;
    const cc_t* cc = m_termios.c_cc;
    for (usize i = 0; i < n; i++, r.consumed++) {
        u8 c = data[i];
        if (m_termios.c_iflag & ISTRIP) c &= 0x7f;
        if (c != kDisabledChar && (m_termios.c_iflag & IXON) && flow_char(c, r, o)) continue;
        if (c != kDisabledChar && (l & ISIG)) {
            if (c == cc[VINTR]) { receive_signal(kSigInt, c, r, o); continue; }
            if (c == cc[VQUIT]) { receive_signal(kSigQuit, c, r, o); continue; }
            if (c == cc[VSUSP]) { receive_signal(kSigTstp, c, r, o); continue; }
        }
        m_dropped++;
    }
    return r;
}

bool LineDiscipline::is_special(u8 c) const {
    // linux: the char_map built by n_tty_set_termios; NUL is never special.
    if (c == kDisabledChar) return false;
    const tcflag_t i = m_termios.c_iflag, l = m_termios.c_lflag;
    const cc_t* cc = m_termios.c_cc;
    if (c == '\r' && (i & (IGNCR | ICRNL))) return true;
    if (c == '\n' && (i & INLCR)) return true;
    if (l & ICANON) {
        if (c == cc[VERASE] || c == cc[VKILL] || c == cc[VEOF] || c == '\n' || c == cc[VEOL]) return true;
        if (is_backspace_alias(c)) return true;
        if ((l & IEXTEN) && (c == cc[VWERASE] || c == cc[VLNEXT] || c == cc[VEOL2])) return true;
        if ((l & IEXTEN) && (l & ECHO) && c == cc[VREPRINT]) return true;
    }
    if ((i & IXON) && (c == cc[VSTART] || c == cc[VSTOP])) return true;
    if ((l & ISIG) && (c == cc[VINTR] || c == cc[VQUIT] || c == cc[VSUSP])) return true;
    return false;
}

void LineDiscipline::receive_byte(u8 c, ReceiveResult& r, Out& o) {
    const tcflag_t i = m_termios.c_iflag, l = m_termios.c_lflag;
    if (m_lnext) {   // the byte after VLNEXT is taken literally
        m_lnext = false;
        if (i & ISTRIP) c &= 0x7f;
        if ((i & IUCLC) && (l & IEXTEN)) c = to_lower(c);
        receive_normal(c, o);
        return;
    }
    if (i & ISTRIP) c &= 0x7f;
    if ((i & IUCLC) && (l & IEXTEN)) c = to_lower(c);
    if (l & EXTPROC) {
        put(c);
        return;
    }
    if (is_special(c)) receive_special(c, r, o);
    else receive_normal(c, o);
}

void LineDiscipline::start_output(ReceiveResult& r, Out& o) {
    if (!m_stopped || m_user_stopped) return;
    m_stopped = false;
    r.output_started = true;
    for (usize k = 0; k < m_echo_pending_len; k++) o.put(m_echo_pending[k], false);
    m_echo_pending_len = 0;
}

bool LineDiscipline::flow_char(u8 c, ReceiveResult& r, Out& o) {
    const cc_t* cc = m_termios.c_cc;
    if (c != cc[VSTART] && c != cc[VSTOP]) return false;
    if (c == cc[VSTART]) start_output(r, o);
    else m_stopped = true;
    return true;
}

void LineDiscipline::receive_signal(int sig, u8 c, ReceiveResult& r, Out& o) {
    // linux: n_tty_receive_signal_char + isig: flush pending input unless NOFLSH, restart
    // stopped output, echo the character (^C).
    r.add_signal(sig);
    if (!(m_termios.c_lflag & NOFLSH)) {
        m_echo_pending_len = 0;
        reset_buffer();
    }
    if (m_termios.c_iflag & IXON) start_output(r, o);
    if (m_termios.c_lflag & ECHO) echo_char(c, o);
}

void LineDiscipline::receive_normal(u8 c, Out& o) {
    const tcflag_t i = m_termios.c_iflag;
    if (m_stopped && !m_user_stopped && (i & IXON) && (i & IXANY)) {
        ReceiveResult unused;
        start_output(unused, o);
    }
    if (m_termios.c_lflag & ECHO) {
        finish_erasing(o);
        if (m_canon_head == m_read_head) echo_set_canon_col(o);
        echo_char(c, o);
    }
    if (c == 0xff && (i & PARMRK)) put(c);
    put(c);
}

void LineDiscipline::receive_special(u8 c, ReceiveResult& r, Out& o) {
    const tcflag_t i = m_termios.c_iflag, l = m_termios.c_lflag;
    const cc_t* cc = m_termios.c_cc;
    if ((i & IXON) && flow_char(c, r, o)) return;
    if (l & ISIG) {
        if (c == cc[VINTR]) return receive_signal(kSigInt, c, r, o);
        if (c == cc[VQUIT]) return receive_signal(kSigQuit, c, r, o);
        if (c == cc[VSUSP]) return receive_signal(kSigTstp, c, r, o);
    }
    if (m_stopped && !m_user_stopped && (i & IXON) && (i & IXANY)) start_output(r, o);
    if (c == '\r') {
        if (i & IGNCR) return;
        if (i & ICRNL) c = '\n';
    } else if (c == '\n' && (i & INLCR)) {
        c = '\r';
    }

    if (l & ICANON) {
        if (c == cc[VERASE] || is_backspace_alias(c) || c == cc[VKILL] || (c == cc[VWERASE] && (l & IEXTEN))) {
            eraser(c, o);
            return;
        }
        if (c == cc[VLNEXT] && (l & IEXTEN)) {
            m_lnext = true;
            if (l & ECHO) {
                finish_erasing(o);
                if (l & ECHOCTL) {   // shows "^" and backs up over it
                    echo_raw('^', o);
                    echo_raw('\b', o);
                }
            }
            return;
        }
        if (c == cc[VREPRINT] && (l & ECHO) && (l & IEXTEN)) {
            finish_erasing(o);
            echo_char(c, o);
            echo_raw('\n', o);
            for (usize t = m_canon_head; t != m_read_head; t++) echo_char(buf_at(t), o);
            return;
        }
        bool eol = false;
        if (c == '\n') {
            if (l & (ECHO | ECHONL)) echo_raw('\n', o);
            eol = true;
        } else if (c == cc[VEOF]) {
            c = kDisabledChar;   // the EOF marker: ends the line, never returned to the reader
            eol = true;
        } else if (c == cc[VEOL] || (c == cc[VEOL2] && (l & IEXTEN))) {
            if (l & ECHO) {
                if (m_canon_head == m_read_head) echo_set_canon_col(o);
                echo_char(c, o);
            }
            if (c == 0xff && (i & PARMRK)) put(c);
            eol = true;
        }
        if (eol) {
            set_flag(m_read_head, true);
            put(c);
            m_canon_head = m_read_head;
            return;
        }
    }

    if (l & ECHO) {
        finish_erasing(o);
        if (c == '\n') {
            echo_raw('\n', o);
        } else {
            if (m_canon_head == m_read_head) echo_set_canon_col(o);
            echo_char(c, o);
        }
    }
    if (c == 0xff && (i & PARMRK)) put(c);
    put(c);
}

void LineDiscipline::eraser(u8 c, Out& o) {
    // linux: eraser(). VERASE removes one character (a whole UTF-8 sequence under IUTF8),
    // VWERASE a word (BSD ALTWERASE: alphanumerics and '_'), VKILL the line.
    enum { kErase, kWerase, kKill } kind;
    const tcflag_t l = m_termios.c_lflag;
    const cc_t* cc = m_termios.c_cc;
    if (m_read_head == m_canon_head) return;   // nothing to erase on this line
    if (c == cc[VERASE] || is_backspace_alias(c)) {
        kind = kErase;
    } else if (c == cc[VWERASE]) {
        kind = kWerase;
    } else {
        if (!(l & ECHO)) {
            m_read_head = m_canon_head;
            return;
        }
        if (!(l & ECHOK) || !(l & ECHOKE) || !(l & ECHOE)) {
            m_read_head = m_canon_head;
            finish_erasing(o);
            echo_char(cc[VKILL], o);
            if (l & ECHOK) echo_raw('\n', o);
            return;
        }
        kind = kKill;
    }

    int seen_alnums = 0;
    while (m_read_head != m_canon_head) {
        usize head = m_read_head;
        do {   // one possibly multibyte character
            head--;
            c = buf_at(head);
        } while (is_continuation(c) && head != m_canon_head);
        if (is_continuation(c)) break;   // never erase half a character
        if (kind == kWerase) {
            if (is_alnum(c) || c == '_') seen_alnums++;
            else if (seen_alnums) break;
        }
        usize cnt = m_read_head - head;
        m_read_head = head;
        if (l & ECHO) {
            if (l & ECHOPRT) {
                if (!m_erasing) {
                    echo_raw('\\', o);
                    m_erasing = true;
                }
                echo_char(c, o);
                while (--cnt > 0) {
                    head++;
                    echo_raw(buf_at(head), o);
                    if (m_column > 0) m_column--;   // ECHO_OP_MOVE_BACK_COL
                }
            } else if (kind == kErase && !(l & ECHOE)) {
                echo_char(cc[VERASE], o);
            } else if (c == '\t') {
                // Columns taken since the line start or the previous tab decide how far back.
                unsigned num_chars = 0;
                bool after_tab = false;
                for (usize t = m_read_head; t != m_canon_head;) {
                    u8 p = buf_at(--t);
                    if (p == '\t') {
                        after_tab = true;
                        break;
                    }
                    if (is_cntrl(p)) {
                        if (l & ECHOCTL) num_chars += 2;
                    } else if (!is_continuation(p)) {
                        num_chars++;
                    }
                }
                if (!after_tab) num_chars += static_cast<unsigned>(m_canon_column);
                unsigned num_bs = 8 - (num_chars & 7);
                while (num_bs--) {
                    o.put('\b', true);
                    if (m_column > 0) m_column--;
                }
            } else {
                if (is_cntrl(c) && (l & ECHOCTL)) {   // "^X" takes two columns
                    echo_raw('\b', o);
                    echo_raw(' ', o);
                    echo_raw('\b', o);
                }
                if (!is_cntrl(c) || (l & ECHOCTL)) {
                    echo_raw('\b', o);
                    echo_raw(' ', o);
                    echo_raw('\b', o);
                }
            }
        }
        if (kind == kErase) break;
    }
    if (m_read_head == m_canon_head && (l & ECHO)) finish_erasing(o);
}

void LineDiscipline::finish_erasing(Out& o) {
    if (m_erasing) {
        echo_raw('/', o);
        m_erasing = false;
    }
}

void LineDiscipline::echo_set_canon_col(Out&) { m_canon_column = m_column; }

void LineDiscipline::echo_char(u8 c, Out& o) {
    if (c == 0xff) {   // ECHO_OP_START escaped: goes out as is
        o.put(c, true);
        m_column++;
        return;
    }
    if ((m_termios.c_lflag & ECHOCTL) && is_cntrl(c) && c != '\t') echo_ctl(c, o);
    else echo_raw(c, o);
}

void LineDiscipline::echo_ctl(u8 c, Out& o) {
    o.put('^', true);
    o.put(c ^ 0100, true);
    m_column += 2;
}

void LineDiscipline::echo_raw(u8 c, Out& o) {
    if (m_termios.c_oflag & OPOST) {
        o.echo = true;
        output_char(c, o);
        o.echo = false;
    } else {
        o.put(c, true);
    }
}

void LineDiscipline::output_char(u8 c, Out& o) {
    // linux: do_output_char
    const tcflag_t f = m_termios.c_oflag;
    switch (c) {
    case '\n':
        if (f & ONLRET) m_column = 0;
        if (f & ONLCR) {
            m_canon_column = m_column = 0;
            o.put('\r', o.echo);
            o.put('\n', o.echo);
            return;
        }
        m_canon_column = m_column;
        break;
    case '\r':
        if ((f & ONOCR) && m_column == 0) return;
        if (f & OCRNL) {
            c = '\n';
            if (f & ONLRET) m_canon_column = m_column = 0;
            break;
        }
        m_canon_column = m_column = 0;
        break;
    case '\t': {
        usize spaces = 8 - (m_column & 7);
        m_column += spaces;
        if ((f & TABDLY) == XTABS) {
            while (spaces--) o.put(' ', o.echo);
            return;
        }
        break;
    }
    case '\b':
        if (m_column > 0) m_column--;
        break;
    default:
        if (!is_cntrl(c)) {
            if (f & OLCUC) c = to_upper(c);
            if (!is_continuation(c)) m_column++;
        }
        break;
    }
    o.put(c, o.echo);
}

usize LineDiscipline::output_width(u8 c) const {
    const tcflag_t f = m_termios.c_oflag;
    switch (c) {
    case '\n': return (f & ONLCR) ? 2 : 1;
    case '\r': return ((f & ONOCR) && m_column == 0) ? 0 : 1;
    case '\t': return (f & TABDLY) == XTABS ? 8 - (m_column & 7) : 1;
    default: return 1;
    }
}

usize LineDiscipline::write(const u8* data, usize n, usize room) {
    Out o(*this);
    if (!(m_termios.c_oflag & OPOST)) {
        usize k = min(n, room);
        for (usize j = 0; j < k; j++) o.put(data[j], false);
        return k;
    }
    usize k = 0;
    for (; k < n; k++) {
        usize w = output_width(data[k]);
        if (w > room) break;
        room -= w;
        output_char(data[k], o);
    }
    return k;
}

void LineDiscipline::stop_output_user() {
    if (!m_user_stopped) {
        m_user_stopped = true;
        m_stopped = true;
    }
}

bool LineDiscipline::start_output_user() {
    if (!m_user_stopped) return false;
    m_user_stopped = false;
    ReceiveResult r;
    Out o(*this);
    start_output(r, o);
    return r.output_started;
}

void LineDiscipline::send_char(u8 c) { m_out(m_out_ctx, &c, 1); }

bool LineDiscipline::readable(bool for_poll) const {
    if ((m_termios.c_lflag & ICANON) && !(m_termios.c_lflag & EXTPROC)) return m_canon_head != m_read_tail;
    usize amt = 1;
    if (for_poll && !m_termios.c_cc[VTIME] && m_termios.c_cc[VMIN]) amt = m_termios.c_cc[VMIN];
    return queued() >= amt;
}

ReadPlan LineDiscipline::read_plan() const {
    ReadPlan p;
    if (m_termios.c_lflag & ICANON) {
        p.canonical = true;
        p.first_wait_ns = kWaitForever;
        return p;
    }
    const u64 tenth = 100'000'000;   // VTIME counts tenths of a second
    if (m_termios.c_cc[VMIN]) {
        p.minimum = m_termios.c_cc[VMIN];
        p.first_wait_ns = kWaitForever;
        p.inter_byte_ns = m_termios.c_cc[VTIME] * tenth;
    } else {
        p.minimum = 1;
        p.first_wait_ns = m_termios.c_cc[VTIME] * tenth;
    }
    return p;
}

usize LineDiscipline::read(u8* dst, usize n, bool* line_done) {
    *line_done = false;
    if ((m_termios.c_lflag & ICANON) && !(m_termios.c_lflag & EXTPROC)) {
        // linux: canon_copy_from_read_buf. Up to the first line end within n bytes; an EOF
        // marker ends the line but is not copied.
        usize avail = min(n, m_canon_head - m_read_tail);
        if (!avail) return 0;
        usize k = 0;
        bool found = false;
        for (; k < avail; k++) {
            if (flag_at(m_read_tail + k)) {
                found = true;
                break;
            }
        }
        usize take = found ? k + 1 : k;    // bytes leaving the ring
        usize copy = take;
        bool eof = found && !m_push && buf_at(m_read_tail + k) == kDisabledChar;
        if (eof) copy--;
        for (usize j = 0; j < copy; j++) dst[j] = buf_at(m_read_tail + j);
        if (found) set_flag(m_read_tail + k, false);
        bool eof_push = eof && copy == 0 && m_read_tail != m_line_start;
        m_read_tail += take;
        if (found) {
            if (!m_push) m_line_start = m_read_tail;
            else m_push = false;
            // ^D after a partially read line only pushes it: that is not end-of-file.
            *line_done = !eof_push;
        }
        return copy;
    }
    usize k = min(n, queued());
    for (usize j = 0; j < k; j++) dst[j] = buf_at(m_read_tail + j);
    m_read_tail += k;
    return k;
}

usize LineDiscipline::input_bytes() const {
    if (!(m_termios.c_lflag & ICANON) || (m_termios.c_lflag & EXTPROC)) return queued();
    // linux: inq_canon: complete lines, EOF markers not counted.
    usize n = m_canon_head - m_read_tail;
    for (usize t = m_read_tail; t != m_canon_head; t++)
        if (flag_at(t) && buf_at(t) == kDisabledChar) n--;
    return n;
}

void LineDiscipline::flush_input() { reset_buffer(); }

}  // namespace tty
