// SPDX-License-Identifier: MIT
// The per-process POSIX timers of timer_create(2) (ipc/posix_timers.cpp): the hooks the
// process, signal and CPU-accounting code call.
#pragma once

class Process;
struct KSigInfo;

// Exit and exec: deletes every timer of p (timers are not inherited by fork either: a new
// process starts without any).
void posix_timers_release(Process* p);
// Tree lock held: a SI_TIMER signal of p is being taken off a pending queue. As Linux's
// posixtimer_rearm(): a periodic timer is re-armed now (not from the interrupt, so a signal
// that stays blocked costs nothing) and si_overrun gets the expirations missed meanwhile.
void posix_timer_dequeued_locked(Process* p, KSigInfo& info);
// From CPU-time accounting (no locks held): fires p's expired CPU-time timers.
void posix_cpu_timers_check(Process* p);
