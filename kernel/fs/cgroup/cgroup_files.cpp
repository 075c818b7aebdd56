// SPDX-License-Identifier: MIT
// linux: kernel/cgroup/cgroup.c (cgroup_base_files), kernel/cgroup/rstat.c
// (cgroup_base_stat_cputime_show), kernel/cgroup/pids.c (pids_files)
#include "fs/cgroup/cgroup_files.h"

#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/process_table.h"
#include "fs/procfs/seq_buf.h"
#include "sync/mutex.h"

namespace {

constexpr usize kProcsIndex = 5;   // cgroup.procs in kCgroupFiles

void put_limit(SeqBuf& out, i64 v, i64 unlimited) {
    if (v >= unlimited) out.append("max\n");
    else {
        out.put_dec("", static_cast<u64>(v));
        out.putc('\n');
    }
}

// linux: cgroup_print_ss_mask(): names separated by spaces; no newline when there are none.
Result<void> print_mask(u32 mask, SeqBuf& out) {
    if (mask & kCgroupPids) out.append("pids\n");
    return out.status();
}

Result<void> show_controllers(const Cgroup& cg, SeqBuf& out) { return print_mask(cg.controllers(), out); }

Result<void> show_subtree_control(const Cgroup& cg, SeqBuf& out) {
    return print_mask(cg.subtree_control.load(std::memory_order_relaxed), out);
}

Result<void> write_subtree_control(Cgroup& cg, StringView data, const Credentials&) {
    return cgroup_subtree_control_write(cg, data);
}

Result<void> show_events(const Cgroup& cg, SeqBuf& out) {
    out.put_dec("populated ", cgroup_populated(cg) ? 1 : 0);
    out.append("\nfrozen 0\n");   // nothing is ever frozen: Aramid has no freezer (no cgroup.freeze)
    return out.status();
}

Result<void> write_kill(Cgroup& cg, StringView data, const Credentials&) {
    // linux: cgroup_kill_write()
    i64 v = TRY(cgroup_parse_ll(cgroup_strip(data)));
    if (v < -0x80000000ll || v > 0x7fffffff) return Error(ERANGE);
    if (v != 1) return Error(ERANGE);
    if (cg.dead()) return Error(ENOENT);
    cgroup_kill(cg);
    return {};
}

// "max" or a non-negative int (linux: cgroup_max_depth_write / cgroup_max_descendants_write).
Result<void> write_max(std::atomic<int>& field, StringView data) {
    StringView s = cgroup_strip(data);
    int v;
    if (s == "max") {
        v = kCgroupUnlimited;
    } else {
        i64 n = TRY(cgroup_parse_ll(s));
        if (n < -0x80000000ll || n > 0x7fffffff) return Error(ERANGE);
        if (n < 0) return Error(ERANGE);
        v = static_cast<int>(n);
    }
    field.store(v, std::memory_order_relaxed);
    return {};
}

Result<void> show_max_depth(const Cgroup& cg, SeqBuf& out) {
    put_limit(out, cg.max_depth.load(std::memory_order_relaxed), kCgroupUnlimited);
    return out.status();
}
Result<void> write_max_depth(Cgroup& cg, StringView data, const Credentials&) {
    MutexGuard g(cgroup_mutex());
    if (cg.dead()) return Error(ENOENT);
    return write_max(cg.max_depth, data);
}
Result<void> show_max_descendants(const Cgroup& cg, SeqBuf& out) {
    put_limit(out, cg.max_descendants.load(std::memory_order_relaxed), kCgroupUnlimited);
    return out.status();
}
Result<void> write_max_descendants(Cgroup& cg, StringView data, const Credentials&) {
    MutexGuard g(cgroup_mutex());
    if (cg.dead()) return Error(ENOENT);
    return write_max(cg.max_descendants, data);
}

Result<void> show_procs(const Cgroup& cg, SeqBuf& out) {
    cgroup_show_procs(cg, out, false);
    return out.status();
}
Result<void> show_threads(const Cgroup& cg, SeqBuf& out) {
    cgroup_show_procs(cg, out, true);
    return out.status();
}

Result<void> write_procs(Cgroup& cg, StringView data, const Credentials& opener) {
    auto r = cgroup_attach(cg, data, true, cgroup_may_write_procs, opener);
    cgroup_notify_events();
    return r;
}
Result<void> write_threads(Cgroup& cg, StringView data, const Credentials& opener) {
    return cgroup_attach(cg, data, false, cgroup_may_write_procs, opener);
}

Result<void> show_stat(const Cgroup& cg, SeqBuf& out) {
    out.put_dec("nr_descendants ", static_cast<u64>(cg.nr_descendants.load(std::memory_order_relaxed)));
    out.put_dec("\nnr_dying_descendants ", static_cast<u64>(cg.nr_dying_descendants.load(std::memory_order_relaxed)));
    out.putc('\n');
    return out.status();
}

// linux: cgroup_type_show()
Result<void> show_type(const Cgroup& cg, SeqBuf& out) {
    bool valid, thread_root;
    {
        SpinlockGuard g(g_process_tree_lock);
        valid = cgroup_valid_domain_locked(cg);
        thread_root = cgroup_thread_root_locked(cg);
    }
    out.append(!valid ? "domain invalid\n" : thread_root ? "domain threaded\n" : "domain\n");
    return out.status();
}
Result<void> write_type(Cgroup&, StringView data, const Credentials&) {
    // linux: cgroup_type_write() accepts only "threaded"; threaded cgroups are not modelled.
    if (cgroup_strip(data) != "threaded") return Error(EINVAL);
    return Error(EOPNOTSUPP);
}

Result<void> show_cpu_stat(const Cgroup& cg, SeqBuf& out) {
    u64 user, system;
    cgroup_cpu_times(cg, user, system);
    out.put_dec("usage_usec ", (user + system) / 1000);
    out.put_dec("\nuser_usec ", user / 1000);
    out.put_dec("\nsystem_usec ", system / 1000);
    out.putc('\n');
    return out.status();
}

Result<void> show_pids_current(const Cgroup& cg, SeqBuf& out) {
    out.put_dec("", cgroup_pids_current(cg));
    out.putc('\n');
    return out.status();
}
Result<void> show_pids_events(const Cgroup& cg, SeqBuf& out) {
    out.put_dec("max ", cg.pids_events_max.load(std::memory_order_relaxed));
    out.putc('\n');
    return out.status();
}
Result<void> show_pids_max(const Cgroup& cg, SeqBuf& out) {
    u64 v = cg.pids_max.load(std::memory_order_relaxed);
    put_limit(out, static_cast<i64>(v), static_cast<i64>(kPidsMax));
    return out.status();
}
Result<void> write_pids_max(Cgroup& cg, StringView data, const Credentials&) {
    // linux: pids_max_write()
    StringView s = cgroup_strip(data);
    u64 limit = kPidsMax;
    if (s != "max") {
        i64 v = TRY(cgroup_parse_ll(s));
        if (v < 0 || static_cast<u64>(v) >= kPidsMax) return Error(EINVAL);
        limit = static_cast<u64>(v);
    }
    cg.pids_max.store(limit, std::memory_order_relaxed);
    return {};
}

}  // namespace

// linux: cgroup_procs_write_permission(): write access to the common ancestor's cgroup.procs.
bool cgroup_may_write_procs(const Cgroup& common, const Credentials& c) {
    Cgroup::Attr a = cgroup_file_attr(common, kProcsIndex);
    return permission_allows(c, a.mode, a.uid, a.gid, kMayWrite);
}

constinit const CgroupFile kCgroupFiles[kCgroupFileCount] = {
    {"cgroup.controllers", 0444, CgroupFileScope::All, show_controllers, nullptr},
    {"cgroup.events", 0444, CgroupFileScope::NotOnRoot, show_events, nullptr},
    {"cgroup.kill", 0200, CgroupFileScope::NotOnRoot, nullptr, write_kill},
    {"cgroup.max.depth", 0644, CgroupFileScope::All, show_max_depth, write_max_depth},
    {"cgroup.max.descendants", 0644, CgroupFileScope::All, show_max_descendants, write_max_descendants},
    {"cgroup.procs", 0644, CgroupFileScope::All, show_procs, write_procs},
    {"cgroup.stat", 0444, CgroupFileScope::All, show_stat, nullptr},
    {"cgroup.subtree_control", 0644, CgroupFileScope::All, show_subtree_control, write_subtree_control},
    {"cgroup.threads", 0644, CgroupFileScope::All, show_threads, write_threads},
    {"cgroup.type", 0644, CgroupFileScope::NotOnRoot, show_type, write_type},
    {"cpu.stat", 0444, CgroupFileScope::All, show_cpu_stat, nullptr},
    {"pids.current", 0444, CgroupFileScope::Pids, show_pids_current, nullptr},
    {"pids.events", 0444, CgroupFileScope::Pids, show_pids_events, nullptr},
    {"pids.max", 0644, CgroupFileScope::Pids, show_pids_max, write_pids_max},
};

bool cgroup_file_present(const Cgroup& cg, const CgroupFile& f) {
    switch (f.scope) {
    case CgroupFileScope::All:
        return true;
    case CgroupFileScope::NotOnRoot:
        return !cg.is_root();
    case CgroupFileScope::Pids:
        return !cg.is_root() && cg.has_pids();
    }
    return false;
}

usize cgroup_file_index(const CgroupFile& f) { return static_cast<usize>(&f - kCgroupFiles); }

Cgroup::Attr cgroup_file_attr(const Cgroup& cg, usize index) {
    Cgroup::Attr a = cg.file_attr[index];
    if (!a.mode) a.mode = kCgroupFiles[index].mode;
    return a;
}

void cgroup_show_procs(const Cgroup& cg, SeqBuf& out, bool threads) {
    SpinlockGuard g(g_process_tree_lock);
    for_each_process_locked([&](Process& p) {
        if (p.cg.left || p.zombie || &cgroup_of_locked(p) != &cg) return;
        if (!threads) {
            out.put_dec("", static_cast<u64>(p.pid));
            out.putc('\n');
            return;
        }
        for (Thread& t : p.threads) {
            out.put_dec("", static_cast<u64>(t.tid));
            out.putc('\n');
        }
    });
}

void cgroup_append_path_locked(const Cgroup& cg, SeqBuf& out) {
    if (cg.is_root()) {
        out.putc('/');
        return;
    }
    // Root first: the ancestor at each depth (depths are small; no recursion on the stack).
    for (int depth = 1; depth <= cg.level(); depth++) {
        const Cgroup* c = &cg;
        while (c->level() > depth) c = c->parent();
        out.putc('/');
        out.append(StringView(c->name));
    }
}
