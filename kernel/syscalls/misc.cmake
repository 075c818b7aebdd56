# SPDX-License-Identifier: MIT
# Smaller syscall families: capabilities, the kernel log (syslog), I/O hints and priorities.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/capability.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/syslog.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/io_hints.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/ioprio.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/membarrier.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/sched_attr.cpp
)
