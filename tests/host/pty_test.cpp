// SPDX-License-Identifier: MIT
// The pty master's queue (packet mode headers and status priority) and the line discipline's
// room-limited output, as a pty slave writes into a full master.
#include <gtest/gtest.h>

#include <string>

#include "drivers/tty/line_discipline.h"
#include "drivers/tty/pty_queue.h"

namespace {

struct Queue {
    u8 buf[16];
    tty::PtyQueue q{buf, sizeof(buf)};
    usize push(const std::string& s) { return q.push(reinterpret_cast<const u8*>(s.data()), s.size()); }
    std::string read(usize n = 64) {
        std::string r(n, '\0');
        r.resize(q.read(reinterpret_cast<u8*>(r.data()), n));
        return r;
    }
};

std::string out;
void sink(void*, const u8* d, usize n) { out.append(reinterpret_cast<const char*>(d), n); }

}  // namespace

TEST(PtyQueue, FillsToCapacityAndWraps) {
    Queue t;
    EXPECT_EQ(t.push(std::string(20, 'a')), 16u);
    EXPECT_EQ(t.q.room(), 0u);
    EXPECT_EQ(t.read(10), std::string(10, 'a'));
    EXPECT_EQ(t.push("bcdefghijklm"), 10u);
    EXPECT_EQ(t.read(), std::string(6, 'a') + "bcdefghijk");
    EXPECT_FALSE(t.q.readable());
    EXPECT_EQ(t.read(), "");
}

TEST(PtyQueue, PacketModeHeaderAndStatusFirst) {
    Queue t;
    t.q.add_status(1);   // not in packet mode: ignored
    EXPECT_FALSE(t.q.readable());
    t.q.set_packet(true);
    t.push("xy");
    EXPECT_EQ(t.read(), std::string("\0xy", 3));
    t.push("z");
    t.q.add_status(1);
    t.q.add_status(2);
    EXPECT_EQ(t.read(), "\x03");        // status alone, before the data
    EXPECT_EQ(t.read(2), std::string("\0z", 2));
    t.push("abc");
    EXPECT_EQ(t.read(2), std::string("\0a", 2));   // the header counts against the size
    EXPECT_EQ(t.read(1), std::string("\0", 1));    // no room for data: the header only
    t.q.set_packet(false);
    EXPECT_EQ(t.read(), "bc");
}

TEST(PtyQueue, TurningPacketModeOnClearsOldStatus) {
    Queue t;
    t.q.set_packet(true);
    t.q.add_status(4);
    t.q.set_packet(true);   // already on: kept
    EXPECT_EQ(t.q.status(), 4);
    t.q.set_packet(false);
    t.q.set_packet(true);
    EXPECT_EQ(t.q.status(), 0);
    EXPECT_FALSE(t.q.readable());
}

TEST(TtyLineDiscipline, WriteStopsWhereOutputNoLongerFits) {
    out.clear();
    tty::LineDiscipline ld(sink, nullptr);
    const u8 text[] = {'a', '\n', 'b'};
    EXPECT_EQ(ld.write(text, 3, 2), 1u);   // "\r\n" needs 2 more
    EXPECT_EQ(out, "a");
    EXPECT_EQ(ld.write(text + 1, 2, 2), 1u);
    EXPECT_EQ(out, "a\r\n");
    tty::Termios t = tty::default_termios();
    t.c_oflag |= TAB3;
    ld.set_termios(t);
    const u8 tab[] = {'\t', 'x'};
    EXPECT_EQ(ld.write(tab, 2, 7), 0u);    // a tab at column 0 is 8 spaces
    EXPECT_EQ(ld.write(tab, 2, 9), 2u);
    EXPECT_EQ(out, "a\r\n        x");
    t.c_oflag &= ~OPOST;
    ld.set_termios(t);
    const u8 raw[] = {'\n', '\n', '\n'};
    EXPECT_EQ(ld.write(raw, 3, 2), 2u);    // raw: one byte each
}
