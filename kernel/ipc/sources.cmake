# SPDX-License-Identifier: MIT
# Pipes, FIFOs, splice and the poll family (kernel/fs/pipe/, syscalls/fs_pipe.cpp and
# syscalls/fs_poll.cpp), plus their ktests. Included by kernel/CMakeLists.txt.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/pipe/pipe.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/pipe/pipe_file.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/pipe/fifo.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/pipe/splice.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/pipe/poll_wait.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_pipe.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/fs_poll.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/pipe_tests.cpp
  # Futexes: keys and hash buckets, wait/wake/requeue, PI, robust lists (kernel/ipc/futex*).
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/futex_word.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/futex_key.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/futex_table.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/futex_wait.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/futex_pi.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/futex_robust.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/futex_syscalls.cpp
)
