# SPDX-License-Identifier: MIT
# System V IPC: shared memory, semaphores and message queues, one set of tables per IPC namespace,
# and their /proc files. Included by kernel/CMakeLists.txt.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/ipc_namespace.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/sysv_ipc.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/sysv_shm.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/sysv_sem.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/sysv_msg.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/sysv_proc.cpp
)
