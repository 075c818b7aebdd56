// SPDX-License-Identifier: MIT
// In-kernel UBSan runtime (debug builds compile the kernel with -fsanitize=undefined). Each
// report names the check and the source location, then panics: undefined behaviour in a
// kernel is never harmless.
// These are the compiler's ABI hooks: nothing in the kernel declares them.
#pragma GCC diagnostic ignored "-Wmissing-declarations"
#include "core/panic.h"
#include "lib/types.h"

namespace {

struct SourceLocation {
    const char* file;
    u32 line;
    u32 column;
};

struct TypeDescriptor {
    u16 kind;
    u16 info;
    char name[1];
};

struct Located {
    SourceLocation loc;
};

struct TypeMismatchData {
    SourceLocation loc;
    const TypeDescriptor* type;
    u8 log_alignment;
    u8 type_check_kind;
};

[[noreturn]] void report(const char* what, const SourceLocation& loc) {
    panic("UBSan: %s at %s:%u:%u", what, loc.file ? loc.file : "?", loc.line, loc.column);
}

}  // namespace

extern "C" {

#define UBSAN_SIMPLE(name, what)                                    \
    [[noreturn]] void __ubsan_handle_##name(const Located* d, ...) { \
        report(what, d->loc);                                       \
    }

UBSAN_SIMPLE(add_overflow, "signed addition overflow")
UBSAN_SIMPLE(sub_overflow, "signed subtraction overflow")
UBSAN_SIMPLE(mul_overflow, "signed multiplication overflow")
UBSAN_SIMPLE(negate_overflow, "signed negation overflow")
UBSAN_SIMPLE(divrem_overflow, "division overflow or by zero")
UBSAN_SIMPLE(shift_out_of_bounds, "shift out of bounds")
UBSAN_SIMPLE(out_of_bounds, "array index out of bounds")
UBSAN_SIMPLE(builtin_unreachable, "__builtin_unreachable reached")
UBSAN_SIMPLE(missing_return, "value-returning function ended without return")
UBSAN_SIMPLE(load_invalid_value, "load of an invalid value (bool or enum)")
UBSAN_SIMPLE(pointer_overflow, "pointer arithmetic overflow")
UBSAN_SIMPLE(nonnull_arg, "null passed as a nonnull argument")
UBSAN_SIMPLE(nonnull_return_v1, "null returned from a returns_nonnull function")
UBSAN_SIMPLE(vla_bound_not_positive, "VLA bound not positive")
UBSAN_SIMPLE(invalid_builtin, "invalid builtin argument")
UBSAN_SIMPLE(alignment_assumption, "alignment assumption violated")
UBSAN_SIMPLE(float_cast_overflow, "float cast overflow")

void __ubsan_handle_type_mismatch_v1(const TypeMismatchData* d, uptr ptr) {
    static const char* const kinds[] = {"load of", "store to", "reference binding to", "member access within",
                                        "member call on", "constructor call on", "downcast of", "downcast of",
                                        "upcast of", "cast to virtual base of", "nonnull binding to",
                                        "dynamic operation on"};
    const char* kind = d->type_check_kind < 12 ? kinds[d->type_check_kind] : "access to";
    if (!ptr)
        panic("UBSan: %s null pointer of type %s at %s:%u:%u", kind, d->type->name, d->loc.file, d->loc.line,
              d->loc.column);
    if (d->log_alignment && (ptr & ((uptr(1) << d->log_alignment) - 1)))
        panic("UBSan: %s misaligned address %#llx for type %s (alignment %u) at %s:%u:%u", kind,
              static_cast<unsigned long long>(ptr), d->type->name, 1u << d->log_alignment, d->loc.file, d->loc.line,
              d->loc.column);
    panic("UBSan: %s address %#llx with insufficient space for type %s at %s:%u:%u", kind,
          static_cast<unsigned long long>(ptr), d->type->name, d->loc.file, d->loc.line, d->loc.column);
}

}  // extern "C"
