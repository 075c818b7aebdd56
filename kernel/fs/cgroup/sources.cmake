# SPDX-License-Identifier: MIT
# Control groups v2 and the cgroup2 file system (included by kernel/CMakeLists.txt).
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/cgroup/cgroup.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/cgroup/cgroup_files.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/cgroup/cgroupfs.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/cgroup/cgroup_proc.cpp
)
