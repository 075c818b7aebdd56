# SPDX-License-Identifier: MIT
# The pure part of futexes (key hash, WAKE_OP arithmetic, PI word values, robust-list walk).
list(APPEND ARAMID_PURE_SOURCES ${K}/ipc/futex_word.cpp)
list(APPEND HOST_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/futex_test.cpp)
# The pure part of the event descriptors and POSIX timers: interval-timer arithmetic.
list(APPEND HOST_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/timer_math_test.cpp)
