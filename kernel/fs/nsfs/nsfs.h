// SPDX-License-Identifier: MIT
// nsfs: what /proc/<pid>/ns/<kind> opens. Each open makes an inode over one namespace (its
// number the namespace's proc inode number, as fstat shows on Linux) that holds the namespace;
// setns(2) takes such a descriptor.
#pragma once

#include "core/namespaces.h"
#include "fs/vfs/mount.h"

class File;

// One namespace of one kind: type is CLONE_NEWUTS or CLONE_NEWIPC and the matching member of
// ns is set.
struct NsHandle {
    u64 type = 0;
    Namespaces ns;
    u32 inum() const;
    const char* name() const;   // "uts", "ipc": the readlink prefix
};

// The namespace of kind `type` of process pid (ENOENT when it is gone or a zombie).
Result<NsHandle> ns_of_process(int pid, u64 type);
// A path to a fresh nsfs inode over h (outside any mount, as an unnamed pipe's).
Result<Path> nsfs_path(const NsHandle& h);
// The namespace an nsfs file names; EINVAL for any other file.
Result<NsHandle> nsfs_handle(File& f);
