// SPDX-License-Identifier: MIT
// linux: kernel/cgroup/cgroup.c (tree, hierarchy limits, subtree_control), kernel/cgroup/pids.c
#include "fs/cgroup/cgroup.h"

#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/process_table.h"
#include "core/signal.h"
#include "fs/vfs/late_init.h"
#include "sync/mutex.h"
#include "sync/spinlock.h"

struct CgroupAccess {
    static Cgroup* make(Cgroup* parent, u64 id) {
        auto* c = new (std::nothrow) Cgroup();
        if (!c) return nullptr;
        c->m_parent = RefPtr<Cgroup>(parent);
        c->m_id = id;
        c->m_level = parent ? parent->m_level + 1 : 0;
        return c;
    }
    static void mark_dead(Cgroup& c) { c.m_dead.store(true, std::memory_order_release); }
};

namespace {

LateInit<Mutex> g_cgroup_mutex;
Cgroup* g_root = nullptr;
std::atomic<u64> g_next_id{2};   // the root is 1, as Linux's

// Cgroups whose "populated" changed, waiting for cgroup_notify_events (tree lock).
LateInit<IntrusiveList<Cgroup, &Cgroup::events_node>> g_events_queue;
std::atomic<bool> g_events_pending{false};
std::atomic<void (*)(Cgroup&)> g_events_notifier{nullptr};

void queue_events_locked(Cgroup& c) {
    if (c.events_queued || c.is_root()) return;
    c.events_queued = true;
    c.ref();
    g_events_queue->push_back(c);
    g_events_pending.store(true, std::memory_order_release);
}

bool is_descendant(const Cgroup* c, const Cgroup& ancestor) {
    for (; c; c = c->parent())
        if (c == &ancestor) return true;
    return false;
}

// pids.max applies where the controller has state: below a parent that enables it.
bool pids_limited(const Cgroup& c) { return !c.is_root() && c.has_pids(); }

// linux: pids_try_charge(): every limited ancestor must have room; pids_charge() without check.
bool charge_tasks_locked(Cgroup& from, u64 n, bool check) {
    if (check)
        for (Cgroup* c = &from; c; c = c->parent())
            if (pids_limited(*c) && c->nr_tasks + n > c->pids_max.load(std::memory_order_relaxed)) return false;
    for (Cgroup* c = &from; c; c = c->parent()) c->nr_tasks += n;
    return true;
}

void uncharge_tasks_locked(Cgroup& from, u64 n) {
    for (Cgroup* c = &from; c; c = c->parent()) c->nr_tasks -= min(n, c->nr_tasks);
}

// linux: pids_can_fork(): the failure counts in pids.events of the forking task's own pids
// state (the nearest cgroup with one).
Result<void> charge_fork_locked(Cgroup& cg) {
    if (charge_tasks_locked(cg, 1, true)) return {};
    for (Cgroup* c = &cg; c; c = c->parent())
        if (pids_limited(*c)) {
            c->pids_events_max.fetch_add(1, std::memory_order_relaxed);
            break;
        }
    return Error(EAGAIN);
}

void add_member_locked(Process& p, Cgroup& cg) {
    p.cg.joined = true;
    p.cg.user_base_ns = p.utime_ns;
    p.cg.system_base_ns = p.stime_ns;
    cg.nr_procs_self++;
    for (Cgroup* c = &cg; c; c = c->parent())
        if (c->nr_procs++ == 0) queue_events_locked(*c);
}

// The process stops counting as a member (exit or migration): its CPU time so far stays with
// the cgroups it leaves.
void remove_member_locked(Process& p) {
    Cgroup& cg = cgroup_of_locked(p);
    u64 user = p.utime_ns - min(p.cg.user_base_ns, p.utime_ns);
    u64 system = p.stime_ns - min(p.cg.system_base_ns, p.stime_ns);
    for (Cgroup* c = &cg; c; c = c->parent()) {
        c->exited_user_ns += user;
        c->exited_system_ns += system;
        if (p.cg.joined && --c->nr_procs == 0) queue_events_locked(*c);
    }
    if (p.cg.joined) cg.nr_procs_self--;
}

bool is_member(const Process& p) { return !p.cg.left && !p.zombie; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

CgroupMember::~CgroupMember() { RefPtr<Cgroup>::adopt(cgroup).clear(); }

// --- Cgroup -------------------------------------------------------------------------------------

Cgroup::~Cgroup() {
    if (dead())
        for (Cgroup* c = parent(); c; c = c->parent()) c->nr_dying_descendants.fetch_sub(1, std::memory_order_relaxed);
}

u32 Cgroup::controllers() const {
    if (is_root()) return kCgroupAllControllers;
    return parent()->subtree_control.load(std::memory_order_relaxed);
}

Cgroup& cgroup_root() { return *g_root; }
Mutex& cgroup_mutex() { return *g_cgroup_mutex; }

void cgroup_init() {
    g_cgroup_mutex.init("cgroup");
    g_events_queue.init();
    g_root = CgroupAccess::make(nullptr, 1);   // never freed: the reference is the tree's
    VERIFY(g_root);
    __builtin_memcpy(g_root->name, "/", 2);
}

StringView cgroup_strip(StringView s) {
    usize b = 0, e = s.length();
    while (b < e && (is_space(s[b]) || s[b] == '\0')) b++;
    while (e > b && (is_space(s[e - 1]) || s[e - 1] == '\0')) e--;
    return s.substr(b, e - b);
}

Result<i64> cgroup_parse_ll(StringView s) {
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s = s.substr(1);
    }
    unsigned base = 10;
    if (s.length() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s = s.substr(2);
    } else if (s.length() >= 2 && s[0] == '0') {
        base = 8;
    }
    if (s.empty()) return Error(EINVAL);
    u64 v = 0;
    for (usize i = 0; i < s.length(); i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9' ? unsigned(c - '0')
                     : c >= 'a' && c <= 'f' ? unsigned(c - 'a' + 10)
                     : c >= 'A' && c <= 'F' ? unsigned(c - 'A' + 10)
                                            : 99;
        if (d >= base) return Error(EINVAL);
        if (v > (~u64(0) - d) / base) return Error(ERANGE);
        v = v * base + d;
    }
    if (neg) {
        if (v > u64(1) << 63) return Error(ERANGE);
        return static_cast<i64>(0 - v);
    }
    if (v > u64(0x7fffffffffffffffull)) return Error(ERANGE);
    return static_cast<i64>(v);
}

// --- the tree -------------------------------------------------------------------------------------

Cgroup* cgroup_child_locked(Cgroup& parent, StringView name) {
    for (Cgroup& c : parent.children)
        if (StringView(c.name) == name) return &c;
    return nullptr;
}

Result<RefPtr<Cgroup>> cgroup_create_locked(Cgroup& parent, StringView name) {
    // linux: cgroup_mkdir(): a newline would make /proc/<pid>/cgroup unparsable.
    for (usize i = 0; i < name.length(); i++)
        if (name[i] == '\n') return Error(EINVAL);
    if (parent.dead()) return Error(ENODEV);
    if (name.length() > kCgroupNameMax) return Error(ENAMETOOLONG);
    // linux: cgroup_check_hierarchy_limits()
    int level = 1;
    for (Cgroup* c = &parent; c; c = c->parent(), level++) {
        if (c->nr_descendants.load(std::memory_order_relaxed) >= c->max_descendants.load(std::memory_order_relaxed))
            return Error(EAGAIN);
        if (level > c->max_depth.load(std::memory_order_relaxed)) return Error(EAGAIN);
    }
    if (cgroup_child_locked(parent, name)) return Error(EEXIST);
    Cgroup* c = CgroupAccess::make(&parent, g_next_id.fetch_add(1, std::memory_order_relaxed));
    if (!c) return Error(ENOMEM);
    __builtin_memcpy(c->name, name.data(), name.length());
    c->name[name.length()] = '\0';
    parent.children.push_back(*c);   // the list keeps the creation reference
    parent.nr_subdirs++;
    for (Cgroup* a = &parent; a; a = a->parent()) a->nr_descendants.fetch_add(1, std::memory_order_relaxed);
    return RefPtr<Cgroup>(c);
}

Result<void> cgroup_destroy_locked(Cgroup& cg) {
    if (cg.is_root() || cg.dead()) return Error(ENOENT);
    // linux: cgroup_destroy_locked(): members (even in descendants) or live children keep it.
    // Dead is set under the tree lock too, so a CLONE_INTO_CGROUP fork either joins before
    // (and keeps it) or sees it dead.
    if (!cg.children.empty()) return Error(EBUSY);
    {
        SpinlockGuard t(g_process_tree_lock);
        if (cg.nr_procs) return Error(EBUSY);
        CgroupAccess::mark_dead(cg);
    }
    Cgroup& parent = *cg.parent();
    parent.children.remove(cg);
    parent.nr_subdirs--;
    for (Cgroup* a = &parent; a; a = a->parent()) {
        a->nr_descendants.fetch_sub(1, std::memory_order_relaxed);
        a->nr_dying_descendants.fetch_add(1, std::memory_order_relaxed);
    }
    RefPtr<Cgroup>::adopt(&cg).clear();   // the list's reference
    return {};
}

namespace {

// Cgroup mutex and tree lock held.
bool has_populated_child_locked(Cgroup& cg) {
    for (const Cgroup& c : cg.children)
        if (c.nr_procs) return true;
    return false;
}

// linux: cgroup_can_be_thread_root(): the root, or no populated (domain) children.
bool can_be_thread_root_locked(Cgroup& cg) { return cg.is_root() || !has_populated_child_locked(cg); }

u32 controller_bit(StringView name) {
    if (name == "pids") return kCgroupPids;
    return 0;
}

}  // namespace

Result<void> cgroup_subtree_control_write(Cgroup& cg, StringView data) {
    // linux: cgroup_subtree_control_write(): "+name"/"-name" tokens separated by spaces, the
    // last word on a controller wins; anything else is EINVAL before any state is looked at.
    u32 enable = 0, disable = 0;
    StringView rest = cgroup_strip(data);
    while (!rest.empty()) {
        usize sp = 0;
        while (sp < rest.length() && rest[sp] != ' ') sp++;
        StringView tok = rest.substr(0, sp);
        rest = sp < rest.length() ? rest.substr(sp + 1) : StringView();
        if (tok.empty()) continue;
        u32 bit = controller_bit(tok.substr(1));
        if (!bit) return Error(EINVAL);
        if (tok[0] == '+') {
            enable |= bit;
            disable &= ~bit;
        } else if (tok[0] == '-') {
            disable |= bit;
            enable &= ~bit;
        } else {
            return Error(EINVAL);
        }
    }
    MutexGuard g(cgroup_mutex());
    if (cg.dead()) return Error(ENODEV);
    u32 cur = cg.subtree_control.load(std::memory_order_relaxed);
    for (u32 bit = 1; bit & kCgroupAllControllers; bit <<= 1) {
        if (enable & bit) {
            if (cur & bit) enable &= ~bit;
            else if (!(cg.controllers() & bit)) return Error(ENOENT);
        } else if (disable & bit) {
            if (!(cur & bit)) {
                disable &= ~bit;
                continue;
            }
            for (Cgroup& c : cg.children)
                if (c.subtree_control.load(std::memory_order_relaxed) & bit) return Error(EBUSY);
        }
    }
    if (!enable && !disable) return {};
    // linux: cgroup_vet_subtree_control_enable(). pids is a threaded controller: a cgroup that
    // could become a thread root (no populated children) may enable it with members inside.
    if (enable) {
        SpinlockGuard t(g_process_tree_lock);
        if (!cgroup_valid_domain_locked(cg)) return Error(EOPNOTSUPP);
        if (!can_be_thread_root_locked(cg) && cg.nr_procs_self) return Error(EBUSY);
    }
    cg.subtree_control.store((cur | enable) & ~disable, std::memory_order_relaxed);
    // The children's controller state starts afresh (linux: a new css on enable, none after).
    for (Cgroup& c : cg.children) {
        c.pids_max.store(kPidsMax, std::memory_order_relaxed);
        c.pids_events_max.store(0, std::memory_order_relaxed);
    }
    return {};
}

// --- membership -----------------------------------------------------------------------------------

Cgroup& cgroup_of_locked(const Process& p) { return p.cg.cgroup ? *p.cg.cgroup : *g_root; }

Result<void> cgroup_fork_locked(Process& parent, Process& child, Cgroup* into) {
    Cgroup& cg = into ? *into : cgroup_of_locked(parent);
    if (cg.dead()) return Error(ENOENT);   // removed since clone3 checked it
    TRY(charge_fork_locked(cg));
    if (!cg.is_root()) cg.ref();
    child.cg.cgroup = cg.is_root() ? nullptr : &cg;
    child.cg.pids_charged = 1;
    add_member_locked(child, cg);
    return {};
}

Result<void> cgroup_thread_new_locked(Process& p) {
    TRY(charge_fork_locked(cgroup_of_locked(p)));
    p.cg.pids_charged++;
    return {};
}

void cgroup_thread_exit_locked(Process& p, bool last) {
    if (!last) {
        if (p.cg.pids_charged > 1) {
            uncharge_tasks_locked(cgroup_of_locked(p), 1);
            p.cg.pids_charged--;
        }
        return;
    }
    // linux: cgroup_exit() at the group's end (the zombie is no member); the task stays charged
    // to pids until it is released (reaped).
    if (p.cg.left) return;
    remove_member_locked(p);
    p.cg.left = true;
}

void cgroup_reap_locked(Process& p) {
    uncharge_tasks_locked(cgroup_of_locked(p), p.cg.pids_charged);
    p.cg.pids_charged = 0;
}

namespace {

// linux: cgroup_migrate_vet_dst(): no members in a domain below a thread root, and none beside
// populated children once controllers are enabled (the no-internal-process rule); a thread
// stays in its domain. Cgroup mutex and tree lock held.
Result<void> vet_destination_locked(Cgroup& src, Cgroup& dst, bool whole_process) {
    if (!cgroup_valid_domain_locked(dst)) return Error(EOPNOTSUPP);
    if (!can_be_thread_root_locked(dst) && dst.subtree_control.load(std::memory_order_relaxed)) return Error(EBUSY);
    if (!whole_process && &src != &dst) return Error(EOPNOTSUPP);
    return {};
}

const Cgroup& common_ancestor(const Cgroup& a, const Cgroup& b) {
    const Cgroup* c = &a;
    while (!is_descendant(&b, *c)) c = c->parent();
    return *c;
}

}  // namespace

Result<void> cgroup_can_clone_into(Cgroup& dst, bool thread, bool (*may_write_procs)(const Cgroup&, const Credentials&),
                                   const Credentials& creds) {
    MutexGuard g(cgroup_mutex());
    if (dst.dead()) return Error(ENODEV);
    if (!may_write_procs(dst, creds)) return Error(EACCES);
    SpinlockGuard t(g_process_tree_lock);
    Cgroup& src = cgroup_of_locked(*current_process());
    if (!may_write_procs(common_ancestor(src, dst), creds)) return Error(EACCES);
    return vet_destination_locked(src, dst, !thread);
}

Result<void> cgroup_attach(Cgroup& dst, StringView data, bool whole_process,
                           bool (*may_write_procs)(const Cgroup&, const Credentials&), const Credentials& opener) {
    // linux: __cgroup_procs_write(), cgroup_procs_write_start(), cgroup_attach_permissions(),
    // cgroup_migrate_vet_dst().
    auto parsed = cgroup_parse_ll(cgroup_strip(data));
    if (parsed.is_error() || parsed.value() < 0 || parsed.value() > 0x7fffffff) return Error(EINVAL);
    int pid = static_cast<int>(parsed.value());
    MutexGuard g(cgroup_mutex());
    if (dst.dead()) return Error(ENODEV);
    RefPtr<Cgroup> old;   // dropped after the lock: it may be the last reference
    SpinlockGuard t(g_process_tree_lock);
    Thread* th = pid ? thread_find_locked(pid) : current_thread();
    if (!th) return Error(ESRCH);
    Process* p = th->process;
    if (!p) return Error(EINVAL);   // kernel threads stay where they are
    Cgroup& src = cgroup_of_locked(*p);
    if (!may_write_procs(common_ancestor(src, dst), opener)) return Error(EACCES);
    TRY(vet_destination_locked(src, dst, whole_process));
    if (!is_member(*p) || &src == &dst) return {};   // linux skips exiting tasks silently
    remove_member_locked(*p);
    if (p->cg.joined) uncharge_tasks_locked(src, p->cg.pids_charged);
    u32 tasks = p->live_threads;
    charge_tasks_locked(dst, tasks, false);   // linux: a migration may exceed pids.max
    p->cg.pids_charged = tasks;
    old = RefPtr<Cgroup>::adopt(p->cg.cgroup);
    if (!dst.is_root()) dst.ref();
    p->cg.cgroup = dst.is_root() ? nullptr : &dst;
    add_member_locked(*p, dst);
    return {};
}

void cgroup_set_events_notifier(void (*fn)(Cgroup& cg)) { g_events_notifier.store(fn, std::memory_order_release); }

void cgroup_notify_events() {
    if (!g_events_pending.exchange(false, std::memory_order_acq_rel)) return;
    for (;;) {
        Cgroup* c;
        {
            SpinlockGuard g(g_process_tree_lock);
            c = g_events_queue->pop_front();
            if (!c) return;
            c->events_queued = false;
        }
        RefPtr<Cgroup> ref = RefPtr<Cgroup>::adopt(c);   // the queue's reference
        c->events_seq.fetch_add(1, std::memory_order_acq_rel);
        c->events_wait.wake_all();
        auto fn = g_events_notifier.load(std::memory_order_acquire);
        if (fn && !c->dead()) fn(*c);
    }
}

void cgroup_kill(Cgroup& cg) {
    // linux: cgroup_kill(): every task in the subtree, kernel threads excepted.
    SpinlockGuard g(g_process_tree_lock);
    for_each_process_locked([&](Process& p) {
        if (is_member(p) && is_descendant(&cgroup_of_locked(p), cg)) signal_send_process_locked(&p, SIGKILL, nullptr);
    });
}

bool cgroup_thread_root_locked(const Cgroup& cg) {
    return cg.nr_procs_self && (cg.subtree_control.load(std::memory_order_relaxed) & kCgroupThreadedControllers);
}

bool cgroup_valid_domain_locked(const Cgroup& cg) {
    for (const Cgroup* a = cg.parent(); a && !a->is_root(); a = a->parent())
        if (cgroup_thread_root_locked(*a)) return false;
    return true;
}

// --- contents ---------------------------------------------------------------------------------------

bool cgroup_populated(const Cgroup& cg) {
    SpinlockGuard g(g_process_tree_lock);
    return cg.nr_procs != 0;
}

u64 cgroup_pids_current(const Cgroup& cg) {
    SpinlockGuard g(g_process_tree_lock);
    return cg.nr_tasks;
}

void cgroup_cpu_times(const Cgroup& cg, u64& user_ns, u64& system_ns) {
    SpinlockGuard g(g_process_tree_lock);
    user_ns = cg.exited_user_ns;
    system_ns = cg.exited_system_ns;
    for_each_process_locked([&](Process& p) {
        if (!is_member(p) || !is_descendant(&cgroup_of_locked(p), cg)) return;
        user_ns += p.utime_ns - min(p.cg.user_base_ns, p.utime_ns);
        system_ns += p.stime_ns - min(p.cg.system_base_ns, p.stime_ns);
    });
}
