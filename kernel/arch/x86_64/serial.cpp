// SPDX-License-Identifier: MIT
// 16550 UART on COM1: polled output for the log and panics (works with interrupts off and
// from any context), and interrupt-driven input for the serial tty (drivers/tty/serial_tty.cpp).
#include "arch/console.h"
#include "arch/x86_64/cpu.h"

namespace {
constexpr u16 kCom1 = 0x3F8;
bool g_present = false;
}  // namespace

namespace arch {

void console_init() {
    x86::outb(kCom1 + 1, 0x00);  // no interrupts yet
    x86::outb(kCom1 + 3, 0x80);  // DLAB
    x86::outb(kCom1 + 0, 0x01);  // 115200 baud
    x86::outb(kCom1 + 1, 0x00);
    x86::outb(kCom1 + 3, 0x03);  // 8N1
    x86::outb(kCom1 + 2, 0xC7);  // FIFO on, cleared
    x86::outb(kCom1 + 4, 0x0B);
    // Loopback probe: a missing UART reads back 0xFF and we must not spin on it forever.
    x86::outb(kCom1 + 4, 0x1E);
    x86::outb(kCom1 + 0, 0xAE);
    g_present = x86::inb(kCom1 + 0) == 0xAE;
    x86::outb(kCom1 + 4, 0x0F);
}

void console_write(const char* s, usize n) {
    if (!g_present) return;
    for (usize i = 0; i < n; i++) {
        if (s[i] == '\n') {
            while (!(x86::inb(kCom1 + 5) & 0x20)) x86::pause();
            x86::outb(kCom1, '\r');
        }
        while (!(x86::inb(kCom1 + 5) & 0x20)) x86::pause();
        x86::outb(kCom1, static_cast<u8>(s[i]));
    }
}

void console_write_raw(const char* s, usize n) {
    if (!g_present) return;
    for (usize i = 0; i < n; i++) {
        while (!(x86::inb(kCom1 + 5) & 0x20)) x86::pause();
        x86::outb(kCom1, static_cast<u8>(s[i]));
    }
}

unsigned console_isa_irq() { return 4; }

bool console_enable_rx_irq() {
    if (!g_present) return false;
    x86::outb(kCom1 + 1, 0x01);   // IER: received data available (OUT2 in MCR is already set)
    return true;
}

bool console_read_byte(u8& out) {
    if (!g_present || !(x86::inb(kCom1 + 5) & 0x01)) return false;   // LSR.DR
    out = x86::inb(kCom1);
    return true;
}

}  // namespace arch
