# SPDX-License-Identifier: MIT
# Linux native AIO (io_setup, io_submit, io_getevents...). Included by kernel/CMakeLists.txt.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/aio/aio_context.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/aio/aio_poll.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/aio/aio_syscalls.cpp
)
