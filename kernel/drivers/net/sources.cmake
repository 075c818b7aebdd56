# SPDX-License-Identifier: MIT
# Network device drivers.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/net/virtio_net.cpp
)
