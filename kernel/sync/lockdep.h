// SPDX-License-Identifier: MIT
// Lock-order checking: each CPU keeps the stack of spinlocks it holds; debug builds check that
// ranks only increase, and the held list is printed when a check or a panic fires.
#pragma once

class Spinlock;

void lockdep_acquire(Spinlock& l);
void lockdep_release(Spinlock& l);
void lockdep_dump_held();
// True when the current CPU holds any spinlock (sleeping then is a bug).
bool lockdep_holding_spinlock();
