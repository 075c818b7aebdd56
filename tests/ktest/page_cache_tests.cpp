// SPDX-License-Identifier: MIT
// The page cache of a tmpfs file: read(2)/write(2) and the pages a mapping would get are the same
// frames; pages handed out stay valid (referenced) after truncate frees them from the file; the
// fault lookup refuses pages past the end; a shrink zeroes the tail of the last page.
#include "arch/paging.h"
#include "mm/page_cache.h"
#include "mm/page_ref.h"
#include "vfs_test_util.h"

using namespace vfs_test;

KTEST(page_cache_shared_frames, "vfs.page_cache_shared_frames") {
    Scratch s("pagecache");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    auto f = open(c, "file", O_CREAT | O_RDWR, 0644);
    KASSERT(f.is_ok());
    KASSERT(write_str(*f.value(), "hello world").is_ok());
    Inode& in = f.value()->inode();
    PageCache* pc = in.page_cache();
    KASSERT(pc != nullptr);
    auto page = pc->get_for_fault(0, in);
    KASSERT(page.is_ok());
    PhysAddr p = page.value();
    auto* bytes = static_cast<char*>(arch::phys_to_virt(p));
    KEXPECT(__builtin_memcmp(bytes, "hello world", 11) == 0);
    KEXPECT_EQ(page_refcount(p), 2u);   // the cache's and ours
    // A store through "the mapping" is what read(2) returns, and write(2) is what it sees.
    bytes[0] = 'J';
    KEXPECT(file_is(c, "file", "Jello world"));
    KASSERT(f.value()->pwrite(IoBuffer::kernel(const_cast<char*>("W"), 1), 6).is_ok());
    KEXPECT_EQ(bytes[6], 'W');
    KEXPECT_EQ(pc->lookup(0).value, p.value);
    page_unref(p);   // lookup's reference
    // Past the end: no page for a fault, even though the page holds the end of the file.
    KEXPECT_EQ(pc->get_for_fault(1, in).error_code(), ENXIO);
    // Shrinking zeroes the tail of the last page and keeps our page alive once it leaves the file.
    KASSERT(f.value()->truncate(5).is_ok());
    KEXPECT_EQ(bytes[5], 0);
    KEXPECT_EQ(bytes[4], 'o');
    KASSERT(f.value()->truncate(0).is_ok());
    KEXPECT(!pc->resident(0));
    KEXPECT_EQ(page_refcount(p), 1u);
    KEXPECT_EQ(pc->get_for_fault(0, in).error_code(), ENXIO);
    page_unref(p);
    KEXPECT_EQ(pc->page_count(), 0u);
}
