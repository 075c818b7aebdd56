// SPDX-License-Identifier: MIT
// Access checks on inodes for the VFS operations: Linux's inode_permission() over
// core/credentials.h's permission_allows (mode bits and CAP_DAC_*; no ACLs), and the
// sticky-directory rule for removing or renaming entries.
#pragma once

#include "fs/vfs/inode.h"

// EACCES unless creds may access inode with mask (kMayRead | kMayWrite | kMayExec).
Result<void> inode_permission(const Credentials& creds, const Inode& inode, int mask);
// Whether creds owns the inode or holds CAP_FOWNER (chmod, utimes with explicit times...).
// linux: inode_owner_or_capable().
bool inode_owner_or_capable(const Credentials& creds, const Inode& inode);
// May creds remove (or rename away) victim from dir? Write and search permission on dir, then,
// in a sticky directory (S_ISVTX), only the owner of the victim, the owner of the directory or
// CAP_FOWNER (EPERM otherwise). linux: fs/namei.c may_delete(), check_sticky().
Result<void> may_delete(const Credentials& creds, const Inode& dir, const Inode& victim);
// May creds create an entry in dir? Write and search permission; ENOENT if dir was removed.
Result<void> may_create(const Credentials& creds, const Inode& dir);
