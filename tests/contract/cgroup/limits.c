// SPDX-License-Identifier: MIT
// cgroup.max.depth and cgroup.max.descendants: mkdir beyond them fails with EAGAIN; the write
// syntax; cgroup.stat's nr_descendants.
#include "contract.h"
#include "cg.h"

int main(void)
{
    cg_setup();
    RET(mkdir(cg_path("ct_lim"), 0755));
    CG_WRITE("ct_lim/cgroup.max.depth", "-1");
    CG_WRITE("ct_lim/cgroup.max.depth", "x");
    CG_WRITE("ct_lim/cgroup.max.depth", "99999999999");
    CG_WRITE("ct_lim/cgroup.max.depth", "1");
    cg_show("ct_lim/cgroup.max.depth");
    RET(mkdir(cg_path("ct_lim/a"), 0755));
    RET(mkdir(cg_path("ct_lim/a/b"), 0755));
    CG_WRITE("ct_lim/cgroup.max.depth", "0");
    RET(mkdir(cg_path("ct_lim/c"), 0755));
    CG_WRITE("ct_lim/cgroup.max.depth", "max\n");
    cg_show("ct_lim/cgroup.max.depth");
    RET(mkdir(cg_path("ct_lim/a/b"), 0755));

    CG_WRITE("ct_lim/cgroup.max.descendants", "2");
    cg_show("ct_lim/cgroup.max.descendants");
    RET(mkdir(cg_path("ct_lim/c"), 0755));
    RET(mkdir(cg_path("ct_lim/d"), 0755));
    cg_show("ct_lim/cgroup.stat");
    RET(rmdir(cg_path("ct_lim/c")));
    RET(mkdir(cg_path("ct_lim/d"), 0755));
    CG_WRITE("ct_lim/cgroup.max.descendants", "0x10");
    cg_show("ct_lim/cgroup.max.descendants");
    CG_WRITE("ct_lim/cgroup.max.descendants", "max");
    cg_show("ct_lim/cgroup.max.descendants");
    CG_WRITE("ct_lim/cgroup.max.descendants", "-5");
    // The limit of an ancestor applies to the whole subtree.
    CG_WRITE("ct_lim/a/cgroup.max.depth", "5");
    CG_WRITE("ct_lim/cgroup.max.depth", "2");
    RET(mkdir(cg_path("ct_lim/a/b/c"), 0755));
    cg_show("ct_lim/cgroup.stat");
    cg_show("ct_lim/a/cgroup.stat");
    RET(rmdir(cg_path("ct_lim/a/b")));
    RET(rmdir(cg_path("ct_lim/a")));
    RET(rmdir(cg_path("ct_lim/d")));
    RET(rmdir(cg_path("ct_lim")));
    cg_teardown();
    return 0;
}
