// SPDX-License-Identifier: MIT
// Threads, wait queues, sleep and preemption.
#include <atomic>

#include "arch/cpu.h"
#include "core/sched.h"
#include "core/wait_queue.h"
#include "ktest/ktest.h"
#include "lib/member_owner.h"
#include "mm/kheap.h"

u64 tsc_hz();

namespace {

u64 rdtsc_now() {
    u32 lo, hi;
    asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (u64(hi) << 32) | lo;
}

// Waits for `count` to reach `target` on `wq`.
struct Join {
    WaitQueue wq;
    std::atomic<unsigned> done{0};
    void finish() {
        done.fetch_add(1);
        wq.wake_all();
    }
    void wait(unsigned target) {
        wq.wait_until([&] { return done.load() >= target; });
    }
};

}  // namespace

KTEST(sleep_10ms, "timer.sleep_10ms_accuracy") {
    for (int round = 0; round < 3; round++) {
        u64 t0 = rdtsc_now();
        sleep_ns(10'000'000);
        u64 us = (rdtsc_now() - t0) * 1'000'000 / tsc_hz();
        kprintln("KTEST   sleep(10 ms) took %llu us by the TSC", static_cast<unsigned long long>(us));
        KEXPECT(us >= 10'000);
        KEXPECT(us < 25'000);   // one-shot deadline: wakes within a few ms even under emulation
    }
}

namespace {
struct PingPong {
    WaitQueue wq;
    int turn = 0;   // 0: ping's move, 1: pong's move
    int rounds = 0;
    static constexpr int kRounds = 50;
    Join* join;
};

void ping(void* arg) {
    auto* p = static_cast<PingPong*>(arg);
    for (int i = 0; i < PingPong::kRounds; i++) {
        p->wq.wait_until([&] { return p->turn == 0; });
        p->turn = 1;
        p->wq.wake_all();
    }
    p->join->finish();
}
void pong(void* arg) {
    auto* p = static_cast<PingPong*>(arg);
    for (int i = 0; i < PingPong::kRounds; i++) {
        p->wq.wait_until([&] { return p->turn == 1; });
        p->turn = 0;
        p->rounds++;
        p->wq.wake_all();
    }
    p->join->finish();
}
}  // namespace

KTEST(pingpong, "sched.pingpong_100_threads") {
    constexpr int kPairs = 50;
    usize threads_before = thread_live_count();
    Join join;
    PingPong* pairs = new (std::nothrow) PingPong[kPairs];
    KASSERT(pairs);
    for (int i = 0; i < kPairs; i++) {
        pairs[i].join = &join;
        Thread* a = MUST(Thread::create("ping", ping, &pairs[i]));
        Thread* b = MUST(Thread::create("pong", pong, &pairs[i]));
        sched_start(a);
        sched_start(b);
        a->unref();
        b->unref();
    }
    join.wait(2 * kPairs);
    for (int i = 0; i < kPairs; i++) KEXPECT_EQ(pairs[i].rounds, PingPong::kRounds);
    delete[] pairs;
    // Finished threads are freed once they have switched out for the last time.
    for (int i = 0; i < 100 && thread_live_count() != threads_before; i++) thread_yield();
    KEXPECT_EQ(thread_live_count(), threads_before);
}

namespace {
std::atomic<bool> g_stop{false};
std::atomic<u64> g_spins{0};
std::atomic<bool> g_other_ran{false};

void busy(void*) {
    // Never yields: only a timer preemption lets anyone else run.
    while (!g_stop.load()) g_spins.fetch_add(1);
}
void other(void*) { g_other_ran.store(true); }
}  // namespace

KTEST(preempt, "sched.preempts_busy_thread") {
    g_stop = false;
    g_other_ran = false;
    Thread* b = MUST(Thread::create("busy", busy, nullptr));
    Thread* o = MUST(Thread::create("other", other, nullptr));
    sched_start(b);
    sched_start(o);
    u64 deadline = arch::clock_ns() + 2'000'000'000ull;
    // This thread sleeps; the busy thread would starve `other` without preemption.
    while (!g_other_ran.load() && arch::clock_ns() < deadline) sleep_ns(1'000'000);
    KEXPECT(g_other_ran.load());
    KEXPECT(g_spins.load() > 0);
    g_stop = true;
    while (!b->finished() || !o->finished()) sleep_ns(1'000'000);
    b->unref();
    o->unref();
}

namespace {
void nothing(void* arg) { static_cast<Join*>(arg)->finish(); }
}  // namespace

KTEST(thread_churn, "sched.thread_churn_reclaims") {
    usize threads = thread_live_count();
    usize stacks = kstack_live_count();
    HeapStats heap = kheap_stats();
    for (int wave = 0; wave < 10; wave++) {
        Join join;
        for (int i = 0; i < 100; i++) {
            Thread* t = MUST(Thread::create("churn", nothing, &join));
            sched_start(t);
            t->unref();
        }
        join.wait(100);
    }
    for (int i = 0; i < 100 && thread_live_count() != threads; i++) thread_yield();
    KEXPECT_EQ(thread_live_count(), threads);
    KEXPECT_EQ(kstack_live_count(), stacks);
    KEXPECT_EQ(kheap_stats().live_allocations, heap.live_allocations);
}

KTEST(wait_timeout, "sched.waitqueue_timeout") {
    WaitQueue wq;
    u64 t0 = arch::clock_ns();
    bool ok = wq.wait_until([] { return false; }, t0 + 5'000'000);
    u64 dt = arch::clock_ns() - t0;
    KEXPECT(!ok);
    KEXPECT(dt >= 5'000'000);
    KEXPECT(dt < 50'000'000);
}

namespace {
// A wake-up callback that counts its calls and remembers the key.
struct CountingNotify {
    AsyncNotify n;
    int calls = 0;
    u32 key = 0;
    static void fire(AsyncNotify* a, u32 key) {
        auto* c = member_owner(a, &CountingNotify::n);
        c->calls++;
        c->key = key;
    }
};
}  // namespace

KTEST(wait_queue_callbacks, "waitqueue.callbacks_each_once_with_key") {
    // More callbacks than one batch used to hold: every one runs once per wake-up.
    constexpr int kN = 20;
    WaitQueue wq;
    CountingNotify c[kN];
    for (auto& x : c) {
        x.n.fire = CountingNotify::fire;
        wq.add_async(x.n);
    }
    wq.wake_all(0x4);
    for (auto& x : c) {
        KEXPECT(x.calls == 1);
        KEXPECT(x.key == 0x4);
    }
    for (int i = 0; i < kN; i += 2) wq.remove_async(c[i].n);
    wq.wake_one();
    for (int i = 0; i < kN; i++) {
        KEXPECT(c[i].calls == (i % 2 ? 2 : 1));
        if (i % 2) KEXPECT(c[i].key == kWakeAny);
    }
    for (int i = 1; i < kN; i += 2) wq.remove_async(c[i].n);
}
