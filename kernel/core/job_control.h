// SPDX-License-Identifier: MIT
// Orphaned process groups (POSIX job control): a group is orphaned when no member has a parent
// in another group of the same session. Parents that are init do not count, as on Linux.
#pragma once

class Process;

// Tree lock held. `ignore` is a process about to leave (its exit is what may orphan the group).
bool pgrp_orphaned_locked(int pgid, const Process* ignore = nullptr);

// Tree lock held. Linux's kill_orphaned_pgrp: when member's group loses its link to the outside
// through `via` (the exiting process itself with ignore == it, or the exiting parent of a child
// just re-parented) and the group is now orphaned with a stopped member, the group gets SIGHUP
// then SIGCONT.
void orphaned_pgrp_check_locked(Process* member, Process* via, const Process* ignore);
