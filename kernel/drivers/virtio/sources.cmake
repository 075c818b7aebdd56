# SPDX-License-Identifier: MIT
# virtio: the split virtqueue, the modern PCI transport, and the block driver.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/virtio/virtqueue.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/virtio/virtio_pci.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/drivers/virtio/virtio_blk.cpp
)
