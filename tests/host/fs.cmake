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

# ext2: the on-disk core, tested on images made by mke2fs and checked with e2fsck.
list(APPEND ARAMID_PURE_SOURCES
  ${K}/fs/ext2/ext2_volume.cpp
  ${K}/fs/ext2/ext2_cache.cpp
  ${K}/fs/ext2/ext2_alloc.cpp
  ${K}/fs/ext2/ext2_map.cpp
  ${K}/fs/ext2/ext2_dir.cpp
  ${K}/fs/ext2/ext2_ops.cpp
)
list(APPEND HOST_TEST_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/ext2_test_util.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ext2_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ext2_corrupt_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ext2_cache_test.cpp
)
