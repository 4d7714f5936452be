#ifndef LABDB_CCURL_SHIM_H
#define LABDB_CCURL_SHIM_H
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

/// libcurl is loaded on first use (dlopen), not linked: its dependency tree
/// (TLS, Kerberos, LDAP, ...) would otherwise cost every labdb command ~10 ms of
/// dynamic loading at start-up, though only the DNS sync speaks HTTP.
typedef struct {
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    CURLcode (*global_init)(long);
    int loaded;
} labdb_curl_api;

/// The loaded entry points. Function-local statics: Swift's importer emits these
/// with the inline functions that use them, where a header-level static is not.
static inline labdb_curl_api *labdb_curl_api_table(void) {
    static labdb_curl_api table;
    return &table;
}

static inline pthread_once_t *labdb_curl_once(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    return &once;
}

#define labdb_curl_table (*labdb_curl_api_table())

static inline void labdb_curl_load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) library = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
    labdb_curl_table.easy_init = (CURL *(*)(void))dlsym(library, "curl_easy_init");
    labdb_curl_table.easy_cleanup = (void (*)(CURL *))dlsym(library, "curl_easy_cleanup");
    labdb_curl_table.easy_perform = (CURLcode (*)(CURL *))dlsym(library, "curl_easy_perform");
    labdb_curl_table.easy_strerror = (const char *(*)(CURLcode))dlsym(library, "curl_easy_strerror");
    labdb_curl_table.easy_setopt = (CURLcode (*)(CURL *, CURLoption, ...))dlsym(library, "curl_easy_setopt");
    labdb_curl_table.easy_getinfo = (CURLcode (*)(CURL *, CURLINFO, ...))dlsym(library, "curl_easy_getinfo");
    labdb_curl_table.slist_append = (struct curl_slist *(*)(struct curl_slist *, const char *))dlsym(library, "curl_slist_append");
    labdb_curl_table.slist_free_all = (void (*)(struct curl_slist *))dlsym(library, "curl_slist_free_all");
    labdb_curl_table.global_init = (CURLcode (*)(long))dlsym(library, "curl_global_init");
    labdb_curl_table.loaded = labdb_curl_table.easy_init && labdb_curl_table.easy_cleanup && labdb_curl_table.easy_perform
        && labdb_curl_table.easy_strerror && labdb_curl_table.easy_setopt && labdb_curl_table.easy_getinfo
        && labdb_curl_table.slist_append && labdb_curl_table.slist_free_all && labdb_curl_table.global_init;
    // curl_global_init is not thread-safe: do it here, once, under pthread_once.
    if (labdb_curl_table.loaded) labdb_curl_table.global_init(CURL_GLOBAL_DEFAULT);
}

/// Whether libcurl could be loaded (libcurl4 installed).
static inline int labdb_curl_available(void) {
    pthread_once(labdb_curl_once(), labdb_curl_load);
    return labdb_curl_table.loaded;
}

/// A new easy handle, or NULL when libcurl is missing or out of memory.
static inline CURL *labdb_curl_easy_init(void) { return labdb_curl_available() ? labdb_curl_table.easy_init() : NULL; }
/// The calls below are only made on a handle from labdb_curl_easy_init, so libcurl is loaded.
static inline void labdb_curl_easy_cleanup(CURL *h) { labdb_curl_table.easy_cleanup(h); }
static inline CURLcode labdb_curl_easy_perform(CURL *h) { return labdb_curl_table.easy_perform(h); }
static inline const char *labdb_curl_easy_strerror(CURLcode c) { return labdb_curl_table.easy_strerror(c); }
static inline struct curl_slist *labdb_curl_slist_append(struct curl_slist *l, const char *s) { return labdb_curl_table.slist_append(l, s); }
static inline void labdb_curl_slist_free_all(struct curl_slist *l) { labdb_curl_table.slist_free_all(l); }

/// curl_easy_setopt and curl_easy_getinfo are variadic: typed wrappers.
static inline CURLcode labdb_curl_set_string(CURL *h, CURLoption o, const char *v) { return labdb_curl_table.easy_setopt(h, o, v); }
static inline CURLcode labdb_curl_set_long(CURL *h, CURLoption o, long v) { return labdb_curl_table.easy_setopt(h, o, v); }
static inline CURLcode labdb_curl_set_pointer(CURL *h, CURLoption o, void *v) { return labdb_curl_table.easy_setopt(h, o, v); }
static inline CURLcode labdb_curl_set_slist(CURL *h, CURLoption o, struct curl_slist *v) { return labdb_curl_table.easy_setopt(h, o, v); }
typedef size_t (*labdb_curl_write_fn)(char *, size_t, size_t, void *);
static inline CURLcode labdb_curl_set_write_function(CURL *h, labdb_curl_write_fn f) { return labdb_curl_table.easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
static inline CURLcode labdb_curl_set_header_function(CURL *h, labdb_curl_write_fn f) { return labdb_curl_table.easy_setopt(h, CURLOPT_HEADERFUNCTION, f); }
static inline long labdb_curl_response_code(CURL *h) { long c = 0; labdb_curl_table.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &c); return c; }
#endif
