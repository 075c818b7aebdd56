// SPDX-License-Identifier: MIT
// procfs internals shared by its source files: the entry tables, the dynamic directories and the
// inode-number scheme.
#pragma once

#include "fs/procfs/proc_inode.h"

struct ProcTable {
    const ProcEntry* entries;
    usize count;
};
ProcTable proc_root_table();   // proc_root.cpp
ProcTable proc_pid_table();    // proc_pid_dir.cpp

// The node for table entry e in directory dir (ino and scope filled in).
ProcNode proc_child(const ProcNode& dir, const ProcEntry& e, usize index);

// Dynamic directories: lookups return ENOENT for names that do not exist; listings emit entries
// from position pos (positions >= 2: "." and ".." are the caller's), advancing pos.
Result<ProcNode> proc_root_lookup_pid(const ProcNode& dir, StringView name);
Result<void> proc_root_iterate_pids(const ProcNode& dir, u64& pos, DirSink& sink);
Result<ProcNode> proc_task_lookup(const ProcNode& dir, StringView name);
Result<void> proc_task_iterate(const ProcNode& dir, u64& pos, DirSink& sink);
Result<ProcNode> proc_fd_lookup(const ProcNode& dir, StringView name);   // FdDir and FdInfoDir
Result<void> proc_fd_iterate(const ProcNode& dir, u64& pos, DirSink& sink);
// The mode of fd link node (S_IFLNK plus r-x/-wx/rwx for the owner, from the file's access
// mode, as Linux's tid_fd_update_inode). ENOENT when the descriptor is closed.
Result<u32> proc_fd_link_mode(const ProcNode& node);
// The target of an fd link, and the contents of an fdinfo file (proc_fd.cpp).
Result<void> proc_fd_link_target(const ProcNode& node, const Credentials& viewer, SeqBuf& out);
Result<Path> proc_fd_magic_target(const ProcNode& node, const Credentials& viewer);
// Where following a /proc/<pid>/ns/ link leads: the namespace's nsfs file (proc_pid_ns.cpp).
Result<Path> proc_ns_magic_target(const ProcNode& node, const Credentials& viewer);
Result<void> proc_fdinfo_show(const ProcNode& node, const Credentials& viewer, SeqBuf& out);

// The path of p as the calling process sees it (relative to its root), appended to out; with
// mark_deleted, " (deleted)" follows when p's name was removed (Linux's d_path()).
Result<void> proc_append_path(SeqBuf& out, const Path& p, bool mark_deleted);
// The calling process's root directory ("/" for kernel threads).
Path proc_viewer_root();

// Memory figures of an address space, in pages unless noted (proc_pid_mm.cpp), as Linux's
// mm_struct counters: data_vm is private writable memory outside stacks, stack_vm grows-down
// mappings, exec_vm executable non-writable ones; the code/data/brk addresses are those of the
// main executable (exe_path), derived from its mappings.
struct MmStats {
    u64 total_vm = 0;
    u64 rss_anon = 0, rss_file = 0, rss_shmem = 0;
    u64 data_vm = 0, stack_vm = 0, exec_vm = 0;
    u64 locked_vm = 0;
    u64 start_code = 0, end_code = 0, start_data = 0, end_data = 0, start_brk = 0, start_stack = 0;
    u64 rss() const { return rss_anon + rss_file + rss_shmem; }
};
class AddressSpace;
void proc_mm_stats(AddressSpace& mm, const char* exe_path, MmStats& out);
// One /proc/<pid>/maps line for v (path: a kPathMax scratch buffer). Caller holds mm's lock
// (inside for_each_vma).
struct Vma;
void proc_show_map_line(SeqBuf& out, const Vma& v, char* path);
// The page table of mm, to walk its present pages under its lock.
namespace arch { class UserPageTable; }
arch::UserPageTable proc_page_table_of(const AddressSpace& mm);

// x86 speculation status for /proc/<pid>/status (cpuinfo_x86.cpp): true when the CPU is not
// affected by speculative store bypass.
bool proc_cpu_ssb_not_affected();
// Reads CPUID once for cpuinfo (boot).
void proc_cpuinfo_init();

// Per-process OOM adjustments (proc_pid_files.cpp keeps them; the OOM killer will read them).
// Boot-time state of /proc/sys (the boot id).
void proc_sys_init();

// Inode numbers: 1 for the root; global entries 0xF0000000 + a hash of (parent, name) (fixed
// ones for self and thread-self, as Linux); per-process nodes (scope << 32 | code << 24 |
// index), scope being the pid or tid, so numbers are stable for a pid and entry.
enum ProcInoCode : unsigned {
    kInoPidDir = 1,
    kInoPidEntry = 2,
    kInoTidDir = 3,
    kInoTidEntry = 4,
    kInoFd = 5,
    kInoTidFd = 6,
    kInoFdInfo = 7,
    kInoTidFdInfo = 8,
};
u64 proc_static_ino(u64 parent_ino, StringView name);
constexpr u64 proc_task_ino(int scope, unsigned code, u32 index) {
    return (u64(u32(scope)) << 32) | (u64(code) << 24) | (index & 0xffffff);
}

// A decimal number as /proc names use it (no sign, no leading zeros): Linux's name_to_int.
bool parse_proc_number(StringView s, int& out);
// "123" into buf (at least 12 bytes); returns the view.
StringView format_number(char* buf, int v);

// The first directory position of dynamic entries that follow a table of `count` entries.
constexpr u64 kProcDynamicPos = 0x10000;
