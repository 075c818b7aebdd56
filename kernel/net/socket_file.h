// SPDX-License-Identifier: MIT
// Sockets as open files: creating the File of a socket and finding the socket behind a File.
#pragma once

#include "net/unix_socket.h"

// A File (O_RDWR, plus O_NONBLOCK) on a fresh sockfs inode that owns sock.
Result<RefPtr<File>> socket_file_create(RefPtr<UnixSocket> sock, bool nonblock);
// The socket an open file is, or null (linux: sock_from_file()).
UnixSocket* socket_of(const File& file);
