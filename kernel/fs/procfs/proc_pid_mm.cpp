// SPDX-License-Identifier: MIT
// Per-process memory: reading another process's memory (cmdline, environ), /proc/<pid>/maps,
// statm, and the counters status and stat show.
//
// Reading another address space: AddressSpace has no "read remote" method yet, so this file
// builds one from its public parts. Each page is first faulted in for reading through
// AddressSpace::handle_fault (which also checks the VMA's permissions); then, with the address
// space's lock held (for_each_vma holds it while it calls us, and every page-table change takes
// it), the page is found in the page table and copied through the direct map. Holding the lock
// keeps the frame mapped, so it cannot be freed under the copy; no user-copy instruction runs, so
// no page fault can be taken in the wrong address space. The page table is reached by
// reinterpreting root() as an arch::UserPageTable (a one-word handle whose constructor is
// private): see the report for the member function that should replace this.
#include <bit>

#include "abi/linux/uapi.h"
#include "arch/paging.h"
#include "arch/user_paging.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/proc_task.h"
#include "fs/procfs/procfs.h"
#include "fs/vfs/dev.h"
#include "fs/vfs/path.h"
#include "mm/address_space.h"
#include "mm/kheap.h"
#include "mm/user_ptr.h"

namespace {

static_assert(sizeof(arch::UserPageTable) == sizeof(u64));

arch::UserPageTable page_table_of(const AddressSpace& mm) { return std::bit_cast<arch::UserPageTable>(mm.root()); }

// The frame mapped at page va of mm, if present. Caller holds mm's lock.
bool query_locked(const AddressSpace& mm, uptr va, PhysAddr& out) {
    arch::UserPageTable pt = page_table_of(mm);
    bool found = false;
    pt.for_each(va, va + kPageSize, [&](uptr, arch::UserPage p) {
        out = p.phys;
        found = true;
    });
    return found;
}

constexpr usize kMaxEnvOrArgs = 128 * 1024;   // what cmdline/environ show at most

}  // namespace

usize access_process_memory(AddressSpace& mm, uptr addr, void* buf, usize len, bool write, bool force) {
    auto* dst = static_cast<u8*>(buf);
    usize done = 0;
    while (done < len) {
        uptr a = addr + done;
        if (a < addr || a >= kUserSpaceEnd) break;
        uptr page = align_down(a, kPageSize);
        usize chunk = min(len - done, static_cast<usize>(page + kPageSize - a));
        // Only addresses inside a VMA: handle_fault would grow a stack for one just below it.
        bool inside = false;
        mm.for_each_vma([&](const Vma& v) { inside |= a >= v.start && a < v.end; });
        if (!inside) break;
        if ((force ? mm.force_fault(a, write) : mm.handle_fault(a, write, false)) != FaultResult::Handled) break;
        bool copied = false;
        bool first = true;
        mm.for_each_vma([&](const Vma&) {
            if (!first) return;   // only to hold the lock: do the work once
            first = false;
            PhysAddr frame;
            if (!query_locked(mm, page, frame)) return;   // unmapped since the fault
            u8* mem = static_cast<u8*>(arch::phys_to_virt(frame)) + (a - page);
            if (write) __builtin_memcpy(mem, dst + done, chunk);
            else __builtin_memcpy(dst + done, mem, chunk);
            copied = true;
        });
        if (!copied) break;
        done += chunk;
    }
    return done;
}

void proc_mm_stats(AddressSpace& mm, const char* exe_path, MmStats& out) {
    out = MmStats{};
    char* path = static_cast<char*>(kmalloc(kPathMax));
    bool have_exe = false;
    mm.for_each_vma([&](const Vma& v) {
        u64 pages = (v.end - v.start) / kPageSize;
        out.total_vm += pages;
        bool shared = v.flags & MAP_SHARED;
        bool stack = v.flags & MAP_GROWSDOWN;
        if (is_data_vma(v)) out.data_vm += pages;
        if (stack) out.stack_vm += pages;
        if (v.locked) out.locked_vm += pages;
        if ((v.prot & PROT_EXEC) && !(v.prot & PROT_WRITE) && !stack) out.exec_vm += pages;
        u64 present = 0;
        page_table_of(mm).for_each(v.start, v.end, [&](uptr, arch::UserPage) { present++; });
        if (!v.object) (shared ? out.rss_shmem : out.rss_anon) += present;
        else out.rss_file += present;
        if (v.name && StringView(v.name) == StringView("[heap]") && !out.start_brk) out.start_brk = v.start;
        if (v.name && StringView(v.name) == StringView("[stack]")) out.start_stack = v.end;
        bool is_exe = false;
        if (v.object && path && exe_path[0]) {
            u64 dev, ino;
            path[0] = '\0';
            v.object->describe(dev, ino, path, kPathMax);
            is_exe = StringView(path) == StringView(exe_path);
        }
        if (!is_exe) return;
        // The executable's mappings: code is its first executable one, data its last one.
        if ((v.prot & PROT_EXEC) && !out.start_code) {
            out.start_code = v.start;
            out.end_code = v.end;
        }
        if (!have_exe || v.start >= out.start_data) {
            out.start_data = v.start;
            out.end_data = v.end;
        }
        have_exe = true;
    });
    kfree(path);
    if (!have_exe) {
        // No mapping carries the executable's name (a path not matching exe_path): take the first
        // executable file mapping as the code.
        mm.for_each_vma([&](const Vma& v) {
            if (!out.start_code && v.object && (v.prot & PROT_EXEC)) {
                out.start_code = v.start;
                out.end_code = v.end;
            }
        });
        out.start_data = out.end_data = out.end_code;
    }
    if (!out.start_brk) out.start_brk = out.end_data;
}

namespace {

// Copies [start, end) of mm into out (what could be read).
Result<void> append_memory(SeqBuf& out, AddressSpace& mm, uptr start, uptr end) {
    if (end <= start) return {};
    usize len = min(static_cast<usize>(end - start), kMaxEnvOrArgs);
    auto* tmp = static_cast<char*>(kmalloc(len));
    if (!tmp) return Error(ENOMEM);
    usize got = access_process_memory(mm, start, tmp, len);
    out.append(tmp, got);
    kfree(tmp);
    return out.status();
}

}  // namespace

PROC_SHOW(proc_show_pid_cmdline) {
    (void)viewer;
    TaskInfo t;
    if (task_snapshot(node.pid, node.tid, kTaskMm, t).is_error()) return Error(ESRCH);
    if (!t.mm || t.arg_start >= t.arg_end) return {};
    // linux: fs/proc/base.c get_mm_cmdline(). The arguments may have been overwritten
    // (setproctitle) and run on into the environment; then argv[]'s last byte is not a NUL and
    // the title is the first string from arg_start, at most a page.
    uptr env_start = t.env_start, env_end = t.env_end;
    if (env_start != t.arg_end || env_end < env_start) env_start = env_end = t.arg_end;
    u8 last = 0;
    if (access_process_memory(*t.mm, t.arg_end - 1, &last, 1) == 1 && last) {
        usize len = min(static_cast<usize>(env_end - t.arg_start), static_cast<usize>(kPageSize));
        auto* tmp = static_cast<char*>(kmalloc(len));
        if (!tmp) return Error(ENOMEM);
        usize got = access_process_memory(*t.mm, t.arg_start, tmp, len);
        usize n = 0;
        while (n < got && tmp[n]) n++;
        if (n < got) n++;   // the NUL, when there is one
        out.append(tmp, n);
        kfree(tmp);
        return out.status();
    }
    return append_memory(out, *t.mm, t.arg_start, t.arg_end);
}

PROC_SHOW(proc_show_pid_environ) {
    (void)viewer;
    TaskInfo t;
    if (task_snapshot(node.pid, node.tid, kTaskMm, t).is_error()) return Error(ESRCH);
    if (!t.mm) return {};
    return append_memory(out, *t.mm, t.env_start, t.env_end);
}

void proc_show_map_line(SeqBuf& out, const Vma& v, char* path) {
    // linux: fs/proc/task_mmu.c show_map_vma().
    usize line = out.length();
    u64 dev = 0, ino = 0, pgoff = 0;
    path[0] = '\0';
    if (v.object) {
        v.object->describe(dev, ino, path, kPathMax);
        path[kPathMax - 1] = '\0';
        pgoff = v.pgoff * kPageSize;
    }
    out.put_hex("", v.start, 8);
    out.put_hex("-", v.end, 8);
    out.putc(' ');
    out.putc(v.prot & PROT_READ ? 'r' : '-');
    out.putc(v.prot & PROT_WRITE ? 'w' : '-');
    out.putc(v.prot & PROT_EXEC ? 'x' : '-');
    out.putc(v.flags & MAP_SHARED ? 's' : 'p');
    out.put_hex(" ", pgoff, 8);
    DevId d = dev_decode(static_cast<u32>(dev));   // describe() gives the user-visible encoding
    out.put_hex(" ", dev_major(d), 2);
    out.put_hex(":", dev_minor(d), 2);
    out.put_dec(" ", ino);
    out.putc(' ');
    const char* name = path[0] ? path : v.name;
    if (File* f = v.object ? v.object->file() : nullptr) {
        // linux: seq_file_path(): relative to the reader's root, " (deleted)" once unlinked.
        out.pad_to_column(line, 25 + sizeof(void*) * 6 - 1);
        out.putc(' ');
        (void)proc_append_path(out, f->path(), true);
    } else if (name && name[0]) {
        out.pad_to_column(line, 25 + sizeof(void*) * 6 - 1);
        out.putc(' ');
        out.append_escaped(StringView(name), "\n");
    }
    out.putc('\n');
}

arch::UserPageTable proc_page_table_of(const AddressSpace& mm) { return page_table_of(mm); }

PROC_SHOW(proc_show_pid_maps) {
    (void)viewer;
    TaskInfo t;
    if (task_snapshot(node.pid, node.tid, kTaskMm, t).is_error()) return Error(ESRCH);
    if (!t.mm) return {};
    auto* path = static_cast<char*>(kmalloc(kPathMax));
    if (!path) return Error(ENOMEM);
    // Formatting under the address-space lock only appends to a kernel buffer (the reader's
    // copy-out happens later, unlocked).
    t.mm->for_each_vma([&](const Vma& v) { proc_show_map_line(out, v, path); });
    kfree(path);
    return out.status();
}

PROC_SHOW(proc_show_pid_statm) {
    (void)viewer;
    TaskInfo t;
    if (task_snapshot(node.pid, node.tid, kTaskMm, t).is_error()) return Error(ESRCH);
    MmStats mm;
    if (t.mm) proc_mm_stats(*t.mm, t.exe_path, mm);
    u64 text = mm.end_code > mm.start_code
                   ? (align_up(mm.end_code, kPageSize) - align_down(mm.start_code, kPageSize)) / kPageSize
                   : 0;
    // linux: proc_pid_statm(): size resident shared text lib(0) data dt(0).
    out.put_dec("", mm.total_vm);
    out.put_dec(" ", mm.rss());
    out.put_dec(" ", mm.rss_file + mm.rss_shmem);
    out.put_dec(" ", text);
    out.put_dec(" ", 0);
    out.put_dec(" ", mm.data_vm + mm.stack_vm);
    out.append(" 0\n");
    return out.status();
}
