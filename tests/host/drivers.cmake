# SPDX-License-Identifier: MIT
# Device drivers' pure parts: the virtio split-ring bookkeeping and its unit test.
list(APPEND ARAMID_PURE_SOURCES ${K}/drivers/virtio/virtqueue.cpp)
list(APPEND HOST_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/virtqueue_test.cpp)
