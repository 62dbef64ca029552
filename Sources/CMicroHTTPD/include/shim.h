// libmicrohttpd for Swift: its headers in the order they need, and a non-variadic start function.
#ifndef LECTERN_MICROHTTPD_SHIM_H
#define LECTERN_MICROHTTPD_SHIM_H
#include <stdarg.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <microhttpd.h>

/// Starts a daemon on host:port (IPv4; port 0 picks a free one) with an epoll thread pool.
/// `MHD_start_daemon` is variadic, which Swift cannot call, so this passes the options as an array.
/// URLs reach the handler undecoded (a no-op unescape callback): Swift decodes them itself, so
/// `%00` or `%2e%2e` cannot hide from its checks.
/// `connection_limit` caps open connections (split among the pool's threads), and
/// `per_address_limit` those from one client address (0: no cap); past either, new connections are
/// closed at once. `notify` hears every connection open and close (for the header deadline).
struct MHD_Daemon *lectern_start_daemon(const char *host, uint16_t port, unsigned int threads,
                                        unsigned int timeout_seconds, size_t connection_memory_limit,
                                        unsigned int connection_limit, unsigned int per_address_limit,
                                        MHD_AccessHandlerCallback handler, void *handler_context,
                                        MHD_RequestCompletedCallback completed, void *completed_context,
                                        MHD_NotifyConnectionCallback notify, void *notify_context);

/// The port a daemon listens on (for port 0).
uint16_t lectern_daemon_port(struct MHD_Daemon *daemon);

/// Writes the client's IP address into `buffer` (`MHD_get_connection_info` is variadic).
/// The socket of a connection, or -1 (`MHD_get_connection_info` is variadic).
int lectern_connection_fd(struct MHD_Connection *connection);

/// Gives freed heap memory back to the system (glibc's `malloc_trim`, declared in <malloc.h>).
void lectern_trim_heap(void);

/// Caps glibc's malloc arenas (`mallopt(M_ARENA_MAX)`): each thread that meets a busy arena otherwise
/// gets one of its own, up to 8 per core, and each keeps its freed memory.
void lectern_limit_heap_arenas(int arenas);

void lectern_client_address(struct MHD_Connection *connection, char *buffer, size_t size);
#endif
