// SPDX-License-Identifier: MIT
// The global lock order. A lock may only be taken while every lock already held has a lower
// rank; debug builds check it on each acquisition and panic with the held-lock list.
// Rank None opts a lock out of checking (used only for the log and panic paths, which must work
// whatever is held).
#pragma once

#include "lib/types.h"

enum class LockRank : u8 {
    None = 0,
    Futex = 3,         // futex hash buckets (two at once in address order): look up PI owners, wake
    ProcessTree = 5,   // parent/child links, pids, groups, thread lists, signals; before any wait queue
    TimerObject = 7,   // timerfd and POSIX timer state: taken under ProcessTree (signal dequeue re-arms
                       // a timer), wakes wait queues and arms kernel timers while held
    Epoll = 8,         // epoll items and ready lists: taken from wake-up callbacks (maybe under
                       // TimerObject); registers with the watched files' wait queues while held
    WaitQueue = 10,    // wait queues' lists; waking a thread then takes Scheduler
    Scheduler = 20,    // run queues: taken from timer interrupts and wakeups
    Timer = 25,        // kernel timers; the scheduler reads the next deadline under its own lock
    FdTable = 30,      // a process's descriptors; dropping a File under it may free (Heap)
    UnixSocket = 32,   // AF_UNIX socket state (net/unix_*.cpp): taken when a File is released under
                       // FdTable; wakes and frees only after release
    Inet = 33,         // AF_INET/AF_INET6 sockets, TCP/UDP state, network devices (net/inet/): taken
                       // when a File is released under FdTable; allocates (Heap), wakes only after release
    Tty = 35,          // a terminal's state; wakes readers (wait queues, scheduler) after release
    FsInodeCache = 34, // a disk file system's table of live inodes: left by an inode's destructor,
                       // which runs wherever its last reference goes (a File released under FdTable)
    Pty = 37,
    Fsnotify = 38,     // inotify watches and event queues (fs/notify/): taken from any VFS operation,
                       // even while a File is dropped; allocates (Heap), wakes nothing while held          // a pty master's queue (taken under its slave's Tty lock), the pty table, devpts
    Mqueue = 39,       // the POSIX message queue namespace and accounting (ipc/mqueue_names.cpp): taken
                       // when a queue's last File is released under FdTable; allocates (Heap)
    BlockQueue = 36,   // a block device's request queue (virtio ring): taken by submitters and the
                       // completion interrupt; wakes the waiters only after release
    Heap = 40,         // kmalloc / slab: may be called with any of the above held
    PhysMem = 50,      // buddy allocator: the heap takes it to get pages
    KernelVm = 45,     // kernel page tables (kernel stacks, MMIO): allocates page-table pages (PhysMem)
    Clock = 55,        // the vDSO data page's writers (clock_settime, ticks); nothing is taken under it
    Log = 60,          // log ring: anything may log
};

const char* lock_rank_name(LockRank r);
