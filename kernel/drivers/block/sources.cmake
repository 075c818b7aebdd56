# SPDX-License-Identifier: MIT
# Block devices: the registry file systems find their device in, and the drivers.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/block/block_device.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/block/block_majors.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/block/block_file.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/block/block_ioctl.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/block/block_geometry.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/block/block_proc.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/block/partition.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/block/partition_table.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/block/loop.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/block/loop_control.cpp
)
