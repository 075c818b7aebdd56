// SPDX-License-Identifier: MIT
// Typed declarations of every syscall handler in syscalls.def. Argument order and meaning are
// Linux's (man 2 <name>); the dispatcher converts registers to these types.
#pragma once

#include "syscalls/light.h"
#include "syscalls/types.h"

// Process and identity (syscalls/process.cpp, identity.cpp, system.cpp)
SyscallResult sys_getppid();
SyscallResult sys_setuid(u32 uid);
SyscallResult sys_setgid(u32 gid);
SyscallResult sys_setreuid(u32 ruid, u32 euid);
SyscallResult sys_setregid(u32 rgid, u32 egid);
SyscallResult sys_setresuid(u32 ruid, u32 euid, u32 suid);
SyscallResult sys_setresgid(u32 rgid, u32 egid, u32 sgid);
SyscallResult sys_getresuid(UserPtr<u32> ruid, UserPtr<u32> euid, UserPtr<u32> suid);
SyscallResult sys_getresgid(UserPtr<u32> rgid, UserPtr<u32> egid, UserPtr<u32> sgid);
SyscallResult sys_setfsuid(u32 uid);
SyscallResult sys_setfsgid(u32 gid);
SyscallResult sys_getgroups(int size, UserPtr<u32> list);
SyscallResult sys_setgroups(usize size, UserPtr<const u32> list);
SyscallResult sys_getpgid(int pid);
SyscallResult sys_setpgid(int pid, int pgid);
SyscallResult sys_getsid(int pid);
SyscallResult sys_setsid();
SyscallResult sys_umask(u32 mask);
SyscallResult sys_uname(UserPtr<void> buf);
SyscallResult sys_sethostname(UserPtr<const char> name, usize len);
SyscallResult sys_setdomainname(UserPtr<const char> name, usize len);
SyscallResult sys_sysinfo(UserPtr<void> info);
SyscallResult sys_times(UserPtr<void> buf);
SyscallResult sys_getrusage(int who, UserPtr<void> usage);
SyscallResult sys_getrlimit(u32 resource, UserPtr<void> rlim);
SyscallResult sys_setrlimit(u32 resource, UserPtr<const void> rlim);
SyscallResult sys_prlimit64(int pid, u32 resource, UserPtr<const void> new_rlim, UserPtr<void> old_rlim);
SyscallResult sys_prctl(int option, u64 arg2, u64 arg3, u64 arg4, u64 arg5);
SyscallResult sys_arch_prctl(int code, u64 addr);
SyscallResult sys_set_tid_address(UserPtr<int> tidptr);
SyscallResult sys_reboot(int magic1, int magic2, u32 cmd, UserPtr<const void> arg);
SyscallResult sys_exit(int code);
SyscallResult sys_exit_group(int code);
SyscallResult sys_fork();
SyscallResult sys_vfork();
SyscallResult sys_clone(Flags flags, u64 stack, UserPtr<int> parent_tid, UserPtr<int> child_tid, u64 tls);
SyscallResult sys_clone3(UserPtr<void> uargs, usize size);
SyscallResult sys_unshare(Flags flags);
SyscallResult sys_setns(int fd, int nstype);
SyscallResult sys_execve(UserCString path, UserPtr<const u64> argv, UserPtr<const u64> envp);
SyscallResult sys_execveat(int dirfd, UserCString path, UserPtr<const u64> argv, UserPtr<const u64> envp, int flags);
SyscallResult sys_wait4(int pid, UserPtr<int> status, Flags options, UserPtr<void> rusage);
SyscallResult sys_waitid(int idtype, int id, UserPtr<void> infop, Flags options, UserPtr<void> rusage);
SyscallResult sys_sched_yield();
SyscallResult sys_sched_getaffinity(int pid, usize len, UserPtr<u64> mask);
SyscallResult sys_sched_setaffinity(int pid, usize len, UserPtr<const u64> mask);
SyscallResult sys_sched_getscheduler(int pid);
SyscallResult sys_sched_setscheduler(int pid, int policy, UserPtr<const int> param);
SyscallResult sys_sched_getparam(int pid, UserPtr<int> param);
SyscallResult sys_sched_setparam(int pid, UserPtr<const int> param);
SyscallResult sys_sched_get_priority_max(int policy);
SyscallResult sys_sched_get_priority_min(int policy);
SyscallResult sys_sched_rr_get_interval(int pid, UserPtr<void> tp);
SyscallResult sys_getcpu(UserPtr<u32> cpu, UserPtr<u32> node, UserPtr<void> cache);
SyscallResult sys_getpriority(int which, int who);
SyscallResult sys_setpriority(int which, int who, int niceval);
SyscallResult sys_personality(u32 persona);
SyscallResult sys_vhangup();   // syscalls/vhangup.cpp
// x86 LDT (arch/x86_64/ldt.cpp)
SyscallResult sys_modify_ldt(int func, UserPtr<void> ptr, u64 bytecount);

// System V IPC (ipc/sysv_shm.cpp, sysv_sem.cpp, sysv_msg.cpp)
SyscallResult sys_shmget(int key, usize size, Flags flg);
SyscallResult sys_shmat(int id, u64 addr, Flags flg);
SyscallResult sys_shmdt(u64 addr);
SyscallResult sys_shmctl(int id, int cmd, u64 buf);
SyscallResult sys_semget(int key, int nsems, Flags flg);
SyscallResult sys_semop(int id, u64 sops, usize nsops);
SyscallResult sys_semtimedop(int id, u64 sops, usize nsops, u64 timeout);
SyscallResult sys_semctl(int id, int semnum, int cmd, u64 arg);
SyscallResult sys_msgget(int key, Flags flg);
SyscallResult sys_msgsnd(int id, u64 msgp, usize msgsz, Flags flg);
SyscallResult sys_msgrcv(int id, u64 msgp, usize msgsz, i64 msgtyp, Flags flg);
SyscallResult sys_msgctl(int id, int cmd, u64 buf);

// Memory (syscalls/mm.cpp)
SyscallResult sys_brk(u64 addr);
SyscallResult sys_mmap(u64 addr, usize length, Flags prot, Flags flags, Fd fd, u64 offset);
SyscallResult sys_munmap(u64 addr, usize length);
SyscallResult sys_mprotect(u64 addr, usize length, Flags prot);
SyscallResult sys_mremap(u64 old_addr, usize old_size, usize new_size, Flags flags, u64 new_addr);
SyscallResult sys_madvise(u64 addr, usize length, int advice);
SyscallResult sys_mincore(u64 addr, usize length, UserPtr<u8> vec);
SyscallResult sys_msync(u64 addr, usize length, int flags);
SyscallResult sys_mlock(u64 addr, usize length);
SyscallResult sys_mlock2(u64 addr, usize length, Flags flags);
SyscallResult sys_munlock(u64 addr, usize length);
SyscallResult sys_mlockall(int flags);
SyscallResult sys_munlockall();

// Signals (syscalls/signal.cpp)
SyscallResult sys_rt_sigaction(int sig, UserPtr<const void> act, UserPtr<void> oldact, usize sigsetsize);
SyscallResult sys_rt_sigprocmask(int how, UserPtr<const u64> set, UserPtr<u64> oldset, usize sigsetsize);
SyscallResult sys_rt_sigreturn();
SyscallResult sys_rt_sigpending(UserPtr<u64> set, usize sigsetsize);
SyscallResult sys_rt_sigsuspend(UserPtr<const u64> mask, usize sigsetsize);
SyscallResult sys_rt_sigtimedwait(UserPtr<const u64> set, UserPtr<void> info, UserPtr<const void> timeout,
                                  usize sigsetsize);
SyscallResult sys_rt_sigqueueinfo(int pid, int sig, UserPtr<const void> info);
SyscallResult sys_rt_tgsigqueueinfo(int tgid, int tid, int sig, UserPtr<const void> info);
SyscallResult sys_kill(int pid, int sig);
SyscallResult sys_tkill(int tid, int sig);
SyscallResult sys_tgkill(int tgid, int tid, int sig);
SyscallResult sys_sigaltstack(UserPtr<const void> ss, UserPtr<void> old);
SyscallResult sys_pause();
SyscallResult sys_alarm(u32 seconds);
SyscallResult sys_setitimer(int which, UserPtr<const void> value, UserPtr<void> old);
SyscallResult sys_getitimer(int which, UserPtr<void> value);

// Time and randomness (syscalls/time.cpp)
SyscallResult sys_futex(UserPtr<u32> uaddr, int op, u32 val, u64 utime, UserPtr<u32> uaddr2, u32 val3);
SyscallResult sys_futex_waitv(UserPtr<const void> waiters, u32 nr, u32 flags, UserPtr<const void> timeout, int clockid);
SyscallResult sys_set_robust_list(UserPtr<void> head, usize len);
SyscallResult sys_get_robust_list(int pid, UserPtr<u64> head_ptr, UserPtr<u64> len_ptr);
SyscallResult sys_restart_syscall();
SyscallResult sys_nanosleep(UserPtr<const void> req, UserPtr<void> rem);
SyscallResult sys_clock_nanosleep(int clock, Flags flags, UserPtr<const void> req, UserPtr<void> rem);
SyscallResult sys_clock_gettime(int clock, UserPtr<void> tp);
SyscallResult sys_clock_getres(int clock, UserPtr<void> tp);
SyscallResult sys_clock_settime(int clock, UserPtr<const void> tp);
// syscalls/adjtimex.cpp
SyscallResult sys_adjtimex(UserPtr<void> tx);
SyscallResult sys_clock_adjtime(int clock, UserPtr<void> tx);
SyscallResult sys_gettimeofday(UserPtr<void> tv, UserPtr<void> tz);
SyscallResult sys_settimeofday(UserPtr<const void> tv, UserPtr<const void> tz);
SyscallResult sys_time(UserPtr<i64> t);
SyscallResult sys_getrandom(UserPtr<void> buf, usize len, Flags flags);

// Files: declared by the file-system families (syscalls/fs_handlers.h), included here.
#if __has_include("syscalls/fs_handlers.h")
#include "syscalls/fs_handlers.h"
#endif
#if __has_include("syscalls/pipe_handlers.h")
#include "syscalls/pipe_handlers.h"
#endif
#include "syscalls/inotify_handlers.h"
#include "syscalls/xattr_handlers.h"
#if __has_include("syscalls/net_handlers.h")
#include "syscalls/net_handlers.h"
#endif
#if __has_include("syscalls/event_fd_handlers.h")
#include "syscalls/event_fd_handlers.h"
#endif
#include "syscalls/misc_handlers.h"
#include "syscalls/mqueue_handlers.h"
#include "aio/aio_handlers.h"

// Another process's memory through a pidfd (syscalls/process_madvise.cpp)
SyscallResult sys_process_madvise(int pidfd, UserPtr<const void> vec, usize vlen, int behavior, u32 flags);
SyscallResult sys_process_mrelease(int pidfd, u32 flags);
// Old file-system queries (syscalls/fs_info.cpp)
SyscallResult sys_sysfs(int option, u64 arg1, u64 arg2);
SyscallResult sys_ustat(u32 dev, UserPtr<void> ubuf);

// NUMA memory policies (syscalls/mempolicy.cpp)
SyscallResult sys_set_mempolicy(int mode, UserPtr<const u64> nmask, u64 maxnode);
SyscallResult sys_get_mempolicy(UserPtr<int> policy, UserPtr<u64> nmask, u64 maxnode, u64 addr, u64 flags);
SyscallResult sys_mbind(u64 start, u64 len, u64 mode, UserPtr<const u64> nmask, u64 maxnode, u32 flags);
SyscallResult sys_set_mempolicy_home_node(u64 start, u64 len, u64 home_node, u64 flags);
SyscallResult sys_migrate_pages(int pid, u64 maxnode, UserPtr<const u64> old_nodes, UserPtr<const u64> new_nodes);
SyscallResult sys_move_pages(int pid, u64 count, UserPtr<const u64> pages, UserPtr<const int> nodes,
                             UserPtr<int> status, int flags);
