// SPDX-License-Identifier: MIT
// Helpers for the ext2 host tests: images made by mke2fs from a directory tree, an Ext2Io over
// the image file, and e2fsck's verdict on what the code wrote.
#pragma once

#include <string>

#include "fs/ext2/ext2_ops.h"

class FileIo final : public Ext2Io {
public:
    explicit FileIo(const std::string& path);
    ~FileIo();
    Result<void> read(u64 offset, void* buf, usize len) override;
    Result<void> write(u64 offset, const void* buf, usize len) override;
    u64 size_bytes() override;
    void log(const char* msg, u64 value) override;
    void now(i64& sec, u32& nsec) override {
        sec = 1700000000;
        nsec = 123456789;
    }
    int logs = 0;
    std::string last_log;

private:
    int m_fd;
};

// A scratch directory removed with everything in it at the end of the test.
struct TempDir {
    TempDir();
    ~TempDir();
    std::string path;
};

int run(const std::string& cmd);   // the shell's exit status
// mke2fs -t ext2 with extra options, populated from src_dir (may be empty), size in KiB.
std::string make_image(const TempDir& t, const std::string& name, const std::string& opts, const std::string& src_dir,
                       unsigned kib);
// e2fsck -fn: 0 when clean.
int fsck(const std::string& image);
void write_file(const std::string& path, const std::string& data);
