// SPDX-License-Identifier: MIT
// The N_TTY line discipline as pure logic: termios settings, input processing (ICRNL, INLCR,
// IGNCR, ISTRIP, IUCLC), canonical line editing (VERASE, VWERASE, VKILL, VLNEXT, VREPRINT, VEOF,
// VEOL, UTF-8-aware erase under IUTF8), echo (ECHO, ECHOE, ECHOK, ECHOKE, ECHONL, ECHOCTL,
// ECHOPRT), ISIG signal characters, IXON flow control, non-canonical VMIN/VTIME read plans and
// output processing (OPOST, ONLCR, OCRNL, ONOCR, ONLRET, OLCUC, XTABS). It owns the 4 KiB input
// ring and nothing else: no locks, no sleeping, no process knowledge. Results come back as return
// values (signals to raise, whether readers can proceed) and echo/output bytes go to one output
// callback, so the whole thing runs in host unit tests. Tty (tty.h) adds the locking, blocking and
// job control. Mirrors linux: drivers/tty/n_tty.c (v6.x) unless a comment says otherwise.
#pragma once

// Only the termios part of the UAPI (abi/linux/uapi.h carries it too): the whole of uapi.h
// cannot sit next to the host C library's headers in the unit tests.
#pragma push_macro("__GLIBC__")
#undef __GLIBC__
#include <asm/termios.h>
#pragma pop_macro("__GLIBC__")

#include "lib/types.h"

namespace tty {

using Termios = ::termios;     // the struct TCGETS/TCSETS copy on x86_64 (c_cc[19])
using Termios2 = ::termios2;   // TCGETS2/TCSETS2: adds the input and output speeds
using Winsize = ::winsize;
static_assert(sizeof(Termios) == 36 && __builtin_offsetof(Termios, c_line) == 16 &&
              __builtin_offsetof(Termios, c_cc) == 17 && NCCS == 19);
static_assert(sizeof(Termios2) == 44 && __builtin_offsetof(Termios2, c_ispeed) == 36);
static_assert(sizeof(Winsize) == 8);

// linux: man 7 signal, the x86_64 numbers. The process layer owns signals; the tty only names
// the ones it raises.
constexpr int kSigHup = 1, kSigInt = 2, kSigQuit = 3, kSigCont = 18, kSigTstp = 20, kSigTtin = 21,
              kSigTtou = 22, kSigWinch = 28;

constexpr usize kBufSize = 4096;     // N_TTY_BUF_SIZE
constexpr usize kEchoPending = 512;  // echoes held while output is stopped (^S)
constexpr u64 kWaitForever = ~u64(0);
constexpr usize kMaxOutputWidth = 8;  // a tab expanded to spaces (XTABS)

// Linux's tty_std_termios with the given c_cflag (serial ports use B9600/B115200|CS8|CREAD|
// HUPCL|CLOCAL): ICRNL|IXON, OPOST|ONLCR, ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN and
// INIT_C_CC (^C ^\ DEL ^U ^D, VMIN 1, ^Q ^S ^Z, ^R ^O ^W ^V).
Termios default_termios(tcflag_t cflag = B38400 | CS8 | CREAD | HUPCL);
// Baud rate of a CBAUD value (B9600 -> 9600), 0 for B0 or unknown.
u32 baud_of(tcflag_t cflag);

// How a read(2) must wait, from the mode and VMIN/VTIME (linux: n_tty_read).
struct ReadPlan {
    bool canonical = false;
    usize minimum = 0;            // non-canonical: done once this many bytes were read
    u64 first_wait_ns = 0;        // wait for the first byte: 0 = not at all, kWaitForever
    u64 inter_byte_ns = 0;        // after data arrived the wait becomes this (VMIN>0, VTIME>0)
};

struct ReceiveResult {
    usize consumed = 0;           // bytes taken (the rest did not fit: see receive())
    bool input_ready = false;     // a reader can make progress now (line, data or EOF)
    bool output_started = false;  // output was restarted (^Q, IXANY): writers may continue
    u8 signal_count = 0;
    int signals[4] = {};          // signals for the foreground process group, in order
    void add_signal(int sig);
};

class LineDiscipline {
public:
    using OutputFn = void (*)(void* ctx, const u8* data, usize n);

    LineDiscipline(OutputFn out, void* ctx, const Termios& initial = default_termios());
    LineDiscipline(const LineDiscipline&) = delete;
    LineDiscipline& operator=(const LineDiscipline&) = delete;

    const Termios& termios() const { return m_termios; }
    // TCSETS: switching ICANON re-frames pending input as Linux does (going canonical makes what
    // is pending one readable line). Returns true when readers should be woken.
    bool set_termios(const Termios& t);

    // Input from the driver. Processes bytes in order until the ring is full; the bytes from
    // `consumed` on were not looked at (a pty can push back). A driver that cannot hold them
    // gives them to receive_overflow().
    ReceiveResult receive(const u8* data, usize n);
    // Bytes that found the ring full: signal and flow-control characters still act, the rest is
    // dropped and counted.
    // LINUX-DIVERGENCE: Linux parks them in the driver's flip buffer and processes them (^C
    // included) only once a reader drains the ring; a serial port with nowhere to park them
    // drops them, and letting ^C through keeps a stuck program interruptible. Test: tty.*overflow
    ReceiveResult receive_overflow(const u8* data, usize n);
    usize receive_room() const;
    u64 dropped() const { return m_dropped; }

    // Reading. readable(): canonical: a complete line (or EOF) is queued; otherwise at least one
    // byte (poll: VMIN bytes when VTIME is 0, as Linux's input_available_p).
    bool readable(bool for_poll = false) const;
    ReadPlan read_plan() const;
    // Copies at most n bytes. Canonical: from the first complete line only, without an EOF
    // marker; *line_done says the line (or EOF) was finished, so read(2) returns. Returns 0 with
    // *line_done for EOF (^D at line start). Non-canonical: whatever is queued.
    usize read(u8* dst, usize n, bool* line_done);
    usize input_bytes() const;    // FIONREAD: canonical counts complete lines only
    usize queued() const { return m_read_head - m_read_tail; }
    void flush_input();           // TCFLSH TCIFLUSH

    // Output processing of written bytes (OPOST), straight to the output callback. Takes bytes
    // while their processed form fits in room (a pty's buffer space) and returns how many it
    // took; a byte never expands to more than kMaxOutputWidth bytes.
    usize write(const u8* data, usize n, usize room = ~usize(0));
    // Flow control. stop/start_user: TCOOFF/TCOON (^Q cannot undo TCOOFF). send_char: TCIOFF/
    // TCION write VSTOP/VSTART even while stopped.
    bool output_stopped() const { return m_stopped; }
    void stop_output_user();
    bool start_output_user();
    void send_char(u8 c);
    usize column() const { return m_column; }

    // Canonical mode also erases on ^H while VERASE is DEL (its default).
    // LINUX-DIVERGENCE: Linux erases on VERASE only; terminals disagree on what Backspace sends
    // (DEL or ^H), and a serial console has nobody to run `stty erase ^H`. Off by default; the
    // serial console turns it on. Test: TtyLineDiscipline.BackspaceAlias
    void set_backspace_erases(bool on) { m_backspace_erases = on; }

private:
    struct Out;
    isize raw_room() const;
    bool overflow_mode() const;
    bool is_special(u8 c) const;
    void receive_byte(u8 c, ReceiveResult& r, Out& o);
    void receive_special(u8 c, ReceiveResult& r, Out& o);
    void receive_normal(u8 c, Out& o);
    void receive_signal(int sig, u8 c, ReceiveResult& r, Out& o);
    bool flow_char(u8 c, ReceiveResult& r, Out& o);
    void eraser(u8 c, Out& o);
    void finish_erasing(Out& o);
    void echo_char(u8 c, Out& o);
    void echo_raw(u8 c, Out& o);
    void echo_ctl(u8 c, Out& o);
    void echo_set_canon_col(Out& o);
    void output_char(u8 c, Out& o);   // OPOST processing of one byte
    usize output_width(u8 c) const;   // how many bytes output_char(c) produces now
    void start_output(ReceiveResult& r, Out& o);
    void put(u8 c);
    void reset_buffer();
    bool is_continuation(u8 c) const;
    bool is_backspace_alias(u8 c) const;
    u8 buf_at(usize idx) const { return m_buf[idx & (kBufSize - 1)]; }
    bool flag_at(usize idx) const;
    void set_flag(usize idx, bool v);

    OutputFn m_out;
    void* m_out_ctx;
    Termios m_termios;
    u8 m_buf[kBufSize] = {};
    u64 m_line_flags[kBufSize / 64] = {};   // set on the last byte of each canonical line
    // Free-running indices into m_buf (masked on use), as in n_tty.
    usize m_read_head = 0;
    usize m_read_tail = 0;
    usize m_canon_head = 0;                 // end of the last complete line
    usize m_line_start = 0;
    bool m_push = false;                    // the pending line was pushed by a mode switch
    bool m_erasing = false;                 // inside an ECHOPRT \...\ erase run
    bool m_lnext = false;                   // the next byte is literal (VLNEXT)
    bool m_stopped = false;                 // output stopped (^S or TCOOFF)
    bool m_user_stopped = false;            // stopped by TCOOFF
    usize m_column = 0;                     // output column, for tab erase
    usize m_canon_column = 0;               // column where the current input line started
    u8 m_echo_pending[kEchoPending] = {};
    usize m_echo_pending_len = 0;
    u64 m_dropped = 0;
    bool m_backspace_erases = false;
};

}  // namespace tty
