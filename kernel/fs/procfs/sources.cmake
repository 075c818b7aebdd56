# SPDX-License-Identifier: MIT
# procfs and sysfs (included by kernel/CMakeLists.txt), and the ktests that drive them.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/seq_buf.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_inode.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_root.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_task.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_pid_dir.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_pid_files.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_pid_mm.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_pid_smaps.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_oom.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_coredump.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_fd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_pid_ns.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/nsfs/nsfs.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_mounts.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_system.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/proc_sys.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/procfs/cpuinfo_x86.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/sysfs/sysfs.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/procfs_tests.cpp
)
