#include <zlib.h>

// deflateInit2 is a macro Swift cannot import: it passes zlib's version and the stream's size.
static inline int lectern_deflate_init_gzip(z_stream *stream, int level) {
    // 15 + 16: a 32 KiB window with a gzip header and trailer instead of zlib's.
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
