#ifndef LABDB_CCURL_SHIM_H
#define LABDB_CCURL_SHIM_H
#include <curl/curl.h>

/// curl_easy_setopt and curl_easy_getinfo are variadic: typed wrappers.
static inline CURLcode labdb_curl_set_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode labdb_curl_set_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode labdb_curl_set_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode labdb_curl_set_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
typedef size_t (*labdb_curl_write_fn)(char *, size_t, size_t, void *);
static inline CURLcode labdb_curl_set_write_function(CURL *h, labdb_curl_write_fn f) { return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
static inline CURLcode labdb_curl_set_header_function(CURL *h, labdb_curl_write_fn f) { return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f); }
static inline long labdb_curl_response_code(CURL *h) { long c = 0; curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &c); return c; }
#endif
