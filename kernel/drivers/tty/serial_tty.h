// SPDX-License-Identifier: MIT
// The serial console as a terminal: ttyS0 on the COM1 16550, which is also /dev/console.
#pragma once

class Tty;

// Creates ttyS0 (115200 8N1, the console), routes the UART's receive interrupt (ISA IRQ 4) to
// it and registers the terminal devices (tty_devices.h). Call once after the platform (IOAPIC)
// and the scheduler are up; later calls do nothing.
void tty_init();
// ttyS0, or nullptr before tty_init().
Tty* serial_tty();
