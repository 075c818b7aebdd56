# SPDX-License-Identifier: MIT
# AF_UNIX sockets (kernel/net/) and the socket system calls (syscalls/net_*.cpp). Included by
# kernel/CMakeLists.txt.
list(APPEND KERNEL_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/net/unix_socket.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/unix_names.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/unix_connect.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/unix_send.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/unix_recv.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/unix_options.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/unix_gc.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/net/socket_file.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/net_addr.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/net_socket.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/net_options.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/net_msg.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/syscalls/net_cmsg.cpp
)
