// SPDX-License-Identifier: MIT
#include "exec/exec.h"

#include "abi/linux/uapi.h"
#include "arch/fpu.h"
#include "arch/x86_64/trap_frame.h"
#include "core/fd_table.h"
#include "core/log.h"
#include "core/process_lifecycle.h"
#include "core/process_table.h"
#include "core/random.h"
#include "core/rseq.h"
#include "core/signal.h"
#include "exec/elf.h"
#include "exec/initial_stack.h"
#include "exec/layout.h"
#include "ipc/futex.h"
#include "ipc/mqueue.h"
#include "ipc/posix_timers.h"
#include "exec/vdso.h"
#include "arch/context.h"
#include "arch/paging.h"
#include "fs/vfs/vfs.h"
#include "fs/vfs/vfs_ops.h"
#include "fs/procfs/procfs.h"
#include "mm/address_space.h"
#include "mm/file_object.h"
#include "mm/kheap.h"
#include "mm/page_ref.h"
#include "mm/pmm.h"

namespace {

constexpr usize kMaxArgStrlen = 32 * kPageSize;     // MAX_ARG_STRLEN
constexpr int kMaxScriptDepth = 4;                  // Linux allows 4 levels of interpreters (ELOOP after)

Result<void> read_exact(File& f, u64 off, void* buf, usize n) {
    usize got = TRY(f.pread(IoBuffer::kernel(buf, n), off));
    if (got != n) return Error(ENOEXEC);
    return {};
}

Result<void> elf_read_cb(void* ctx, u64 off, void* buf, usize n) { return read_exact(*static_cast<File*>(ctx), off, buf, n); }

u32 prot_of(u32 pflags) {
    u32 prot = 0;
    if (pflags & PF_R) prot |= PROT_READ;
    if (pflags & PF_W) prot |= PROT_WRITE;
    if (pflags & PF_X) prot |= PROT_EXEC;
    return prot;
}

struct Loaded {
    u64 bias;
    u64 entry;
    u64 phdr;
    u64 brk;   // end of the highest segment (the program break starts here)
};

// Maps the PT_LOAD segments of an ELF into mm at bias (ET_DYN) and zero-fills the bss tails
// later (after mm is active), recorded in `zero_ranges`.
struct ZeroRange {
    u64 start, len;
};

// Maps the PT_LOAD segments at `bias`. The pages between segments stay unmapped, as Linux's
// elf_map leaves them.
Result<Loaded> map_elf(AddressSpace& mm, RefPtr<File> file, const ElfInfo& info, u64 bias, ZeroRange* zeros,
                       usize& zero_count) {
    RefPtr<VmObject> object = TRY(file_mapping_object(file));
    u64 brk = 0;
    for (usize i = 0; i < info.segment_count; i++) {
        const ElfSegment& s = info.segments[i];
        u64 start = align_down(s.vaddr, kPageSize) + bias;
        u64 file_end = s.vaddr + s.filesz + bias;
        u64 mem_end = s.vaddr + s.memsz + bias;
        u32 prot = prot_of(s.flags);
        u64 file_map_end = align_up(file_end, kPageSize);
        if (s.filesz) {
            TRY(mm.map(start, file_map_end - start, prot, MAP_PRIVATE | MAP_FIXED, object, align_down(s.offset, kPageSize)));
            // A segment with a bss gets the rest of its last file page zeroed up to the page end, as
            // Linux's padzero does: ld.so's minimal malloc hands out that tail and relies on zeros.
            if (file_end < file_map_end && s.memsz > s.filesz && zero_count < 2 * ElfInfo::kMaxSegments)
                zeros[zero_count++] = ZeroRange{file_end, file_map_end - file_end};
        } else {
            file_map_end = start;
        }
        if (align_up(mem_end, kPageSize) > file_map_end)
            TRY(mm.map(file_map_end, align_up(mem_end, kPageSize) - file_map_end, prot,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, nullptr, 0));
        brk = max(brk, mem_end);
    }
    return Loaded{bias, info.entry + bias, info.phdr_vaddr ? info.phdr_vaddr + bias : 0, brk};
}

// The bias that puts a position-independent image where the top-down mmap allocator would put a
// mapping of its whole span (a library, the interpreter, a static PIE).
Result<u64> pick_mmap_bias(AddressSpace& mm, const ElfInfo& info) {
    u64 span = info.max_vaddr - info.min_vaddr;
    u64 base = TRY(mm.map(0, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, nullptr, 0));
    TRY(mm.unmap(base, span));
    return base - info.min_vaddr;
}

// The interpreter named by PT_INTERP, checked as Linux's load_elf_binary checks it before the
// point of no return: ENOENT/EACCES from opening it, EIO for a short header, ELIBBAD for a file
// that is not an x86_64 ELF with sane program headers.
struct Interp {
    RefPtr<File> file;
    ElfInfo info;
    bool loadable = false;   // false: fatal, but only after the point of no return (as Linux)
};

[[gnu::noinline]] Result<OwnPtr<Interp>> open_interpreter(File& exe, const ElfInfo& info) {
    Process* p = current_process();
    // Kernel stacks are 16 KiB: the interpreter path (up to 4 KiB) lives on the heap.
    usize n = min(info.interp_size, usize(4096));
    OwnPtr<char> ipath_mem(static_cast<char*>(kmalloc(n + 1)));
    char* ipath = ipath_mem.ptr();
    if (!ipath) return Error(ENOMEM);
    TRY(read_exact(exe, info.interp_offset, ipath, n));
    if (ipath[n - 1] != 0) return Error(ENOEXEC);
    WalkContext ctx{p->fs->root(), p->fs->cwd(), p->creds};
    Path ip = TRY(resolve(ctx, StringView(ipath), kWalkFollow));
    if (ip.inode()->is_dir() || !ip.inode()->is_reg()) return Error(EACCES);
    TRY(vfs_access(p->creds, *ip.inode(), ip.mnt.ptr(), kMayExec));
    OwnPtr<Interp> inp(new (std::nothrow) Interp);
    if (!inp) return Error(ENOMEM);
    Interp& in = *inp;
    in.file = TRY(vfs_open_path(p->creds, ip, O_RDONLY));
    Elf64_Ehdr eh;
    usize got = TRY(in.file->pread(IoBuffer::kernel(&eh, sizeof(eh)), 0));
    if (got != sizeof(eh)) return Error(EIO);
    if (eh.e_ident[EI_MAG0] != ELFMAG0 || eh.e_ident[EI_MAG1] != ELFMAG1 || eh.e_ident[EI_MAG2] != ELFMAG2 ||
        eh.e_ident[EI_MAG3] != ELFMAG3 || eh.e_machine != EM_X86_64)
        return Error(ELIBBAD);
    if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum == 0 || u64(eh.e_phnum) * sizeof(Elf64_Phdr) > 65536)
        return Error(ELIBBAD);
    auto parsed = elf_parse(elf_read_cb, in.file.ptr(), ip.inode()->size());
    if (parsed.is_ok()) {
        in.info = parsed.value();
        in.loadable = true;
    }
    return inp;
}

bool is_script(const u8* head, usize n) { return n >= 2 && head[0] == '#' && head[1] == '!'; }

// Parses "#!interp [arg]" from the first line (at most 256 bytes, as Linux's BINPRM_BUF_SIZE).
Result<void> parse_shebang(const u8* head, usize n, char* interp, usize isize, char* arg, usize asize) {
    usize i = 2;
    while (i < n && (head[i] == ' ' || head[i] == '\t')) i++;
    usize start = i;
    while (i < n && head[i] != ' ' && head[i] != '\t' && head[i] != '\n' && head[i] != 0) i++;
    if (i == start) return Error(ENOEXEC);
    if (i == n && n == 256) return Error(ENOEXEC);   // the interpreter path ran past the buffer
    if (i - start >= isize) return Error(ENAMETOOLONG);
    __builtin_memcpy(interp, head + start, i - start);
    interp[i - start] = 0;
    while (i < n && (head[i] == ' ' || head[i] == '\t')) i++;
    usize astart = i;
    while (i < n && head[i] != '\n' && head[i] != 0) i++;
    usize aend = i;
    while (aend > astart && (head[aend - 1] == ' ' || head[aend - 1] == '\t')) aend--;
    if (aend - astart >= asize) return Error(E2BIG);
    __builtin_memcpy(arg, head + astart, aend - astart);
    arg[aend - astart] = 0;
    return {};
}

struct ExecState {
    ZeroRange zeros[2 * ElfInfo::kMaxSegments];
    usize zero_count = 0;
};

[[gnu::noinline]] Result<void> exec_elf(RefPtr<File> file, const ElfInfo& info, StringView filename,
                                        const ExecArgs& args, ExecState& st);

Result<void> exec_file(const Path& at, StringView path, const ExecArgs& args, bool follow, int depth,
                       StringView execfn) {
    Process* p = current_process();
    WalkContext ctx{p->fs->root(), at, p->creds};
    Path target = TRY(resolve(ctx, path, follow ? unsigned(kWalkFollow) : 0u));
    Inode* ino = target.inode();
    if (ino->is_dir()) return Error(EACCES);
    if (!ino->is_reg()) return Error(EACCES);
    TRY(vfs_access(p->creds, *ino, target.mnt.ptr(), kMayExec));
    RefPtr<File> file = TRY(vfs_open_path(p->creds, target, O_RDONLY));
    u8 head[256];
    usize n = TRY(file->pread(IoBuffer::kernel(head, sizeof(head)), 0));
    if (is_script(head, n)) {
        if (depth >= kMaxScriptDepth) return Error(ELOOP);
        char interp[256], arg[256];
        TRY(parse_shebang(head, n, interp, sizeof(interp), arg, sizeof(arg)));
        // New argv: interp [arg] path argv[1..]
        usize extra = arg[0] ? 2 : 1;
        usize count = extra + max(args.argv.size(), usize(1));
        auto* v = static_cast<StringView*>(kmalloc(count * sizeof(StringView)));
        if (!v) return Error(ENOMEM);
        usize k = 0;
        v[k++] = StringView(interp);
        if (arg[0]) v[k++] = StringView(arg);
        v[k++] = path;
        for (usize i = 1; i < args.argv.size(); i++) v[k++] = args.argv[i];
        ExecArgs na{Span<const StringView>(v, k), args.envp};
        auto r = exec_file(at, StringView(interp), na, true, depth + 1, execfn);
        kfree(v);
        if (r.is_error() && r.error_code() == ENOEXEC) return Error(ENOEXEC);
        return r;
    }
    auto info = elf_parse(elf_read_cb, file.ptr(), ino->size());
    if (info.is_error()) return info.error();
    ExecState st;
    return exec_elf(file, info.value(), execfn.empty() ? path : execfn, args, st);
}

Result<void> exec_elf(RefPtr<File> file, const ElfInfo& info, StringView filename, const ExecArgs& args,
                      ExecState& st) {
    Process* p = current_process();
    Thread* t = current_thread();
    // Everything that can fail with an errno happens before the new address space replaces the
    // old one. An interpreter that opens but cannot be loaded kills the process afterwards.
    OwnPtr<Interp> interp;
    if (info.has_interp) interp = TRY(open_interpreter(*file, info));
    auto mm = TRY(AddressSpace::create());
    mm->stack_limit = p->rlimits[RLIMIT_STACK].cur;
    mm->as_limit = p->rlimits[RLIMIT_AS].cur;
    mm->data_limit = p->rlimits[RLIMIT_DATA].cur;
    ExecLayout layout = exec_layout(p->personality, int(sysctl_randomize_va_space()), p->rlimits[RLIMIT_STACK].cur,
                                    random_u64);
    u64 stack_top = layout.stack_top;
    mm->set_mmap_base(layout.mmap_base);

    u64 bias = 0;
    if (info.is_dyn && info.has_interp) {
        u64 base = layout.et_dyn_base;
        u64 align = max(info.max_align, u64(kPageSize));
        base &= ~(align - 1);
        bias = align_down(base - info.min_vaddr, kPageSize);
    } else if (info.is_dyn) {
        bias = TRY(pick_mmap_bias(*mm, info));
    }
    Loaded main = TRY(map_elf(*mm, file, info, bias, st.zeros, st.zero_count));
    u64 entry = main.entry;
    u64 interp_base = 0;
    bool fatal = false;
    if (info.has_interp) {
        if (interp->loadable) {
            const ElfInfo& ii = interp->info;
            u64 ibias = ii.is_dyn ? TRY(pick_mmap_bias(*mm, ii)) : 0;
            Loaded il = TRY(map_elf(*mm, interp->file, ii, ibias, st.zeros, st.zero_count));
            interp_base = ibias;
            entry = il.entry;
        } else {
            fatal = true;
        }
    }
    // The initial stack: a growable VMA under the random top.
    u64 stack_vma = 128 * 1024;
    TRY(mm->map(stack_top - stack_vma, stack_vma, PROT_READ | PROT_WRITE | (info.exec_stack ? PROT_EXEC : 0),
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, nullptr, 0, "[stack]"));
    u64 vdso = TRY(vdso_map(*mm, stack_top));

    // Credentials: set-user-ID / set-group-ID programs.
    Credentials creds = p->creds;
    bool secure = false;
    u32 mode = file->inode().mode();
    // With no_new_privs (prctl, seccomp) the set-ID bits are ignored, as Linux does.
    bool nnp = current_thread()->no_new_privs;
    if (!nnp && (mode & S_ISUID) && file->inode().uid() != creds.euid) {
        creds.euid = creds.suid = creds.fsuid = file->inode().uid();
        secure = true;
    }
    if (!nnp && (mode & S_ISGID) && (mode & S_IXGRP) && file->inode().gid() != creds.egid) {
        creds.egid = creds.sgid = creds.fsgid = file->inode().gid();
        secure = true;
    }
    caps_on_exec(creds, p->creds, nnp);

    u8 rnd[16];
    random_bytes(rnd, sizeof(rnd));
    u32 hwcap = 0;
    {
        u32 eax = 1, ebx, ecx, edx;
        asm volatile("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
        hwcap = edx;   // Linux's AT_HWCAP on x86: CPUID.1:EDX
    }
    const AuxEntry aux[] = {
        {AT_SYSINFO_EHDR, vdso},
        {AT_MINSIGSTKSZ, arch::fpu_state_size() + 440 + 128 + 64},
        {AT_HWCAP, hwcap},
        {AT_PAGESZ, kPageSize},
        {AT_CLKTCK, 100},
        {AT_PHDR, main.phdr},
        {AT_PHENT, info.phentsize},
        {AT_PHNUM, info.phnum},
        {AT_BASE, interp_base},
        {AT_FLAGS, 0},
        {AT_ENTRY, main.entry},
        {AT_UID, creds.uid},
        {AT_EUID, creds.euid},
        {AT_GID, creds.gid},
        {AT_EGID, creds.egid},
        {AT_SECURE, secure ? 1u : 0u},
        {AT_RANDOM, 0},
        {AT_HWCAP2, 0},   // no FSGSBASE for user space (Linux reports bit 1 when it enables it)
        {AT_EXECFN, 0},
        {AT_PLATFORM, 0},
    };
    usize strings = filename.length() + 1;
    for (auto& s : args.argv) strings += s.length() + 1;
    for (auto& s : args.envp) strings += s.length() + 1;
    usize scratch_size = align_up(strings + 8192 + (args.argv.size() + args.envp.size() + 64) * 8, kPageSize);
    u8* scratch = static_cast<u8*>(kmalloc(scratch_size));
    if (!scratch) return Error(ENOMEM);
    u64 gap_rand = layout.randomize ? (random_u64() % 512) * 16 : 0;   // arch_align_stack
    auto img = build_initial_stack(Span<u8>(scratch, scratch_size), stack_top, args.argv, args.envp, filename, rnd,
                                   Span<const AuxEntry>(aux, sizeof(aux) / sizeof(aux[0]) - 0), gap_rand);
    if (img.is_error()) {
        kfree(scratch);
        return img.error();
    }
    StackImage si = img.value();
    if (stack_top - si.sp > mm->stack_limit) {
        kfree(scratch);
        return Error(E2BIG);
    }
    mm->exe_file = file;
    mm->set_brk_base(exec_brk_start(layout, main.brk, info.is_dyn && !info.has_interp, random_u64));

    // Linux's de_thread and exec_mm_release: the other threads die first, then the robust
    // futexes of the old image are released, and clear_child_tid written only while the old
    // memory stays in use (a vfork parent).
    if (auto r = thread_group_exec_prepare(); r.is_error()) {
        kfree(scratch);
        return r.error();
    }

    // ---- point of no return: the old program is gone from here on ----
    futex_exec_release(t);   // robust list, PI futexes, clear_child_tid of the old image
    rseq_on_exec(t);
    RefPtr<AddressSpace> old = p->mm;
    process_sample_maxrss(p);   // the high-water mark outlives the old image, as Linux
    p->mm = mm;
    mm->activate();
    old = nullptr;
    bool ok = true;
    for (usize i = 0; i < st.zero_count; i++) ok &= clear_user(st.zeros[i].start, st.zeros[i].len).is_ok();
    ok &= copy_to_user(si.sp, si.buffer, si.size).is_ok();
    kfree(scratch);
    p->creds = creds;
    // linux: begin_new_exec(): dumpable again unless the new image runs with other ids.
    p->dumpable.store(creds.euid == creds.uid && creds.egid == creds.gid ? 1 : 0, std::memory_order_relaxed);
    p->arg_start = si.argv_start;
    p->arg_end = si.argv_end;
    p->env_start = si.envp_start;
    p->env_end = si.envp_end;
    p->did_exec = true;
    // comm is the last path component, at most 15 characters.
    usize slash = 0;
    for (usize i = 0; i < filename.length(); i++)
        if (filename[i] == '/') slash = i + 1;
    StringView base = filename.substr(slash);
    __builtin_memset(p->comm, 0, sizeof(p->comm));
    __builtin_memcpy(p->comm, base.data(), min(base.length(), usize(15)));
    char exe[256];
    auto exe_name = d_path(file->path(), vfs_root(), exe, sizeof(exe));
    if (exe_name.is_ok()) {
        usize len = min(exe_name.value().length(), sizeof(p->exe_path) - 1);
        __builtin_memcpy(p->exe_path, exe_name.value().data(), len);
        p->exe_path[len] = 0;
    }
    // linux: a message queue's ->flush() drops the closing process's notification registration.
    p->fds->close_on_exec([](File& f) { mqueue_closed(f, current_process()); });
    posix_timers_release(p);   // linux: exit_itimers() in begin_new_exec()
    {
        SpinlockGuard g(g_process_tree_lock);
        for (KSigAction& a : p->sighand->actions)
            if (a.handler > 1) a = KSigAction{};   // caught signals return to the default
    }
    t->altstack_sp = t->altstack_size = 0;
    t->altstack_flags = SS_DISABLE;
    t->fs_base = t->gs_base = 0;
    arch::set_user_tls(0, 0);
    arch::reset_user_segments(*current_thread());
    arch::fpu_reset_current(t->fpu);
    TrapFrame* f = t->user_frame;
    // The syscall number survives the new image (a tracer's exit stop still shows execve).
    u64 vector = f->vector, orig_rax = f->error_code;
    __builtin_memset(f, 0, sizeof(*f));
    f->vector = vector;
    f->error_code = orig_rax;
    f->rip = entry;
    f->rsp = si.sp;
    f->cs = 0x28 | 3;
    f->ss = 0x20 | 3;
    f->rflags = 0x202;
    t->frame_replaced = true;
    thread_vfork_done(t);
    if (!ok || fatal) signal_force_fault(SIGSEGV, SI_KERNEL, 0);
    return {};
}

}  // namespace

Result<void> do_execve(const Path& at, StringView path, const ExecArgs& args, bool follow_last) {
    return exec_file(at, path, args, follow_last, 0, StringView());
}

Result<Span<StringView>> copy_user_string_array(uptr array, usize& budget, void*& storage) {
    storage = nullptr;
    if (!array) return Span<StringView>();
    // Pass 1: count and measure.
    usize count = 0, bytes = 0;
    for (;; count++) {
        u64 ptr;
        TRY(copy_from_user(&ptr, array + count * 8, 8));
        if (!ptr) break;
        if (count >= 0x7fffffff / 8) return Error(E2BIG);
        if (ptr >= kUserSpaceEnd) return Error(EFAULT);
        isize len = arch_user_strnlen(ptr, kMaxArgStrlen);
        if (len < 0) return Error(EFAULT);
        if (static_cast<usize>(len) >= kMaxArgStrlen) return Error(E2BIG);
        usize need = static_cast<usize>(len) + 1 + sizeof(void*);
        if (need > budget) return Error(E2BIG);
        budget -= need;
        bytes += static_cast<usize>(len) + 1;
    }
    auto* mem = static_cast<u8*>(kmalloc(count * sizeof(StringView) + bytes + 1));
    if (!mem) return Error(ENOMEM);
    storage = mem;
    auto* views = reinterpret_cast<StringView*>(mem);
    char* chars = reinterpret_cast<char*>(mem + count * sizeof(StringView));
    for (usize i = 0; i < count; i++) {
        u64 ptr;
        TRY(copy_from_user(&ptr, array + i * 8, 8));
        isize len = arch_user_strnlen(ptr, kMaxArgStrlen);
        if (len < 0 || static_cast<usize>(len) + 1 > bytes) return Error(EFAULT);   // changed under us
        TRY(copy_from_user(chars, ptr, static_cast<usize>(len)));
        chars[len] = 0;
        views[i] = StringView(chars, static_cast<usize>(len));
        chars += len + 1;
        bytes -= static_cast<usize>(len) + 1;
    }
    return Span<StringView>(views, count);
}
