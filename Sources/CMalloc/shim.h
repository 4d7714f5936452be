#ifndef LABDB_CMALLOC_SHIM_H
#define LABDB_CMALLOC_SHIM_H
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/// Fixes glibc's threshold for mapping a block on its own at `bytes`, which also stops glibc
/// from raising it after such a block is freed; returns 0 where there is no such setting.
static inline int labdb_fix_mmap_threshold(int bytes) {
#ifdef __GLIBC__
    return mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}
#endif
