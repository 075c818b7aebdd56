# SPDX-License-Identifier: MIT
# Event descriptors (eventfd, timerfd, signalfd) and epoll instances on anonymous inodes, and the POSIX timers,
# with the timer engine they share. Included by kernel/CMakeLists.txt.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/anon/anon_inode.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/fd_events.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/clock_timer.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/eventfd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/timerfd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/signalfd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/epoll.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ipc/posix_timers.cpp
)
