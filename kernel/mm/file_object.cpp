// SPDX-License-Identifier: MIT
#include "mm/file_object.h"

#include "fs/vfs/vfs.h"
#include "fs/vfs/walk.h"
#include "mm/page_cache.h"

namespace {

class FileVmObject final : public VmObject {
public:
    FileVmObject(RefPtr<File> f, PageCache& cache) : m_file(move_ref(f)), m_cache(cache) {}
    Result<PhysAddr> get_page(u64 index) override { return m_cache.get_for_fault(index, m_file->inode()); }
    u64 size_bytes() override { return m_file->inode().size(); }
    PageCache* page_cache() override { return &m_cache; }
    File* file() override { return m_file.ptr(); }
    bool may_write_shared() override { return m_file->writable(); }
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
    PageCache& m_cache;   // owned by the inode, which m_file keeps alive
};

}  // namespace

Result<RefPtr<VmObject>> file_mapping_object(RefPtr<File> file) {
    PageCache* cache = file->inode().page_cache();
    if (!cache) return Error(ENODEV);
    auto* o = new (std::nothrow) FileVmObject(move_ref(file), *cache);
    if (!o) return Error(ENOMEM);
    return RefPtr<VmObject>::adopt(o);
}
