// SPDX-License-Identifier: MIT
// The 16550 backend of ttyS0. Output stays polled through arch::console_write_raw (the kernel
// log shares the UART and must work from any context, panics included); input is interrupt
// driven: the handler drains the receive FIFO into Tty::receive.
#include "drivers/tty/serial_tty.h"

#include "arch/console.h"
#include "arch/cpu.h"
#include "arch/interrupts.h"
#include "core/log.h"
#include "drivers/tty/pty.h"
#include "drivers/tty/tty.h"
#include "drivers/tty/tty_devices.h"
#include "fs/vfs/late_init.h"

namespace {

LateInit<Tty> g_serial;

void serial_write(void*, const u8* data, usize n) {
    arch::console_write_raw(reinterpret_cast<const char*>(data), n);
}

// Interrupt context. Reads every byte the UART holds: the IOAPIC line is edge-triggered, so a
// byte left behind would never raise another interrupt.
void serial_irq(void* ctx) {
    auto* t = static_cast<Tty*>(ctx);
    u8 buf[64];
    usize n = 0;
    u8 c;
    while (arch::console_read_byte(c)) {
        buf[n++] = c;
        if (n == sizeof(buf)) {
            t->receive(buf, n);
            n = 0;
        }
    }
    if (n) t->receive(buf, n);
}

}  // namespace

Tty* serial_tty() { return g_serial.ready() ? &g_serial.get() : nullptr; }

void tty_init() {
    if (g_serial.ready()) return;
    // linux: serial_core's console setup: 115200 8N1, modem control lines ignored (CLOCAL).
    Tty& t = g_serial.init("ttyS0", make_dev(kTtySerialMajor, kTtySerialMinorBase), TtyDriver{serial_write, nullptr},
                           tty::default_termios(B115200 | CS8 | CREAD | HUPCL | CLOCAL));
    t.set_backspace_erases(true);
    unsigned irq = arch::console_isa_irq();
    if (!arch::irq_register_isa(irq, serial_irq, &t)) {
        log_warn("tty: cannot route IRQ %u to ttyS0; console input disabled", irq);
    } else if (!arch::console_enable_rx_irq()) {
        log_warn("tty: no UART on COM1; console input disabled");
    } else {
        arch::IrqState st = arch::irq_save();   // as the handler would: not nested in itself
        serial_irq(&t);                          // bytes typed before the interrupt was on
        arch::irq_restore(st);
    }
    tty_devices_init();
    pty_init();
    log_info("tty: ttyS0 on COM1 (IRQ %u) is the console", irq);
}
