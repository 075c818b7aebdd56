// SPDX-License-Identifier: MIT
// The early console: synchronous, lock-free output usable from a panic.
#pragma once

#include "lib/types.h"

namespace arch {
void console_init();
void console_write(const char* s, usize n);
// As console_write, without turning "\n" into "\r\n": the tty does its own output processing.
void console_write_raw(const char* s, usize n);
// Input, for the serial tty: the ISA IRQ of the console UART (COM1: 4), enabling its
// receive-data interrupt (the caller routes the IRQ first), and draining one received byte
// (false when none is waiting). All three are false/no-ops when there is no UART.
unsigned console_isa_irq();
bool console_enable_rx_irq();
bool console_read_byte(u8& out);
}  // namespace arch
