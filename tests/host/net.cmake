# SPDX-License-Identifier: MIT
# The pure part of the inet stack: wire formats and checksums (with bad frames), the TCP state machine
# and its retransmission, byte queues.
list(APPEND ARAMID_PURE_SOURCES ${K}/net/inet/wire.cpp ${K}/net/inet/link_wire.cpp ${K}/net/inet/tcp_cb.cpp
  ${K}/net/inet/tcp_rto.cpp)
list(APPEND HOST_TEST_SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/inet_wire_test.cpp ${CMAKE_CURRENT_SOURCE_DIR}/tcp_cb_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/tcp_rtx_test.cpp ${CMAKE_CURRENT_SOURCE_DIR}/link_wire_test.cpp)
