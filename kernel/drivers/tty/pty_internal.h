// SPDX-License-Identifier: MIT
// One pty pair, shared by pty.cpp (allocation, the slave side) and pty_master.cpp. Pairs live in
// a table indexed by their number and are reused, never freed: a process's controlling-terminal
// pointer (a raw Tty*) that outlives the pair by a race then still points to a Tty.
#pragma once

#include "drivers/tty/pty_queue.h"
#include "drivers/tty/tty.h"
#include "fs/vfs/file.h"

constexpr usize kPtyQueueSize = 16384;   // what the master can hold unread (a power of two)

struct PtyMasterState {
    explicit PtyMasterState(u8* buf) : queue(buf, kPtyQueueSize) {}
    tty::PtyQueue queue;
    bool locked = true;          // TIOCSPTLCK: slave opens fail with EIO
    bool master_open = false;
    u32 slave_files = 0;
    bool slave_closed = false;   // the last slave descriptor closed (linux: TTY_OTHER_CLOSED)
};

class PtyPair {
public:
    PtyPair(u32 index, u8* queue_buf);
    ARAMID_NOCOPY(PtyPair);

    u32 index() const { return m_index; }
    Tty& slave() { return m_slave; }
    template <typename F>
    decltype(auto) with_master(F&& f) {
        return m_master.with(f);
    }
    // Wakes both sides (they share the slave's queue).
    void wake() { m_slave.wait_queue().wake_all(); }

    // Set when the pair is handed out, dropped when it is released.
    Path devpts_root;

private:
    static void driver_write(void* ctx, const u8* data, usize n);
    static usize driver_room(void* ctx);

    u32 m_index;
    char m_name[12];   // "pts/N"
    Tty m_slave;
    Protected<PtyMasterState> m_master;
};

// The default termios of a pty slave (linux: pts_driver->init_termios: B38400 | CS8 | CREAD).
tty::Termios pty_default_termios();
// The master side's file operations (pty_master.cpp).
FileOps& pty_master_ops();
// Master release: hang the slave up, remove its node, release the pair when no slave is open.
void pty_master_closed(PtyPair& p);
