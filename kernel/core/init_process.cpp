// SPDX-License-Identifier: MIT
// PID 1: the boot thread becomes the init process and execs init= (or the first of Linux's
// candidates that works), with /dev/console as its standard streams.
#include "abi/linux/uapi.h"
#include "arch/fpu.h"
#include "arch/x86_64/trap_frame.h"
#include "core/cmdline.h"
#include "core/init.h"
#include "core/fd_table.h"
#include "core/log.h"
#include "core/panic.h"
#include "core/process_lifecycle.h"
#include "core/process_table.h"
#include "core/time.h"
#include "exec/exec.h"
#include "lib/format.h"
#include "fs/vfs/vfs.h"
#include "fs/vfs/vfs_ops.h"
#include "mm/address_space.h"

void process_default_rlimits(RLimit* r);

namespace {

Result<Process*> make_init_process(Thread* t) {
    auto* p = new (std::nothrow) Process();
    if (!p) return Error(ENOMEM);
    process_default_rlimits(p->rlimits);
    __builtin_memcpy(p->comm, "init", 5);
    auto* sh = new (std::nothrow) SignalHandlers();
    if (!sh) return Error(ENOMEM);
    p->sighand = RefPtr<SignalHandlers>::adopt(sh);
    p->fds = TRY(FdTable::create());
    p->fs = TRY(FsContext::create(vfs_root()));
    p->ns = ns_initial();
    p->mm = TRY(AddressSpace::create());
    p->start_time_ns = monotonic_ns();
    t->fpu = TRY(arch::fpu_alloc());
    {
        SpinlockGuard g(g_process_tree_lock);
        int pid = TRY(pid_alloc_locked());
        VERIFY(pid == 1);
        p->pid = pid;
        // Linux's init inherits the idle task's process group and session, 0: it is no group or
        // session leader, so its setsid() succeeds and it gets no controlling tty by opening one.
        p->pgid = p->sid = 0;
        t->tid = pid;
        t->process = p;
        p->ref();   // the thread's reference
        p->threads.push_back(*t);
        p->live_threads = 1;
        process_table_insert_locked(p);   // the table keeps the initial reference
    }
    set_init_process(p);
    t->user_frame = reinterpret_cast<TrapFrame*>(t->stack.top - sizeof(TrapFrame));
    t->set_name("init");
    return p;
}

void open_console(Process* p) {
    WalkContext ctx{p->fs->root(), p->fs->cwd(), p->creds};
    auto f = vfs_open(ctx, "/dev/console", O_RDWR, 0);
    if (f.is_error()) {
        log_warn("init: cannot open /dev/console (errno %d): init runs without standard streams", f.error_code());
        return;
    }
    for (int fd = 0; fd < 3; fd++) (void)p->fds->install(f.value(), false, fd, 1024);
}

}  // namespace

Result<void> process_start_init(const char* path, const char* const* argv, const char* const* envp) {
    Thread* t = current_thread();
    Process* p = t->process;
    if (!p) {
        p = TRY(make_init_process(t));
        open_console(p);
    }
    StringView av[32], ev[32];
    usize ac = 0, ec = 0;
    for (; argv[ac] && ac < 32; ac++) av[ac] = StringView(argv[ac]);
    for (; envp[ec] && ec < 32; ec++) ev[ec] = StringView(envp[ec]);
    ExecArgs args{Span<const StringView>(av, ac), Span<const StringView>(ev, ec)};
    TRY(do_execve(p->fs->cwd(), StringView(path), args, true));
    t->frame_replaced = false;
    log_info("init: running %s as pid 1", path);
    enter_user_mode(t->user_frame);
}

// Linux's order: rdinit= (default /init) when there is an initramfs, then init=, then the
// built-in list. Command-line words that are not kernel options go to init: "a=b" into its
// environment, plain words into its arguments.
void start_user_space(const Cmdline& cmdline) {
    static const char* const kDefaults[] = {"/sbin/init", "/etc/init", "/bin/init", "/bin/sh"};
    static char rdinit[256], init[256];
    format(rdinit, sizeof(rdinit), "%.*s", static_cast<int>(cmdline.get("rdinit", "/init").length()),
           cmdline.get("rdinit", "/init").data());
    StringView init_opt = cmdline.get("init");
    format(init, sizeof(init), "%.*s", static_cast<int>(init_opt.length()), init_opt.data());
    const char* envp[33] = {"HOME=/", "TERM=linux"};
    usize ec = 2;
    static char extra_store[Cmdline::kMaxLength + Cmdline::kMaxOptions];
    usize used = 0;
    const char* extra_args[16];
    usize ac = 0;
    static const char* const kKernelKeys[] = {"console", "quiet", "loglevel", "panic", "ktest", "init", "rdinit",
                                              "trace", "trace_pid", "root", "rw", "ro", "earlyprintk", "noapic"};
    for (usize i = 0; i < cmdline.count(); i++) {
        const Cmdline::Option& o = cmdline.at(i);
        bool kernel_key = false;
        for (const char* k : kKernelKeys) kernel_key |= o.key == StringView(k);
        if (kernel_key || o.key.find('.') < o.key.length()) continue;
        usize n = format(extra_store + used, sizeof(extra_store) - used, "%.*s%s%.*s", static_cast<int>(o.key.length()),
                         o.key.data(), o.has_value ? "=" : "", static_cast<int>(o.value.length()), o.value.data());
        if (used + n + 1 > sizeof(extra_store)) break;
        if (o.has_value && ec < 32) envp[ec++] = extra_store + used;
        else if (!o.has_value && ac < 15) extra_args[ac++] = extra_store + used;
        used += n + 1;
    }
    envp[ec] = nullptr;
    auto try_run = [&](const char* path) {
        const char* argv[18] = {path};
        for (usize i = 0; i < ac; i++) argv[i + 1] = extra_args[i];
        argv[ac + 1] = nullptr;
        auto r = process_start_init(path, argv, envp);
        log_warn("init: cannot run %s (errno %d)", path, r.error_code());
    };
    try_run(rdinit);
    if (init[0]) try_run(init);
    for (const char* d : kDefaults) try_run(d);
    panic("No working init found. Try passing init= option to kernel.");
}
