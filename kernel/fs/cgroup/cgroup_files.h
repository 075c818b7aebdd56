// SPDX-License-Identifier: MIT
// The interface files of a cgroup directory (linux: cgroup_base_files and the pids controller's
// files), with Linux's names, modes and where each appears.
#pragma once

#include "fs/cgroup/cgroup.h"

enum class CgroupFileScope : u8 {
    All,         // every cgroup, the root too
    NotOnRoot,   // linux: CFTYPE_NOT_ON_ROOT
    Pids,        // the pids controller's (not on the root; where the parent enables pids)
};

struct CgroupFile {
    const char* name;
    u16 mode;   // permission bits (a regular file)
    CgroupFileScope scope;
    // Null show: reads fail with EINVAL; null write: writes do (as kernfs without the method).
    Result<void> (*show)(const Cgroup& cg, SeqBuf& out);
    // data: one write(2)'s bytes; opener: the credentials the file was opened with.
    Result<void> (*write)(Cgroup& cg, StringView data, const Credentials& opener);
};

constexpr usize kCgroupFileCount = 14;
extern const CgroupFile kCgroupFiles[kCgroupFileCount];

bool cgroup_file_present(const Cgroup& cg, const CgroupFile& f);
usize cgroup_file_index(const CgroupFile& f);
// linux: cgroup_may_write(): c may write the cgroup.procs of cg (root always).
bool cgroup_may_write_procs(const Cgroup& cg, const Credentials& c);
// The mode, owner and group a file shows (the table's unless chmod/chown changed them).
Cgroup::Attr cgroup_file_attr(const Cgroup& cg, usize index);
