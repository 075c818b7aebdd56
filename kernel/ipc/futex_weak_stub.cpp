// SPDX-License-Identifier: MIT
// Stand-ins until the futex code lands (it replaces them; delete this file then): the exit
// path clears clear_child_tid as before, and nobody waits on futexes yet.
#include "core/thread.h"
#include "ipc/futex.h"
#include "mm/user_ptr.h"

[[gnu::weak]] void futex_thread_exit(Thread* self) {
    if (self->clear_child_tid) (void)copy_to_user(UserPtr<int>(self->clear_child_tid), 0);
}

[[gnu::weak]] int futex_wake_user(uptr, int) { return 0; }
