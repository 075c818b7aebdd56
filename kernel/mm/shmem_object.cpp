// SPDX-License-Identifier: MIT
// Anonymous shared memory (mmap MAP_SHARED|MAP_ANONYMOUS): a VmObject that owns its pages, so
// every mapping of it (including fork children's) sees the same frames.
#include "mm/kheap.h"
#include "mm/page_ref.h"
#include "sync/mutex.h"
#include "syscalls/mm_file.h"

namespace {

class ShmemObject final : public VmObject {
public:
    explicit ShmemObject(u64 size) : m_size(size) {}
    ~ShmemObject() override {
        for (usize i = 0; i < m_count; i++)
            if (m_pages[i].value) page_unref(m_pages[i]);
        kfree(m_pages);
    }
    Result<void> init() {
        usize count = align_up(m_size, kPageSize) / kPageSize;
        usize bytes;
        if (__builtin_mul_overflow(count, sizeof(PhysAddr), &bytes)) return Error(ENOMEM);
        m_pages = static_cast<PhysAddr*>(kzalloc(bytes));
        if (!m_pages) return Error(ENOMEM);
        m_count = count;   // only once the array exists: the destructor walks it
        return {};
    }
    Result<PhysAddr> get_page(u64 index) override {
        MutexGuard g(m_lock);
        if (index >= m_count) return Error(EINVAL);
        if (!m_pages[index].value) m_pages[index] = TRY(page_alloc_zeroed());
        page_ref(m_pages[index]);
        return m_pages[index];
    }
    u64 size_bytes() override { return m_size; }
    u64 owned_pages() override {
        MutexGuard g(m_lock);
        u64 n = 0;
        for (usize i = 0; i < m_count; i++) n += m_pages[i].value != 0;
        return n;
    }
    void describe(u64& dev, u64& ino, char* path, usize n) override { describe_unbacked("/dev/zero (deleted)", dev, ino, path, n); }

private:
    Mutex m_lock{"shmem"};
    u64 m_size;
    PhysAddr* m_pages = nullptr;
    usize m_count = 0;
};

}  // namespace

Result<RefPtr<VmObject>> anonymous_shared_object(u64 size) {
    auto* o = new (std::nothrow) ShmemObject(size);
    if (!o) return Error(ENOMEM);
    RefPtr<VmObject> ref = RefPtr<VmObject>::adopt(o);
    TRY(o->init());
    return ref;
}
