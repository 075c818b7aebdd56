# SPDX-License-Identifier: MIT
# The VFS, tmpfs, initramfs and devfs (included by kernel/CMakeLists.txt), plus the CSPRNG and
# the ktests that drive them.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/path.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/dirent.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/inode.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/dentry.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/mount.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/file.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/walk.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/permission.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/stat.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/vfs_namei.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/vfs_attr.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/vfs.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/xattr_store.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/vfs/vfs_xattr.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/mm/page_tree.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/mm/page_cache.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/tmpfs/tmpfs.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/tmpfs/tmpfs_dir.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/tmpfs/tmpfs_file.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/tmpfs/memfd.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/initramfs/cpio.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/initramfs/initramfs.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/devfs/chardev.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/devfs/mem_devices.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/devfs/devtmpfs.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/devpts/devpts_options.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/fs/devpts/devpts.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/core/random.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/arch/x86_64/random.cpp
)

# ktests, with the archive vfs.initramfs_* unpacks (made by GNU cpio at build time).
set(VFS_TEST_CPIO ${CMAKE_BINARY_DIR}/vfs_test_initramfs.cpio)
add_custom_command(OUTPUT ${VFS_TEST_CPIO}
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/ktest/make_vfs_test_cpio.sh ${VFS_TEST_CPIO}
  DEPENDS ${PROJECT_SOURCE_DIR}/tests/ktest/make_vfs_test_cpio.sh
  COMMENT "Building the vfs ktest initramfs with cpio")
set_source_files_properties(${PROJECT_SOURCE_DIR}/tests/ktest/vfs_test_cpio.S PROPERTIES
  COMPILE_DEFINITIONS VFS_TEST_CPIO="${VFS_TEST_CPIO}"
  OBJECT_DEPENDS ${VFS_TEST_CPIO})
list(APPEND KERNEL_SOURCES
  ${PROJECT_SOURCE_DIR}/tests/ktest/vfs_tests.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/vfs_rename_tests.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/vfs_file_tests.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/page_cache_tests.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/vfs_test_cpio.S
)
