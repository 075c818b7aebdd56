// SPDX-License-Identifier: MIT
// Extended attributes: declarations of the handlers in syscalls/fs_xattr.cpp. Included at the
// end of syscalls/handlers.h.
#pragma once

#include "syscalls/types.h"

SyscallResult sys_setxattr(UserCString path, UserCString name, UserPtr<const void> value, usize size, int flags);
SyscallResult sys_lsetxattr(UserCString path, UserCString name, UserPtr<const void> value, usize size, int flags);
SyscallResult sys_fsetxattr(Fd fd, UserCString name, UserPtr<const void> value, usize size, int flags);
SyscallResult sys_getxattr(UserCString path, UserCString name, UserPtr<void> value, usize size);
SyscallResult sys_lgetxattr(UserCString path, UserCString name, UserPtr<void> value, usize size);
SyscallResult sys_fgetxattr(Fd fd, UserCString name, UserPtr<void> value, usize size);
SyscallResult sys_listxattr(UserCString path, UserPtr<char> list, usize size);
SyscallResult sys_llistxattr(UserCString path, UserPtr<char> list, usize size);
SyscallResult sys_flistxattr(Fd fd, UserPtr<char> list, usize size);
SyscallResult sys_removexattr(UserCString path, UserCString name);
SyscallResult sys_lremovexattr(UserCString path, UserCString name);
SyscallResult sys_fremovexattr(Fd fd, UserCString name);
