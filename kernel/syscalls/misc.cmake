# SPDX-License-Identifier: MIT
# Smaller syscall families: capabilities, the kernel log (syslog), I/O hints and priorities,
# membarrier, sched_attr, and reaching other processes (kcmp, process_vm_*, pidfds).
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/capability.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/prctl_mm.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/syslog.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/io_hints.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/ioprio.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/membarrier.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/sched_attr.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/task_access.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/kcmp.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/process_vm.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/seccomp.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/adjtimex.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/vhangup.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/mempolicy.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/process_madvise.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_info.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/pidfd.cpp
)
