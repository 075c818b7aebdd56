# SPDX-License-Identifier: MIT
"""The shared objects an ELF file needs, found as glibc's loader would find them in an image tree.

Only the ELF dynamic section is read (DT_NEEDED, DT_RPATH, DT_RUNPATH, PT_INTERP); nothing is executed,
so the tree's programs never run on the host. The search order is the loader's (ld.so(8)):
DT_RPATH of the object and of the objects that loaded it (only while the object has no DT_RUNPATH),
then DT_RUNPATH of the object, then the directories of the tree's /etc/ld.so.conf (what ld.so.cache
holds), then Debian's trusted system directories. $ORIGIN and $LIB are expanded as glibc does.
"""
import glob
import os
import posixpath
import struct

PT_LOAD, PT_DYNAMIC, PT_INTERP = 1, 2, 3
DT_NULL, DT_NEEDED, DT_STRTAB, DT_RPATH, DT_RUNPATH = 0, 1, 5, 15, 29
EM_X86_64 = 62
# Debian's glibc is configured with slibdir=/lib/x86_64-linux-gnu and libdir=/usr/lib/x86_64-linux-gnu;
# those, then /lib and /usr/lib, are the directories it searches when nothing else names the library.
SYSTEM_DIRS = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib", "/usr/lib"]
LIB_TOKEN = "lib/x86_64-linux-gnu"


class ElfInfo:
    def __init__(self, interp, needed, rpath, runpath):
        self.interp, self.needed, self.rpath, self.runpath = interp, needed, rpath, runpath


def read_elf(path):
    """ElfInfo of a 64-bit x86-64 ELF file, or None for anything else (scripts, data, other machines)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return None
    (e_machine,) = struct.unpack_from("<H", data, 18)
    if e_machine != EM_X86_64:
        return None
    e_phoff, = struct.unpack_from("<Q", data, 32)
    e_phentsize, e_phnum = struct.unpack_from("<HH", data, 54)
    loads, dynamic, interp = [], None, None
    for i in range(e_phnum):
        off = e_phoff + i * e_phentsize
        p_type, _flags, p_offset, p_vaddr, _paddr, p_filesz, _memsz = struct.unpack_from("<IIQQQQQ", data, off)
        if p_type == PT_LOAD:
            loads.append((p_vaddr, p_offset, p_filesz))
        elif p_type == PT_DYNAMIC:
            dynamic = (p_offset, p_filesz)
        elif p_type == PT_INTERP:
            interp = data[p_offset:p_offset + p_filesz].split(b"\0")[0].decode()
    if dynamic is None:
        return ElfInfo(interp, [], [], None)
    entries = []
    for off in range(dynamic[0], dynamic[0] + dynamic[1], 16):
        tag, val = struct.unpack_from("<qQ", data, off)
        if tag == DT_NULL:
            break
        entries.append((tag, val))
    strtab_vaddr = next((v for t, v in entries if t == DT_STRTAB), None)
    if strtab_vaddr is None:
        raise ValueError(f"{path}: dynamic section without DT_STRTAB")
    strtab = None
    for vaddr, offset, filesz in loads:
        if vaddr <= strtab_vaddr < vaddr + filesz:
            strtab = strtab_vaddr - vaddr + offset
    if strtab is None:
        raise ValueError(f"{path}: DT_STRTAB outside every PT_LOAD")

    def string(off):
        end = data.index(b"\0", strtab + off)
        return data[strtab + off:end].decode()

    needed = [string(v) for t, v in entries if t == DT_NEEDED]
    rpath = [d for t, v in entries if t == DT_RPATH for d in string(v).split(":") if d]
    runpath = [d for t, v in entries if t == DT_RUNPATH for d in string(v).split(":") if d]
    return ElfInfo(interp, needed, rpath, runpath if any(t == DT_RUNPATH for t, _ in entries) else None)


class Tree:
    """A root directory seen from inside: absolute symlinks resolve against the root, never the host."""

    def __init__(self, root):
        self.root = root

    def host(self, path):
        return os.path.join(self.root, path.lstrip("/"))

    def resolve(self, path, used=None):
        """The symlink-free path of `path` inside the tree, or None if it does not exist. Every symlink
        passed on the way is added to `used` (the image needs them for the path to work at run time)."""
        parts = [p for p in path.split("/") if p]
        done = "/"
        hops = 0
        while parts:
            part = parts.pop(0)
            if part == ".":
                continue
            if part == "..":
                done = posixpath.dirname(done)
                continue
            cand = posixpath.join(done, part)
            h = self.host(cand)
            if os.path.islink(h):
                hops += 1
                if hops > 40:
                    return None
                if used is not None:
                    used.add(cand)
                target = os.readlink(h)
                parts = [p for p in target.split("/") if p] + parts
                if target.startswith("/"):
                    done = "/"
                continue
            if not os.path.lexists(h):
                return None
            done = cand
        return done

    def ld_so_conf_dirs(self, conf="/etc/ld.so.conf", seen=None):
        seen = seen if seen is not None else set()
        real = self.resolve(conf)
        if real is None or real in seen:
            return []
        seen.add(real)
        dirs = []
        with open(self.host(real)) as f:
            for line in f:
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                if line.startswith("include "):
                    for pattern in line.split()[1:]:
                        if not pattern.startswith("/"):
                            pattern = posixpath.join(posixpath.dirname(conf), pattern)
                        for match in sorted(glob.glob(self.host(pattern))):
                            dirs += self.ld_so_conf_dirs("/" + os.path.relpath(match, self.root), seen)
                else:
                    dirs.append(line)
        return dirs


class Resolver:
    """Closure of the files an ELF needs at run time: interpreter, libraries, and the symlinks to them."""

    def __init__(self, tree):
        self.tree = tree
        self.cache_dirs = tree.ld_so_conf_dirs()
        self.info = {}

    def elf(self, real):
        if real not in self.info:
            self.info[real] = read_elf(self.tree.host(real))
        return self.info[real]

    def expand(self, d, origin):
        d = d.replace("${ORIGIN}", origin).replace("$ORIGIN", origin)
        d = d.replace("${LIB}", LIB_TOKEN).replace("$LIB", LIB_TOKEN)
        return None if "$" in d else d

    def find(self, name, obj, rpath_chain, used):
        """Resolved path of library `name` needed by `obj` (a resolved path), or None."""
        info = self.elf(obj)
        origin = posixpath.dirname(obj)
        if "/" in name:
            candidates = [name if name.startswith("/") else posixpath.join(origin, name)]
        else:
            dirs = []
            if info.runpath is None:
                dirs += [self.expand(d, o) for d, o in rpath_chain]
            dirs += [self.expand(d, origin) for d in (info.runpath or [])]
            dirs += self.cache_dirs + SYSTEM_DIRS
            candidates = [posixpath.join(d, name) for d in dirs if d]
        for cand in candidates:
            links = set()
            real = self.tree.resolve(cand, links)
            if real is None or not os.path.isfile(self.tree.host(real)):
                continue
            if self.elf(real) is None:
                continue
            used.update(links)
            used.add(real)
            return real
        return None

    def closure(self, paths):
        """All files (resolved paths and the symlinks leading to them) the given ELF files need.
        Raises LookupError naming every library that cannot be found."""
        used, missing = set(), []
        work = []
        for p in paths:
            real = self.tree.resolve(p, used)
            if real is not None and self.elf(real) is not None:
                work.append((real, []))
        seen = set()
        while work:
            obj, chain = work.pop()
            if obj in seen:
                continue
            seen.add(obj)
            info = self.elf(obj)
            if info.interp:
                links = set()
                real = self.tree.resolve(info.interp, links)
                if real is None:
                    missing.append(f"{info.interp} (interpreter of {obj})")
                else:
                    used.update(links)
                    used.add(real)
                    work.append((real, []))
            # The RPATHs of an object and of the objects that loaded it, nearest first.
            own = [(d, posixpath.dirname(obj)) for d in info.rpath] + chain
            for name in info.needed:
                real = self.find(name, obj, own, used)
                if real is None:
                    missing.append(f"{name} (needed by {obj})")
                else:
                    work.append((real, own))
        if missing:
            raise LookupError("libraries not found in the tree: " + ", ".join(sorted(set(missing))))
        return used
