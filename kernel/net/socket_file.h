// SPDX-License-Identifier: MIT
// Sockets as open files: creating the File of a socket and finding the socket behind a File.
#pragma once

#include "net/socket.h"

// A File (O_RDWR, plus O_NONBLOCK) on a fresh sockfs inode that owns sock.
Result<RefPtr<File>> socket_file_create(RefPtr<Socket> sock, bool nonblock);
// The socket an open file is, or null (linux: sock_from_file()).
Socket* socket_of(const File& file);
