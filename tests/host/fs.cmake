# SPDX-License-Identifier: MIT
# The pure parts of the file-system code (path splitting, getdents64 records, tmpfs's page
# tree, the cpio reader) and the ChaCha20 block function, tested on the host.
list(APPEND ARAMID_PURE_SOURCES
  ${K}/fs/vfs/path.cpp
  ${K}/fs/vfs/dirent.cpp
  ${K}/mm/page_tree.cpp
  ${K}/fs/initramfs/cpio.cpp
  ${K}/fs/devpts/devpts_options.cpp
)
list(APPEND HOST_TEST_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/cpio_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/path_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/page_tree_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/chacha20_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/devpts_options_test.cpp
)
