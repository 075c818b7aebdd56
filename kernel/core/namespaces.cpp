// SPDX-License-Identifier: MIT
// Namespace objects, their proc inode numbers, and the flag rules clone and unshare share.
#include "core/namespaces.h"

#include <atomic>
#include <new>

#include "core/log.h"
#include "ipc/ipc_namespace.h"

namespace {

// PROC_DYNAMIC_FIRST. Numbers are not reused (Linux's ida reuses them); four billion are plenty.
std::atomic<u32> g_next_inum{0xF0000000u};

struct UnbuiltKind {
    u64 flag;
    const char* name;
};
constexpr UnbuiltKind kUnbuilt[] = {
    {CLONE_NEWNS, "CLONE_NEWNS"},         {CLONE_NEWPID, "CLONE_NEWPID"},
    {CLONE_NEWNET, "CLONE_NEWNET"},       {CLONE_NEWCGROUP, "CLONE_NEWCGROUP"},
    {CLONE_NEWTIME, "CLONE_NEWTIME"},     {CLONE_NEWUSER, "CLONE_NEWUSER"},
};
std::atomic<u64> g_reported{0};

Result<void> unbuilt(u64 flags) {
    for (const UnbuiltKind& k : kUnbuilt) {
        if (!(flags & k.flag)) continue;
        if (!(g_reported.fetch_or(k.flag, std::memory_order_relaxed) & k.flag))
            log_warn("namespaces: %s is not supported: EINVAL", k.name);
        return Error(EINVAL);
    }
    return {};
}

}  // namespace

u32 ns_alloc_inum() { return g_next_inum.fetch_add(1, std::memory_order_relaxed); }

Namespaces::Namespaces() = default;
Namespaces::~Namespaces() = default;
Namespaces::Namespaces(const Namespaces&) = default;
Namespaces& Namespaces::operator=(const Namespaces&) = default;

Namespaces ns_initial() {
    static UtsNamespace* uts = [] {
        auto* u = new (std::nothrow) UtsNamespace();   // its first reference is never dropped
        VERIFY(u);
        return u;
    }();
    static IpcNamespace* ipc = [] {
        auto r = IpcNamespace::create(kInitIpcInum);
        VERIFY(r.is_ok());
        return r.release_value().leak();   // its first reference is never dropped
    }();
    Namespaces ns;
    ns.uts = RefPtr<UtsNamespace>(uts);
    ns.ipc = RefPtr<IpcNamespace>(ipc);
    return ns;
}

Result<void> ns_check_new(u64 flags, const Credentials& creds) {
    // Linux creates the user namespace first (copy_creds / unshare_userns), unprivileged.
    if (flags & CLONE_NEWUSER) return unbuilt(CLONE_NEWUSER);
    if (!(flags & kCloneNsFlags)) return {};
    if (!creds.has_cap(CAP_SYS_ADMIN)) return Error(EPERM);
    return unbuilt(flags);
}

Result<Namespaces> ns_copy(const Namespaces& from, u64 flags) {
    Namespaces ns = from;
    if (flags & CLONE_NEWUTS) {
        auto* u = new (std::nothrow) UtsNamespace();
        if (!u) return Error(ENOMEM);
        ns.uts = RefPtr<UtsNamespace>::adopt(u);
        u->names = from.uts->names;
        u->inum = ns_alloc_inum();
    }
    if (flags & CLONE_NEWIPC) ns.ipc = TRY(IpcNamespace::create(ns_alloc_inum()));
    return ns;
}
