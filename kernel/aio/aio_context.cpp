// SPDX-License-Identifier: MIT
// AIO contexts: the ring pages and their "[aio]" mapping, the per-address-space table, the
// system-wide aio-nr / aio-max-nr accounting (linux: fs/aio.c, ioctx_alloc, aio_setup_ring,
// aio_complete, aio_read_events_ring).
#include "aio/aio.h"
#include "aio/aio_internal.h"
#include "arch/paging.h"
#include "core/process.h"
#include "fs/procfs/proc_show.h"
#include "ipc/eventfd.h"
#include "mm/address_space.h"
#include "mm/kheap.h"
#include "mm/page_ref.h"

Mutex g_aio_lock{"aio"};

namespace {

// linux: fs/aio.c (not UAPI): the header user space finds at the context's address.
struct AioRingHeader {
    u32 id;
    u32 nr;
    u32 head;
    u32 tail;
    u32 magic;
    u32 compat_features;
    u32 incompat_features;
    u32 header_length;
};
static_assert(sizeof(AioRingHeader) == 32 && sizeof(io_event) == 32);
constexpr u32 kRingMagic = 0xa10a10a1;

IntrusiveList<AioContext, &AioContext::node> g_contexts;   // under g_aio_lock
std::atomic<u64> g_aio_nr{0};
std::atomic<u64> g_aio_max_nr{0x10000};
std::atomic<u32> g_context_count{0};

// The ring's pages as a file mapping of the aio pseudo file system would show them.
class AioRingObject final : public VmObject {
public:
    ~AioRingObject() override {
        for (u32 i = 0; i < m_count; i++)
            if (m_pages[i].value) page_unref(m_pages[i]);
        kfree(m_pages);
    }
    Result<void> init(u32 count) {
        m_pages = static_cast<PhysAddr*>(kzalloc(count * sizeof(PhysAddr)));
        if (!m_pages) return Error(ENOMEM);
        m_count = count;
        for (u32 i = 0; i < count; i++) m_pages[i] = TRY(page_alloc_zeroed());
        return {};
    }
    PhysAddr* pages() { return m_pages; }
    Result<PhysAddr> get_page(u64 index) override {
        if (index >= m_count) return Error(ENXIO);
        page_ref(m_pages[index]);
        return m_pages[index];
    }
    u64 size_bytes() override { return u64(m_count) * kPageSize; }
    void describe(u64& dev, u64& ino, char* path, usize n) override { describe_unbacked("/[aio] (deleted)", dev, ino, path, n); }

private:
    PhysAddr* m_pages = nullptr;
    u32 m_count = 0;
};

AioRingHeader& header(AioContext& c) { return *static_cast<AioRingHeader*>(arch::phys_to_virt(c.pages[0])); }

// Slot i of the ring: the events follow the header, across page boundaries.
io_event& slot(AioContext& c, u32 i) {
    u64 at = sizeof(AioRingHeader) + u64(i) * sizeof(io_event);
    auto* page = static_cast<u8*>(arch::phys_to_virt(c.pages[at / kPageSize]));
    return *reinterpret_cast<io_event*>(page + at % kPageSize);
}

u32 ring_head(AioContext& c) { return __atomic_load_n(&header(c).head, __ATOMIC_ACQUIRE) % c.nr_events; }

}  // namespace

IntrusiveList<AioContext, &AioContext::node>& aio_contexts_locked() { return g_contexts; }

u64 aio_max_nr() { return g_aio_max_nr.load(std::memory_order_relaxed); }

Result<RefPtr<AioContext>> aio_context_create(u32 max_reqs, u32 ring_events) {
    AddressSpace& mm = *current_process()->mm;
    auto* raw = new (std::nothrow) AioContext;
    if (!raw) return Error(ENOMEM);
    RefPtr<AioContext> c = RefPtr<AioContext>::adopt(raw);
    c->mm = &mm;
    c->max_reqs = max_reqs;
    // linux: aio_setup_ring(): two spare slots, then as many as the pages hold.
    u64 size = sizeof(AioRingHeader) + (u64(ring_events) + 2) * sizeof(io_event);
    c->nr_pages = static_cast<u32>(align_up(size, kPageSize) / kPageSize);
    c->nr_events = static_cast<u32>((u64(c->nr_pages) * kPageSize - sizeof(AioRingHeader)) / sizeof(io_event));
    auto* obj = new (std::nothrow) AioRingObject;
    if (!obj) return Error(ENOMEM);
    c->ring = RefPtr<VmObject>::adopt(obj);
    TRY(obj->init(c->nr_pages));
    c->pages = obj->pages();
    usize len = usize(c->nr_pages) * kPageSize;
    c->user_id = TRY(mm.map(0, len, PROT_READ | PROT_WRITE, MAP_SHARED, c->ring, 0));

    MutexGuard g(g_aio_lock);
    // linux: the system-wide limit is checked once the ring exists.
    u64 nr = g_aio_nr.load(std::memory_order_relaxed);
    if (nr + max_reqs > aio_max_nr() || nr + max_reqs < nr) {
        (void)mm.unmap(c->user_id, len);
        return Error(EAGAIN);
    }
    g_aio_nr.fetch_add(max_reqs, std::memory_order_relaxed);
    // linux: ioctx_add_table(): the first free slot of the address space's table.
    for (u32 id = 0;; id++) {
        bool used = false;
        for (AioContext& o : g_contexts)
            if (o.mm == &mm && o.id == id) used = true;
        if (!used) {
            c->id = id;
            break;
        }
    }
    AioRingHeader& h = header(*c);
    h.id = c->id;
    h.nr = c->nr_events;
    h.head = h.tail = 0;
    h.magic = kRingMagic;
    h.compat_features = 1;
    h.incompat_features = 0;
    h.header_length = sizeof(AioRingHeader);
    c->ref();   // the list's reference
    g_contexts.push_back(*c);
    g_context_count.fetch_add(1, std::memory_order_relaxed);
    return c;
}

RefPtr<AioContext> aio_lookup_locked(u64 ctx_id) {
    u32 id;
    if (copy_from_user(&id, ctx_id, sizeof(id)).is_error()) return nullptr;
    AddressSpace* mm = current_process()->mm.ptr();
    for (AioContext& c : g_contexts)
        if (c.mm == mm && c.id == id && c.user_id == ctx_id && !c.dead) return RefPtr<AioContext>(&c);
    return nullptr;
}

void aio_kill_locked(AioContext& c) {
    c.dead = true;
    while (AioRequest* r = c.active.first()) aio_poll_finish_locked(*r);
    g_contexts.remove(c);
    g_context_count.fetch_sub(1, std::memory_order_relaxed);
    g_aio_nr.fetch_sub(c.max_reqs, std::memory_order_relaxed);
    c.wq.wake_all();
    if (c.deref()) delete &c;
}

void aio_address_space_gone(AddressSpace* mm) {
    if (!g_context_count.load(std::memory_order_relaxed)) return;
    MutexGuard g(g_aio_lock);
    for (AioContext* c = g_contexts.first(); c;) {
        AioContext* next = g_contexts.next_of(*c);
        if (c->mm == mm) aio_kill_locked(*c);
        c = next;
    }
}

u32 aio_unreaped_locked(AioContext& c) {
    u32 head = ring_head(c);
    return (__atomic_load_n(&c.tail, __ATOMIC_RELAXED) + c.nr_events - head) % c.nr_events;
}

void aio_complete_locked(AioContext& c, u64 obj, u64 data, i64 res, File* eventfd) {
    io_event& ev = slot(c, c.tail);
    ev.data = data;
    ev.obj = obj;
    ev.res = res;
    ev.res2 = 0;
    c.tail = (c.tail + 1) % c.nr_events;
    __atomic_store_n(&header(c).tail, c.tail, __ATOMIC_RELEASE);
    c.inflight--;
    if (eventfd) eventfd_signal(*eventfd, 1);
    c.wq.wake_all();
}

Result<long> aio_read_ring_locked(AioContext& c, long nr, uptr uevents) {
    u32 head = ring_head(c);
    long n = 0;
    while (n < nr && head != c.tail) {
        TRY(copy_to_user(uevents + usize(n) * sizeof(io_event), &slot(c, head), sizeof(io_event)));
        head = (head + 1) % c.nr_events;
        n++;
    }
    if (n) __atomic_store_n(&header(c).head, head, __ATOMIC_RELEASE);
    return n;
}

PROC_SHOW(proc_show_aio_nr) {
    out.put_dec("", g_aio_nr.load(std::memory_order_relaxed));
    out.putc('\n');
    return out.status();
}

PROC_SHOW(proc_show_aio_max_nr) {
    out.put_dec("", aio_max_nr());
    out.putc('\n');
    return out.status();
}

// linux: proc_doulongvec_minmax(): one unsigned decimal number.
PROC_WRITE(proc_write_aio_max_nr) {
    i64 v = TRY(proc_parse_long(data));
    if (v < 0) return Error(EINVAL);
    g_aio_max_nr.store(static_cast<u64>(v), std::memory_order_relaxed);
    return {};
}
