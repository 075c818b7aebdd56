# SPDX-License-Identifier: MIT
# The inet stack (kernel/net/inet/): devices, Ethernet and ARP, routes, IPv4/IPv6, ICMP, UDP and TCP sockets.
# Included by kernel/CMakeLists.txt.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/wire.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/tcp_cb.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/tcp_rto.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/inet_core.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/netdev.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/ip.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/link_wire.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/arp.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/route.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/net_thread.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/tcp_timer.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/icmp.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/inet_table.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/inet_addr.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/inet_socket.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/inet_options.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/udp.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/raw.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/tcp_conn.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/tcp_input.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/tcp_data.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/netlink_socket.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/netlink_config.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/netlink_dump.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/inet/proc_net.cpp
  ${PROJECT_SOURCE_DIR}/tests/ktest/net_tests.cpp
)
