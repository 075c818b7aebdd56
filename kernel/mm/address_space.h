// SPDX-License-Identifier: MIT
// A user address space: page tables plus the VMAs that say what each range is. Anonymous memory
// is demand-zero; private file mappings fault pages in from the file's page cache and copy them
// on the first write; fork shares every page copy-on-write.
#pragma once

#include "arch/user_paging.h"
#include "lib/rb_tree.h"
#include "lib/ref_ptr.h"
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
};

struct VmaStart {
    uptr operator()(const Vma& v) const { return v.start; }
};

// A Vma flag of the kernel's own (no MAP_* value uses the bit): mprotect may never add
// PROT_WRITE (EACCES), as Linux refuses for a mapping without VM_MAYWRITE ([vvar]).
constexpr u32 kMapNoMayWrite = 1u << 31;

enum class FaultResult { Handled, Segv, SegvAccess, Bus, Oom };

class AddressSpace : public RefCounted<AddressSpace> {
public:
    static Result<RefPtr<AddressSpace>> create();
    ~AddressSpace();

    // A copy for fork: every mapping shared copy-on-write (MAP_SHARED ones stay shared).
    Result<RefPtr<AddressSpace>> fork();

    // mmap. addr is a hint unless MAP_FIXED (or MAP_FIXED_NOREPLACE: EEXIST on overlap).
    Result<uptr> map(uptr addr, usize length, u32 prot, u32 flags, RefPtr<VmObject> object, u64 offset,
                     const char* name = nullptr);
    Result<void> unmap(uptr addr, usize length);
    Result<void> protect(uptr addr, usize length, u32 prot);
    Result<uptr> remap(uptr old_addr, usize old_size, usize new_size, u32 flags, uptr new_addr);
    Result<void> discard(uptr addr, usize length);   // madvise(MADV_DONTNEED)
    // brk: 0 queries; otherwise moves the break (never below the initial one). Returns the break.
    uptr brk(uptr new_brk);
    void set_brk_base(uptr base) { m_brk_start = m_brk = base; }

    FaultResult handle_fault(uptr addr, bool write, bool exec);
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

    Mutex m_lock{"address-space"};
    arch::UserPageTable m_pt;
    RbTree<Vma, &Vma::node, VmaStart> m_vmas;   // by start; VMAs never overlap
    uptr m_brk_start = 0;
    uptr m_brk = 0;
    uptr m_mmap_base = 0x00007f0000000000ull;
};

usize address_space_live_count();
