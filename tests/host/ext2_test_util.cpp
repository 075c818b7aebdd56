// SPDX-License-Identifier: MIT
#include "ext2_test_util.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

FileIo::FileIo(const std::string& path) : m_fd(::open(path.c_str(), O_RDWR)) {}
FileIo::~FileIo() {
    if (m_fd >= 0) ::close(m_fd);
}

Result<void> FileIo::read(u64 offset, void* buf, usize len) {
    if (offset % 512 || len % 512) return Error(EINVAL);
    if (::pread(m_fd, buf, len, static_cast<off_t>(offset)) != static_cast<ssize_t>(len)) return Error(EIO);
    return {};
}

Result<void> FileIo::write(u64 offset, const void* buf, usize len) {
    if (offset % 512 || len % 512) return Error(EINVAL);
    if (::pwrite(m_fd, buf, len, static_cast<off_t>(offset)) != static_cast<ssize_t>(len)) return Error(EIO);
    return {};
}

u64 FileIo::size_bytes() {
    struct stat st;
    return ::fstat(m_fd, &st) == 0 ? static_cast<u64>(st.st_size) : 0;
}

void FileIo::log(const char* msg, u64 value) {
    logs++;
    last_log = msg;
    std::fprintf(stderr, "ext2: %s %llu\n", msg, static_cast<unsigned long long>(value));
}

TempDir::TempDir() {
    char tmpl[] = "/tmp/ext2-test-XXXXXX";
    path = ::mkdtemp(tmpl);
}

TempDir::~TempDir() { run("rm -rf '" + path + "'"); }

int run(const std::string& cmd) {
    int st = std::system(cmd.c_str());
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

std::string make_image(const TempDir& t, const std::string& name, const std::string& opts, const std::string& src_dir,
                       unsigned kib) {
    std::string img = t.path + "/" + name;
    std::string cmd = "mke2fs -q -F -t ext2 -E root_owner=0:0 " + opts + (src_dir.empty() ? "" : " -d '" + src_dir + "'") +
                      " '" + img + "' " + std::to_string(kib) + " >/dev/null 2>&1";
    if (run(cmd) != 0) return "";
    return img;
}

int fsck(const std::string& image) { return run("e2fsck -fn '" + image + "' >&2"); }

void write_file(const std::string& path, const std::string& data) {
    FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(data.data(), 1, data.size(), f);
    std::fclose(f);
}
