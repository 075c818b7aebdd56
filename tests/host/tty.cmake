# SPDX-License-Identifier: MIT
# The terminal layer's pure part: the N_TTY line discipline, the pty master queue and their unit tests.
list(APPEND ARAMID_PURE_SOURCES ${K}/drivers/tty/line_discipline.cpp ${K}/drivers/tty/pty_queue.cpp)
list(APPEND HOST_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/tty_test.cpp ${CMAKE_CURRENT_SOURCE_DIR}/pty_test.cpp)
