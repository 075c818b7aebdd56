// SPDX-License-Identifier: MIT
// One run queue under one lock (per-CPU queues come with SMP). Every state change of a thread
// happens under g_sched_lock, so a wakeup racing with a thread going to sleep is never lost;
// `on_cpu` covers the other race, a thread picked on one CPU while still switching out on
// another.
#include "core/sched.h"

#include "arch/context.h"
#include "arch/cpu.h"
#include "arch/interrupts.h"
#include "core/log.h"
#include "core/panic.h"
#include "core/percpu.h"
#include "core/process.h"
#include "core/process_lifecycle.h"
#include "core/rseq.h"
#include "core/time.h"
#include "core/timers.h"
#include "sync/lockdep.h"
#include "sync/spinlock.h"

Thread* thread_create_idle(unsigned cpu);

namespace {

Spinlock g_sched_lock(LockRank::Scheduler, "scheduler");
IntrusiveList<Thread, &Thread::run_node>* g_run_queue;
IntrusiveList<Thread, &Thread::timer_node>* g_sleepers;   // sorted by wake_deadline

alignas(IntrusiveList<Thread, &Thread::run_node>) u8 g_run_queue_storage[sizeof(IntrusiveList<Thread, &Thread::run_node>)];
alignas(IntrusiveList<Thread, &Thread::timer_node>) u8 g_sleepers_storage[sizeof(IntrusiveList<Thread, &Thread::timer_node>)];

// Caller holds g_sched_lock.
void enqueue_locked(Thread* t) {
    t->m_state = ThreadState::Runnable;
    g_run_queue->push_back(*t);
}

// A blocked thread that has not switched out yet is still some CPU's current thread: it just
// keeps running. Otherwise it goes on the run queue.
void make_runnable_locked(Thread* t) {
    if (t->is_current) t->m_state = ThreadState::Running;
    else enqueue_locked(t);
}

void add_sleeper_locked(Thread* t) {
    Thread* pos = g_sleepers->first();
    while (pos && pos->wake_deadline <= t->wake_deadline) pos = g_sleepers->next_of(*pos);
    if (!pos) {
        g_sleepers->push_back(*t);
        return;
    }
    // Insert before pos: rebuild by moving the tail (lists are short; keeps the list API small).
    IntrusiveList<Thread, &Thread::timer_node> tail;
    while (Thread* x = g_sleepers->last()) {
        g_sleepers->remove(*x);
        tail.push_front(*x);
        if (x == pos) break;
    }
    g_sleepers->push_back(*t);
    while (Thread* x = tail.pop_front()) g_sleepers->push_back(*x);
}

void arm_timer_locked(Thread* running) {
    u64 deadline = ktimer_next_deadline();
    if (!running->is_idle || !g_run_queue->empty()) deadline = running->slice_end_ns;
    if (Thread* s = g_sleepers->first()) deadline = min(deadline, s->wake_deadline);
    // Idle with nothing to wait for: still wake once a second (cheap, and catches lost IRQs).
    if (deadline == ~u64(0)) deadline = arch::clock_ns() + 1'000'000'000ull;
    arch::timer_arm(deadline);
}

}  // namespace

// Charges the time since the thread's last accounting point to it and its process.
// The time since the last accounting point counts as user time when the timer interrupted user
// mode, system time otherwise (switches happen in the kernel): Linux's tick-based split.
static void account_cpu(Thread* t, u64 now, bool in_user) {
    u64 delta = now > t->last_switch_in_ns ? now - t->last_switch_in_ns : 0;
    t->cpu_time_ns += delta;
    if (in_user) t->utime_ns += delta;
    else t->stime_ns += delta;
    t->last_switch_in_ns = now;
    if (t->process && delta) {
        if (in_user) t->process->utime_ns += delta;
        else t->process->stime_ns += delta;
        // The virtual and profiling timers advance by at most one timer period per accounting
        // point, as Linux's advance one tick per tick: a guest stalled by its host then fires
        // them no earlier than Linux would, though the CPU clocks above keep the whole delta.
        itimer_account(t->process, min(delta, kTimeSliceNs), in_user);
    }
}

extern "C" void thread_start(Thread* prev, Thread::Entry entry, void* arg);
static void finish_switch(Thread* prev);
static void schedule_internal(bool preempt);


void sched_init() {
    g_run_queue = new (g_run_queue_storage) IntrusiveList<Thread, &Thread::run_node>();
    g_sleepers = new (g_sleepers_storage) IntrusiveList<Thread, &Thread::timer_node>();
    PerCpu* c = this_cpu();
    Thread* idle = thread_create_idle(c->id);
    idle->is_current = true;
    c->idle = idle;
    c->current = idle;
    arch::timer_set_handler(sched_timer_interrupt);
    SpinlockGuard g(g_sched_lock);
    idle->slice_end_ns = arch::clock_ns() + kTimeSliceNs;
    arm_timer_locked(idle);
}

void sched_start(Thread* t) {
    t->ref();   // the scheduler's reference, dropped when the thread has died and switched out
    SpinlockGuard g(g_sched_lock);
    enqueue_locked(t);
    if (PerCpu* c = this_cpu_or_null(); c && c->current->is_idle) c->need_resched = true;
}

void sched_wake(Thread* t) {
    SpinlockGuard g(g_sched_lock);
    if (t->m_state != ThreadState::Blocked && t->m_state != ThreadState::Sleeping) return;
    if (g_sleepers->is_linked(*t)) g_sleepers->remove(*t);
    // Wakeup preemption (as CFS gives a thread that slept): the woken thread runs next, at the
    // waker's next preemption point. A shell's kill of a job, a pipe reader woken by a writer
    // and a parent woken by its child's exit all proceed in the order Linux shows.
    if (t->is_current) {
        t->m_state = ThreadState::Running;
    } else {
        t->m_state = ThreadState::Runnable;
        g_run_queue->push_front(*t);
    }
    if (PerCpu* c = this_cpu_or_null(); c && c->current != t) c->need_resched = true;
}

void schedule() { schedule_internal(false); }

// preempt: an involuntary switch (timer or interrupt exit). A thread caught between marking
// itself blocked and actually sleeping stays runnable then, as Linux's preempt_schedule does:
// it resumes, sees it was never put to sleep, and re-checks its condition.
static void schedule_internal(bool preempt) {
    arch::IrqState irq = arch::irq_save();
    PerCpu* cpu = this_cpu();
    VERIFY(cpu->held_lock_count == 0);   // never switch away holding a spinlock
    Thread* prev = cpu->current;
    Thread* next;
    u64 now = arch::clock_ns();
    {
        SpinlockGuard g(g_sched_lock);
        cpu->need_resched = false;
        if (preempt && (prev->m_state == ThreadState::Blocked || prev->m_state == ThreadState::Sleeping)) {
            if (g_sleepers->is_linked(*prev)) g_sleepers->remove(*prev);
            prev->m_state = ThreadState::Running;
        }
        if (prev->m_state == ThreadState::Running && !prev->is_idle) enqueue_locked(prev);
        next = g_run_queue->pop_front();
        if (!next) {
            if (prev->m_state == ThreadState::Running || prev->m_state == ThreadState::Runnable) next = prev;
            else next = cpu->idle;
        }
        next->m_state = ThreadState::Running;
        prev->is_current = false;
        next->is_current = true;
        cpu->current = next;
        if (next != prev || now >= next->slice_end_ns) next->slice_end_ns = now + kTimeSliceNs;
        arm_timer_locked(next);
    }
    if (next == prev) {
        arch::irq_restore(irq);
        return;
    }
    rseq_note_switch(prev);
    // Wait until next has fully switched out elsewhere (SMP), then claim it.
    while (next->on_cpu.load(std::memory_order_acquire)) arch::cpu_relax();
    next->on_cpu.store(true, std::memory_order_relaxed);
    account_cpu(prev, now, false);
    next->last_switch_in_ns = now;
    record_event("switch", prev->id(), next->id());
    arch::on_thread_switch(next->stack.top);
    if (prev->process || next->process) switch_user_state(prev, next);
    Thread* from = switch_context(prev, next, &prev->saved_rsp, next->saved_rsp);
    finish_switch(from);
    arch::irq_restore(irq);
}

static void finish_switch(Thread* prev) {
    prev->on_cpu.store(false, std::memory_order_release);
    if (prev->m_state == ThreadState::Dead) prev->unref();   // the scheduler's reference
}

extern "C" void thread_start(Thread* prev, Thread::Entry entry, void* arg) {
    finish_switch(prev);
    arch::irq_enable();
    entry(arg);
    thread_exit();
}

void thread_exit() {
    arch::irq_disable();
    Thread* self = current_thread();
    {
        SpinlockGuard g(g_sched_lock);
        self->m_state = ThreadState::Dead;
    }
    schedule();
    panic("dead thread %s was scheduled again", self->name());
}

void thread_yield() { schedule(); }

bool sched_block_until(u64 deadline_ns) {
    arch::IrqState irq = arch::irq_save();
    Thread* self = current_thread();
    bool woken;
    {
        SpinlockGuard g(g_sched_lock);
        self->timed_out = false;
        // Woken between the caller's decision to sleep and now: don't sleep.
        woken = self->m_state == ThreadState::Running;
        if (!woken && deadline_ns) {
            self->wake_deadline = deadline_ns;
            add_sleeper_locked(self);
        }
    }
    // Interrupts come back on only once the lock is dropped: a timer interrupt taking the
    // scheduler lock while this thread still held it was a recursive acquisition.
    if (woken) {
        arch::irq_restore(irq);
        return true;
    }
    schedule();
    arch::irq_restore(irq);
    return !self->timed_out;
}

void sleep_ns(u64 ns) {
    Thread* self = current_thread();
    u64 deadline = arch::clock_ns() + ns;
    while (arch::clock_ns() < deadline) {
        {
            SpinlockGuard g(g_sched_lock);
            self->m_state = ThreadState::Sleeping;
        }
        sched_block_until(deadline);
    }
}

void sched_kick_timer() {
    PerCpu* cpu = this_cpu_or_null();
    if (!cpu || !cpu->current) return;
    SpinlockGuard g(g_sched_lock);
    arm_timer_locked(cpu->current);
}

void sched_timer_interrupt() {
    PerCpu* cpu = this_cpu();
    u64 now = arch::clock_ns();
    time_tick();
    ktimer_run_expired(now);
    account_cpu(cpu->current, now, cpu->tick_from_user);
    SpinlockGuard g(g_sched_lock);
    while (Thread* s = g_sleepers->first()) {
        if (s->wake_deadline > now) break;
        g_sleepers->remove(*s);
        s->timed_out = true;
        make_runnable_locked(s);
    }
    Thread* cur = cpu->current;
    if ((cur->is_idle && !g_run_queue->empty()) || (now >= cur->slice_end_ns && !g_run_queue->empty()))
        cpu->need_resched = true;
    if (now >= cur->slice_end_ns) cur->slice_end_ns = now + kTimeSliceNs;
    arm_timer_locked(cur);
}

void sched_preempt_point() {
    PerCpu* cpu = this_cpu_or_null();
    if (!cpu || !cpu->need_resched || cpu->preempt_disable || cpu->held_lock_count) return;
    schedule_internal(true);
}

void idle_loop() {
    for (;;) {
        arch::irq_disable();
        if (this_cpu()->need_resched) schedule();
        else {
            arch::wait_for_interrupt();   // sti; hlt: no wakeup can slip in between
            time_tick();                  // the coarse clocks catch up with the idle time
        }
    }
}

void sched_mark_blocked(Thread* t) {
    SpinlockGuard g(g_sched_lock);
    t->m_state = ThreadState::Blocked;
}

void sched_unblock_self() {
    SpinlockGuard g(g_sched_lock);
    Thread* self = this_cpu()->current;
    if (self->m_state == ThreadState::Blocked || self->m_state == ThreadState::Sleeping)
        self->m_state = ThreadState::Running;
}
