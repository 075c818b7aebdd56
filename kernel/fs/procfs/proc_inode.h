// SPDX-License-Identifier: MIT
// procfs inodes. Every /proc node is described by a ProcNode (what it shows: a table entry, and
// for per-process nodes the pid, thread and descriptor) and realised as a ProcInode made on each
// lookup, so attributes such as the owner of /proc/<pid> follow the process (Linux gets the same
// from d_revalidate). The superblock keeps the dentry cache off (see ProcInode::lookup): entries
// of processes and descriptors that go away must not stay resolvable.
//
// Regular files are generated when read at offset 0 (and on the first read) into a per-open
// SeqBuf, so a reader going through a file in pieces sees one consistent snapshot; a read at 0
// regenerates, as Linux's seq_file does for `lseek(fd, 0, SEEK_SET); read(...)` pollers.
#pragma once

#include "core/wait_queue.h"
#include "fs/procfs/seq_buf.h"
#include "fs/vfs/file.h"

enum class ProcKind : u8 {
    Root,        // /proc
    Dir,         // a directory with a static table of children (/proc/sys/...)
    File,        // a generated file
    Link,        // a symlink whose target is generated
    PidDir,      // /proc/<pid>
    TaskList,    // /proc/<pid>/task
    TidDir,      // /proc/<pid>/task/<tid>
    FdDir,       // .../fd
    FdLink,      // .../fd/<n>
    FdInfoDir,   // .../fdinfo
    FdInfo,      // .../fdinfo/<n>
};

struct ProcNode;
// Generates a file's contents or a symlink's target. viewer: the credentials of the process
// looking (permission decisions such as environ's or the fields stat hides).
using ProcShowFn = Result<void> (*)(const ProcNode& node, const Credentials& viewer, SeqBuf& out);
// Applies a write (the bytes written, at most one page); the file reports the whole count.
using ProcWriteFn = Result<void> (*)(const ProcNode& node, const Credentials& viewer, StringView data);

struct ProcEntry {
    const char* name;
    u32 mode;                    // S_IF* and permission bits
    ProcKind kind;               // File, Link, Dir, or the dynamic directory this name leads to
    ProcShowFn show = nullptr;
    ProcWriteFn write = nullptr;
    const ProcEntry* children = nullptr;   // Dir
    u16 child_count = 0;
    u16 flags = 0;
    u32 fixed_ino = 0;           // Linux's fixed numbers (self, thread-self); 0: derived from the name
};

enum ProcEntryFlags : u16 {
    kProcTgidOnly = 1,    // only in /proc/<pid>/, not in task/<tid>/
    kProcInspect = 2,     // opening needs ptrace-style access to the process (environ, maps)
    kProcSysctl = 4,      // /proc/sys: the mode bits bind root too (linux: sysctl_perm())
    kProcNsLink = 8,      // a /proc/<pid>/ns/ link: a magic link to the namespace's nsfs file
    // Pollable, with POLLPRI|POLLERR once the counter behind it has moved since the open or the
    // last poll (linux: mounts_poll(), swaps_poll()): the mount table (mounts, mountinfo) or the
    // swap areas (swaps: Aramid has none, so it never moves).
    kProcPollMounts = 16,
    kProcPollSwaps = 32,
};

struct ProcNode {
    ProcKind kind = ProcKind::Root;
    const ProcEntry* entry = nullptr;   // the table entry (table-driven kinds, TaskList/Fd dirs)
    int pid = 0;                        // the thread group (0: a global node)
    int tid = 0;                        // the thread, below task/<tid>/ (0: the group)
    int fd = -1;                        // FdLink, FdInfo
    u64 ino = 1;
    u64 parent_ino = 1;
    // The thread whose data per-thread files show: tid, or the group's leader.
    int thread() const { return tid ? tid : pid; }
};

class ProcSuperBlock final : public SuperBlock {
public:
    static Result<RefPtr<ProcSuperBlock>> create();
    ~ProcSuperBlock() override;
    void statfs(FsStats& out) override;
    bool inodes_per_lookup() const override { return true; }
    // What /proc/swaps polls on: never woken, there are no swap areas to add or remove.
    WaitQueue& swaps_queue() { return m_swaps_queue; }

private:
    ProcSuperBlock();
    WaitQueue m_swaps_queue;
};

class ProcInode final : public Inode {
public:
    // The inode for node, its attributes taken now. ENOENT when its process or descriptor is gone.
    static Result<RefPtr<Inode>> make(SuperBlock& sb, const ProcNode& node);
    ~ProcInode() override;

    const ProcNode& node() const { return m_node; }

    Result<RefPtr<Inode>> lookup(StringView name) override;
    Result<void> iterate(u64& pos, DirSink& sink) override;
    Result<usize> readlink(char* buf, usize size) override;
    Result<Path> magic_link() override;
    Result<void> open(File& file) override;
    Result<void> setattr(const SetAttr& attr) override;
    Result<void> permission(const Credentials& creds, int mask) const override;
    Result<void> truncate(u64) override { return {}; }   // O_TRUNC on a /proc file: ignored, as Linux
    // Nothing can be created: Linux's proc lookups fail with ENOENT before the operation is tried.
    Result<RefPtr<Inode>> create(StringView, u32, const Credentials&) override { return no_entry(); }
    Result<RefPtr<Inode>> mkdir(StringView, u32, const Credentials&) override { return no_entry(); }
    Result<RefPtr<Inode>> mknod(StringView, u32, DevId, const Credentials&) override { return no_entry(); }
    Result<RefPtr<Inode>> symlink(StringView, StringView, const Credentials&) override { return no_entry(); }
    Result<void> link(StringView, Inode&) override { return Error(is_dir() ? ENOENT : ENOTDIR); }

private:
    ProcInode(SuperBlock& sb, const ProcNode& node, u32 mode);
    Result<RefPtr<Inode>> no_entry() const { return Error(is_dir() ? ENOENT : ENOTDIR); }
    ProcNode m_node;
};

// True for inodes of a proc superblock (fd links skip " (deleted)" for them: procfs dentries are
// never cached, so they always look unhashed).
bool is_proc_superblock(const SuperBlock& sb);
