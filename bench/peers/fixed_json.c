// The peer for API reads: libmicrohttpd answering every request with one fixed JSON body, with the thread
// model `lectern serve` uses (an epoll thread pool of the same size), so the difference is Lectern's own work.
// Usage: fixed_json PORT THREADS
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char body[] =
    "{\"count\":1,\"items\":[{\"course\":\"python-foundations\",\"enrolled_at\":\"2026-01-01T00:00:00Z\",\"enrollment_id\":1,"
    "\"percentage\":0,\"title\":\"Python Foundations\"}],\"next\":null,\"previous\":null}";

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url, const char *method,
                              const char *version, const char *upload, size_t *upload_size, void **state) {
    (void)cls; (void)url; (void)method; (void)version; (void)upload;
    // Answer on the second call, as Lectern does, so connections stay alive.
    if (*state == NULL) { *state = (void *)1; return MHD_YES; }
    if (*upload_size) { *upload_size = 0; return MHD_YES; }
    struct MHD_Response *response = MHD_create_response_from_buffer(sizeof body - 1, (void *)body, MHD_RESPMEM_MUST_COPY);
    MHD_add_response_header(response, "Content-Type", "application/json");
    MHD_add_response_header(response, "Cache-Control", "no-store");
    enum MHD_Result queued = MHD_queue_response(connection, MHD_HTTP_OK, response);
    MHD_destroy_response(response);
    return queued;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s PORT THREADS\n", argv[0]); return 64; }
    struct MHD_Daemon *daemon = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC, (uint16_t)atoi(argv[1]), NULL, NULL,
                                                 answer, NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[2]),
                                                 MHD_OPTION_CONNECTION_LIMIT, 2048u, MHD_OPTION_END);
    if (daemon == NULL) { fprintf(stderr, "cannot listen on %s\n", argv[1]); return 1; }
    printf("listening\n");
    fflush(stdout);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    sigprocmask(SIG_BLOCK, &signals, NULL);
    int received;
    sigwait(&signals, &received);
    MHD_stop_daemon(daemon);
    return 0;
}
