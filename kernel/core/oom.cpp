// SPDX-License-Identifier: MIT
#include "core/oom.h"

#include "abi/linux/uapi.h"
#include "core/log.h"
#include "core/process_table.h"
#include "core/signal.h"
#include "mm/address_space.h"
#include "mm/pmm.h"
#include "sync/mutex.h"

namespace {

constexpr short kOomScoreAdjMin = -1000;   // never killed
// Processes weighed in one pass: the candidates' address spaces are pinned in a static table
// (an out-of-memory path should not allocate); past this many, the rest are not considered.
constexpr usize kMaxCandidates = 512;

struct Candidate {
    int pid;
    u64 start_ns;
    short adj;
    RefPtr<AddressSpace> mm;
    u64 resident;
};

Mutex g_oom_lock{"oom"};
Candidate g_candidates[kMaxCandidates];

}  // namespace

OomOutcome oom_kill(Process* self) {
    MutexGuard serial(g_oom_lock);
    // An earlier victim's memory is still coming back (it has not exited yet, or its address
    // space is being torn down): choose no one else (linux: oom_evaluate_task aborts on a victim
    // without MMF_OOM_SKIP). Its owner may already look gone, a zombie or without p->mm.
    if (AddressSpace::oom_victims_alive() > 0) return OomOutcome::OtherKilled;
    usize n = 0;
    {
        SpinlockGuard g(g_process_tree_lock);
        for_each_process_locked([&](Process& p) {
            if (p.zombie || !p.mm) return;
            // linux: oom_unkillable_task(): init; and OOM_SCORE_ADJ_MIN opts out.
            if (p.pid == 1 || p.oom_score_adj == kOomScoreAdjMin || p.group_exiting || n == kMaxCandidates) return;
            g_candidates[n++] = Candidate{p.pid, p.start_time_ns, p.oom_score_adj, p.mm, 0};
        });
    }
    int best = -1;
    i64 best_score = 0;
    i64 total = static_cast<i64>(pmm_total_pages());
    for (usize i = 0; i < n; i++) {
        // Resident pages; an adjustment moves the score by adj thousandths of memory.
        g_candidates[i].resident = g_candidates[i].mm->resident_pages();
        i64 score = static_cast<i64>(g_candidates[i].resident) + g_candidates[i].adj * total / 1000;
        if (score > 0 && (best < 0 || score > best_score)) {
            best = static_cast<int>(i);
            best_score = score;
        }
    }
    // No one to kill but self; a victim that changed under us (exited meanwhile) means a retry.
    OomOutcome out = best >= 0 ? OomOutcome::OtherKilled : OomOutcome::KillSelf;
    if (best >= 0) {
        SpinlockGuard g(g_process_tree_lock);
        Process* v = process_find_locked(g_candidates[best].pid);
        if (v && v->start_time_ns == g_candidates[best].start_ns && !v->zombie && v->mm == g_candidates[best].mm) {
            AddressSpace* mm = v->mm.ptr();
            mm->mark_oom_victim();
            log_err("Out of memory: Killed process %d (%s) rss:%llukB UID:%u oom_score_adj:%d", v->pid, v->comm,
                    static_cast<unsigned long long>(g_candidates[best].resident * (kPageSize / 1024)), v->creds.uid,
                    v->oom_score_adj);
            // Every process using the memory dies with it, or the memory would not come back
            // (linux: __oom_kill_process kills the mm's other users, sparing init).
            for_each_process_locked([&](Process& p) {
                if (p.zombie || p.mm.ptr() != mm || p.pid == 1) return;
                if (&p == self) return;   // the fault path delivers the SIGKILL
                if (&p != v) log_err("Out of memory: Killed process %d (%s) sharing same memory", p.pid, p.comm);
                KSigInfo info{};
                info.si_signo = SIGKILL;
                info.si_code = SI_KERNEL;
                signal_send_process_locked(&p, SIGKILL, &info);
            });
            out = self->mm.ptr() == mm ? OomOutcome::KillSelf : OomOutcome::OtherKilled;
        }
    }
    for (usize i = 0; i < n; i++) g_candidates[i].mm.clear();
    return out;
}
