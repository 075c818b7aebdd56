# SPDX-License-Identifier: MIT
# File-system change notification: the fsnotify hooks the VFS calls and inotify on top of them
# (kernel/fs/notify/). Included by kernel/CMakeLists.txt.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/notify/fsnotify.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/notify/inotify.cpp
)
