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
struct MHD_Daemon *lectern_start_daemon(const char *host, uint16_t port, unsigned int threads,
                                        unsigned int timeout_seconds, size_t connection_memory_limit,
                                        MHD_AccessHandlerCallback handler, void *handler_context,
                                        MHD_RequestCompletedCallback completed, void *completed_context);

/// The port a daemon listens on (for port 0).
uint16_t lectern_daemon_port(struct MHD_Daemon *daemon);

/// Writes the client's IP address into `buffer` (`MHD_get_connection_info` is variadic).
void lectern_client_address(struct MHD_Connection *connection, char *buffer, size_t size);
#endif
