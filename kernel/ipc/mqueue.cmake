# SPDX-License-Identifier: MIT
# POSIX message queues: the namespace, the queue files, send/receive, notification and the
# /proc/sys/fs/mqueue limits (kernel/ipc/mqueue*). Included by kernel/CMakeLists.txt.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/mqueue_names.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/mqueue_file.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/mqueue_io.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/mqueue_notify.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/mqueue_proc.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/mqueue_fs.cpp
)
