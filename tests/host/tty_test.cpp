// SPDX-License-Identifier: MIT
// The N_TTY line discipline on the host: every input, echo, erase, signal, flow-control and
// output-processing rule checked against what Linux's n_tty does.
#include <gtest/gtest.h>

#include <csignal>
#include <string>

#include "drivers/tty/line_discipline.h"

using tty::LineDiscipline;

namespace {

struct Ld {
    std::string out;
    LineDiscipline ld;

    static void sink(void* ctx, const u8* d, usize n) {
        static_cast<Ld*>(ctx)->out.append(reinterpret_cast<const char*>(d), n);
    }
    explicit Ld(const tty::Termios& t = tty::default_termios()) : ld(sink, this, t) {}

    tty::ReceiveResult feed(const std::string& s) {
        return ld.receive(reinterpret_cast<const u8*>(s.data()), s.size());
    }
    std::string read(usize n = 8192, bool* done = nullptr) {
        std::string r(n, '\0');
        bool d = false;
        usize got = ld.read(reinterpret_cast<u8*>(r.data()), n, &d);
        if (done) *done = d;
        r.resize(got);
        return r;
    }
    std::string take_out() {
        std::string s = out;
        out.clear();
        return s;
    }
    void set(tcflag_t tty::Termios::*field, tcflag_t set_bits, tcflag_t clear_bits = 0) {
        tty::Termios t = ld.termios();
        t.*field = (t.*field | set_bits) & ~clear_bits;
        ld.set_termios(t);
    }
    void set_cc(int idx, u8 v) {
        tty::Termios t = ld.termios();
        t.c_cc[idx] = v;
        ld.set_termios(t);
    }
    void raw(u8 vmin = 1, u8 vtime = 0) {
        tty::Termios t = ld.termios();
        t.c_lflag &= ~(ICANON | ECHO);
        t.c_cc[VMIN] = vmin;
        t.c_cc[VTIME] = vtime;
        ld.set_termios(t);
    }
};

}  // namespace

TEST(TtyLineDiscipline, AbiLayoutAndDefaults) {
    EXPECT_EQ(sizeof(tty::Termios), 36u);
    EXPECT_EQ(tty::kSigInt, SIGINT);
    EXPECT_EQ(tty::kSigQuit, SIGQUIT);
    EXPECT_EQ(tty::kSigTstp, SIGTSTP);
    EXPECT_EQ(tty::kSigTtin, SIGTTIN);
    EXPECT_EQ(tty::kSigTtou, SIGTTOU);
    EXPECT_EQ(tty::kSigWinch, SIGWINCH);
    EXPECT_EQ(tty::kSigHup, SIGHUP);
    EXPECT_EQ(tty::kSigCont, SIGCONT);
    tty::Termios t = tty::default_termios(B115200 | CS8 | CREAD | HUPCL | CLOCAL);
    EXPECT_EQ(t.c_iflag, tcflag_t(ICRNL | IXON));
    EXPECT_EQ(t.c_oflag, tcflag_t(OPOST | ONLCR));
    EXPECT_EQ(t.c_lflag, tcflag_t(ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN));
    EXPECT_EQ(t.c_cc[VINTR], 3);
    EXPECT_EQ(t.c_cc[VERASE], 0x7f);
    EXPECT_EQ(t.c_cc[VMIN], 1);
    EXPECT_EQ(t.c_cc[VEOL], 0);
    EXPECT_EQ(tty::baud_of(t.c_cflag), 115200u);
    EXPECT_EQ(tty::baud_of(B9600), 9600u);
    EXPECT_EQ(tty::baud_of(B0), 0u);
}

TEST(TtyLineDiscipline, CanonicalLineAssembly) {
    Ld t;
    auto r = t.feed("hello");
    EXPECT_EQ(r.consumed, 5u);
    EXPECT_FALSE(r.input_ready);
    EXPECT_FALSE(t.ld.readable());
    EXPECT_EQ(t.ld.input_bytes(), 0u);
    r = t.feed("\r");   // ICRNL
    EXPECT_TRUE(r.input_ready);
    EXPECT_TRUE(t.ld.readable());
    EXPECT_EQ(t.ld.input_bytes(), 6u);
    EXPECT_EQ(t.take_out(), "hello\r\n");
    bool done = false;
    EXPECT_EQ(t.read(8192, &done), "hello\n");
    EXPECT_TRUE(done);
    EXPECT_FALSE(t.ld.readable());
}

TEST(TtyLineDiscipline, CanonicalReadsOneLineAtATimeAndSplitsLongLines) {
    Ld t;
    t.feed("one\ntwo\npartial");
    bool done = false;
    EXPECT_EQ(t.read(2, &done), "on");
    EXPECT_FALSE(done);
    EXPECT_EQ(t.read(100, &done), "e\n");
    EXPECT_TRUE(done);
    EXPECT_EQ(t.read(100, &done), "two\n");
    EXPECT_TRUE(done);
    EXPECT_FALSE(t.ld.readable());   // "partial" is not a line yet
    EXPECT_EQ(t.ld.queued(), 7u);
}

TEST(TtyLineDiscipline, EraseWithEchoe) {
    Ld t;
    t.feed("abc\x7f");
    EXPECT_EQ(t.take_out(), "abc\b \b");
    t.feed("\x7f\x7f\x7f");   // the third and fourth find nothing left
    EXPECT_EQ(t.take_out(), "\b \b\b \b");
    t.feed("xy\n");
    EXPECT_EQ(t.read(), "xy\n");
}

TEST(TtyLineDiscipline, EraseWithoutEchoeEchoesTheEraseChar) {
    Ld t;
    t.set(&tty::Termios::c_lflag, 0, ECHOE);
    t.feed("ab\x7f\n");
    EXPECT_EQ(t.take_out(), "ab^?\r\n");
    EXPECT_EQ(t.read(), "a\n");
}

TEST(TtyLineDiscipline, EraseOfControlCharRemovesItsTwoColumns) {
    Ld t;
    t.feed("\x01");
    EXPECT_EQ(t.take_out(), "^A");
    t.feed("\x7f");
    EXPECT_EQ(t.take_out(), "\b \b\b \b");
    EXPECT_EQ(t.ld.queued(), 0u);
}

TEST(TtyLineDiscipline, EraseOverTabBacksUpToTheTabStop) {
    Ld t;
    t.feed("ab\t");
    EXPECT_EQ(t.take_out(), "ab\t");
    EXPECT_EQ(t.ld.column(), 8u);
    t.feed("\x7f");
    EXPECT_EQ(t.take_out(), std::string(6, '\b'));
    EXPECT_EQ(t.ld.column(), 2u);
}

TEST(TtyLineDiscipline, ControlHIsDataUnlessTheAliasIsOn) {
    Ld t;
    t.feed("ab\b\n");
    EXPECT_EQ(t.take_out(), "ab^H\r\n");
    EXPECT_EQ(t.read(), "ab\b\n");
    t.ld.set_backspace_erases(true);
    t.feed("ab\b\n");
    EXPECT_EQ(t.take_out(), "ab\b \b\r\n");
    EXPECT_EQ(t.read(), "a\n");
    t.set_cc(VERASE, '#');   // a custom VERASE turns the alias off
    t.feed("a\b#\n");
    EXPECT_EQ(t.read(), "a\n");
}

TEST(TtyLineDiscipline, BackspaceAlias) {
    Ld t;
    t.ld.set_backspace_erases(true);
    t.feed("xyz\b\b\n");
    EXPECT_EQ(t.read(), "x\n");
}

TEST(TtyLineDiscipline, KillErasesTheLineVisually) {
    Ld t;
    t.feed("abc\x15");
    EXPECT_EQ(t.take_out(), "abc\b \b\b \b\b \b");
    t.feed("ok\n");
    EXPECT_EQ(t.read(), "ok\n");
}

TEST(TtyLineDiscipline, KillWithoutEchokeEchoesKillAndNewline) {
    Ld t;
    t.set(&tty::Termios::c_lflag, 0, ECHOKE);
    t.feed("abc\x15");
    EXPECT_EQ(t.take_out(), "abc^U\r\n");
    t.set(&tty::Termios::c_lflag, 0, ECHOK);
    t.feed("de\x15");
    EXPECT_EQ(t.take_out(), "de^U");
    t.feed("\n");
    EXPECT_EQ(t.read(), "\n");
}

TEST(TtyLineDiscipline, KillWithoutEchoJustDrops) {
    Ld t;
    t.set(&tty::Termios::c_lflag, 0, ECHO);
    t.feed("abc\x15xy\n");
    EXPECT_EQ(t.take_out(), "");
    EXPECT_EQ(t.read(), "xy\n");
}

TEST(TtyLineDiscipline, WordErase) {
    Ld t;
    t.feed("foo bar\x17");
    EXPECT_EQ(t.take_out(), "foo bar\b \b\b \b\b \b");
    t.feed("\n");
    EXPECT_EQ(t.read(), "foo \n");
    t.feed("foo bar_9  \x17\n");   // trailing blanks go with the word
    EXPECT_EQ(t.read(), "foo \n");
    t.feed("a/b\x17\n");           // punctuation ends a word (ALTWERASE)
    EXPECT_EQ(t.read(), "a/\n");
    t.set(&tty::Termios::c_lflag, 0, IEXTEN);   // VWERASE needs IEXTEN
    t.feed("ab\x17\n");
    EXPECT_EQ(t.read(), "ab\x17\n");
}

TEST(TtyLineDiscipline, Utf8AwareErase) {
    Ld t;
    t.set(&tty::Termios::c_iflag, IUTF8);
    t.feed("a\xc3\xa9");   // "aé"
    EXPECT_EQ(t.ld.column(), 2u);
    t.take_out();
    t.feed("\x7f");
    EXPECT_EQ(t.take_out(), "\b \b");   // one column, one character
    t.feed("\n");
    EXPECT_EQ(t.read(), "a\n");

    Ld b;   // without IUTF8 one byte goes
    b.feed("a\xc3\xa9\x7f\n");
    EXPECT_EQ(b.read(), "a\xc3\n");
}

TEST(TtyLineDiscipline, EofAtLineStartIsZeroBytes) {
    Ld t;
    auto r = t.feed("\x04");
    EXPECT_TRUE(r.input_ready);
    EXPECT_EQ(t.take_out(), "");   // ^D is not echoed
    EXPECT_EQ(t.ld.input_bytes(), 0u);
    bool done = false;
    EXPECT_EQ(t.read(100, &done), "");
    EXPECT_TRUE(done);
    EXPECT_FALSE(t.ld.readable());
}

TEST(TtyLineDiscipline, EofMidLinePushesWithoutNewline) {
    Ld t;
    t.feed("abc\x04");
    bool done = false;
    EXPECT_EQ(t.read(100, &done), "abc");
    EXPECT_TRUE(done);
    t.feed("\x04");   // now at line start: EOF
    EXPECT_EQ(t.read(100, &done), "");
    EXPECT_TRUE(done);
}

TEST(TtyLineDiscipline, EofAfterPartiallyReadLineIsNotEndOfFile) {
    Ld t;
    t.feed("abc\x04");
    bool done = true;
    EXPECT_EQ(t.read(3, &done), "abc");
    EXPECT_FALSE(done);
    EXPECT_EQ(t.read(3, &done), "");   // the marker goes, the reader keeps waiting
    EXPECT_FALSE(done);
    EXPECT_FALSE(t.ld.readable());
}

TEST(TtyLineDiscipline, EolAndEol2EndLines) {
    Ld t;
    t.set_cc(VEOL, ';');
    t.set_cc(VEOL2, '|');
    t.feed("a;b|c");
    EXPECT_EQ(t.read(), "a;");
    EXPECT_EQ(t.read(), "b|");
    EXPECT_FALSE(t.ld.readable());
    EXPECT_EQ(t.take_out(), "a;b|c");
}

TEST(TtyLineDiscipline, NulIsNeverSpecial) {
    Ld t;   // VEOL is 0 (disabled): a NUL is data
    t.feed(std::string("a\0b\n", 4));
    EXPECT_EQ(t.read(), std::string("a\0b\n", 4));
}

TEST(TtyLineDiscipline, EchoFlags) {
    Ld t;
    t.set(&tty::Termios::c_lflag, 0, ECHO);
    t.feed("secret\n");
    EXPECT_EQ(t.take_out(), "");
    t.set(&tty::Termios::c_lflag, ECHONL);
    t.feed("x\n");
    EXPECT_EQ(t.take_out(), "\r\n");
    t.set(&tty::Termios::c_lflag, ECHO, ECHOCTL);
    t.feed("\x01\t");
    EXPECT_EQ(t.take_out(), "\x01\t");
    t.set(&tty::Termios::c_lflag, ECHOCTL);
    t.feed("\x1b");
    EXPECT_EQ(t.take_out(), "^[");
}

TEST(TtyLineDiscipline, InterruptRaisesSigintFlushesAndEchoes) {
    Ld t;
    t.feed("pending\nmore");
    t.take_out();
    auto r = t.feed("\x03");
    ASSERT_EQ(r.signal_count, 1u);
    EXPECT_EQ(r.signals[0], SIGINT);
    EXPECT_EQ(t.take_out(), "^C");
    EXPECT_EQ(t.ld.queued(), 0u);   // flushed (no NOFLSH)
    EXPECT_FALSE(t.ld.readable());
}

TEST(TtyLineDiscipline, QuitAndSuspend) {
    Ld t;
    auto r = t.feed("\x1c\x1a\x03\x03");
    ASSERT_EQ(r.signal_count, 3u);
    EXPECT_EQ(r.signals[0], SIGQUIT);
    EXPECT_EQ(r.signals[1], SIGTSTP);
    EXPECT_EQ(r.signals[2], SIGINT);
    EXPECT_EQ(t.take_out(), "^\\^Z^C^C");
}

TEST(TtyLineDiscipline, NoflshKeepsInputAndIsigOffMakesData) {
    Ld t;
    t.set(&tty::Termios::c_lflag, NOFLSH);
    t.feed("keep\n");
    auto r = t.feed("\x03");
    EXPECT_EQ(r.signal_count, 1u);
    EXPECT_EQ(t.read(), "keep\n");
    t.set(&tty::Termios::c_lflag, 0, ISIG);
    r = t.feed("\x03\n");
    EXPECT_EQ(r.signal_count, 0u);
    EXPECT_EQ(t.read(), "\x03\n");
}

TEST(TtyLineDiscipline, SignalsWorkInRawMode) {
    Ld t;
    t.raw();
    auto r = t.feed("ab\x03");
    EXPECT_EQ(r.signal_count, 1u);
    EXPECT_EQ(t.ld.queued(), 0u);
}

TEST(TtyLineDiscipline, LiteralNext) {
    Ld t;
    auto r = t.feed("\x16\x03\x16\x7f\n");
    EXPECT_EQ(r.signal_count, 0u);
    EXPECT_EQ(t.read(), "\x03\x7f\n");
    EXPECT_EQ(t.take_out(), "^\b^C^\b^?\r\n");
}

TEST(TtyLineDiscipline, Reprint) {
    Ld t;
    t.feed("ab\x12");
    EXPECT_EQ(t.take_out(), "ab^R\r\nab");
    EXPECT_EQ(t.ld.queued(), 2u);
}

TEST(TtyLineDiscipline, EchoPrtShowsErasedCharacters) {
    Ld t;
    t.set(&tty::Termios::c_lflag, ECHOPRT);
    t.feed("abc\x7f\x7f");
    EXPECT_EQ(t.take_out(), "abc\\cb");
    t.feed("x");
    EXPECT_EQ(t.take_out(), "/x");
}

TEST(TtyLineDiscipline, InputTranslation) {
    Ld t;
    t.set(&tty::Termios::c_iflag, INLCR, ICRNL);
    t.set(&tty::Termios::c_lflag, 0, ECHO);
    t.set_cc(VEOL, '\r');
    t.feed("a\n");   // INLCR: \n becomes \r, which is VEOL here
    EXPECT_EQ(t.read(), "a\r");
    t.set(&tty::Termios::c_iflag, IGNCR, INLCR);
    t.feed("b\rc\n");
    EXPECT_EQ(t.read(), "bc\n");
    t.set(&tty::Termios::c_iflag, ISTRIP, IGNCR);
    t.feed("\xc1\x8a");   // 'A' | 0x80, '\n' | 0x80
    EXPECT_EQ(t.read(), "A\n");
    t.set(&tty::Termios::c_iflag, IUCLC, ISTRIP);
    t.feed("HeLLo\n");
    EXPECT_EQ(t.read(), "hello\n");
}

TEST(TtyLineDiscipline, RawModeDeliversBytesAsTheyCome) {
    Ld t;
    t.raw();
    auto r = t.feed("a\rb");
    EXPECT_TRUE(r.input_ready);
    EXPECT_EQ(t.read(2), "a\n");   // ICRNL still applies
    EXPECT_EQ(t.read(), "b");
    EXPECT_EQ(t.take_out(), "");   // ECHO is off
    EXPECT_FALSE(t.ld.readable());
}

TEST(TtyLineDiscipline, RawModeEchoUsesCaretNotationExceptNewline) {
    Ld t;
    t.set(&tty::Termios::c_lflag, 0, ICANON);
    t.feed("x\r\n");   // \r becomes \n (ICRNL) and is echoed as a newline; a typed ^J shows as ^J
    EXPECT_EQ(t.take_out(), "x\r\n^J");
    EXPECT_EQ(t.read(), "x\n\n");
    t.feed("\x7f");    // VERASE is data in raw mode
    EXPECT_EQ(t.read(), "\x7f");
}

TEST(TtyLineDiscipline, ReadPlansFollowVminVtime) {
    Ld t;
    tty::ReadPlan p = t.ld.read_plan();
    EXPECT_TRUE(p.canonical);
    EXPECT_EQ(p.first_wait_ns, tty::kWaitForever);

    t.raw(0, 0);   // polling read
    p = t.ld.read_plan();
    EXPECT_FALSE(p.canonical);
    EXPECT_EQ(p.first_wait_ns, 0u);
    EXPECT_EQ(p.minimum, 1u);

    t.raw(0, 5);   // read with timeout: 0.5 s for the first byte
    p = t.ld.read_plan();
    EXPECT_EQ(p.first_wait_ns, 500'000'000u);
    EXPECT_EQ(p.minimum, 1u);
    EXPECT_EQ(p.inter_byte_ns, 0u);

    t.raw(4, 0);   // blocking read of 4 bytes
    p = t.ld.read_plan();
    EXPECT_EQ(p.first_wait_ns, tty::kWaitForever);
    EXPECT_EQ(p.minimum, 4u);
    EXPECT_EQ(p.inter_byte_ns, 0u);

    t.raw(4, 2);   // inter-byte timer once data flows
    p = t.ld.read_plan();
    EXPECT_EQ(p.first_wait_ns, tty::kWaitForever);
    EXPECT_EQ(p.minimum, 4u);
    EXPECT_EQ(p.inter_byte_ns, 200'000'000u);
}

TEST(TtyLineDiscipline, PollWantsVminBytesWhenVtimeIsZero) {
    Ld t;
    t.raw(3, 0);
    t.feed("ab");
    EXPECT_TRUE(t.ld.readable(false));
    EXPECT_FALSE(t.ld.readable(true));
    t.feed("c");
    EXPECT_TRUE(t.ld.readable(true));
    t.raw(3, 1);   // with VTIME one byte is enough
    EXPECT_TRUE(t.ld.readable(true));
}

TEST(TtyLineDiscipline, ModeSwitchReframesPendingInput) {
    Ld t;
    t.feed("abc");   // canonical, no newline yet
    EXPECT_FALSE(t.ld.readable());
    t.raw();
    EXPECT_TRUE(t.ld.readable());
    EXPECT_EQ(t.read(), "abc");

    t.feed("xyz");   // raw data, then back to canonical: one pushed line
    tty::Termios c = t.ld.termios();
    c.c_lflag |= ICANON;
    t.ld.set_termios(c);
    EXPECT_TRUE(t.ld.readable());
    bool done = false;
    EXPECT_EQ(t.read(100, &done), "xyz");
    EXPECT_TRUE(done);
}

TEST(TtyLineDiscipline, OutputProcessing) {
    Ld t;
    const u8 text[] = {'a', '\n', 'b', '\t', 'c'};
    t.ld.write(text, sizeof(text));
    EXPECT_EQ(t.take_out(), "a\r\nb\tc");
    EXPECT_EQ(t.ld.column(), 9u);

    t.set(&tty::Termios::c_oflag, TAB3);   // XTABS
    t.ld.write(reinterpret_cast<const u8*>("\rx\ty"), 4);
    EXPECT_EQ(t.take_out(), "\rx       y");

    t.set(&tty::Termios::c_oflag, OCRNL | OLCUC, ONLCR | TABDLY);
    t.ld.write(reinterpret_cast<const u8*>("hi\r"), 3);
    EXPECT_EQ(t.take_out(), "HI\n");

    t.set(&tty::Termios::c_oflag, ONOCR, OCRNL | OLCUC);
    t.ld.write(reinterpret_cast<const u8*>("\r\rz\r"), 4);   // no CR at column 0
    EXPECT_EQ(t.take_out(), "\rz\r");   // column was 2 after "HI" (no ONLRET)

    t.set(&tty::Termios::c_oflag, 0, OPOST);
    t.ld.write(reinterpret_cast<const u8*>("a\nb"), 3);
    EXPECT_EQ(t.take_out(), "a\nb");
}

TEST(TtyLineDiscipline, RawBufferFullRefusesThenOverflowKeepsSignals) {
    Ld t;
    t.raw();
    std::string big(5000, 'x');
    auto r = t.feed(big);
    EXPECT_EQ(r.consumed, tty::kBufSize - 1);
    EXPECT_EQ(t.ld.receive_room(), 0u);
    auto o = t.ld.receive_overflow(reinterpret_cast<const u8*>("yy\x03"), 3);
    EXPECT_EQ(o.signal_count, 1u);   // ^C still acts, and flushes
    EXPECT_EQ(t.ld.dropped(), 2u);
    EXPECT_EQ(t.ld.queued(), 0u);
}

TEST(TtyLineDiscipline, CanonicalBufferFullStillEndsTheLine) {
    Ld t;
    t.set(&tty::Termios::c_lflag, 0, ECHO);
    std::string big(5000, 'x');
    auto r = t.feed(big);
    EXPECT_EQ(r.consumed, 5000u);           // overwrites the last byte of the line
    EXPECT_EQ(t.ld.queued(), tty::kBufSize);
    t.feed("\n");
    std::string line = t.read(8192);
    ASSERT_EQ(line.size(), tty::kBufSize);
    EXPECT_EQ(line.back(), '\n');
    EXPECT_EQ(line.find_first_not_of('x'), tty::kBufSize - 1);

    // With a complete line waiting, a full ring refuses more.
    Ld u;
    u.set(&tty::Termios::c_lflag, 0, ECHO);
    u.feed("ok\n");
    r = u.feed(std::string(5000, 'y'));
    EXPECT_EQ(r.consumed, tty::kBufSize - 1 - 3);
    EXPECT_EQ(u.read(), "ok\n");
    EXPECT_GT(u.ld.receive_room(), 0u);
}

TEST(TtyLineDiscipline, FlowControlStopsEchoUntilStart) {
    Ld t;
    t.feed("\x13");   // ^S
    EXPECT_TRUE(t.ld.output_stopped());
    t.feed("ab");
    EXPECT_EQ(t.take_out(), "");
    auto r = t.feed("\x11");   // ^Q
    EXPECT_TRUE(r.output_started);
    EXPECT_FALSE(t.ld.output_stopped());
    EXPECT_EQ(t.take_out(), "ab");
    EXPECT_EQ(t.ld.queued(), 2u);   // START/STOP are not data

    t.set(&tty::Termios::c_iflag, IXANY);
    t.feed("\x13");
    r = t.feed("c");
    EXPECT_FALSE(t.ld.output_stopped());
    EXPECT_EQ(t.take_out(), "c");

    t.set(&tty::Termios::c_iflag, 0, IXON);
    t.feed("\x13\n");   // data now
    EXPECT_EQ(t.read(), std::string("abc\x13\n"));
}

TEST(TtyLineDiscipline, UserStopIsNotUndoneByStartChar) {
    Ld t;
    t.ld.stop_output_user();
    EXPECT_TRUE(t.ld.output_stopped());
    t.feed("\x11");
    EXPECT_TRUE(t.ld.output_stopped());
    EXPECT_TRUE(t.ld.start_output_user());
    EXPECT_FALSE(t.ld.output_stopped());
    t.ld.send_char(t.ld.termios().c_cc[VSTOP]);
    EXPECT_EQ(t.take_out(), "\x13");
}

TEST(TtyLineDiscipline, InputBytesAndFlush) {
    Ld t;
    t.feed("ab\n\x04" "cd");
    EXPECT_EQ(t.ld.input_bytes(), 3u);   // EOF marker and the partial line do not count
    t.raw();
    EXPECT_EQ(t.ld.input_bytes(), t.ld.queued());
    t.ld.flush_input();
    EXPECT_EQ(t.ld.queued(), 0u);
}
