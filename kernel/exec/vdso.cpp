// SPDX-License-Identifier: MIT
#include "exec/vdso.h"

#include "abi/linux/uapi.h"
#include "arch/paging.h"
#include "arch/vdso.h"
#include "core/log.h"
#include "core/random.h"
#include "core/time.h"
#include "mm/address_space.h"
#include "mm/page_ref.h"
#include "mm/pmm.h"

namespace {

constexpr usize kMaxImagePages = 4;
constexpr uptr kPmdSize = 2ull << 20;
constexpr uptr kTaskSizeMax = 0x00007ffffffff000ull;   // linux: TASK_SIZE_MAX (47-bit, less a page)

// Pages the kernel keeps for good (its own reference never goes): every mapping takes one more.
class PinnedPages final : public VmObject {
public:
    PinnedPages(const PhysAddr* pages, usize count) : m_count(count) {
        for (usize i = 0; i < count; i++) m_pages[i] = pages[i];
    }
    Result<PhysAddr> get_page(u64 index) override {
        if (index >= m_count) return Error(EINVAL);
        page_ref(m_pages[index]);
        return m_pages[index];
    }
    u64 size_bytes() override { return m_count * kPageSize; }
    void describe(u64& dev, u64& ino, char* path, usize n) override {
        dev = ino = 0;
        if (n) path[0] = 0;   // anonymous: /proc/<pid>/maps shows the VMA's name
    }

private:
    PhysAddr m_pages[kMaxImagePages];
    usize m_count;
};

RefPtr<VmObject> g_vvar;
RefPtr<VmObject> g_image;
usize g_image_pages;

}  // namespace

void vdso_init() {
    Span<const u8> image = arch::vdso_image();
    g_image_pages = align_up(image.size(), kPageSize) / kPageSize;
    VERIFY(g_image_pages && g_image_pages <= kMaxImagePages);
    PhysAddr pages[kMaxImagePages];
    for (usize i = 0; i < g_image_pages; i++) {
        pages[i] = MUST(page_alloc_zeroed());
        usize off = i * kPageSize;
        __builtin_memcpy(arch::phys_to_virt(pages[i]), image.data() + off, min(kPageSize, image.size() - off));
    }
    PhysAddr data = time_data_page();
    VERIFY(data.value);
    auto* image_object = new (std::nothrow) PinnedPages(pages, g_image_pages);
    auto* vvar_object = new (std::nothrow) PinnedPages(&data, 1);
    VERIFY(image_object && vvar_object);   // boot
    g_image = RefPtr<VmObject>::adopt(image_object);
    g_vvar = RefPtr<VmObject>::adopt(vvar_object);
    static const char* const kGetcpu[] = {"the syscall", "rdtscp", "rdpid"};
    u32 how = arch::vdso_getcpu_method();
    log_info("vdso: %zu-byte image in %zu page(s), getcpu through %s", image.size(), g_image_pages,
             how < 3 ? kGetcpu[how] : "?");
}

Result<uptr> vdso_map(AddressSpace& mm, uptr stack_top) {
    usize image_len = g_image_pages * kPageSize;
    usize len = kPageSize + image_len;
    // linux: arch/x86/entry/vdso/vma.c vdso_addr(): a random page in the 2 MiB (PMD) stretch above
    // the stack top; when that is taken, anywhere (top-down).
    uptr start = align_up(stack_top, kPageSize);
    uptr end = align_up(start + len, kPmdSize);
    if (end > kTaskSizeMax) end = kTaskSizeMax;
    end -= len;
    uptr hint = end > start ? start + (random_u64() % ((end - start) / kPageSize + 1)) * kPageSize : start;
    uptr base = TRY(mm.map(hint, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, nullptr, 0));
    // Never writable ([vvar] is the kernel's), unlike [vdso], which mprotect may make writable (a
    // private copy, as a debugger's breakpoint gets on Linux).
    TRY(mm.map(base, kPageSize, PROT_READ, MAP_PRIVATE | MAP_FIXED | kMapNoMayWrite, g_vvar, 0, "[vvar]"));
    TRY(mm.map(base + kPageSize, image_len, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, g_image, 0, "[vdso]"));
    // Present from the start: every process reads both, most on their first clock call.
    for (uptr a = base; a < base + len; a += kPageSize) (void)mm.handle_fault(a, false, false);
    return base + kPageSize;
}
