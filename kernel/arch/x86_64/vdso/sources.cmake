# SPDX-License-Identifier: MIT
# The vDSO: built as its own shared object (user-space code: PIC, no kernel flags), checked to be
# mappable as is (tools/check-vdso), and embedded in the kernel image by vdso_image.S. Editing any
# of its sources or headers rebuilds the .so and the kernel (depfile).
set(VDSO_SRC ${CMAKE_CURRENT_SOURCE_DIR}/arch/x86_64/vdso)
set(VDSO_SO ${CMAKE_BINARY_DIR}/vdso/vdso64.so)
set(VDSO_FLAGS
  -std=gnu++20 -O2 -fPIC -shared -nostdlib -ffreestanding -fno-exceptions -fno-rtti
  -fno-stack-protector -fno-sanitize=all -mgeneral-regs-only -fvisibility=hidden -fcf-protection=none
  -fasynchronous-unwind-tables -fomit-frame-pointer
  -Wall -Wextra -Werror
  -I${CMAKE_CURRENT_SOURCE_DIR} -I${CMAKE_CURRENT_SOURCE_DIR}/arch/include -isystem ${ARAMID_UAPI_DIR}
  -Wl,--hash-style=both -Wl,--version-script=${VDSO_SRC}/vdso.map -Wl,-T,${VDSO_SRC}/vdso.lds
  -Wl,-soname,linux-vdso.so.1 -Wl,--eh-frame-hdr -Wl,-z,max-page-size=4096 -Wl,--build-id=sha1
  -Wl,-z,noexecstack -Wl,--no-undefined -Wl,--strip-all)
add_custom_command(OUTPUT ${VDSO_SO}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/vdso
  COMMAND ${CMAKE_CXX_COMPILER} ${VDSO_FLAGS} -MD -MF ${VDSO_SO}.d -MT ${VDSO_SO} -o ${VDSO_SO} ${VDSO_SRC}/vdso.cpp
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tools/check-vdso ${VDSO_SO}
  DEPENDS ${VDSO_SRC}/vdso.cpp ${VDSO_SRC}/vdso.lds ${VDSO_SRC}/vdso.map ${PROJECT_SOURCE_DIR}/tools/check-vdso
  DEPFILE ${VDSO_SO}.d
  COMMENT "Building and checking the vDSO"
  VERBATIM)
set_source_files_properties(${VDSO_SRC}/vdso_image.S PROPERTIES
  OBJECT_DEPENDS ${VDSO_SO} COMPILE_DEFINITIONS VDSO_IMAGE="${VDSO_SO}")

list(APPEND KERNEL_SOURCES
  ${VDSO_SRC}/vdso_image.S
  ${VDSO_SRC}/vdso_kernel.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/exec/vdso.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/vdso_tests.cpp
)
