#include "shim.h"
#include <arpa/inet.h>
#include <malloc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>
#include <string.h>

static size_t keep_escaped(void *context, struct MHD_Connection *connection, char *text) {
    (void)context;
    (void)connection;
    return strlen(text);
}

/// libmicrohttpd logs each connection it turns away or cuts off; under a flood that would be thousands of
/// lines a second in the service's log. At most 20 a second are written (a lost race only lets one more by).
static void limited_log(void *context, const char *format, va_list arguments) {
    (void)context;
    static _Atomic long second = 0;
    static _Atomic int written = 0;
    long now = (long)time(NULL);
    if (atomic_load(&second) != now) {
        atomic_store(&second, now);
        atomic_store(&written, 0);
    }
    if (atomic_fetch_add(&written, 1) < 20) vfprintf(stderr, format, arguments);
}

struct MHD_Daemon *lectern_start_daemon(const char *host, uint16_t port, unsigned int threads,
                                        unsigned int timeout_seconds, size_t connection_memory_limit,
                                        unsigned int connection_limit, unsigned int per_address_limit,
                                        MHD_AccessHandlerCallback handler, void *handler_context,
                                        MHD_RequestCompletedCallback completed, void *completed_context,
                                        MHD_NotifyConnectionCallback notify, void *notify_context) {
    // MHD binds the address before MHD_start_daemon returns, so a local is enough (and concurrent starts
    // cannot see each other's address).
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) return NULL;
    struct MHD_OptionItem options[] = {
        // First: libmicrohttpd reports through the default logger any message about the options before it.
        {MHD_OPTION_EXTERNAL_LOGGER, (intptr_t)limited_log, NULL},
        {MHD_OPTION_SOCK_ADDR, 0, &address},
        {MHD_OPTION_THREAD_POOL_SIZE, threads, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, timeout_seconds, NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)connection_memory_limit, NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)completed, completed_context},
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)notify, notify_context},
        {MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_address_limit, NULL},
        // Without it libmicrohttpd stops at FD_SETSIZE - 4 (1020) connections even with epoll.
        {MHD_OPTION_CONNECTION_LIMIT, connection_limit, NULL},
        {MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)keep_escaped, NULL},
        {MHD_OPTION_END, 0, NULL},
    };
    // Suspend and resume: a handler may answer later (a write waiting for its commit) without holding a thread.
    unsigned int flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
    return MHD_start_daemon(flags | MHD_USE_ITC, port, NULL, NULL, handler, handler_context,
                            MHD_OPTION_ARRAY, options, MHD_OPTION_END);
}

uint16_t lectern_daemon_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info ? info->port : 0;
}

int lectern_connection_fd(struct MHD_Connection *connection) {
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info ? info->connect_fd : -1;
}

void lectern_trim_heap(void) {
    malloc_trim(0);
}

void lectern_limit_heap_arenas(int arenas) {
    mallopt(M_ARENA_MAX, arenas);
}

void lectern_client_address(struct MHD_Connection *connection, char *buffer, size_t size) {
    buffer[0] = 0;
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL) return;
    const struct sockaddr *address = info->client_addr;
    if (address->sa_family == AF_INET) {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)address)->sin_addr, buffer, (socklen_t)size);
    } else if (address->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)address)->sin6_addr, buffer, (socklen_t)size);
    }
}
