// libcurl for Swift: `curl_easy_setopt` and `curl_easy_getinfo` are variadic, which Swift cannot call,
// so these pass one typed value each.
#ifndef LECTERN_CURL_SHIM_H
#define LECTERN_CURL_SHIM_H
#include <curl/curl.h>

typedef size_t (*lectern_curl_write)(char *data, size_t size, size_t count, void *context);

CURLcode lectern_curl_set_long(CURL *handle, CURLoption option, long value);
CURLcode lectern_curl_set_string(CURL *handle, CURLoption option, const char *value);
CURLcode lectern_curl_set_pointer(CURL *handle, CURLoption option, void *value);
CURLcode lectern_curl_set_write(CURL *handle, lectern_curl_write function, void *context);
long lectern_curl_status(CURL *handle);
#endif
