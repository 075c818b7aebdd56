// SPDX-License-Identifier: MIT
// The terminal layer's character devices and their file operations:
//   /dev/ttyS0   (4, 64)  the serial terminal
//   /dev/tty     (5, 0)   the caller's controlling terminal (ENXIO without one)
//   /dev/console (5, 1)   ttyS0, never acquired as controlling terminal by open()
//   /dev/kmsg    (1, 11)  the kernel log: one record per read, a write logs one message
// Each device is an open function that fills in the File's ops (Inode::open -> chardev_open ->
// here); tty_devices_init() registers them with the registry (fs/devfs/chardev.h).
#pragma once

#include "fs/vfs/dev.h"
#include "lib/result.h"
#include "lib/span.h"

class File;
class Tty;

constexpr u32 kTtySerialMajor = 4, kTtySerialMinorBase = 64;   // TTY_MAJOR: ttyS0 = 4:64
constexpr u32 kTtyAuxMajor = 5;                                // TTYAUX_MAJOR: tty 5:0, console 5:1
constexpr u32 kMemMajor = 1, kKmsgMinor = 11;                  // MEM_MAJOR: kmsg = 1:11

struct TtyCharDevice {
    DevId dev;
    const char* name;     // under /dev
    u32 mode;             // permission bits of the node, as Linux's devtmpfs/udev defaults
    Result<void> (*open)(File& file, DevId dev);   // a CharDevOpenFn
};

// The devices above (ttyS0 only once tty_init() created it).
Span<const TtyCharDevice> tty_char_devices();
// Registers them with the character-device registry and makes their /dev nodes (called by
// tty_init(), which must therefore run after vfs_init()). Failures are logged, not fatal.
void tty_devices_init();

// The open flags of file that matter to a terminal.
struct TtyFileMode;
TtyFileMode tty_file_mode(File& file);
// A File whose ops are a terminal's (for the pty driver later): the Tty it reads and writes.
Tty* tty_of_file(File& file);
// Makes file a descriptor of t: installs the tty file ops and runs the open-time controlling
// terminal rules (noctty: O_NOCTTY, /dev/console, /dev/tty).
Result<void> tty_file_open(File& file, Tty& t, bool noctty);

// /dev/kmsg's open (kmsg.cpp).
Result<void> kmsg_open(File& file, DevId dev);
