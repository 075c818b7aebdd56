// SPDX-License-Identifier: MIT
// Namespaces (Linux's nsproxy): the UTS and IPC namespaces a process sees, shared by fork and
// replaced by clone/unshare CLONE_NEWUTS/CLONE_NEWIPC or setns. Per process here, not per thread:
// unshare and setns refuse (ENOSYS) in a multi-threaded process rather than move its other threads.
// The other namespace kinds are not built: their CLONE_NEW* flags are EINVAL, as on a Linux
// configured without them.
#pragma once

#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "core/system_info.h"
#include "lib/ref_ptr.h"
#include "lib/result.h"

// Linux's proc inode numbers (include/linux/proc_ns.h): fixed for the initial namespaces, then
// handed out from PROC_DYNAMIC_FIRST; /proc/<pid>/ns/ links show them ("uts:[4026531838]").
constexpr u32 kInitIpcInum = 0xEFFFFFFFu;
constexpr u32 kInitUtsInum = 0xEFFFFFFEu;
u32 ns_alloc_inum();

class UtsNamespace : public RefCounted<UtsNamespace> {
public:
    SystemNames names = {"(none)", "(none)"};
    u32 inum = kInitUtsInum;
};

class IpcNamespace;   // ipc/ipc_namespace.h

struct Namespaces {
    RefPtr<UtsNamespace> uts;
    RefPtr<IpcNamespace> ipc;
    Namespaces();
    ~Namespaces();
    Namespaces(const Namespaces&);
    Namespaces& operator=(const Namespaces&);
};

// The namespaces of PID 1 (and of every process that never asked for new ones).
Namespaces ns_initial();

constexpr u64 kCloneNsFlags = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID |
                              CLONE_NEWNET | CLONE_NEWCGROUP | CLONE_NEWTIME;
// The namespace part of clone's and unshare's checks: CLONE_NEWUSER is EINVAL, any other
// CLONE_NEW* needs CAP_SYS_ADMIN (EPERM), then EINVAL for the kinds not built (logged once each).
Result<void> ns_check_new(u64 flags, const Credentials& creds);
// `from` with a fresh namespace for each of CLONE_NEWUTS and CLONE_NEWIPC in flags.
Result<Namespaces> ns_copy(const Namespaces& from, u64 flags);
