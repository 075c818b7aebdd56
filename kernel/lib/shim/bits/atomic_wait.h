// SPDX-License-Identifier: MIT
// Kernel shim: libstdc++'s atomic wait/notify (C++20) pulls in pthreads and the C library's
// types, which clash with the Linux UAPI headers the kernel uses. The kernel never uses
// std::atomic::wait (it has wait queues), so this empty header replaces it.
#pragma once
