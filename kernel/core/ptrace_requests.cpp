// SPDX-License-Identifier: MIT
// ptrace(2) requests (man 2 ptrace; linux: kernel/ptrace.c ptrace_request, arch_ptrace). Each
// finds the tracee by thread id: it must be traced by the caller's process and, for most
// requests, in a ptrace-stop (ESRCH otherwise, as Linux's ptrace_check_attach).
#include "abi/linux/uapi.h"
#include "arch/ptrace_regs.h"
#include "arch/x86_64/trap_frame.h"
#include "core/process_table.h"
#include "core/ptrace.h"
#include "core/ptrace_internal.h"
#include "core/signal.h"
#include "fs/procfs/procfs.h"
#include "mm/address_space.h"
#include "syscalls/handlers.h"
#include "syscalls/task_access.h"

namespace {

using linux_abi::UserRegs;

// A tracee held for one request (a reference, dropped at the end).
class Tracee {
public:
    Tracee() = default;
    ~Tracee() {
        if (m_t) m_t->unref();
    }
    ARAMID_NOCOPY(Tracee);
    Thread* get() const { return m_t; }
    Thread* operator->() const { return m_t; }
    void set(Thread* t) {
        t->ref();
        m_t = t;
    }

private:
    Thread* m_t = nullptr;
};

// linux: ptrace_check_attach().
Result<void> find_tracee(int pid, bool need_stopped, Tracee& out) {
    SpinlockGuard g(g_process_tree_lock);
    Thread* t = pid > 0 ? thread_find_locked(pid) : nullptr;
    if (!t || !t->traced() || t->ptrace->tracer != current_process() || t->ptrace->exited) return Error(ESRCH);
    if (need_stopped && !ptrace_request_ready_locked(t)) return Error(ESRCH);
    out.set(t);
    return {};
}

bool valid_signal(u64 data) { return data <= static_cast<u64>(kNumSignals); }

Result<void> attach(int pid, bool seize, u64 addr, u64 data) {
    if (seize && (addr || (data & ~u64(PTRACE_O_MASK)))) return Error(EIO);
    Process* self = current_process();
    OwnPtr<PtraceState> spare(new (std::nothrow) PtraceState());
    if (!spare) return Error(ENOMEM);
    PtraceState* raw = spare.ptr();
    SpinlockGuard g(g_process_tree_lock);
    Thread* t = pid > 0 ? thread_find_locked(pid) : nullptr;
    if (!t) return Error(ESRCH);
    Process* p = t->process;
    // linux: ptrace_attach(): not one's own group, only with ptrace access, not an exiting
    // task, not one already traced.
    if (p == self || !task_may_access(*self, *p) || t->exiting || p->exiting || t->traced()) return Error(EPERM);
    if (ptrace_install_locked(t, raw) && !raw) (void)spare.leak();
    ptrace_link_locked(t, self, seize, seize ? static_cast<u32>(data) : 0);
    if (!seize) {
        KSigInfo info{};
        info.si_signo = SIGSTOP;
        info.si_code = SI_KERNEL;
        signal_send_thread_locked(t, SIGSTOP, &info);
    }
    // A thread sitting in a group-stop moves into a ptrace-stop (it re-checks on wake-up).
    p->stop_wait.wake_all();
    return {};
}

Result<void> traceme() {
    Thread* self = current_thread();
    OwnPtr<PtraceState> spare(new (std::nothrow) PtraceState());
    if (!spare) return Error(ENOMEM);
    PtraceState* raw = spare.ptr();
    SpinlockGuard g(g_process_tree_lock);
    Process* parent = self->process->parent;
    if (self->traced() || !parent || parent->exiting) return Error(EPERM);
    if (ptrace_install_locked(self, raw) && !raw) (void)spare.leak();
    ptrace_link_locked(self, parent, false, 0);
    return {};
}

Result<void> resume(Thread* t, long request, u64 data) {
    if (!valid_signal(data)) return Error(EIO);
    SpinlockGuard g(g_process_tree_lock);
    if (request == PTRACE_SYSCALL) t->ptrace_work |= kPtraceWorkSyscall;
    else t->ptrace_work &= ~kPtraceWorkSyscall;
    if (request == PTRACE_SINGLESTEP) {
        t->ptrace_work |= kPtraceWorkStep;
        if (!arch::ptrace_set_step(t, true)) t->ptrace->forced_tf = true;
    } else {
        t->ptrace_work &= ~kPtraceWorkStep;
        if (t->ptrace->forced_tf) arch::ptrace_set_step(t, false);
        t->ptrace->forced_tf = false;
    }
    ptrace_resume_locked(t, static_cast<int>(data));
    return {};
}

Result<void> detach(Thread* t, u64 data) {
    if (!valid_signal(data)) return Error(EIO);
    {
        SpinlockGuard g(g_process_tree_lock);
        // Another thread of the tracer may have detached it since it was looked up.
        if (t->ptrace->tracer != current_process()) return Error(ESRCH);
        t->ptrace->resume_sig = static_cast<int>(data);
        ptrace_unlink_locked(t);
    }
    t->unref();   // the tracer list's reference
    return {};
}

Result<void> listen(Thread* t) {
    SpinlockGuard g(g_process_tree_lock);
    PtraceState& s = *t->ptrace;
    // linux: only a PTRACE_SEIZE tracee, only in a PTRACE_EVENT_STOP.
    if (!s.seized || !s.has_siginfo || (s.siginfo.si_code >> 8) != PTRACE_EVENT_STOP) return Error(EIO);
    s.listening = true;
    if (s.trap_notify) t->process->stop_wait.wake_all();
    return {};
}

Result<void> interrupt(Thread* t) {
    SpinlockGuard g(g_process_tree_lock);
    if (!t->ptrace->seized) return Error(EIO);
    t->ptrace_trap = true;
    if (t->ptrace->listening) t->ptrace->trap_notify = true;
    t->process->stop_wait.wake_all();
    sched_wake(t);   // out of an interruptible sleep: signal_pending_current() sees the trap
    return {};
}

// PEEKTEXT/PEEKDATA/POKETEXT/POKEDATA: one word, through the tracee's address space with a
// debugger's rights. EIO when the word cannot be reached (linux: ptrace_access_vm).
Result<void> access_word(Thread* t, u64 addr, u64& word, bool write) {
    RefPtr<AddressSpace> mm;
    {
        SpinlockGuard g(g_process_tree_lock);
        mm = t->process->mm;
    }
    if (!mm) return Error(EIO);
    if (access_process_memory(*mm, addr, &word, sizeof(word), write, true) != sizeof(word)) return Error(EIO);
    return {};
}

// DR6 reads with its always-one bits set (linux: the virtual DR6 is kept xor DR6_RESERVED).
constexpr u64 kDr6Reserved = 0xffff0ff0;

Result<u64> peek_user(Thread* t, u64 addr) {
    if ((addr & 7) || addr >= linux_abi::kUserSize) return Error(EIO);
    if (addr < sizeof(UserRegs)) return arch::ptrace_peek_reg(t, addr);
    if (addr < linux_abi::kUserDebugregOffset) return 0;
    usize n = (addr - linux_abi::kUserDebugregOffset) / 8;
    return t->ptrace->debugreg[n] ^ (n == 6 ? kDr6Reserved : 0);
}

Result<void> poke_user(Thread* t, u64 addr, u64 data) {
    if ((addr & 7) || addr >= linux_abi::kUserSize) return Error(EIO);
    if (addr < sizeof(UserRegs)) return arch::ptrace_poke_reg(t, addr, data);
    if (addr < linux_abi::kUserDebugregOffset) return Error(EIO);
    usize n = (addr - linux_abi::kUserDebugregOffset) / 8;
    // Hardware breakpoints are not implemented: addresses and DR6 are kept (and read back),
    // enabling one in DR7 is refused rather than silently ignored.
    if (n == 4 || n == 5) return Error(EIO);
    if (n < 4 && data >= kUserSpaceEnd) return Error(EIO);
    if (n == 7 && (data & 0xff)) return Error(ENOSYS);
    t->ptrace->debugreg[n] = data ^ (n == 6 ? kDr6Reserved : 0);
    return {};
}

constexpr u64 kNtPrstatus = NT_PRSTATUS, kNtPrfpreg = NT_PRFPREG;

Result<void> regset(Thread* t, u64 type, uptr uiov, bool set) {
    struct iovec iov;
    TRY(copy_from_user(&iov, uiov, sizeof(iov)));
    usize size;
    if (type == kNtPrstatus) size = sizeof(UserRegs);
    else if (type == kNtPrfpreg) size = linux_abi::kUserFpregsSize;
    else return Error(EINVAL);
    if (iov.iov_len % 8) return Error(EINVAL);   // linux: whole registers only
    usize len = min(static_cast<usize>(iov.iov_len), size);
    uptr base = reinterpret_cast<uptr>(iov.iov_base);
    alignas(16) u8 buf[512];
    static_assert(sizeof(buf) >= sizeof(UserRegs));
    // Both directions start from the current values: a short SETREGSET changes only its part.
    if (type == kNtPrstatus) arch::ptrace_get_regs(t, *reinterpret_cast<UserRegs*>(buf));
    else arch::ptrace_get_fpregs(t, buf);
    if (set) {
        TRY(copy_from_user(buf, base, len));
        if (type == kNtPrstatus) TRY(arch::ptrace_set_regs(t, *reinterpret_cast<UserRegs*>(buf)));
        else TRY(arch::ptrace_set_fpregs(t, buf));
    } else {
        TRY(copy_to_user(base, buf, len));
    }
    iov.iov_len = len;
    TRY(copy_to_user(uiov + offsetof(struct iovec, iov_len), &iov.iov_len, sizeof(iov.iov_len)));
    return {};
}

// PTRACE_GET_SYSCALL_INFO: what the stop says about the syscall (linux: ptrace_get_syscall_info).
SyscallResult syscall_info(Thread* t, u64 size, uptr out) {
    struct ptrace_syscall_info info{};
    const TrapFrame* f = t->user_frame;
    info.arch = AUDIT_ARCH_X86_64;
    info.instruction_pointer = f->rip;
    info.stack_pointer = f->rsp;
    usize actual = offsetof(struct ptrace_syscall_info, entry);
    const PtraceState& s = *t->ptrace;
    if (s.has_siginfo && s.siginfo.si_code == (SIGTRAP | 0x80)) {
        if (s.event_msg == PTRACE_EVENTMSG_SYSCALL_ENTRY) {
            info.op = PTRACE_SYSCALL_INFO_ENTRY;
            info.entry.nr = f->error_code;
            const u64 args[6] = {f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9};
            for (int i = 0; i < 6; i++) info.entry.args[i] = args[i];
            actual = offsetof(struct ptrace_syscall_info, entry.args) + sizeof(info.entry.args);
        } else if (s.event_msg == PTRACE_EVENTMSG_SYSCALL_EXIT) {
            info.op = PTRACE_SYSCALL_INFO_EXIT;
            i64 rv = static_cast<i64>(f->rax);
            info.exit.is_error = rv < 0 && rv >= -4095;
            info.exit.rval = rv;
            actual = offsetof(struct ptrace_syscall_info, exit.is_error) + sizeof(info.exit.is_error);
        }
    }
    if (s.has_siginfo && s.siginfo.si_code == (SIGTRAP | (PTRACE_EVENT_SECCOMP << 8))) {
        info.op = PTRACE_SYSCALL_INFO_SECCOMP;
        info.seccomp.nr = f->error_code;
        const u64 args[6] = {f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9};
        for (int i = 0; i < 6; i++) info.seccomp.args[i] = args[i];
        info.seccomp.ret_data = static_cast<u32>(s.event_msg);
        actual = offsetof(struct ptrace_syscall_info, seccomp.ret_data) + sizeof(info.seccomp.ret_data);
    }
    TRY(copy_to_user(out, &info, min(static_cast<usize>(size), actual)));
    return static_cast<i64>(actual);
}

SyscallResult stopped_request(Thread* t, long request, u64 addr, u64 data) {
    switch (request) {
    case PTRACE_PEEKTEXT:
    case PTRACE_PEEKDATA: {
        u64 word;
        TRY(access_word(t, addr, word, false));
        TRY(copy_to_user(UserPtr<u64>(data), word));
        return 0;
    }
    case PTRACE_POKETEXT:
    case PTRACE_POKEDATA: {
        u64 word = data;
        TRY(access_word(t, addr, word, true));
        return 0;
    }
    case PTRACE_PEEKUSR: {
        u64 v = TRY(peek_user(t, addr));
        TRY(copy_to_user(UserPtr<u64>(data), v));
        return 0;
    }
    case PTRACE_POKEUSR: TRY(poke_user(t, addr, data)); return 0;
    case PTRACE_GETREGS: {
        UserRegs r;
        arch::ptrace_get_regs(t, r);
        TRY(copy_to_user(data, &r, sizeof(r)));
        return 0;
    }
    case PTRACE_SETREGS: {
        UserRegs r;
        TRY(copy_from_user(&r, data, sizeof(r)));
        TRY(arch::ptrace_set_regs(t, r));
        return 0;
    }
    case PTRACE_GETFPREGS: {
        alignas(16) u8 buf[linux_abi::kUserFpregsSize];
        arch::ptrace_get_fpregs(t, buf);
        TRY(copy_to_user(data, buf, sizeof(buf)));
        return 0;
    }
    case PTRACE_SETFPREGS: {
        alignas(16) u8 buf[linux_abi::kUserFpregsSize];
        TRY(copy_from_user(buf, data, sizeof(buf)));
        TRY(arch::ptrace_set_fpregs(t, buf));
        return 0;
    }
    case PTRACE_GETREGSET: TRY(regset(t, addr, data, false)); return 0;
    case PTRACE_SETREGSET: TRY(regset(t, addr, data, true)); return 0;
    case PTRACE_GETSIGINFO: {
        KSigInfo info;
        {
            SpinlockGuard g(g_process_tree_lock);
            if (!t->ptrace->has_siginfo) return Error(EINVAL);
            info = t->ptrace->siginfo;
        }
        TRY(copy_to_user(data, &info, sizeof(info)));
        return 0;
    }
    case PTRACE_SETSIGINFO: {
        KSigInfo info;
        TRY(copy_from_user(&info, data, sizeof(info)));
        SpinlockGuard g(g_process_tree_lock);
        if (!t->ptrace->has_siginfo) return Error(EINVAL);
        t->ptrace->siginfo = info;
        return 0;
    }
    case PTRACE_GETEVENTMSG: {
        u64 msg;
        {
            SpinlockGuard g(g_process_tree_lock);
            msg = t->ptrace->event_msg;
        }
        TRY(copy_to_user(UserPtr<u64>(data), msg));
        return 0;
    }
    case PTRACE_SETOPTIONS: {
        if (data & ~u64(PTRACE_O_MASK)) return Error(EINVAL);
        SpinlockGuard g(g_process_tree_lock);
        t->ptrace->options = static_cast<u32>(data);
        return 0;
    }
    case PTRACE_GET_SYSCALL_INFO: return syscall_info(t, addr, data);
    case PTRACE_GETSIGMASK:
    case PTRACE_SETSIGMASK: {
        if (addr != sizeof(SigSet)) return Error(EINVAL);   // linux: sizeof(sigset_t)
        if (request == PTRACE_GETSIGMASK) {
            TRY(copy_to_user(UserPtr<u64>(data), t->sigmask));
            return 0;
        }
        SigSet mask;
        TRY(copy_from_user(&mask, data, sizeof(mask)));
        SpinlockGuard g(g_process_tree_lock);
        t->sigmask = mask & ~kUnblockable;
        return 0;
    }
    case PTRACE_ARCH_PRCTL: {
        // linux: do_arch_prctl_64() on the tracee; only the readers here.
        if (addr == ARCH_GET_FS || addr == ARCH_GET_GS) {
            TRY(copy_to_user(UserPtr<u64>(data), addr == ARCH_GET_FS ? t->fs_base : t->gs_base));
            return 0;
        }
        return Error(addr == ARCH_SET_FS || addr == ARCH_SET_GS ? ENOSYS : EINVAL);
    }
    case PTRACE_CONT:
    case PTRACE_SYSCALL:
    case PTRACE_SINGLESTEP: TRY(resume(t, request, data)); return 0;
    case PTRACE_DETACH: TRY(detach(t, data)); return 0;
    case PTRACE_LISTEN: TRY(listen(t)); return 0;
    default: return Error(EIO);
    }
}

}  // namespace

SyscallResult sys_ptrace(long request, int pid, u64 addr, u64 data) {
    switch (request) {
    case PTRACE_TRACEME: TRY(traceme()); return 0;
    case PTRACE_ATTACH: TRY(attach(pid, false, addr, data)); return 0;
    case PTRACE_SEIZE: TRY(attach(pid, true, addr, data)); return 0;
    case PTRACE_KILL:
    case PTRACE_INTERRUPT: {
        Tracee t;
        TRY(find_tracee(pid, false, t));
        if (request == PTRACE_INTERRUPT) TRY(interrupt(t.get()));
        else signal_send_thread(t.get(), SIGKILL, nullptr);
        return 0;
    }
    default: {
        Tracee t;
        TRY(find_tracee(pid, true, t));
        return stopped_request(t.get(), request, addr, data);
    }
    }
}
