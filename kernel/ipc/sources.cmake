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
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/futex_weak_stub.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/pipe_tests.cpp
)
