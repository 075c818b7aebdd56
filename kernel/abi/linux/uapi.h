// SPDX-License-Identifier: MIT
// Include a Linux UAPI header as the kernel sees it. Some UAPI headers hide their definitions when
// __GLIBC__ is defined (libstdc++'s config headers define it even in freestanding builds), so it
// is hidden while they are read. Kernel code includes this header rather than the UAPI headers themselves.
#pragma once

#pragma push_macro("__GLIBC__")
#undef __GLIBC__
#include <linux/stat.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <asm/termios.h>   // struct termios/termios2/winsize, c_cc indices, TCGETS... (tty)
#include <asm/signal.h>
#include <asm/sigcontext.h>
#include <asm/ucontext.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/time.h>
#include <linux/resource.h>
#include <linux/utsname.h>
#include <linux/prctl.h>
#include <linux/reboot.h>
#include <linux/random.h>
#include <asm/prctl.h>
#include <asm-generic/siginfo.h>
#include <linux/signal.h>
#include <linux/sysinfo.h>
#include <linux/elf.h>
#include <linux/auxvec.h>
#include <linux/limits.h>   // PATH_MAX, NAME_MAX (vfs)
#include <linux/fs.h>       // SEEK_*, RENAME_*, and <linux/mount.h> MS_* (vfs)
#include <linux/magic.h>    // TMPFS_MAGIC... (statfs f_type)
#include <linux/major.h>    // MEM_MAJOR... (devfs)
#include <linux/loop.h>     // LOOP_*, struct loop_info64, loop_config (loop devices)
#include <linux/poll.h>     // POLLIN... (file readiness)
#include <linux/eventpoll.h>   // struct epoll_event, EPOLL* (epoll)
#include <asm/stat.h>       // struct stat, x86_64 layout (stat, fstat, newfstatat)
#include <asm/statfs.h>     // struct statfs (statfs, fstatfs)
#include <linux/uio.h>          // struct iovec, UIO_MAXIOV (readv/writev)
#include <linux/openat2.h>      // struct open_how, RESOLVE_* (openat2)
#include <linux/falloc.h>       // FALLOC_FL_* (fallocate)
#include <linux/close_range.h>  // CLOSE_RANGE_* (close_range)
#include <linux/futex.h>        // FUTEX_*, struct robust_list_head, struct futex_waitv (futex)
#include <linux/memfd.h>        // MFD_* (memfd_create)
#include <asm/ioctls.h>         // FIONBIO, FIOCLEX, FIONREAD... (ioctl)
#include <linux/ipc.h>           // struct ipc64_perm, IPC_* (System V IPC)
#include <linux/shm.h>           // struct shmid64_ds, shminfo64, shm_info, SHM_* (shmget...)
#include <linux/sem.h>           // struct semid64_ds, sembuf, seminfo, SEM_* (semget...)
#include <linux/xattr.h>         // XATTR_CREATE, XATTR_*_PREFIX (xattrs)
#include <linux/inotify.h>       // IN_*, struct inotify_event (inotify)
#include <linux/msg.h>           // struct msqid64_ds, msginfo, MSG_* (msgget...)
#include <linux/fadvise.h>       // POSIX_FADV_* (fadvise64)
#include <linux/ioprio.h>        // IOPRIO_* (ioprio_get/ioprio_set)
#include <linux/membarrier.h>    // MEMBARRIER_CMD_* (membarrier)
#include <linux/kcmp.h>          // KCMP_* (kcmp)
#include <linux/sched/types.h>   // struct sched_attr (sched_setattr)
#include <linux/capability.h>    // struct __user_cap_header_struct, CAP_*, _LINUX_CAPABILITY_VERSION_* (capget)
#include <linux/securebits.h>    // SECURE_*, SECBIT_* (prctl PR_SET_SECUREBITS)
#include <linux/seccomp.h>       // SECCOMP_*, struct seccomp_data (seccomp)
#include <linux/filter.h>        // struct sock_filter, sock_fprog, BPF_* (seccomp's classic BPF)
#include <linux/audit.h>         // AUDIT_ARCH_X86_64 (seccomp_data.arch, SIGSYS si_arch)
#include <linux/mqueue.h>        // struct mq_attr, MQ_PRIO_MAX, NOTIFY_COOKIE_LEN (mq_open...)
#include <linux/ptrace.h>        // PTRACE_*, struct ptrace_syscall_info (ptrace)
#include <linux/aio_abi.h>       // struct iocb, io_event, IOCB_CMD_* (Linux AIO)
#include <linux/timex.h>          // struct __kernel_timex, ADJ_*, STA_*, TIME_* (adjtimex)
#include <linux/mempolicy.h>      // MPOL_* (set_mempolicy, mbind...)
#pragma pop_macro("__GLIBC__")
