// SPDX-License-Identifier: MIT
// Finds the vDSO through AT_SYSINFO_EHDR and looks up its symbols by name and version, the way
// musl's vdso.c and glibc's dl-vdso do (program headers, then the dynamic section's tables).
#ifndef VDSO_ELF_H
#define VDSO_ELF_H
#include <elf.h>
#include <string.h>
#include <sys/auxv.h>

struct ct_vdso {
    const Elf64_Ehdr *eh;
    uintptr_t bias;            // load address minus link address
    int loads, dynamic, notes, eh_frame;
    const Elf64_Phdr *load;
    const Elf64_Sym *sym;
    const char *str;
    const Elf64_Half *versym;
    const Elf64_Verdef *verdef;
    const Elf32_Word *hash;
    int gnu_hash;
    unsigned note_major, note_minor;   // from the "Linux" note
    int note_found;
};

// 0 when AT_SYSINFO_EHDR points to a usable ELF; -1 otherwise.
static int ct_vdso_open(struct ct_vdso *v)
{
    memset(v, 0, sizeof *v);
    v->eh = (const Elf64_Ehdr *)getauxval(AT_SYSINFO_EHDR);
    if (!v->eh || memcmp(v->eh->e_ident, ELFMAG, SELFMAG) != 0) return -1;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)((const char *)v->eh + v->eh->e_phoff);
    const Elf64_Dyn *dyn = NULL;
    for (int i = 0; i < v->eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD) {
            if (!v->loads++) {
                v->load = &ph[i];
                v->bias = (uintptr_t)v->eh + ph[i].p_offset - ph[i].p_vaddr;
            }
        } else if (ph[i].p_type == PT_DYNAMIC) {
            v->dynamic++;
            dyn = (const Elf64_Dyn *)((const char *)v->eh + ph[i].p_offset);
        } else if (ph[i].p_type == PT_NOTE) {
            v->notes++;
            const char *p = (const char *)v->eh + ph[i].p_offset, *end = p + ph[i].p_filesz;
            while (p + sizeof(Elf64_Nhdr) <= end) {
                const Elf64_Nhdr *n = (const Elf64_Nhdr *)p;
                const char *name = p + sizeof *n;
                const char *desc = name + ((n->n_namesz + 3) & ~3u);
                if (n->n_namesz == 6 && !memcmp(name, "Linux", 6) && n->n_type == 0 && n->n_descsz >= 4) {
                    unsigned code = *(const unsigned *)desc;
                    v->note_found = 1;
                    v->note_major = code >> 16;
                    v->note_minor = (code >> 8) & 0xff;
                }
                p = desc + ((n->n_descsz + 3) & ~3u);
            }
        } else if (ph[i].p_type == PT_GNU_EH_FRAME) {
            v->eh_frame++;
        }
    }
    if (!v->load || !dyn) return -1;
    for (; dyn->d_tag != DT_NULL; dyn++) {
        const void *p = (const void *)(v->bias + dyn->d_un.d_ptr);
        switch (dyn->d_tag) {
        case DT_SYMTAB: v->sym = p; break;
        case DT_STRTAB: v->str = p; break;
        case DT_VERSYM: v->versym = p; break;
        case DT_VERDEF: v->verdef = p; break;
        case DT_HASH: v->hash = p; break;
        case DT_GNU_HASH: v->gnu_hash = 1; break;
        }
    }
    return v->sym && v->str && v->hash ? 0 : -1;
}

// The version name of symbol i (through .gnu.version and .gnu.version_d), or NULL.
static const char *ct_vdso_version(const struct ct_vdso *v, unsigned i)
{
    if (!v->versym || !v->verdef) return NULL;
    unsigned want = v->versym[i] & 0x7fff;
    const Elf64_Verdef *d = v->verdef;
    for (;;) {
        if (d->vd_ndx == want && !(d->vd_flags & VER_FLG_BASE)) {
            const Elf64_Verdaux *a = (const Elf64_Verdaux *)((const char *)d + d->vd_aux);
            return v->str + a->vda_name;
        }
        if (!d->vd_next) return NULL;
        d = (const Elf64_Verdef *)((const char *)d + d->vd_next);
    }
}

// The address of the defined function `name` with version `version`, or NULL; *bind gets its binding.
static void *ct_vdso_sym(const struct ct_vdso *v, const char *name, const char *version, int *bind)
{
    unsigned n = v->hash[1];   // nchain: the number of symbols
    for (unsigned i = 1; i < n; i++) {
        const Elf64_Sym *s = &v->sym[i];
        if (s->st_shndx == SHN_UNDEF || ELF64_ST_TYPE(s->st_info) != STT_FUNC) continue;
        if (strcmp(v->str + s->st_name, name) != 0) continue;
        const char *ver = ct_vdso_version(v, i);
        if (!ver || strcmp(ver, version) != 0) continue;
        if (bind) *bind = ELF64_ST_BIND(s->st_info);
        return (void *)(v->bias + s->st_value);
    }
    return NULL;
}
#endif
