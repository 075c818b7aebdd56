// SPDX-License-Identifier: MIT
// uname, hostnames, sysinfo, times, rusage, resource limits, prctl, arch_prctl, reboot, umask.
#include "abi/linux/uapi.h"
#include "core/cpu_clock.h"
#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/x86_64/trap_frame.h"
#include "core/fd_table.h"
#include "core/log.h"
#include "core/namespaces.h"
#include "core/process_lifecycle.h"
#include "core/process_table.h"
#include "core/system_info.h"
#include "core/time.h"
#include "lib/format.h"
#include "mm/address_space.h"
#include "mm/kheap.h"
#include "mm/page_cache.h"
#include "mm/pmm.h"
#include "syscalls/handlers.h"

SystemNames& system_names() {
    Process* p = current_process();
    return p && p->ns.uts ? p->ns.uts->names : ns_initial().uts->names;
}

static_assert(sizeof(struct new_utsname) == 6 * 65);

SyscallResult sys_uname(UserPtr<void> buf) {
    struct new_utsname u{};
    // Plain bounded copies: uname is called by every shell start-up, and format() costs more
    // than the whole syscall on Linux.
    auto put = [](char* dst, usize size, const char* src) {
        usize n = __builtin_strlen(src);
        if (n >= size) n = size - 1;
        __builtin_memcpy(dst, src, n);
    };
    put(u.sysname, sizeof(u.sysname), kUnameSysname);
    put(u.nodename, sizeof(u.nodename), system_names().hostname);
    put(u.release, sizeof(u.release), kUnameRelease);
    put(u.version, sizeof(u.version), kUnameVersion);
    put(u.machine, sizeof(u.machine), kUnameMachine);
    put(u.domainname, sizeof(u.domainname), system_names().domainname);
    TRY(copy_to_user(buf.addr(), &u, sizeof(u)));
    return 0;
}

static SyscallResult set_name(char* dst, UserPtr<const char> name, usize len) {
    if (!capable(CAP_SYS_ADMIN)) return Error(EPERM);
    if (len > 64) return Error(EINVAL);
    char tmp[65] = {};
    TRY(copy_from_user(tmp, name.addr(), len));
    __builtin_memcpy(dst, tmp, sizeof(tmp));
    dst[len] = 0;
    return 0;
}

SyscallResult sys_sethostname(UserPtr<const char> name, usize len) { return set_name(system_names().hostname, name, len); }
SyscallResult sys_setdomainname(UserPtr<const char> name, usize len) { return set_name(system_names().domainname, name, len); }

SyscallResult sys_sysinfo(UserPtr<void> info) {
    struct sysinfo si{};
    si.uptime = static_cast<long>(monotonic_ns() / 1'000'000'000ull);
    // Linux reports bytes with mem_unit 1 whenever the totals fit in an unsigned long (always on
    // 64-bit).
    si.totalram = pmm_total_pages() * kPageSize;
    si.freeram = pmm_free_pages() * kPageSize;
    si.sharedram = page_cache_stats().shmem * kPageSize;   // linux: NR_SHMEM
    si.mem_unit = 1;
    si.procs = static_cast<u16>(process_live_count());
    TRY(copy_to_user(info.addr(), &si, sizeof(si)));
    return 0;
}

namespace {
constexpr u64 kTicksPerSec = 100;   // USER_HZ
u64 to_ticks(u64 ns) { return ns / (1'000'000'000ull / kTicksPerSec); }
void fill_timeval(struct __kernel_old_timeval& tv, u64 ns) {
    tv.tv_sec = static_cast<long>(ns / 1'000'000'000ull);
    tv.tv_usec = static_cast<long>(ns / 1000 % 1'000'000);
}
}  // namespace

SyscallResult sys_times(UserPtr<void> buf) {
    Process* p = current_process();
    if (!buf.is_null()) {
        struct {
            i64 utime, stime, cutime, cstime;
        } t{static_cast<i64>(to_ticks(p->utime_ns)), static_cast<i64>(to_ticks(p->stime_ns)),
            static_cast<i64>(to_ticks(p->cutime_ns)), static_cast<i64>(to_ticks(p->cstime_ns))};
        TRY(copy_to_user(buf.addr(), &t, sizeof(t)));
    }
    return static_cast<i64>(to_ticks(monotonic_ns()));
}

SyscallResult sys_getrusage(int who, UserPtr<void> usage) {
    Process* p = current_process();
    struct rusage ru{};
    switch (who) {
    case RUSAGE_SELF:
        fill_timeval(ru.ru_utime, p->utime_ns);
        fill_timeval(ru.ru_stime, p->stime_ns);
        ru.ru_minflt = static_cast<long>(p->minflt);
        process_sample_maxrss(p);
        ru.ru_maxrss = static_cast<long>(p->maxrss_kb);
        break;
    case 1 /* RUSAGE_THREAD */: {
        ThreadTimes tt = thread_cpu_times(current_thread());
        fill_timeval(ru.ru_utime, tt.user_ns);
        fill_timeval(ru.ru_stime, tt.system_ns);
        break;
    }
    case RUSAGE_CHILDREN:
        fill_timeval(ru.ru_utime, p->cutime_ns);
        fill_timeval(ru.ru_stime, p->cstime_ns);
        ru.ru_maxrss = static_cast<long>(p->cmaxrss_kb);
        break;
    default:
        return Error(EINVAL);
    }
    TRY(copy_to_user(usage.addr(), &ru, sizeof(ru)));
    return 0;
}

namespace {
struct KRlimit {
    u64 cur, max;
};

Result<void> do_prlimit(Process* p, u32 resource, const KRlimit* newl, KRlimit* oldl) {
    if (resource >= RLIM_NLIMITS) return Error(EINVAL);
    RLimit& r = p->rlimits[resource];
    if (oldl) *oldl = {r.cur, r.max};
    if (newl) {
        if (newl->cur > newl->max) return Error(EINVAL);
        if (newl->max > r.max && !capable(CAP_SYS_RESOURCE)) return Error(EPERM);
        if (resource == RLIMIT_NOFILE && newl->max > static_cast<u64>(FdTable::kMaxFds)) return Error(EPERM);
        r = {newl->cur, newl->max};
        // The stack limit also bounds how far the stack may grow from now on.
        if (resource == RLIMIT_STACK && p->mm) p->mm->stack_limit = newl->cur;
        if (resource == RLIMIT_AS && p->mm) p->mm->as_limit = newl->cur;
        if (resource == RLIMIT_DATA && p->mm) p->mm->data_limit = newl->cur;
    }
    return {};
}
}  // namespace

SyscallResult sys_getrlimit(u32 resource, UserPtr<void> rlim) {
    KRlimit old;
    TRY(do_prlimit(current_process(), resource, nullptr, &old));
    TRY(copy_to_user(rlim.addr(), &old, sizeof(old)));
    return 0;
}

SyscallResult sys_setrlimit(u32 resource, UserPtr<const void> rlim) {
    KRlimit n;
    TRY(copy_from_user(&n, rlim.addr(), sizeof(n)));
    TRY(do_prlimit(current_process(), resource, &n, nullptr));
    return 0;
}

SyscallResult sys_prlimit64(int pid, u32 resource, UserPtr<const void> new_rlim, UserPtr<void> old_rlim) {
    RefPtr<Process> target = pid ? process_by_pid(pid) : RefPtr<Process>(current_process());
    if (!target) return Error(ESRCH);
    Process* self = current_process();
    // linux: check_prlimit_permission(): another process needs all its ids equal to ours, or
    // CAP_SYS_RESOURCE.
    if (target.ptr() != self) {
        const Credentials& me = self->creds;
        const Credentials& t = target->creds;
        bool ids = me.uid == t.uid && me.uid == t.euid && me.uid == t.suid && me.gid == t.gid && me.gid == t.egid &&
                   me.gid == t.sgid;
        if (!ids && !me.has_cap(CAP_SYS_RESOURCE)) return Error(EPERM);
    }
    KRlimit n, old;
    if (!new_rlim.is_null()) TRY(copy_from_user(&n, new_rlim.addr(), sizeof(n)));
    TRY(do_prlimit(target.ptr(), resource, new_rlim.is_null() ? nullptr : &n, &old));
    if (!old_rlim.is_null()) TRY(copy_to_user(old_rlim.addr(), &old, sizeof(old)));
    return 0;
}

SyscallResult sys_prctl(int option, u64 arg2, u64 arg3, u64 arg4, u64 arg5) {
    Process* p = current_process();
    switch (option) {
    case PR_SET_NAME: {
        char name[16] = {};
        // Linux copies up to 16 bytes and terminates; a fault is EFAULT.
        for (usize i = 0; i < 15; i++) {
            TRY(copy_from_user(&name[i], arg2 + i, 1));
            if (!name[i]) break;
        }
        __builtin_memcpy(p->comm, name, sizeof(name));
        return 0;
    }
    case PR_GET_NAME:
        TRY(copy_to_user(arg2, p->comm, 16));
        return 0;
    case PR_SET_PDEATHSIG:
        if (arg2 > static_cast<u64>(kNumSignals)) return Error(EINVAL);
        p->pdeath_signal = static_cast<int>(arg2);
        return 0;
    case PR_GET_PDEATHSIG:
        TRY(copy_to_user(UserPtr<int>(arg2), p->pdeath_signal));
        return 0;
    case PR_SET_CHILD_SUBREAPER:
        p->is_subreaper = arg2 != 0;
        return 0;
    case PR_GET_CHILD_SUBREAPER:
        TRY(copy_to_user(UserPtr<int>(arg2), p->is_subreaper ? 1 : 0));
        return 0;
    case PR_GET_DUMPABLE:
        return p->dumpable.load(std::memory_order_relaxed);
    case PR_SET_DUMPABLE:
        if (arg2 > 1) return Error(EINVAL);   // linux: SUID_DUMP_ROOT (2) is for the sysctl only
        p->dumpable.store(static_cast<u8>(arg2), std::memory_order_relaxed);
        return 0;
    case PR_CAPBSET_READ:
    case PR_CAPBSET_DROP:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_GET_SECUREBITS:
    case PR_SET_SECUREBITS:
    case PR_CAP_AMBIENT:
        return capability_prctl(option, arg2, arg3, arg4, arg5);
    case PR_SET_MM:
        return mm_prctl(arg2, arg3, arg4, arg5);
    case PR_SET_NO_NEW_PRIVS:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_SECCOMP:
    case PR_GET_SECCOMP:
        return seccomp_prctl(option, arg2, arg3, arg4, arg5);
    default:
        return Error(EINVAL);
    }
}

SyscallResult sys_arch_prctl(int code, u64 addr) {
    Thread* t = current_thread();
    switch (code) {
    case ARCH_SET_FS:
        if (addr >= kUserSpaceEnd) return Error(EPERM);
        t->fs_base = addr;
        arch::forget_user_fs(*t);
        arch::set_user_tls(t->fs_base, t->gs_base);
        return 0;
    case ARCH_SET_GS:
        if (addr >= kUserSpaceEnd) return Error(EPERM);
        t->gs_base = addr;
        arch::forget_user_gs(*t);
        arch::set_user_tls(t->fs_base, t->gs_base);
        return 0;
    case ARCH_GET_FS:
        TRY(copy_to_user(UserPtr<u64>(addr), t->fs_base));
        return 0;
    case ARCH_GET_GS:
        TRY(copy_to_user(UserPtr<u64>(addr), t->gs_base));
        return 0;
    default:
        return Error(EINVAL);
    }
}

SyscallResult sys_set_tid_address(UserPtr<int> tidptr) {
    Thread* t = current_thread();
    t->clear_child_tid = tidptr.addr();
    return t->tid;
}

SyscallResult sys_reboot(int magic1, int magic2, u32 cmd, UserPtr<const void>) {
    if (!capable(CAP_SYS_BOOT)) return Error(EPERM);   // linux: before the magic numbers
    if (magic1 != static_cast<int>(LINUX_REBOOT_MAGIC1) ||
        (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A && magic2 != LINUX_REBOOT_MAGIC2B &&
         magic2 != LINUX_REBOOT_MAGIC2C))
        return Error(EINVAL);
    switch (cmd) {
    case LINUX_REBOOT_CMD_POWER_OFF:
    case LINUX_REBOOT_CMD_HALT:
        log_notice("reboot: power off");
        arch::power_off();
    case LINUX_REBOOT_CMD_RESTART:
    case LINUX_REBOOT_CMD_RESTART2:
        log_notice("reboot: restarting");
        arch::reset();
    case LINUX_REBOOT_CMD_CAD_ON:
    case LINUX_REBOOT_CMD_CAD_OFF:
        return 0;
    default:
        return Error(EINVAL);
    }
}

SyscallResult sys_umask(u32 mask) {
    FsContext* fs = current_process()->fs.ptr();
    u32 old = fs->umask;
    fs->umask = mask & 0777;
    return old;
}
