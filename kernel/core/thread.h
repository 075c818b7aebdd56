// SPDX-License-Identifier: MIT
// Kernel threads: a stack, a saved context and scheduling state. User processes (later) own
// threads; a thread never owns a process.
#pragma once

#include <atomic>

#include "lib/intrusive_list.h"
#include "lib/result.h"
#include "mm/kstack.h"

enum class ThreadState : u8 { Runnable, Running, Blocked, Sleeping, Dead };

class Thread {
public:
    using Entry = void (*)(void* arg);

    // Creates a runnable thread (not yet scheduled: call sched_start(t)). The caller holds one
    // reference; release it with thread_unref when done with the pointer.
    static Result<Thread*> create(const char* name, Entry entry, void* arg);

    u64 id() const { return m_id; }
    const char* name() const { return m_name; }
    ThreadState state() const { return m_state; }
    bool finished() const { return m_state == ThreadState::Dead; }

    void ref() { m_refs.fetch_add(1, std::memory_order_relaxed); }
    void unref();

    // Scheduler-private state, kept public for the scheduler and wait queues (core/).
    ListNode run_node;       // run queue
    ListNode wait_node;      // a wait queue
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
    u64 last_switch_in_ns = 0;
    bool is_idle = false;
    bool is_current = false;   // some CPU's current thread (changes under the scheduler lock)

private:
    Thread() = default;
    friend Thread* thread_create_idle(unsigned cpu);
    u64 m_id = 0;
    char m_name[24] = {};
    std::atomic<u32> m_refs{1};
};

Thread* current_thread();
usize thread_live_count();
