# SPDX-License-Identifier: MIT
# ptrace(2): the stops and hooks (core/ptrace.cpp), the requests (core/ptrace_requests.cpp) and
# the x86_64 register layouts (arch/x86_64/ptrace_regs.cpp). Included by kernel/CMakeLists.txt.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/core/ptrace.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/core/ptrace_requests.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/arch/x86_64/ptrace_regs.cpp
)
