// SPDX-License-Identifier: MIT
// Pages are read from the file on each fault into a fresh frame. LINUX-DIVERGENCE: Linux maps
// page-cache pages directly (copying only on write); a shared page cache for mappings arrives
// with MAP_SHARED file mappings (issue 5), which need it for coherence anyway.
#include "mm/file_object.h"

#include "arch/paging.h"
#include "fs/vfs/vfs.h"
#include "fs/vfs/walk.h"
#include "mm/page_ref.h"

namespace {

class FileVmObject final : public VmObject {
public:
    explicit FileVmObject(RefPtr<File> f) : m_file(move_ref(f)) {}
    Result<PhysAddr> get_page(u64 index) override {
        PhysAddr p = TRY(page_alloc_zeroed());
        IoBuffer buf = IoBuffer::kernel(arch::phys_to_virt(p), kPageSize);
        Inode& inode = m_file->inode();
        // read(fd, buf) where buf is a not-yet-faulted private mapping of the same file: the
        // fault arrives while this thread holds the inode's mutex for that read. Read the page
        // directly then (the lock is ours, the file cannot change) instead of locking again.
        auto r = inode.lock().is_locked_by_current() ? inode.read(buf, index * kPageSize)
                                                     : m_file->pread(buf, index * kPageSize);
        if (r.is_error()) {
            page_unref(p);
            return r.error();
        }
        return p;
    }
    u64 size_bytes() override { return m_file->inode().size(); }
    void describe(u64& dev, u64& ino, char* path, usize n) override {
        dev = dev_encode(m_file->inode().sb().dev());
        ino = m_file->inode().ino();
        char buf[256];
        auto name = d_path(m_file->path(), vfs_root(), buf, sizeof(buf));
        usize len = name.is_ok() ? min(name.value().length(), n ? n - 1 : 0) : 0;
        if (name.is_ok()) __builtin_memcpy(path, name.value().data(), len);
        if (n) path[len] = 0;
    }

private:
    RefPtr<File> m_file;
};

}  // namespace

Result<RefPtr<VmObject>> file_private_object(RefPtr<File> file) {
    auto* o = new (std::nothrow) FileVmObject(move_ref(file));
    if (!o) return Error(ENOMEM);
    return RefPtr<VmObject>::adopt(o);
}
