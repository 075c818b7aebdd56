# SPDX-License-Identifier: MIT
# The file-system syscall families (syscalls/fs_*.cpp) and their in-kernel tests.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_common.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_open.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_resolve.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_rw.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_iov.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_fd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_locks.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_lock_ranges.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_stat.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_dir.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_link.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_attr.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/file_handle.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_xattr.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_mount.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_pivot_root.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_ioctl.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_copy.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/fs_syscall_tests.cpp
)
