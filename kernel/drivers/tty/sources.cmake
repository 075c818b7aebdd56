# SPDX-License-Identifier: MIT
# The terminal layer: line discipline, Tty, the 16550 console backend, the terminal devices, ptys.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/tty/line_discipline.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/tty/tty.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/tty/tty_ioctl.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/tty/serial_tty.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/tty/tty_devices.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/tty/kmsg.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/tty/pty_queue.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/tty/pty.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/tty/pty_master.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/tty_tests.cpp
)
