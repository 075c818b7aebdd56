// SPDX-License-Identifier: MIT
// Kernel threads: a stack, a saved context and scheduling state. User processes (later) own
// threads; a thread never owns a process.
#pragma once

#include <atomic>

#include "lib/intrusive_list.h"
#include "lib/result.h"
#include "core/percpu.h"
#include "core/ptrace_state.h"
#include "core/signal_state.h"
#include "mm/kstack.h"
#include "mm/mempolicy.h"

class Process;
struct TrapFrame;
struct SeccompFilter;
namespace arch {
struct FpuState;
}

enum class ThreadState : u8 { Runnable, Running, Blocked, Sleeping, Dead };

class Thread {
public:
    using Entry = void (*)(void* arg);

    // Creates a runnable thread (not yet scheduled: call sched_start(t)). The caller holds one
    // reference; release it with thread_unref when done with the pointer.
    static Result<Thread*> create(const char* name, Entry entry, void* arg);
    // As create, keeping `reserve` bytes free at the top of the stack (a user thread's TrapFrame).
    static Result<Thread*> create_reserved(const char* name, Entry entry, void* arg, usize reserve);
    void set_name(const char* name);

    u64 id() const { return m_id; }
    const char* name() const { return m_name; }
    ThreadState state() const { return m_state; }
    bool finished() const { return m_state == ThreadState::Dead; }

    void ref() { m_refs.fetch_add(1, std::memory_order_relaxed); }
    void unref();

    // Scheduler-private state, kept public for the scheduler and wait queues (core/).
    ListNode run_node;       // run queue
    ListNode timer_node;     // sleeping-thread list
    u64 wake_deadline = 0;
    bool timed_out = false;
    ThreadState m_state = ThreadState::Runnable;
    std::atomic<bool> on_cpu{false};   // its context is live on some CPU (until switched out)
    u64 saved_rsp = 0;
    u64 slice_end_ns = 0;
    KernelStack stack;
    Entry entry = nullptr;
    void* arg = nullptr;
    u64 cpu_time_ns = 0;
    u64 utime_ns = 0, stime_ns = 0;   // cpu_time_ns split as the process's (user ticks vs system)
    u64 last_switch_in_ns = 0;
    bool is_idle = false;

    // User-side state (null/zero for kernel threads).
    Process* process = nullptr;        // the thread group; holds a reference while linked
    ListNode group_node;               // in process->threads
    int tid = 0;
    TrapFrame* user_frame = nullptr;   // saved user registers at the top of the kernel stack
    arch::FpuState* fpu = nullptr;
    // The registers hold this thread's user FPU state. False while the kernel rewrites the saved
    // image in place (rt_sigreturn): a switch then neither saves over it nor loads it half-written.
    bool fpu_live = true;
    u64 fs_base = 0;
    u64 gs_base = 0;
    // x86 segments (arch/x86_64/user_segments.cpp): the %fs/%gs selectors saved at a switch,
    // once the thread's address space has an LDT (until then both are 0 and nothing is saved).
    u16 user_fsindex = 0;
    u16 user_gsindex = 0;
    u16 user_ds = 0;
    u16 user_es = 0;
    bool uses_segments = false;
    SigSet sigmask = 0;
    u16 ioprio = 0;                    // ioprio_set(2) value (Linux keeps it per task, as a u16)
    MemPolicy mempolicy;               // set_mempolicy(2): per task, inherited by fork and clone
    SigSet saved_sigmask = 0;          // rt_sigsuspend/ppoll restore this on return
    SigSet real_blocked = 0;           // the mask rt_sigtimedwait replaced while it waits
    // Return-to-user work flags, tested together as return_work by return_to_user's fast check.
    union {
        struct {
            bool restore_sigmask;
            // PTRACE_INTERRUPT asked for a stop (read without the lock on the way back to user mode).
            bool ptrace_trap;
            // rseq(2): switched out (or just registered) since the area was last brought up to date.
            bool rseq_pending;
        };
        u32 return_work = 0;
    };
    uptr rseq_area = 0;                // the registered struct rseq (core/rseq.h), or 0
    u32 rseq_sig = 0;
    PendingSignals pending;            // thread-directed signals
    u64 altstack_sp = 0, altstack_size = 0;
    u32 altstack_flags = 0;
    uptr clear_child_tid = 0;
    uptr set_child_tid = 0;
    bool exiting = false;              // left its group (tree lock): signals to it are dropped
    std::atomic<bool> vfork_pending{false};   // a vfork parent waits until this thread execs or exits
    bool frame_replaced = false;       // rt_sigreturn/execve set the whole frame: keep rax
    bool trace_syscalls = false;
    // seccomp(2) (syscalls/seccomp.cpp): per task as in Linux, inherited by clone, kept by execve.
    bool no_new_privs = false;
    // Syscall work, tested together as syscall_work by the dispatcher's fast check.
    union {
        struct {
            u8 seccomp_mode;                 // SECCOMP_MODE_DISABLED/STRICT/FILTER
            u8 ptrace_work;                  // kPtraceWork* (core/ptrace_state.h)
        };
        u16 syscall_work = 0;
    };
    SeccompFilter* seccomp_filter = nullptr;   // newest filter of the chain (one reference)
    u64 restart_deadline = 0;          // restart_syscall state of an interrupted sleep
    uptr restart_rem = 0;
    Result<i64> (*restart_fn)() = nullptr;   // restart_syscall of an interrupted futex wait
    u64 restart_futex[3] = {};               // its uaddr, val | bitset << 32, flags
    // Futexes (ipc/): the robust list set_robust_list registered (never inherited: clone and
    // exec clear it, as Linux), and how far exit has got releasing this thread's PI futexes.
    uptr robust_list = 0;
    std::atomic<u32> pi_owned{0};      // PI futex queues naming this thread owner (exit skips the scan at 0)
    std::atomic<u8> futex_state{0};    // 0 alive, 1 exiting, 2 dead (Linux's FUTEX_STATE_*)
    // ptrace(2): allocated when the thread is first traced, kept until it dies (a tracer may look
    // at it for as long as it holds the thread); the tracer's list of tracees links ptrace_node.
    PtraceState* ptrace = nullptr;
    ListNode ptrace_node;
    bool traced() const { return ptrace && __atomic_load_n(&ptrace->tracer, __ATOMIC_RELAXED); }
    bool is_current = false;   // some CPU's current thread (changes under the scheduler lock)

private:
    Thread() = default;
    friend Thread* thread_create_idle(unsigned cpu);
    u64 m_id = 0;
    char m_name[24] = {};
    std::atomic<u32> m_refs{1};
};

// The running thread (only used once threads exist: sched_init runs before anything that can
// block or has a process).
[[gnu::returns_nonnull]] inline Thread* current_thread() { return this_cpu()->current; }
usize thread_live_count();
