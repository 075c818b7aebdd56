// SPDX-License-Identifier: MIT
// The hook the signal code calls for signalfd (ipc/signalfd.cpp).
#pragma once

// A signal was queued for some process (tree lock held): signalfd readers and pollers look
// again. (Linux wakes the target's sighand->signalfd_wqh; one queue for all is simpler and a
// spurious wake-up only costs a re-check.)
void signalfd_notify();
