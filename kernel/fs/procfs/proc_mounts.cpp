// SPDX-License-Identifier: MIT
// /proc/<pid>/mounts and mountinfo (linux: fs/proc_namespace.c show_vfsmnt, show_mountinfo):
// the mounts visible from the process's root, parents before children. Mount points are shown
// relative to that root; mounts outside it are skipped, as Linux does for a chrooted reader.
// File-system specific options come from SuperBlock::show_options (only cgroup2 has them yet;
// tmpfs "size=" and devpts "mode=" are still missing).
#include "abi/linux/uapi.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/proc_task.h"
#include "fs/vfs/path.h"
#include "fs/vfs/walk.h"
#include "mm/kheap.h"

namespace {

constexpr const char* kMangle = " \t\n\\";

// Every attached mount, each with a reference taken under the table lock (released by the
// destructor), so formatting runs without the lock.
struct MountList {
    Mount** items = nullptr;
    usize count = 0;
    usize capacity = 0;
    bool overflow = false;

    MountList() = default;
    ARAMID_NOCOPY(MountList);
    ~MountList() { release(); }
    void release() {
        for (usize i = 0; i < count; i++) RefPtr<Mount>::adopt(items[i]).clear();
        kfree(items);
        items = nullptr;
        count = capacity = 0;
        overflow = false;
    }
};

Result<void> collect(MountList& list) {
    for (usize attempt = 0; attempt < 4; attempt++) {
        list.release();
        list.capacity = mount_count() + 16 + attempt * 64;
        list.items = static_cast<Mount**>(kmalloc(sizeof(Mount*) * list.capacity));
        if (!list.items) return Error(ENOMEM);
        mount_for_each(
            [](void* ctx, Mount& m) {
                auto* l = static_cast<MountList*>(ctx);
                if (l->count == l->capacity) {
                    l->overflow = true;
                    return;
                }
                m.ref();
                l->items[l->count++] = &m;
            },
            &list);
        if (!list.overflow) return {};
    }
    return Error(ENOMEM);
}

// d_path of p relative to root into out (escaped). False when p is not below root.
bool append_relative(SeqBuf& out, const Path& p, const Path& root, char* buf) {
    DPathInfo info{};
    auto r = d_path(p, root, buf, kPathMax, &info);
    if (r.is_error() || info.unreachable) return false;
    out.append_escaped(r.value(), kMangle);
    return true;
}

void put_mnt_opts(SeqBuf& out, const Mount& m) {
    u64 f = m.flags();
    if (f & MS_NOSUID) out.append(",nosuid");
    if (f & MS_NODEV) out.append(",nodev");
    if (f & MS_NOEXEC) out.append(",noexec");
    if (f & MS_NOATIME) out.append(",noatime");
    if (f & MS_NODIRATIME) out.append(",nodiratime");
    if (m.relatime()) out.append(",relatime");
}

void put_sb_opts(SeqBuf& out, const SuperBlock& sb) {
    char opts[128];
    usize n = sb.show_options(opts, sizeof(opts));
    out.append(StringView(opts, n));
}

Result<void> show_mounts(const ProcNode& node, SeqBuf& out, bool info) {
    TaskInfo t;
    if (task_snapshot(node.pid, node.tid, kTaskFs, t).is_error()) return Error(ESRCH);
    if (!t.fs) return {};   // a zombie: Linux shows nothing either
    Path root = t.fs->root();
    MountList list;
    TRY(collect(list));
    auto* buf = static_cast<char*>(kmalloc(kPathMax));
    if (!buf) return Error(ENOMEM);
    for (usize i = 0; i < list.count; i++) {
        Mount& m = *list.items[i];
        SuperBlock& sb = m.sb();
        usize line = out.length();
        Path at{RefPtr<Mount>(&m), RefPtr<Dentry>(m.root())};
        const char* ro = m.read_only() ? " ro" : " rw";
        if (info) {
            out.appendf("%u %u %u:%u ", m.id(), m.parent() ? m.parent()->id() : m.id(), dev_major(sb.dev()),
                        dev_minor(sb.dev()));
            // The mount's root within its file system (not "/" for bind mounts).
            Path in_fs{nullptr, RefPtr<Dentry>(m.root())};
            Path fs_root{nullptr, sb.root_ref()};
            if (!append_relative(out, in_fs, fs_root, buf)) out.append("/");
            out.putc(' ');
            if (!append_relative(out, at, root, buf)) {
                out.truncate(line);
                continue;
            }
            out.append(ro);
            put_mnt_opts(out, m);
            out.append(" - ");
            out.append_escaped(StringView(sb.fs_name()), kMangle);
            out.putc(' ');
            out.append_escaped(StringView(m.source()[0] ? m.source() : "none"), kMangle);
            out.append(ro);
            put_sb_opts(out, sb);
            out.putc('\n');
        } else {
            out.append_escaped(StringView(m.source()[0] ? m.source() : "none"), kMangle);
            out.putc(' ');
            if (!append_relative(out, at, root, buf)) {
                out.truncate(line);
                continue;
            }
            out.putc(' ');
            out.append_escaped(StringView(sb.fs_name()), kMangle);
            out.append(ro);
            put_mnt_opts(out, m);
            put_sb_opts(out, sb);
            out.append(" 0 0\n");
        }
    }
    kfree(buf);
    return out.status();
}

}  // namespace

PROC_SHOW(proc_show_pid_mounts) {
    (void)viewer;
    return show_mounts(node, out, false);
}

PROC_SHOW(proc_show_pid_mountinfo) {
    (void)viewer;
    return show_mounts(node, out, true);
}
