// SPDX-License-Identifier: MIT
// seccomp(2) and its prctl forms: strict mode, and chains of classic-BPF filters over struct
// seccomp_data checked at every system call entry. The filters are immutable once attached and
// shared by reference (a child's chain is its parent's), so a task only ever swaps its newest
// pointer. Not implemented: user notification (SECCOMP_FILTER_FLAG_NEW_LISTENER is an unknown flag
// here, as on kernels before 5.0, and SECCOMP_RET_USER_NOTIF finds no listener). SECCOMP_RET_TRACE
// stops a PTRACE_O_TRACESECCOMP tracee (core/ptrace.cpp). linux: kernel/seccomp.c, net/core/filter.c.
#include "syscalls/seccomp.h"

#include <asm/unistd_64.h>

#include "abi/linux/uapi.h"
#include "arch/x86_64/trap_frame.h"
#include "core/process.h"
#include "core/process_lifecycle.h"
#include "core/process_table.h"
#include "core/ptrace.h"
#include "core/signal.h"
#include "lib/ref_ptr.h"
#include "mm/kheap.h"
#include "mm/user_ptr.h"
#include "syscalls/dispatch.h"
#include "syscalls/handlers.h"

struct SeccompFilter : RefCounted<SeccompFilter> {
    SeccompFilter* prev = nullptr;   // holds a reference
    sock_filter* insns = nullptr;
    u16 len = 0;
    ~SeccompFilter() { kfree(insns); }
};

namespace {

constexpr u32 kMaxInsnsPerPath = 32768;   // linux: MAX_INSNS_PER_PATH
constexpr u32 kMaxErrno = 4095;
constexpr u32 kFilterFlags = SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_SPEC_ALLOW;

void unref_chain(SeccompFilter* f) {
    while (f && f->deref()) {
        SeccompFilter* prev = f->prev;
        delete f;
        f = prev;
    }
}

// The instructions a seccomp filter may use (linux: seccomp_check_filter on top of
// bpf_check_classic); loads of the packet length become loads of sizeof(seccomp_data).
bool check_opcode(sock_filter& in) {
    switch (in.code) {
    case BPF_LD | BPF_W | BPF_ABS:
        return in.k < sizeof(seccomp_data) && (in.k & 3) == 0;
    case BPF_LD | BPF_W | BPF_LEN:
        in.code = BPF_LD | BPF_IMM;
        in.k = sizeof(seccomp_data);
        return true;
    case BPF_LDX | BPF_W | BPF_LEN:
        in.code = BPF_LDX | BPF_IMM;
        in.k = sizeof(seccomp_data);
        return true;
    case BPF_RET | BPF_K: case BPF_RET | BPF_A:
    case BPF_ALU | BPF_ADD | BPF_K: case BPF_ALU | BPF_ADD | BPF_X:
    case BPF_ALU | BPF_SUB | BPF_K: case BPF_ALU | BPF_SUB | BPF_X:
    case BPF_ALU | BPF_MUL | BPF_K: case BPF_ALU | BPF_MUL | BPF_X:
    case BPF_ALU | BPF_DIV | BPF_K: case BPF_ALU | BPF_DIV | BPF_X:
    case BPF_ALU | BPF_AND | BPF_K: case BPF_ALU | BPF_AND | BPF_X:
    case BPF_ALU | BPF_OR | BPF_K: case BPF_ALU | BPF_OR | BPF_X:
    case BPF_ALU | BPF_XOR | BPF_K: case BPF_ALU | BPF_XOR | BPF_X:
    case BPF_ALU | BPF_LSH | BPF_K: case BPF_ALU | BPF_LSH | BPF_X:
    case BPF_ALU | BPF_RSH | BPF_K: case BPF_ALU | BPF_RSH | BPF_X:
    case BPF_ALU | BPF_NEG:
    case BPF_LD | BPF_IMM: case BPF_LDX | BPF_IMM:
    case BPF_MISC | BPF_TAX: case BPF_MISC | BPF_TXA:
    case BPF_LD | BPF_MEM: case BPF_LDX | BPF_MEM:
    case BPF_ST: case BPF_STX:
    case BPF_JMP | BPF_JA:
    case BPF_JMP | BPF_JEQ | BPF_K: case BPF_JMP | BPF_JEQ | BPF_X:
    case BPF_JMP | BPF_JGE | BPF_K: case BPF_JMP | BPF_JGE | BPF_X:
    case BPF_JMP | BPF_JGT | BPF_K: case BPF_JMP | BPF_JGT | BPF_X:
    case BPF_JMP | BPF_JSET | BPF_K: case BPF_JMP | BPF_JSET | BPF_X:
        return true;
    default:
        return false;
    }
}

// linux: bpf_check_classic and check_load_and_stores: operands in range, jumps inside the program,
// no scratch word read before every path to it stored it, a return at the end.
// masks has len entries: the scratch words stored on every path into each instruction.
bool check_program(sock_filter* p, u32 len, u16* masks) {
    for (u32 i = 0; i < len; i++) masks[i] = 0xffff;
    u16 valid = 0;
    for (u32 pc = 0; pc < len; pc++) {
        sock_filter& in = p[pc];
        if (!check_opcode(in)) return false;
        valid &= masks[pc];
        switch (in.code) {
        case BPF_ALU | BPF_DIV | BPF_K:
            if (in.k == 0) return false;
            break;
        case BPF_ALU | BPF_LSH | BPF_K: case BPF_ALU | BPF_RSH | BPF_K:
            if (in.k >= 32) return false;
            break;
        case BPF_ST: case BPF_STX:
            if (in.k >= BPF_MEMWORDS) return false;
            valid |= static_cast<u16>(1u << in.k);
            break;
        case BPF_LD | BPF_MEM: case BPF_LDX | BPF_MEM:
            if (in.k >= BPF_MEMWORDS || !(valid & (1u << in.k))) return false;
            break;
        case BPF_JMP | BPF_JA:
            if (in.k >= len - pc - 1) return false;
            masks[pc + 1 + in.k] &= valid;
            valid = 0xffff;
            break;
        default:
            if (BPF_CLASS(in.code) == BPF_JMP) {
                if (pc + in.jt + 1 >= len || pc + in.jf + 1 >= len) return false;
                masks[pc + 1 + in.jt] &= valid;
                masks[pc + 1 + in.jf] &= valid;
                valid = 0xffff;
            }
        }
    }
    return BPF_CLASS(p[len - 1].code) == BPF_RET;
}

u32 run_filter(const SeccompFilter& f, const seccomp_data& d) {
    u32 a = 0, x = 0, mem[BPF_MEMWORDS] = {};
    const u8* data = reinterpret_cast<const u8*>(&d);
    for (u32 pc = 0; pc < f.len; pc++) {
        const sock_filter& in = f.insns[pc];
        u32 src = BPF_SRC(in.code) == BPF_X ? x : in.k;
        switch (in.code) {
        case BPF_LD | BPF_W | BPF_ABS: __builtin_memcpy(&a, data + in.k, 4); break;
        case BPF_LD | BPF_IMM: a = in.k; break;
        case BPF_LDX | BPF_IMM: x = in.k; break;
        case BPF_LD | BPF_MEM: a = mem[in.k]; break;
        case BPF_LDX | BPF_MEM: x = mem[in.k]; break;
        case BPF_ST: mem[in.k] = a; break;
        case BPF_STX: mem[in.k] = x; break;
        case BPF_MISC | BPF_TAX: x = a; break;
        case BPF_MISC | BPF_TXA: a = x; break;
        case BPF_RET | BPF_K: return in.k;
        case BPF_RET | BPF_A: return a;
        case BPF_JMP | BPF_JA: pc += in.k; break;
        case BPF_ALU | BPF_NEG: a = -a; break;
        default:
            if (BPF_CLASS(in.code) == BPF_JMP) {
                bool taken = BPF_OP(in.code) == BPF_JEQ ? a == src : BPF_OP(in.code) == BPF_JGE ? a >= src
                           : BPF_OP(in.code) == BPF_JGT ? a > src : (a & src) != 0;
                pc += taken ? in.jt : in.jf;
                break;
            }
            switch (BPF_OP(in.code)) {
            case BPF_ADD: a += src; break;
            case BPF_SUB: a -= src; break;
            case BPF_MUL: a *= src; break;
            case BPF_DIV:
                if (src == 0) return 0;   // linux: a division by X == 0 ends the program with 0
                a /= src;
                break;
            case BPF_AND: a &= src; break;
            case BPF_OR: a |= src; break;
            case BPF_XOR: a ^= src; break;
            case BPF_LSH: a = src >= 32 ? 0 : a << src; break;
            case BPF_RSH: a = src >= 32 ? 0 : a >> src; break;
            }
        }
    }
    return 0;   // unreachable: check_program demands a final return
}

bool strict_allowed(u64 nr) {
    return nr == __NR_read || nr == __NR_write || nr == __NR_exit || nr == __NR_rt_sigreturn;
}

// The process ends with SIGSYS as if by its default (core) action; a thread alone ends by itself.
[[noreturn]] void kill_for_seccomp(bool whole_group) {
    Process* p = current_process();
    int status = SIGSYS;
    if (whole_group && p->rlimits[RLIMIT_CORE].cur != 0) status |= 0x80;
    thread_do_exit(status, whole_group);
}

bool only_thread() {
    SpinlockGuard g(g_process_tree_lock);
    return current_process()->live_threads == 1;
}

bool is_ancestor(const SeccompFilter* maybe, const SeccompFilter* of) {
    if (!maybe) return true;
    for (; of; of = of->prev)
        if (of == maybe) return true;
    return false;
}

Result<SeccompFilter*> load_filter(UserPtr<const void> uargs) {
    sock_fprog prog;
    TRY(copy_from_user(&prog, uargs.addr(), sizeof(prog)));
    if (prog.len == 0 || prog.len > BPF_MAXINSNS) return Error(EINVAL);
    Thread* t = current_thread();
    if (!t->no_new_privs && !current_process()->creds.has_cap(CAP_SYS_ADMIN)) return Error(EACCES);
    usize bytes = prog.len * sizeof(sock_filter);
    auto* insns = static_cast<sock_filter*>(kmalloc(bytes));
    auto* masks = static_cast<u16*>(kmalloc(prog.len * sizeof(u16)));
    Result<void> ok = !insns || !masks ? Result<void>(Error(ENOMEM))
                    : copy_from_user(insns, reinterpret_cast<uptr>(prog.filter), bytes);
    if (!ok.is_error() && !check_program(insns, prog.len, masks)) ok = Error(EINVAL);
    kfree(masks);
    if (ok.is_error()) {
        kfree(insns);
        return ok.error();
    }
    auto* f = new (std::nothrow) SeccompFilter;
    if (!f) {
        kfree(insns);
        return Error(ENOMEM);
    }
    f->insns = insns;
    f->len = prog.len;
    return f;
}

// Attaches f (one reference, consumed) to the caller, or with TSYNC to every thread of its group.
// TSYNC fails with the tid of a thread whose filters are not an ancestor of the caller's.
SyscallResult attach_filter(SeccompFilter* f, u32 flags) {
    Thread* self = current_thread();
    Process* p = self->process;
    SpinlockGuard g(g_process_tree_lock);
    if (self->seccomp_mode != SECCOMP_MODE_DISABLED && self->seccomp_mode != SECCOMP_MODE_FILTER) {
        unref_chain(f);
        return Error(EINVAL);
    }
    if (flags & SECCOMP_FILTER_FLAG_TSYNC) {
        for (Thread& t : p->threads)
            if (&t != self && !t.exiting &&
                (t.seccomp_mode == SECCOMP_MODE_STRICT || !is_ancestor(t.seccomp_filter, self->seccomp_filter))) {
                int tid = t.tid;
                unref_chain(f);
                return tid;
            }
    }
    u32 total = f->len;
    for (SeccompFilter* w = self->seccomp_filter; w; w = w->prev) total += w->len + 4;
    if (total > kMaxInsnsPerPath) {
        unref_chain(f);
        return Error(ENOMEM);
    }
    syscall_light_disable_for_seccomp();
    f->prev = self->seccomp_filter;   // the caller's reference moves into the chain
    self->seccomp_filter = f;
    self->seccomp_mode = SECCOMP_MODE_FILTER;
    if (flags & SECCOMP_FILTER_FLAG_TSYNC) {
        // Every other thread's chain is part of f's, so dropping its old pointer frees nothing that
        // a thread in the middle of a system call could still be reading.
        for (Thread& t : p->threads) {
            if (&t == self || t.exiting) continue;
            f->ref();
            SeccompFilter* old = t.seccomp_filter;
            __atomic_store_n(&t.seccomp_filter, f, __ATOMIC_RELEASE);
            __atomic_store_n(&t.seccomp_mode, static_cast<u8>(SECCOMP_MODE_FILTER), __ATOMIC_RELEASE);
            if (self->no_new_privs) t.no_new_privs = true;
            unref_chain(old);
        }
    }
    return 0;
}

SyscallResult set_mode_strict() {
    Thread* self = current_thread();
    if (self->seccomp_mode != SECCOMP_MODE_DISABLED && self->seccomp_mode != SECCOMP_MODE_STRICT)
        return Error(EINVAL);
    syscall_light_disable_for_seccomp();
    self->seccomp_mode = SECCOMP_MODE_STRICT;
    return 0;
}

SyscallResult do_seccomp(u32 op, u32 flags, UserPtr<const void> uargs) {
    switch (op) {
    case SECCOMP_SET_MODE_STRICT:
        if (flags || !uargs.is_null()) return Error(EINVAL);
        return set_mode_strict();
    case SECCOMP_SET_MODE_FILTER: {
        if (flags & ~kFilterFlags) return Error(EINVAL);
        SeccompFilter* f = TRY(load_filter(uargs));
        return attach_filter(f, flags);
    }
    case SECCOMP_GET_ACTION_AVAIL: {
        if (flags) return Error(EINVAL);
        u32 action = TRY(copy_from_user(UserPtr<const u32>(uargs.addr())));
        switch (action) {
        case SECCOMP_RET_KILL_PROCESS: case SECCOMP_RET_KILL_THREAD: case SECCOMP_RET_TRAP:
        case SECCOMP_RET_ERRNO: case SECCOMP_RET_TRACE: case SECCOMP_RET_LOG: case SECCOMP_RET_ALLOW:
            return 0;
        default:
            return Error(EOPNOTSUPP);   // SECCOMP_RET_USER_NOTIF included: no listeners here
        }
    }
    case SECCOMP_GET_NOTIF_SIZES: {
        if (flags) return Error(EINVAL);
        seccomp_notif_sizes sizes{sizeof(seccomp_notif), sizeof(seccomp_notif_resp), sizeof(seccomp_data)};
        TRY(copy_to_user(uargs.addr(), &sizes, sizeof(sizes)));
        return 0;
    }
    default:
        return Error(EINVAL);
    }
}

}  // namespace

namespace {

bool permit(TrapFrame* f, u64 nr, i64* ret, bool after_trace);

// SECCOMP_RET_TRACE (linux: __seccomp_filter): a tracer with PTRACE_O_TRACESECCOMP stops the
// thread in PTRACE_EVENT_SECCOMP and may change or skip (orig_rax -1) the call; the filters then
// run again on what it left, a second RET_TRACE meaning "allow". Without one: ENOSYS.
bool trace(TrapFrame* f, u32 data, i64* ret) {
    Thread* t = current_thread();
    if (!ptrace_event_enabled(t, PTRACE_EVENT_SECCOMP)) {
        *ret = -ENOSYS;
        return false;
    }
    f->rax = static_cast<u64>(-ENOSYS);
    ptrace_event(PTRACE_EVENT_SECCOMP, data);
    u64 nr = f->error_code;
    bool killed;
    {
        SpinlockGuard g(g_process_tree_lock);
        killed = t->pending.set & sig_bit(SIGKILL);
    }
    if (killed || static_cast<i32>(nr) == -1) {
        *ret = static_cast<i64>(f->rax);
        return false;
    }
    return permit(f, static_cast<u32>(nr), ret, true);
}

}  // namespace

bool seccomp_permit(TrapFrame* f, u64 nr, i64* ret) { return permit(f, nr, ret, false); }

namespace {

bool permit(TrapFrame* f, u64 nr, i64* ret, bool after_trace) {
    Thread* t = current_thread();
    u8 mode = __atomic_load_n(&t->seccomp_mode, __ATOMIC_ACQUIRE);
    if (mode == SECCOMP_MODE_STRICT) {
        if (strict_allowed(nr)) return true;
        thread_do_exit(SIGKILL, false);   // linux: do_exit(SIGKILL), this thread only
    }
    seccomp_data d{};
    d.nr = static_cast<int>(nr);
    d.arch = AUDIT_ARCH_X86_64;
    d.instruction_pointer = f->rip;
    const u64 args[6] = {f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9};
    for (int i = 0; i < 6; i++) d.args[i] = args[i];
    u32 result = SECCOMP_RET_ALLOW;
    for (const SeccompFilter* w = __atomic_load_n(&t->seccomp_filter, __ATOMIC_ACQUIRE); w; w = w->prev) {
        u32 r = run_filter(*w, d);
        if (static_cast<i32>(r & SECCOMP_RET_ACTION_FULL) < static_cast<i32>(result & SECCOMP_RET_ACTION_FULL))
            result = r;
    }
    u32 data = result & SECCOMP_RET_DATA;
    switch (result & SECCOMP_RET_ACTION_FULL) {
    case SECCOMP_RET_ALLOW:
    case SECCOMP_RET_LOG:
        return true;
    case SECCOMP_RET_ERRNO:
        *ret = -static_cast<i64>(data > kMaxErrno ? kMaxErrno : data);
        return false;
    case SECCOMP_RET_TRAP: {
        KSigInfo info{};
        info.si_signo = SIGSYS;
        info.si_errno = static_cast<i32>(data);
        info.si_code = SYS_SECCOMP;
        info.sys.call_addr = f->rip;
        info.sys.syscall = static_cast<i32>(nr);
        info.sys.arch = AUDIT_ARCH_X86_64;
        signal_force(info);
        *ret = static_cast<i64>(nr);   // linux: syscall_rollback, rax holds the number again
        return false;
    }
    case SECCOMP_RET_TRACE:
        if (after_trace) return true;
        return trace(f, data, ret);
    case SECCOMP_RET_USER_NOTIF:   // no listener can exist
        *ret = -ENOSYS;
        return false;
    case SECCOMP_RET_KILL_THREAD:
        kill_for_seccomp(only_thread());
    default:   // SECCOMP_RET_KILL_PROCESS and unknown actions
        kill_for_seccomp(true);
    }
}

}  // namespace

void seccomp_inherit(Thread* child, const Thread* parent) {
    child->no_new_privs = parent->no_new_privs;
    child->seccomp_mode = parent->seccomp_mode;
    child->seccomp_filter = parent->seccomp_filter;
    if (child->seccomp_filter) child->seccomp_filter->ref();
}

void seccomp_release(Thread* t) {
    unref_chain(t->seccomp_filter);
    t->seccomp_filter = nullptr;
}

unsigned seccomp_filter_count(const Thread* t) {
    unsigned n = 0;
    for (const SeccompFilter* w = t->seccomp_filter; w; w = w->prev) n++;
    return n;
}

SyscallResult sys_seccomp(u32 op, u32 flags, UserPtr<const void> uargs) { return do_seccomp(op, flags, uargs); }

SyscallResult seccomp_prctl(int option, u64 arg2, u64 arg3, u64 arg4, u64 arg5) {
    Thread* t = current_thread();
    switch (option) {
    case PR_SET_NO_NEW_PRIVS:
        if (arg2 != 1 || arg3 || arg4 || arg5) return Error(EINVAL);
        t->no_new_privs = true;
        return 0;
    case PR_GET_NO_NEW_PRIVS:
        if (arg2 || arg3 || arg4 || arg5) return Error(EINVAL);
        return t->no_new_privs ? 1 : 0;
    case PR_GET_SECCOMP:
        return t->seccomp_mode;
    case PR_SET_SECCOMP:
        if (arg2 == SECCOMP_MODE_STRICT) return do_seccomp(SECCOMP_SET_MODE_STRICT, 0, UserPtr<const void>(0));
        if (arg2 == SECCOMP_MODE_FILTER) return do_seccomp(SECCOMP_SET_MODE_FILTER, 0, UserPtr<const void>(arg3));
        return Error(EINVAL);
    default:
        return Error(EINVAL);
    }
}
