# SPDX-License-Identifier: MIT
# The pure part of the event descriptors and POSIX timers: interval-timer arithmetic.
list(APPEND HOST_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/timer_math_test.cpp)
