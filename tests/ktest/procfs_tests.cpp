// SPDX-License-Identifier: MIT
// procfs and sysfs ktests: proc mounted on a scratch directory through the VFS, files read with
// kernel IoBuffers. ktests run before user space, so per-process files are exercised on a
// stand-in process put into the process table for the test (with an address space, descriptors
// and a filesystem context of its own) and taken out again at the end.
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "arch/cpu.h"
#include "arch/user_paging.h"
#include "core/fd_table.h"
#include "core/process_table.h"
#include "core/system_info.h"
#include "fs/procfs/procfs.h"
#include "mm/address_space.h"
#include "mm/pmm.h"
#include "mm/user_ptr.h"
#include "vfs_test_util.h"

using namespace vfs_test;

namespace {

// proc (or another type) mounted at /ktest-<tag>; ctx() has its cwd there.
class FsMount {
public:
    FsMount(const char* type, const char* tag) {
        procfs_init();
        format(m_dir, sizeof(m_dir), "/ktest-%s", tag);
        WalkContext k = kernel_walk_context();
        ok = vfs_mkdir(k, m_dir, 0755).is_ok() && vfs_mount(k, type, m_dir, type, 0, nullptr).is_ok();
        if (ok) {
            auto p = resolve(k, m_dir);
            ok = p.is_ok();
            if (ok) m_path = p.release_value();
        }
    }
    ~FsMount() {
        m_path = Path{};
        if (ok) {
            auto u = vfs_umount(m_dir, 0);
            if (u.is_error()) kprintln("KTEST   umount %s failed: %d", m_dir, u.error_code());
        }
        (void)vfs_rmdir(kernel_walk_context(), m_dir);
    }
    ARAMID_NOCOPY(FsMount);
    WalkContext ctx() const { return WalkContext{vfs_root(), m_path, kernel_credentials()}; }
    const char* dir() const { return m_dir; }
    bool ok = false;

private:
    char m_dir[64];
    Path m_path;
};

// Whole-file read into a caller buffer (NUL-terminated); -errno on failure.
long slurp(const WalkContext& c, StringView path, char* buf, usize size) {
    auto f = vfs_open(c, path, O_RDONLY, 0);
    if (f.is_error()) return -f.error_code();
    usize total = 0;
    while (total + 1 < size) {
        auto n = f.value()->read(IoBuffer::kernel(buf + total, min<usize>(size - 1 - total, 100)));
        if (n.is_error()) return -n.error_code();
        if (n.value() == 0) break;
        total += n.value();
    }
    buf[total] = '\0';
    return static_cast<long>(total);
}

// The names in a directory, as "name/type name/type ..." (each followed by a space).
bool list_dir(const WalkContext& c, StringView path, char* out, usize size) {
    auto f = vfs_open(c, path, O_RDONLY | O_DIRECTORY, 0);
    if (f.is_error()) return false;
    usize used = 0;
    out[0] = '\0';
    u8 buf[512];
    for (;;) {
        auto n = f.value()->getdents64(IoBuffer::kernel(buf, sizeof(buf)));
        if (n.is_error()) return false;
        if (n.value() == 0) return true;
        for (usize off = 0; off < n.value();) {
            auto* d = reinterpret_cast<linux_dirent64*>(buf + off);
            used += format(out + used, used < size ? size - used : 0, "%s/%u ", d->d_name, d->d_type);
            off += d->d_reclen;
        }
    }
}

bool contains(const char* hay, const char* needle) {
    usize n = __builtin_strlen(needle);
    for (const char* p = hay; *p; p++)
        if (StringView(p, min(n, __builtin_strlen(p))) == StringView(needle, n)) return true;
    return false;
}

// The dirent ino of name in directory path (0 when absent).
u64 dirent_ino(const WalkContext& c, StringView path, StringView name) {
    auto f = vfs_open(c, path, O_RDONLY | O_DIRECTORY, 0);
    if (f.is_error()) return 0;
    u8 buf[1024];
    for (;;) {
        auto n = f.value()->getdents64(IoBuffer::kernel(buf, sizeof(buf)));
        if (n.is_error() || n.value() == 0) return 0;
        for (usize off = 0; off < n.value();) {
            auto* d = reinterpret_cast<linux_dirent64*>(buf + off);
            if (StringView(d->d_name) == name) return d->d_ino;
            off += d->d_reclen;
        }
    }
}

// A process in the table for the duration of a test: no threads (it shows as a zombie-less
// process whose state letter comes from having no running thread), with its own address space
// holding an argument block, a descriptor table and a filesystem context.
struct FakeProcess {
    Process* p = nullptr;
    int pid = 0;
    bool ok = false;
    static constexpr uptr kArgs = 0x400000;
    static constexpr char kArgBytes[] = "fake-init\0--flag\0value";   // 23 bytes with the last NUL

    FakeProcess() {
        p = new (std::nothrow) Process();
        if (!p) return;
        auto mm = AddressSpace::create();
        auto fds = FdTable::create();
        auto fs = FsContext::create(vfs_root());
        auto* sh = new (std::nothrow) SignalHandlers();
        if (mm.is_error() || fds.is_error() || fs.is_error() || !sh) return;
        p->mm = mm.release_value();
        p->fds = fds.release_value();
        p->fs = fs.release_value();
        p->sighand = RefPtr<SignalHandlers>::adopt(sh);
        sh->actions[SIGUSR1 - 1].handler = 0x401000;   // caught
        sh->actions[SIGPIPE - 1].handler = 1;          // ignored
        __builtin_memcpy(p->comm, "fake (x) y", 11);
        __builtin_memcpy(p->exe_path, "/bin/fake-init", 15);
        p->creds.uid = p->creds.euid = p->creds.suid = p->creds.fsuid = 1000;
        p->creds.cap_effective = p->creds.cap_permitted = 0;   // as setuid away from root leaves them
        p->creds.gid = p->creds.egid = p->creds.sgid = p->creds.fsgid = 100;
        for (int i = 0; i < kRlimitCount; i++) p->rlimits[i] = {~0ull, ~0ull};
        p->rlimits[RLIMIT_NOFILE] = {1024, 4096};
        p->exit_signal = SIGCHLD;
        // The argument block, written through the address space as exec would.
        if (p->mm->map(kArgs, kPageSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, nullptr, 0,
                       "[stack]")
                .is_error())
            return;
        if (!write_user(kArgs + kPageSize - sizeof(kArgBytes), kArgBytes, sizeof(kArgBytes))) return;
        p->arg_start = kArgs + kPageSize - sizeof(kArgBytes);
        p->arg_end = kArgs + kPageSize;
        p->env_start = p->env_end = p->arg_end;
        SpinlockGuard g(g_process_tree_lock);
        auto r = pid_alloc_locked();
        if (r.is_error()) return;
        pid = p->pid = p->pgid = p->sid = r.value();
        process_table_insert_locked(p);
        ok = true;
    }
    ~FakeProcess() {
        if (!p) return;
        if (ok) {
            SpinlockGuard g(g_process_tree_lock);
            process_table_remove_locked(p);
            pid_free_locked(pid);
        }
        if (p->deref()) delete p;
    }
    ARAMID_NOCOPY(FakeProcess);

    // Copies into this address space (the page faulted in first, the copy with interrupts off so
    // the borrowed page table stays loaded).
    bool write_user(uptr addr, const void* src, usize n) {
        if (p->mm->handle_fault(addr, true, false) != FaultResult::Handled) return false;
        arch::IrqState s = arch::irq_save();
        p->mm->activate();
        bool done = copy_to_user(addr, src, n).is_ok();
        arch::switch_page_table(0);
        arch::irq_restore(s);
        return done;
    }
};

bool link_is(const WalkContext& c, StringView path, const char* expect) {
    char link[256];
    auto l = vfs_readlink(c, path, IoBuffer::kernel(link, sizeof(link)));
    return l.is_ok() && StringView(link, l.value()) == StringView(expect);
}

usize count_fields(const char* s) {
    usize n = 0;
    bool in = false;
    for (; *s && *s != '\n'; s++) {
        if (*s != ' ' && !in) n++;
        in = *s != ' ';
    }
    return n;
}

}  // namespace

KTEST(procfs_mount_listing, "procfs.mount_and_list") {
    FsMount m("proc", "proc-list");
    KASSERT(m.ok);
    WalkContext c = m.ctx();
    static char names[4096];
    KASSERT(list_dir(c, ".", names, sizeof(names)));
    KEXPECT(contains(names, "./4 ../4 "));
    KEXPECT(contains(names, "self/10 "));
    KEXPECT(contains(names, "thread-self/10 "));
    KEXPECT(contains(names, "meminfo/8 "));
    KEXPECT(contains(names, "sys/4 "));
    KEXPECT(contains(names, "mounts/10 "));
    char buf[64];
    auto n = vfs_readlink(c, "mounts", IoBuffer::kernel(buf, sizeof(buf)));
    KEXPECT(n.is_ok() && StringView(buf, n.value()) == StringView("self/mounts"));
    // No process calls from a ktest: self has nothing to point at.
    KEXPECT_EQ(err(vfs_readlink(c, "self", IoBuffer::kernel(buf, sizeof(buf)))), ENOENT);
    KEXPECT_EQ(lookup_err(c, "no-such-entry"), ENOENT);
    KEXPECT_EQ(lookup_err(c, "0"), ENOENT);
    KEXPECT_EQ(lookup_err(c, "01"), ENOENT);
    // Inode numbers are stable and agree with getdents.
    u64 ino = ino_of(c, "meminfo");
    KEXPECT(ino != 0);
    KEXPECT_EQ(ino_of(c, "meminfo"), ino);
    KEXPECT_EQ(dirent_ino(c, ".", "meminfo"), ino);
    KEXPECT_EQ(ino_of(c, "self", 0), 0xF0000002ull);
    KASSERT(list_dir(c, "sys/kernel", names, sizeof(names)));
    KEXPECT(contains(names, "hostname/8 "));
    KEXPECT(contains(names, "random/4 "));
    struct stat st;
    auto p = resolve(c, "meminfo");
    KASSERT(p.is_ok());
    fill_stat(*p.value().inode(), st);
    KEXPECT_EQ(st.st_mode, u32(S_IFREG | 0444));
    KEXPECT_EQ(st.st_size, 0);
}

KTEST(procfs_meminfo, "procfs.meminfo_parses") {
    FsMount m("proc", "proc-mem");
    KASSERT(m.ok);
    static char buf[4096];
    long n = slurp(m.ctx(), "meminfo", buf, sizeof(buf));
    KASSERT(n > 0);
    KEXPECT(StringView(buf).starts_with("MemTotal:"));
    u64 values[3] = {};
    const char* keys[3] = {"MemTotal:", "MemFree:", "MemAvailable:"};
    usize lines = 0;
    for (char* line = buf; *line;) {
        char* end = line;
        while (*end && *end != '\n') end++;
        StringView l(line, static_cast<usize>(end - line));
        // "Label:" padded to 16 columns, the value right-aligned in 8, then " kB".
        KEXPECT(l.length() >= 24);
        if (l.ends_with(" kB")) KEXPECT(l.length() >= 27 && l[15] == ' ' && l[23] != ' ');
        for (int k = 0; k < 3; k++) {
            if (l.starts_with(keys[k])) {
                u64 v = 0;
                for (usize i = 16; i < l.length() && l[i] != ' '; i++) v = v * 10 + u64(l[i] - '0');
                for (usize i = __builtin_strlen(keys[k]); i < l.length() && l[i] == ' '; i++) {
                    v = 0;
                    for (usize j = i + 1; j < l.length() && l[j] >= '0' && l[j] <= '9'; j++) v = v * 10 + u64(l[j] - '0');
                }
                values[k] = v;
            }
        }
        lines++;
        line = *end ? end + 1 : end;
    }
    KEXPECT_EQ(lines, 51u);   // Linux 6.1 (Debian cloud config) has 51 lines
    KEXPECT_EQ(values[0], pmm_total_pages() * 4);
    KEXPECT(values[1] > 0 && values[1] <= values[0]);
    KEXPECT(values[2] > 0 && values[2] <= values[0]);
}

KTEST(procfs_system_files, "procfs.system_files") {
    FsMount m("proc", "proc-sys");
    KASSERT(m.ok);
    WalkContext c = m.ctx();
    static char buf[8192];
    KEXPECT(slurp(c, "version", buf, sizeof(buf)) > 0 && StringView(buf).starts_with("Linux version 6.1.0-aramid "));
    KEXPECT(slurp(c, "filesystems", buf, sizeof(buf)) > 0 && contains(buf, "nodev\tproc\n") &&
            contains(buf, "nodev\tsysfs\n") && contains(buf, "nodev\ttmpfs\n"));
    KEXPECT(slurp(c, "cpuinfo", buf, sizeof(buf)) > 0 && StringView(buf).starts_with("processor\t: 0\nvendor_id\t: ") &&
            contains(buf, "\nflags\t\t: fpu") && contains(buf, "\npower management:"));
    KEXPECT(slurp(c, "stat", buf, sizeof(buf)) > 0 && StringView(buf).starts_with("cpu  ") && contains(buf, "\ncpu0 ") &&
            contains(buf, "\nbtime ") && contains(buf, "\nprocs_running "));
    KEXPECT_EQ(count_fields(buf), 11u);   // "cpu" and ten counters
    KEXPECT(slurp(c, "uptime", buf, sizeof(buf)) > 0 && contains(buf, ".") && StringView(buf).ends_with("\n"));
    KEXPECT(slurp(c, "loadavg", buf, sizeof(buf)) > 0 && StringView(buf).starts_with("0.00 0.00 0.00 "));
    KEXPECT(slurp(c, "cmdline", buf, sizeof(buf)) > 0 && contains(buf, "ktest=") && StringView(buf).ends_with("\n"));
    KEXPECT(slurp(c, "sys/kernel/ostype", buf, sizeof(buf)) == 6 && StringView(buf) == StringView("Linux\n"));
    KEXPECT(slurp(c, "sys/kernel/osrelease", buf, sizeof(buf)) > 0 && StringView(buf) == StringView("6.1.0-aramid\n"));
    KEXPECT(slurp(c, "sys/kernel/pid_max", buf, sizeof(buf)) > 0 && StringView(buf) == StringView("32768\n"));
    KEXPECT(slurp(c, "sys/fs/pipe-max-size", buf, sizeof(buf)) > 0 && StringView(buf) == StringView("1048576\n"));
    KEXPECT(slurp(c, "sys/vm/overcommit_memory", buf, sizeof(buf)) > 0 && StringView(buf) == StringView("0\n"));
    // boot_id is a version-4 UUID that stays; uuid is a new one on every read.
    char a[64], b[64];
    KEXPECT(slurp(c, "sys/kernel/random/boot_id", a, sizeof(a)) == 37 && a[14] == '4' && a[8] == '-');
    KEXPECT(slurp(c, "sys/kernel/random/boot_id", b, sizeof(b)) == 37 && StringView(a) == StringView(b));
    KEXPECT(slurp(c, "sys/kernel/random/uuid", a, sizeof(a)) == 37 && slurp(c, "sys/kernel/random/uuid", b, sizeof(b)) == 37);
    KEXPECT(!(StringView(a) == StringView(b)));
    // Read-only files refuse writes with EIO (root may open them for writing, as on Linux).
    auto f = vfs_open(c, "meminfo", O_WRONLY, 0);
    KASSERT(f.is_ok());
    KEXPECT_EQ(err(write_str(*f.value(), "x")), EIO);
}

KTEST(procfs_offsets, "procfs.read_offsets_consistent") {
    FsMount m("proc", "proc-off");
    KASSERT(m.ok);
    auto f = vfs_open(m.ctx(), "meminfo", O_RDONLY, 0);
    KASSERT(f.is_ok());
    static char whole[4096], piece[4096];
    auto n = f.value()->pread(IoBuffer::kernel(whole, sizeof(whole)), 0);
    KASSERT(n.is_ok() && n.value() > 100);
    // Reads at other offsets come from the same snapshot.
    auto p = f.value()->pread(IoBuffer::kernel(piece, 50), 37);
    KEXPECT(p.is_ok() && p.value() == 50 && __builtin_memcmp(piece, whole + 37, 50) == 0);
    auto e = f.value()->pread(IoBuffer::kernel(piece, 10), n.value());
    KEXPECT(e.is_ok() && e.value() == 0);
    KEXPECT_EQ(err(f.value()->lseek(0, SEEK_END)), EINVAL);
    KEXPECT(f.value()->lseek(5, SEEK_SET).value_or(0) == 5);
}

KTEST(procfs_hostname, "procfs.sys_hostname_write") {
    FsMount m("proc", "proc-host");
    KASSERT(m.ok);
    WalkContext c = m.ctx();
    char saved[65];
    __builtin_memcpy(saved, system_names().hostname, sizeof(saved));
    KEXPECT(put_file(c, "sys/kernel/hostname", "ktest-host\nignored").is_ok());
    KEXPECT(StringView(system_names().hostname) == StringView("ktest-host"));
    char buf[80];
    KEXPECT(slurp(c, "sys/kernel/hostname", buf, sizeof(buf)) == 11 && StringView(buf) == StringView("ktest-host\n"));
    KEXPECT(put_file(c, "sys/vm/overcommit_memory", "1\n").is_ok());
    KEXPECT(slurp(c, "sys/vm/overcommit_memory", buf, sizeof(buf)) == 2 && buf[0] == '1');
    KEXPECT_EQ(err(put_file(c, "sys/vm/overcommit_memory", "7")), EINVAL);
    KEXPECT_EQ(err(put_file(c, "sys/vm/overcommit_memory", "1x")), EINVAL);
    KEXPECT(put_file(c, "sys/vm/overcommit_memory", "0").is_ok());
    __builtin_memcpy(system_names().hostname, saved, sizeof(saved));
}

KTEST(procfs_process_files, "procfs.process_files") {
    FsMount m("proc", "proc-pid");
    KASSERT(m.ok);
    WalkContext c = m.ctx();
    static char buf[8192];
    char path[64];
    // pid 1 once init exists (it does not during ktests): its stat has 52 fields.
    if (process_by_pid(1)) {
        KEXPECT(slurp(c, "1/stat", buf, sizeof(buf)) > 0 && count_fields(buf) == 52);
    } else {
        KEXPECT_EQ(lookup_err(c, "1"), ENOENT);
    }
    FakeProcess fp;
    KASSERT(fp.ok);
    format(path, sizeof(path), "%d", fp.pid);
    static char names[4096];
    KASSERT(list_dir(c, ".", names, sizeof(names)));
    char want[24];
    format(want, sizeof(want), "%d/4 ", fp.pid);
    KEXPECT(contains(names, want));
    u64 dir_ino = ino_of(c, path);
    KEXPECT(dir_ino != 0 && dir_ino == ino_of(c, path) && dir_ino == dirent_ino(c, ".", path));

    // stat: 52 fields; the comm (with its spaces and parenthesis) between the outer parentheses.
    format(path, sizeof(path), "%d/stat", fp.pid);
    KASSERT(slurp(c, path, buf, sizeof(buf)) > 0);
    const char* close = buf;
    for (const char* q = buf; *q; q++)
        if (*q == ')') close = q;
    KEXPECT(contains(buf, "(fake (x) y) "));
    KEXPECT_EQ(count_fields(close + 2) + 2, 52u);
    // status: identity, the signal masks, and Linux's field order.
    format(path, sizeof(path), "%d/status", fp.pid);
    KASSERT(slurp(c, path, buf, sizeof(buf)) > 0);
    KEXPECT(StringView(buf).starts_with("Name:\tfake (x) y\nUmask:\t0022\nState:\t"));
    KEXPECT(contains(buf, "\nUid:\t1000\t1000\t1000\t1000\nGid:\t100\t100\t100\t100\nFDSize:\t64\nGroups:\t \n"));
    KEXPECT(contains(buf, "\nSigIgn:\t0000000000001000\nSigCgt:\t0000000000000200\n"));
    KEXPECT(contains(buf, "\nVmSize:\t       4 kB\n"));
    KEXPECT(contains(buf, "\nCapEff:\t0000000000000000\n"));
    KEXPECT(StringView(buf).ends_with("voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n"));
    // cmdline comes out of the process's memory.
    format(path, sizeof(path), "%d/cmdline", fp.pid);
    long n = slurp(c, path, buf, sizeof(buf));
    KEXPECT(n == static_cast<long>(sizeof(FakeProcess::kArgBytes)) &&
            __builtin_memcmp(buf, FakeProcess::kArgBytes, sizeof(FakeProcess::kArgBytes)) == 0);
    // maps: the one mapping, in Linux's column layout.
    format(path, sizeof(path), "%d/maps", fp.pid);
    KEXPECT(slurp(c, path, buf, sizeof(buf)) > 0);
    KEXPECT(StringView(buf) == StringView("00400000-00401000 rw-p 00000000 00:00 0                                  "
                                          "[stack]\n"));
    format(path, sizeof(path), "%d/comm", fp.pid);
    KEXPECT(slurp(c, path, buf, sizeof(buf)) > 0 && StringView(buf) == StringView("fake (x) y\n"));
    format(path, sizeof(path), "%d/limits", fp.pid);
    KEXPECT(slurp(c, path, buf, sizeof(buf)) > 0 &&
            contains(buf, "Max open files            1024                 4096                 files     \n"));
    format(path, sizeof(path), "%d/exe", fp.pid);
    KEXPECT(link_is(c, path, "/bin/fake-init"));
    format(path, sizeof(path), "%d/cwd", fp.pid);
    KEXPECT(link_is(c, path, "/"));
    // The mount table as the process sees it includes this proc mount.
    format(path, sizeof(path), "%d/mountinfo", fp.pid);
    KEXPECT(slurp(c, path, buf, sizeof(buf)) > 0 && contains(buf, " - proc proc rw\n"));
    format(path, sizeof(path), "%d/mounts", fp.pid);
    KEXPECT(slurp(c, path, buf, sizeof(buf)) > 0 && contains(buf, "proc /ktest-proc-pid proc rw,relatime 0 0\n"));
    // oom_score_adj: stored per process, range-checked.
    format(path, sizeof(path), "%d/oom_score_adj", fp.pid);
    KEXPECT(put_file(c, path, "-500\n").is_ok());
    KEXPECT(slurp(c, path, buf, sizeof(buf)) > 0 && StringView(buf) == StringView("-500\n"));
    KEXPECT_EQ(err(put_file(c, path, "1001")), EINVAL);
    format(path, sizeof(path), "%d/oom_adj", fp.pid);
    KEXPECT(slurp(c, path, buf, sizeof(buf)) > 0 && StringView(buf) == StringView("-8\n"));

    // Descriptors: fd/ and fdinfo/ follow the table.
    auto file = vfs_open(kernel_walk_context(), m.dir(), O_RDONLY | O_DIRECTORY, 0);
    KASSERT(file.is_ok());
    KASSERT(fp.p->fds->install_at(7, file.value(), true, 1024).is_ok());
    format(path, sizeof(path), "%d/fd", fp.pid);
    KASSERT(list_dir(c, path, names, sizeof(names)));
    KEXPECT(contains(names, "7/10 "));
    format(path, sizeof(path), "%d/fd/7", fp.pid);
    KEXPECT(link_is(c, path, "/ktest-proc-pid"));
    auto lp = resolve(c, path, 0);
    KEXPECT(lp.is_ok() && lp.value().inode()->mode() == u32(S_IFLNK | 0500));
    format(path, sizeof(path), "%d/fdinfo/7", fp.pid);
    KEXPECT(slurp(c, path, buf, sizeof(buf)) > 0 && StringView(buf).starts_with("pos:\t0\nflags:\t02200000\nmnt_id:\t"));
    KEXPECT(fp.p->fds->close(7).is_ok());
    format(path, sizeof(path), "%d/fd/7", fp.pid);
    KEXPECT_EQ(lookup_err(c, path, 0), ENOENT);

    // task/ lists the threads (none here: the stand-in has no thread).
    format(path, sizeof(path), "%d/task", fp.pid);
    KEXPECT(list_dir(c, path, names, sizeof(names)) && StringView(names) == StringView("./4 ../4 "));

    // An open file outlives its process: reads then fail; lookups of the pid fail at once.
    format(path, sizeof(path), "%d/stat", fp.pid);
    auto stale = vfs_open(c, path, O_RDONLY, 0);
    KASSERT(stale.is_ok());
    {
        SpinlockGuard g(g_process_tree_lock);
        process_table_remove_locked(fp.p);
    }
    KEXPECT_EQ(err(stale.value()->read(IoBuffer::kernel(buf, sizeof(buf)))), ESRCH);
    format(path, sizeof(path), "%d", fp.pid);
    KEXPECT_EQ(lookup_err(c, path), ENOENT);
    KASSERT(list_dir(c, ".", names, sizeof(names)));
    KEXPECT(!contains(names, want));
    SpinlockGuard g(g_process_tree_lock);
    process_table_insert_locked(fp.p);
}

KTEST(procfs_memory_reader, "procfs.access_process_memory") {
    FakeProcess fp;
    KASSERT(fp.ok);
    char buf[64];
    uptr at = fp.p->arg_start;
    KEXPECT_EQ(access_process_memory(*fp.p->mm, at, buf, 6), 6u);
    KEXPECT(__builtin_memcmp(buf, "fake-i", 6) == 0);
    // The copy stops at the end of the mapping, and an unmapped address gives nothing.
    KEXPECT_EQ(access_process_memory(*fp.p->mm, fp.p->arg_end - 4, buf, 64), 4u);
    KEXPECT_EQ(access_process_memory(*fp.p->mm, 0x10000, buf, 8), 0u);
    KEXPECT_EQ(access_process_memory(*fp.p->mm, kUserSpaceEnd - 2, buf, 8), 0u);
    // A page never touched reads as zeros.
    KASSERT(fp.p->mm->map(0x800000, 2 * kPageSize, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, nullptr, 0)
                .is_ok());
    __builtin_memset(buf, 0x55, sizeof(buf));
    KEXPECT_EQ(access_process_memory(*fp.p->mm, 0x800000 + kPageSize - 8, buf, 16), 16u);
    bool zero = true;
    for (int i = 0; i < 16; i++) zero &= buf[i] == 0;
    KEXPECT(zero);
    // PROT_NONE memory is not readable.
    KASSERT(fp.p->mm->map(0x900000, kPageSize, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, nullptr, 0).is_ok());
    KEXPECT_EQ(access_process_memory(*fp.p->mm, 0x900000, buf, 8), 0u);
}

KTEST(sysfs_mount, "procfs.sysfs_mount") {
    FsMount m("sysfs", "sysfs");
    KASSERT(m.ok);
    static char names[1024];
    KASSERT(list_dir(m.ctx(), ".", names, sizeof(names)));
    KEXPECT(contains(names, "kernel/4 "));
    KEXPECT(contains(names, "devices/4 "));
    KEXPECT(contains(names, "fs/4 "));
    KASSERT(list_dir(m.ctx(), "devices", names, sizeof(names)));
    KEXPECT(contains(names, "system/4 "));
    KEXPECT_EQ(lookup_err(m.ctx(), "nothing"), ENOENT);
    KEXPECT_EQ(ino_of(m.ctx(), "kernel"), ino_of(m.ctx(), "kernel"));
}
