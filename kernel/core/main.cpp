// SPDX-License-Identifier: MIT
// The generic boot sequence, in the order the subsystems need each other.
#include "arch/cpu.h"
#include "arch/paging.h"
#include "core/boot_info.h"
#include "core/cmdline.h"
#include "core/init.h"
#include "core/log.h"
#include "core/panic.h"
#include "core/percpu.h"
#include "core/sched.h"
#include "core/time.h"
#include "arch/x86_64/trap_frame.h"
#include "drivers/block/partition.h"
#include "drivers/pci/pci.h"
#include "drivers/tty/serial_tty.h"
#include "drivers/virtio/virtio_blk.h"
#include "drivers/net/virtio_net.h"
#include "fs/initramfs/initramfs.h"
#include "fs/procfs/procfs.h"
#include "ipc/mqueue.h"
#include "exec/vdso.h"
#include "fs/vfs/vfs.h"
#include "ktest/ktest.h"
#include "syscalls/trace.h"
#include "mm/kheap.h"
#include "mm/pmm.h"

u64 tsc_hz();
const char* clock_calibration_source();

void job_control_init();
void ext2_init();
void loop_init();

namespace {

Cmdline g_cmdline;

void apply_cmdline() {
    g_cmdline.parse(g_boot_info.cmdline);
    if (g_cmdline.has("quiet")) log_set_console_level(4);
    if (g_cmdline.find("loglevel")) {
        i64 lvl = g_cmdline.get_int("loglevel", 7);
        if (lvl < 0 || lvl > 15) {
            log_warn("cmdline: loglevel=%lld out of range (0-15); ignored", static_cast<long long>(lvl));
        } else {
            log_set_console_level(static_cast<int>(lvl));
        }
    }
    panic_set_timeout(g_cmdline.get_int("panic", 0));
    if (g_cmdline.get("trace") == StringView("syscalls"))
        syscall_trace_configure(true, static_cast<int>(g_cmdline.get_int("trace_pid", 0)));
    if (g_cmdline.error()) log_warn("cmdline: %s", g_cmdline.error());
}

void init_thread(void*) {
    // Partition tables need sleeping I/O, so disks found at boot are scanned here.
    block_scan_partitions();
    StringView ktest = g_cmdline.get("ktest");
    if (!ktest.empty()) ktest_run(ktest.data(), ktest.length());
    start_user_space(g_cmdline);
}

// Unpacks the initrd (a cpio newc archive) into the tmpfs root; anything else gets a clear log
// line, so a wrong -initrd is obvious from the first boot.
void unpack_initrd() {
    const BootInfo& bi = g_boot_info;
    if (!bi.initrd_size) {
        log_info("initrd: none");
        return;
    }
    const auto* p = static_cast<const u8*>(arch::phys_to_virt(PhysAddr(bi.initrd_phys)));
    bool newc = bi.initrd_size >= 110 && __builtin_memcmp(p, "07070", 5) == 0 && (p[5] == '1' || p[5] == '2');
    if (newc) {
        InitramfsStats st{};
        auto r = initramfs_unpack(p, bi.initrd_size, vfs_root().dentry, kernel_credentials(), &st);
        log_info("initrd: %llu KiB cpio newc archive: %u entries unpacked (%u dirs, %u files, %u symlinks, "
                 "%u nodes, %u hard links, %u failed)%s",
                 static_cast<unsigned long long>(bi.initrd_size >> 10), st.entries, st.dirs, st.files, st.symlinks,
                 st.nodes, st.hardlinks, st.failed, r.is_error() ? "; archive corrupt" : "");
    } else if (bi.initrd_size >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        log_err("initrd: gzip-compressed archives are not supported yet; give an uncompressed cpio newc archive");
    else
        log_err("initrd: %llu bytes at %#llx are not a cpio newc archive; ignored",
                static_cast<unsigned long long>(bi.initrd_size), static_cast<unsigned long long>(bi.initrd_phys));
}

}  // namespace

const Cmdline& kernel_cmdline() { return g_cmdline; }

void kernel_init() {
    apply_cmdline();
    log_info("Aramid starting; command line: %.*s", static_cast<int>(g_cmdline.raw().length()),
             g_cmdline.raw().data());
    pmm_init();
    kheap_init();
    arch_platform_init();
    time_init();
    vdso_init();
    arch_user_init();
    sched_init();
    vfs_init();
    procfs_init();
    mqueue_fs_init();
    ext2_init();
    loop_init();
    tty_init();
    virtio_blk_register();
    virtio_net_register();
    pci_init();
    job_control_init();
    unpack_initrd();
    log_notice("Aramid ready: %zu MiB RAM, %u CPU(s) online of %u found, TSC %llu.%03llu MHz (%s), boot took %llu us",
               (pmm_total_pages() * 4096) >> 20, cpu_count(), arch_cpus_found(),
               static_cast<unsigned long long>(tsc_hz() / 1'000'000),
               static_cast<unsigned long long>(tsc_hz() / 1000 % 1000), clock_calibration_source(),
               static_cast<unsigned long long>(arch::clock_ns() / 1000));
    // The init thread becomes pid 1: room for its user register frame at the top of its stack.
    Thread* t = MUST(Thread::create_reserved("init", init_thread, nullptr, sizeof(TrapFrame)));
    sched_start(t);
    t->unref();
    idle_loop();
}
