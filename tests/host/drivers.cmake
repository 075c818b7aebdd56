# SPDX-License-Identifier: MIT
# Device drivers' pure parts: the virtio split-ring bookkeeping and partition-table parsing.
list(APPEND ARAMID_PURE_SOURCES ${K}/drivers/virtio/virtqueue.cpp ${K}/drivers/block/partition_table.cpp)
list(APPEND HOST_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/virtqueue_test.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/partition_table_test.cpp)
