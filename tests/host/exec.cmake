# SPDX-License-Identifier: MIT
list(APPEND ARAMID_PURE_SOURCES ${K}/exec/elf.cpp ${K}/exec/initial_stack.cpp ${K}/exec/layout.cpp)
list(APPEND HOST_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/elf_test.cpp ${CMAKE_CURRENT_SOURCE_DIR}/initial_stack_test.cpp ${CMAKE_CURRENT_SOURCE_DIR}/exec_layout_test.cpp)
list(APPEND HOST_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/vdso_time_test.cpp)
