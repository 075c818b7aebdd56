// SPDX-License-Identifier: MIT
// Control groups v2 (the unified hierarchy), as Linux 6.1's kernel/cgroup/cgroup.c presents it:
// one global tree of Cgroups, every process a member of exactly one (CgroupMember in Process),
// and the "pids" controller. The tree's shape (children, subtree_control, limits) changes under
// the cgroup mutex; membership and the counters that follow it (populated, pids.current, CPU
// time of members that left) under the process-tree lock, so fork, exit and migration agree.
// fs/cgroup/cgroupfs.cpp shows the tree as the "cgroup2" file system.
#pragma once

#include <atomic>

#include "core/wait_queue.h"
#include "fs/cgroup/cgroup_member.h"
#include "lib/intrusive_list.h"
#include "lib/result.h"
#include "lib/string_view.h"
#include "fs/vfs/xattr_store.h"
#include "sync/mutex.h"

class Process;
class SeqBuf;
class Mutex;
struct Credentials;

// Controller bits (subtree_control, cgroup.controllers). Only controllers Aramid enforces.
enum : u32 { kCgroupPids = 1u << 0 };
constexpr u32 kCgroupAllControllers = kCgroupPids;
// Controllers that handle members beside populated children (linux: ss->threaded).
constexpr u32 kCgroupThreadedControllers = kCgroupPids;
constexpr int kCgroupUnlimited = 0x7fffffff;      // "max" in cgroup.max.depth/descendants
constexpr u64 kPidsMax = 4194304 + 1;             // linux: PIDS_MAX (PID_MAX_LIMIT + 1): "max"
constexpr usize kCgroupNameMax = 255;

class Cgroup : public RefCounted<Cgroup> {
public:
    ~Cgroup();
    ARAMID_NOCOPY(Cgroup);

    Cgroup* parent() const { return m_parent.ptr(); }
    bool is_root() const { return !m_parent; }
    u64 id() const { return m_id; }
    int level() const { return m_level; }
    bool dead() const { return m_dead.load(std::memory_order_acquire); }
    // The controllers whose files this cgroup has: those its parent enables for its children.
    u32 controllers() const;
    bool has_pids() const { return controllers() & kCgroupPids; }

    // Fixed at creation (cgroup v2 has no rename).
    char name[kCgroupNameMax + 1] = {};

    // --- under the cgroup mutex ---
    ListNode sibling_node;
    IntrusiveList<Cgroup, &Cgroup::sibling_node> children;
    std::atomic<u32> subtree_control{0};
    std::atomic<int> max_depth{kCgroupUnlimited};
    std::atomic<int> max_descendants{kCgroupUnlimited};
    std::atomic<int> nr_descendants{0};           // live descendants
    std::atomic<int> nr_dying_descendants{0};     // removed, still referenced
    int nr_subdirs = 0;                            // live children (the directory's nlink)

    // --- under the process-tree lock ---
    u64 nr_procs = 0;          // live member processes in the subtree ("populated")
    u64 nr_procs_self = 0;     // live member processes here
    u64 nr_tasks = 0;          // pids.current: tasks charged in the subtree
    u64 exited_user_ns = 0, exited_system_ns = 0;   // CPU time of processes that left the subtree

    // Queued for a cgroup.events notification (populated changed); the queue holds a reference.
    ListNode events_node;
    bool events_queued = false;
    // cgroup.events notifications so far, and where poll(2) on it waits (linux: the kernfs
    // node's open->event and poll queue).
    std::atomic<u64> events_seq{0};
    WaitQueue events_wait;

    std::atomic<u64> pids_max{kPidsMax};
    std::atomic<u64> pids_events_max{0};

    // Owner and permissions of the directory and of each interface file (chown/chmod, which
    // delegation uses); file modes are 0 until changed (the table's mode applies).
    struct Attr {
        u32 uid = 0, gid = 0, mode = 0;
    };
    Attr dir_attr;
    Attr file_attr[16];

    // Extended attributes of the directory and of each interface file (trusted.*, security.*,
    // user.*; systemd keeps a unit's invocation id in trusted.invocation_id), under xattr_mutex:
    // cgroupfs makes a new inode per lookup, so the store lives here.
    // LINUX-DIVERGENCE: no limit on user.* attributes (Linux: 128 per node, 128 KiB in all).
    XattrStore dir_xattrs;
    XattrStore file_xattrs[16];
    Mutex xattr_mutex{"cgroup-xattr"};

private:
    friend struct CgroupAccess;
    Cgroup() = default;
    RefPtr<Cgroup> m_parent;
    u64 m_id = 0;
    int m_level = 0;
    std::atomic<bool> m_dead{false};
};

// The root cgroup (lives forever).
Cgroup& cgroup_root();
Mutex& cgroup_mutex();
void cgroup_init();

// --- the tree (cgroup mutex held) -------------------------------------------------------------
// A new child called name: EINVAL for a name with '\n', EEXIST, EAGAIN beyond an ancestor's
// cgroup.max.depth / cgroup.max.descendants, ENOENT when parent was removed.
Result<RefPtr<Cgroup>> cgroup_create_locked(Cgroup& parent, StringView name);
// rmdir: EBUSY while populated or with children.
Result<void> cgroup_destroy_locked(Cgroup& cg);
Cgroup* cgroup_child_locked(Cgroup& parent, StringView name);
// A cgroup.subtree_control write (the whole buffer).
Result<void> cgroup_subtree_control_write(Cgroup& cg, StringView data);

// --- membership (process-tree lock held unless noted) -----------------------------------------
// The cgroup p belongs to (never null).
Cgroup& cgroup_of_locked(const Process& p);
// fork/clone: the child joins the parent's cgroup (or into, clone3's CLONE_INTO_CGROUP), charged
// one task; EAGAIN beyond a pids.max.
Result<void> cgroup_fork_locked(Process& parent, Process& child, Cgroup* into);
// clone3's CLONE_INTO_CGROUP checks (linux: cgroup_css_set_fork()): the caller may write dst's
// cgroup.procs and move there (EACCES, ENODEV, EOPNOTSUPP, EBUSY as a cgroup.procs write).
Result<void> cgroup_can_clone_into(Cgroup& dst, bool thread, bool (*may_write_procs)(const Cgroup&, const Credentials&),
                                   const Credentials& creds);
// A new thread in p (EAGAIN beyond a pids.max) and a thread leaving it: the last one leaves the
// cgroup (populated, CPU time) but stays charged until reaped.
Result<void> cgroup_thread_new_locked(Process& p);
void cgroup_thread_exit_locked(Process& p, bool last);
void cgroup_reap_locked(Process& p);
// cgroup.procs / cgroup.threads writes (takes the locks itself): pid 0 is the writer; the
// opener must be allowed to write the cgroup.procs of the common ancestor of both cgroups.
Result<void> cgroup_attach(Cgroup& dst, StringView data, bool whole_process,
                           bool (*may_write_procs)(const Cgroup&, const Credentials&), const Credentials& opener);
// Tells the watchers of cgroup.events whose "populated" changed (inotify IN_MODIFY). Called
// with no lock held after membership changes (exit, cgroup.procs writes); cheap when nothing
// changed.
void cgroup_notify_events();
// Set by cgroupfs: delivers one cgroup's cgroup.events modification.
void cgroup_set_events_notifier(void (*fn)(Cgroup& cg));
// cgroup.kill: SIGKILL to every process in the subtree.
void cgroup_kill(Cgroup& cg);

// Interface-file input as Linux's handlers take it: strstrip() and kstrtoll(s, 0) (sign, 0x
// hex, 0 octal; EINVAL on junk, ERANGE on overflow).
StringView cgroup_strip(StringView s);
Result<i64> cgroup_parse_ll(StringView s);

// linux: cgroup_is_thread_root(): a cgroup with members that enables a threaded controller
// (Aramid has no threaded cgroups, so that is the only way). Its domain descendants are invalid
// (cgroup_is_valid_domain()): they take no members. The root never counts. Tree lock held.
bool cgroup_thread_root_locked(const Cgroup& cg);
bool cgroup_valid_domain_locked(const Cgroup& cg);

// --- contents -----------------------------------------------------------------------------------
// /proc/<pid>/cgroup's path of cg ("/" for the root); tree lock held.
void cgroup_append_path_locked(const Cgroup& cg, SeqBuf& out);
void cgroup_show_procs(const Cgroup& cg, SeqBuf& out, bool threads);
bool cgroup_populated(const Cgroup& cg);
u64 cgroup_pids_current(const Cgroup& cg);
void cgroup_cpu_times(const Cgroup& cg, u64& user_ns, u64& system_ns);
