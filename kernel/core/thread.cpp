// SPDX-License-Identifier: MIT
#include "core/thread.h"

#include "arch/context.h"
#include "core/sched.h"
#include "lib/format.h"
#include "mm/kheap.h"

void thread_release_user_state(Thread* t);

namespace {
std::atomic<u64> g_next_id{1};
std::atomic<usize> g_live{0};
}  // namespace

Result<Thread*> Thread::create(const char* name, Entry entry, void* arg) { return create_reserved(name, entry, arg, 0); }

void Thread::set_name(const char* name) { format(m_name, sizeof(m_name), "%s", name); }

Result<Thread*> Thread::create_reserved(const char* name, Entry entry, void* arg, usize reserve) {
    Thread* t = new (std::nothrow) Thread();
    if (!t) return Error(ENOMEM);
    auto stack = kstack_alloc();
    if (stack.is_error()) {
        delete t;
        return stack.error();
    }
    t->stack = stack.value();
    t->m_id = g_next_id.fetch_add(1);
    format(t->m_name, sizeof(t->m_name), "%s", name);
    t->entry = entry;
    t->arg = arg;
    t->saved_rsp = arch::prepare_thread_stack(t->stack.top - align_up(reserve, 16), entry, arg);
    g_live.fetch_add(1);
    return t;
}

Thread* thread_create_idle(unsigned cpu) {
    Thread* t = new (std::nothrow) Thread();
    VERIFY(t);   // boot: cannot run without an idle thread
    t->m_id = 0;
    format(t->m_name, sizeof(t->m_name), "idle/%u", cpu);
    t->is_idle = true;
    t->m_state = ThreadState::Running;
    t->on_cpu = true;
    g_live.fetch_add(1);
    return t;
}

void Thread::unref() {
    if (m_refs.fetch_sub(1, std::memory_order_acq_rel) != 1) return;
    VERIFY(m_state == ThreadState::Dead);
    thread_release_user_state(this);
    kstack_free(stack);
    g_live.fetch_sub(1);
    delete this;
}

usize thread_live_count() { return g_live.load(); }
