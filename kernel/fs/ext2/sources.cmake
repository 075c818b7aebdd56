# SPDX-License-Identifier: MIT
# ext2: the pure on-disk core (also built for the host tests, tests/host/fs.cmake) and its VFS
# layer.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/ext2/ext2_volume.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/ext2/ext2_cache.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/ext2/ext2_alloc.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/ext2/ext2_map.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/ext2/ext2_dir.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/ext2/ext2_ops.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/ext2/ext2_fs.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/ext2/ext2_inode.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/ext2/ext2_namei.cpp
)
