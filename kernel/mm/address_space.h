// SPDX-License-Identifier: MIT
// A user address space: page tables plus the VMAs that say what each range is. Anonymous memory
// is demand-zero; private file mappings fault pages in from the file's page cache and copy them
// on the first write; fork shares every page copy-on-write.
#pragma once

#include <atomic>

#include "abi/linux/uapi.h"
#include "arch/user_paging.h"
#include "lib/rb_tree.h"
#include "lib/ref_ptr.h"
#include "fs/vfs/file.h"
#include "mm/mempolicy.h"
#include "mm/vm_object.h"
#include "sync/mutex.h"

// Linux PROT_* and MAP_* values (from the UAPI headers via abi/linux).
struct Vma {
    uptr start;
    uptr end;
    u32 prot;        // PROT_READ | PROT_WRITE | PROT_EXEC
    u32 flags;       // MAP_SHARED / MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN
    RefPtr<VmObject> object;   // null for anonymous memory
    u64 pgoff = 0;             // file offset of `start`, in pages
    const char* name = nullptr;   // "[heap]", "[stack]", ...
    RbNode node;
    bool locked = false;          // mlock: populated, counted in VmLck (VM_LOCKED)
    bool dontfork = false;        // MADV_DONTFORK: not copied to a fork child
    bool wipeonfork = false;      // MADV_WIPEONFORK: the child gets zero-filled memory
    bool accounted = false;       // has been private and writable (Linux's VM_ACCOUNT): merges only with its like
    u64 anon_id = 0;              // Linux's anon_vma: set by the first private page, shared by splits
    MemPolicy policy;             // mbind (vm_policy): VMAs with different ones never merge
};

// linux: is_data_mapping(): private, writable, not a stack; what RLIMIT_DATA and VmData count.
inline bool is_data_vma(u32 prot, u32 flags) {
    return (prot & PROT_WRITE) && !(flags & MAP_SHARED) && !(flags & MAP_GROWSDOWN);
}
inline bool is_data_vma(const Vma& v) { return is_data_vma(v.prot, v.flags); }

struct VmaStart {
    uptr operator()(const Vma& v) const { return v.start; }
};

// A Vma flag of the kernel's own (no MAP_* value uses the bit): mprotect may never add
// PROT_WRITE (EACCES), as Linux refuses for a mapping without VM_MAYWRITE ([vvar]).
constexpr u32 kMapNoMayWrite = 1u << 31;
class PageCache;

enum class FaultResult { Handled, Segv, SegvAccess, Bus, Oom };

class AddressSpace : public RefCounted<AddressSpace> {
public:
    static Result<RefPtr<AddressSpace>> create();
    ~AddressSpace();

    // A copy for fork: every mapping shared copy-on-write (MAP_SHARED ones stay shared).
    Result<RefPtr<AddressSpace>> fork();

    // membarrier(2) registrations (MEMBARRIER_CMD_REGISTER_*, syscalls/membarrier.cpp): fork
    // copies them, exec starts from a fresh address space without any.
    std::atomic<u32> membarrier_state{0};

    // mmap. addr is a hint unless MAP_FIXED (or MAP_FIXED_NOREPLACE: EEXIST on overlap).
    Result<uptr> map(uptr addr, usize length, u32 prot, u32 flags, RefPtr<VmObject> object, u64 offset,
                     const char* name = nullptr);
    Result<void> unmap(uptr addr, usize length);
    Result<void> protect(uptr addr, usize length, u32 prot);
    Result<uptr> remap(uptr old_addr, usize old_size, usize new_size, u32 flags, uptr new_addr);
    // madvise(2) on [start, end) (page-aligned, non-empty, advice already known to be valid);
    // ENOMEM when part of the range is unmapped (the mapped parts still get the advice).
    Result<void> advise(uptr start, uptr end, int advice);
    // MADV_REMOVE's second half: punches the file pages of [start, end) out of their files.
    void punch_file_range(uptr start, uptr end);
    // mincore(2): one byte per page from start (1: resident; a file page counts when it is in
    // the page cache); ENOMEM at the first unmapped page, after filling the bytes before it.
    Result<void> residency(uptr start, usize pages, u8* out);
    // msync(2)'s checks: ENOMEM when part of the range is unmapped, EBUSY for MS_INVALIDATE over
    // locked memory. The page cache is the file: there is nothing to write back.
    Result<void> sync_range(uptr start, uptr end, int flags);
    // mlock/munlock: (un)flags the VMAs of the range (ENOMEM on a hole, before any change).
    Result<void> set_locked(uptr start, uptr end, bool lock);
    // mlockall/munlockall: every VMA, and (MCL_FUTURE) whether new mappings start locked.
    Result<void> set_all_locked(bool current, bool future);
    bool lock_future() const { return m_lock_future; }
    usize locked_pages();                          // VmLck
    usize locked_pages_in(uptr start, uptr end);   // already-locked pages of a range
    // Faults in the pages of [start, end) that the VMAs allow (write access for private writable
    // ones, as Linux's populate); stops at a hole (ENOMEM) or a fault that fails (EFAULT).
    Result<void> populate(uptr start, uptr end);
    // Truncate and hole punch: drops every page of cache's file with index in [first, end) from
    // the mappings of it (private copies too when even_cows), so later accesses fault (SIGBUS
    // past the end of the file, a fresh page inside it).
    void unmap_cache_pages(PageCache& cache, u64 first_index, u64 end_index, bool even_cows);
    // brk: 0 queries; otherwise moves the break (never below the initial one). Returns the break.
    uptr brk(uptr new_brk);
    void set_brk_base(uptr base) { m_brk_start = m_brk = base; }

    FaultResult handle_fault(uptr addr, bool write, bool exec);
    // A debugger's access (linux: FOLL_FORCE, ptrace and /proc/<pid>/mem): the VMA's protection
    // is overridden, a write to a private read-only page (program text) gets a private copy that
    // stays read-only for the program. Shared read-only mappings are not written.
    FaultResult force_fault(uptr addr, bool write);
    // What backs addr, for futex keys: the mapping's object (null for anonymous memory) and
    // the byte offset in it, its protection and whether it is MAP_SHARED. EFAULT when unmapped.
    struct Backing {
        RefPtr<VmObject> object;
        u64 offset;
        u32 prot;
        bool shared;
    };
    Result<Backing> backing_at(uptr addr);
    // Makes sure [addr, addr+len) is present with the access the kernel is about to make on the
    // user's behalf (used before copying into user memory under locks; faults also work).
    void activate();   // load the page tables on this CPU

    // mbind's part (mm/address_space_policy.cpp): every VMA in [start, end) gets policy, split at
    // the edges and merged with equal neighbours. EFAULT when the range is all hole, or has a
    // hole and discontig is false (linux: queue_pages_test_walk), before any change.
    Result<void> set_policy(uptr start, uptr end, const MemPolicy& policy, bool discontig);
    // The policy of the VMA at addr (get_mempolicy MPOL_F_ADDR); EFAULT when unmapped.
    Result<MemPolicy> policy_at(uptr addr);
    // set_mempolicy_home_node: VMAs of [start, end) with a BIND or PREFERRED_MANY policy get
    // home_node; EOPNOTSUPP at the first VMA with another policy (earlier ones keep the change),
    // ENOENT when no VMA of the range has a policy.
    Result<void> set_home_node(uptr start, uptr end, int home_node);
    // move_pages' status of the page at addr (linux: follow_page(FOLL_DUMP)): 0 (node 0) when a
    // page is mapped, -EFAULT when unmapped or anonymous memory not yet written (no page or the
    // zero page), -ENOENT when a file page is not mapped yet.
    int page_node_status(uptr addr);

    // For /proc/<pid>/maps and tests.
    template <typename Fn>
    void for_each_vma(Fn fn) {
        MutexGuard g(m_lock);
        for (Vma& v : m_vmas) fn(const_cast<const Vma&>(v));
    }
    usize resident_pages();
    usize vma_count() { MutexGuard g(m_lock); return m_vmas.size(); }
    u64 root() const { return m_pt.root(); }

    uptr mmap_base() const { return m_mmap_base; }
    void set_mmap_base(uptr b) { m_mmap_base = b; }
    u64 stack_limit = 8ull << 20;   // RLIMIT_STACK, for growing stacks
    // RLIMIT_AS and RLIMIT_DATA (bytes; ~0 = unlimited), kept in step by setrlimit and exec:
    // mmap, brk, mremap, mprotect and stack growth fail (ENOMEM) when total_vm, or data_vm for a
    // data mapping, would pass them (linux: may_expand_vm).
    u64 as_limit = ~0ull;
    u64 data_limit = ~0ull;
    RefPtr<File> exe_file;          // the program (/proc/<pid>/exe), kept by fork, replaced by exec
    // modify_ldt's table (arch/x86_64/ldt.cpp): kernel memory for LDT_ENTRIES descriptors once
    // written (never moved, so a CPU's LDTR stays valid), copied by fork, freed with this.
    u64* ldt = nullptr;
    u32 ldt_entries = 0;

    // The OOM killer chose this address space's owner: until it is destroyed (its pages freed)
    // oom_victims_alive() counts it, and the killer waits instead of choosing another victim.
    // Idempotent; marking is the caller's (the OOM lock's) to serialize.
    void mark_oom_victim();
    static usize oom_victims_alive();

private:
    explicit AddressSpace(arch::UserPageTable pt) : m_pt(pt) {}
    Vma* find_locked(uptr addr);              // the VMA containing addr
    Vma* find_next_locked(uptr addr);         // the first VMA ending after addr
    bool range_free_locked(uptr start, uptr end);
    Result<uptr> find_free_locked(uptr hint, usize len);
    void insert_locked(Vma* v);
    Result<void> unmap_locked(uptr start, uptr end);
    Result<void> split_locked(Vma* v, uptr at);   // v keeps [start, at)
    void unmap_pages_locked(uptr start, uptr end);
    FaultResult fault_locked(Vma* v, uptr page, bool write);
    // Page-cache bookkeeping for each VMA that starts or stops mapping a file.
    Result<void> attach_locked(Vma& v);
    void detach_locked(Vma& v);
    Result<void> split_range_locked(uptr start, uptr end);   // VMA edges at start and end
    // ENOMEM when `pages` more pages of a mapping with prot/flags would pass RLIMIT_AS or (a data
    // mapping) RLIMIT_DATA; `replaced` pages of the current total are going away in exchange.
    Result<void> may_expand_locked(u32 prot, u32 flags, usize pages, usize replaced = 0);
    usize pages_in_locked(uptr start, uptr end, bool data_only);   // mapped pages of a range
    // Joins neighbours that Linux's vma_merge would join (same flags, object and contiguous
    // offsets, compatible anonymous pages), for the VMAs touching [start, end).
    void merge_range_locked(uptr start, uptr end);
    void note_private_page_locked(Vma& v);   // the first private page gives v its anon_id

    Mutex m_lock{"address-space"};
    arch::UserPageTable m_pt;
    RbTree<Vma, &Vma::node, VmaStart> m_vmas;   // by start; VMAs never overlap
    uptr m_brk_start = 0;
    uptr m_brk = 0;
    uptr m_mmap_base = 0x00007f0000000000ull;
    bool m_lock_future = false;
    bool m_oom_victim = false;
};

usize address_space_live_count();
u64 next_anon_id();   // a fresh identity for a VMA's private pages
