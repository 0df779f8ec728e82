/*
 * fosc-loadgen: an external load generator for the fleet benchmark's client-only mode (FleetBenchmark --connect).
 *
 * Listens on one port or a range, accepts any number of connections and plays the camera's side of the FOSC
 * protocol (docs/protocol.md) on each: reads the SERVERPUSH preamble, answers LOGIN (LOGIN_REPLY, accepted),
 * LOGIN_CHECK (LOGIN_CHECK_REPLY, ok), VIDEO_ON (VIDEO_ON_REPLY, ok, then video), AUDIO_ON and SPEAKER_ON
 * (refused: this camera has no audio and no speaker), SPEAKER_OFF (ok), CLOSE (closes), ignores the rest; then
 * streams VIDEO_DATA frames of a fixed size: unpaced (as fast as the socket takes them, from a pre-built buffer
 * of many frames, non-blocking sends of up to --span bytes each) or paced (--paced: --fps frames a second per
 * connection). Frames carry a valid 36-byte media header and H.264-looking data: key frames (every --gop
 * frames) hold an access unit delimiter, the SPS and PPS of fosc-testkit's test clip (640x360) and an IDR slice
 * NAL unit; the others a non-IDR slice; both padded to the size with a filler NAL unit (type 12).
 *
 * Prints "PORTS p1 p2 ..." on standard output once it listens; on standard input it answers "STATS" with
 * "STATS open=.. connections=.. logins=.. sent=.. skipped=.. bytes=.. cpu_ns=.. gc_ms=0 uptime_ns=.." (the keys
 * FleetServer uses) and stops on "STOP" (or SIGTERM / SIGINT), printing the final STATS line and a summary.
 *
 * Single file, Linux (epoll, eventfd, signalfd), glibc, pthreads. Build: benchmarks/loadgen/build.sh.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* ---- protocol constants (docs/protocol.md) ------------------------------------------------------------------ */

enum {
    CMD_VIDEO_ON = 0, CMD_CLOSE = 1, CMD_AUDIO_ON = 2, CMD_AUDIO_OFF = 3, CMD_SPEAKER_ON = 4, CMD_SPEAKER_OFF = 5,
    CMD_TALK_DATA = 6, CMD_LOGIN = 12, CMD_LOGIN_CHECK = 15,
    CMD_VIDEO_ON_REPLY = 16, CMD_AUDIO_ON_REPLY = 18, CMD_SPEAKER_ON_REPLY = 20, CMD_SPEAKER_OFF_REPLY = 21,
    CMD_VIDEO_DATA = 26, CMD_LOGIN_CHECK_REPLY = 29, CMD_LOGIN_REPLY = 100
};
#define HEADER 12
#define MEDIA_HEADER 36
#define STATUS_REPLY_LENGTH 36
#define LOGIN_REPLY_LENGTH 2220 /* fosc's encoder's default; >= 890 holds every field a client reads */
#define IN_CAP 2048             /* requests are <= 165 bytes; larger payloads (TALK_DATA) are skipped */

/* SPS and PPS of fosc-testkit's testsrc-640x360-25fps.h264 (constrained baseline, 640x360). */
static const uint8_t SPS[] = {0x67, 0x42, 0xc0, 0x1e, 0xd9, 0x00, 0xa0, 0x2f, 0xf9, 0x70, 0x11, 0x00, 0x00,
                              0x03, 0x00, 0x01, 0x00, 0x00, 0x03, 0x00, 0x32, 0x0f, 0x16, 0x2e, 0x48};
static const uint8_t PPS[] = {0x68, 0xcb, 0x8c, 0xb2};
/* Slice headers: the first bytes of the clip's first IDR slice and of its first non-IDR slice. */
static const uint8_t IDR_SLICE[] = {0x65, 0x88, 0x84, 0x17, 0xc9, 0x8a, 0x00, 0x02, 0x3b, 0xf2};
static const uint8_t P_SLICE[] = {0x41, 0x9a, 0x38, 0x2f, 0x82, 0x18, 0x43, 0xf8, 0x17, 0xa1};

/* ---- options ---------------------------------------------------------------------------------------------- */

static struct {
    const char *bind;
    int port, ports, threads;
    int frame_bytes, gop, fps, width, height;
    int paced, epoch, exit_on_eof, sendfile;
    double report;
    size_t span;
    int sndbuf;
} opt = {"127.0.0.1", 0, 1, 1, 600, 25, 25, 640, 360, 0, 0, 0, 0, 0, 256 * 1024, 0};

/* ---- time ------------------------------------------------------------------------------------------------- */

static uint64_t mono_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000ull + (uint64_t) t.tv_nsec;
}

static uint64_t epoch_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (uint64_t) t.tv_sec * 1000000ull + (uint64_t) t.tv_nsec / 1000;
}

static uint64_t cpu_ns(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return ((uint64_t) u.ru_utime.tv_sec + (uint64_t) u.ru_stime.tv_sec) * 1000000000ull
           + ((uint64_t) u.ru_utime.tv_usec + (uint64_t) u.ru_stime.tv_usec) * 1000ull;
}

static uint64_t start_ns;

/* ---- wire helpers ----------------------------------------------------------------------------------------- */

static void put32(uint8_t *p, uint32_t v) {
    p[0] = (uint8_t) v; p[1] = (uint8_t) (v >> 8); p[2] = (uint8_t) (v >> 16); p[3] = (uint8_t) (v >> 24);
}

static void put64(uint8_t *p, uint64_t v) {
    put32(p, (uint32_t) v);
    put32(p + 4, (uint32_t) (v >> 32));
}

static uint32_t get32(const uint8_t *p) {
    return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

static void header(uint8_t *p, uint32_t command, uint32_t length) {
    put32(p, command);
    memcpy(p + 4, "FOSC", 4);
    put32(p + 8, length);
}

/* Replies, built once. */
static uint8_t login_reply[HEADER + LOGIN_REPLY_LENGTH];
static uint8_t video_on_reply[HEADER + STATUS_REPLY_LENGTH];
static uint8_t audio_on_refused[HEADER + STATUS_REPLY_LENGTH];
static uint8_t speaker_on_refused[HEADER + STATUS_REPLY_LENGTH];
static uint8_t speaker_off_reply[HEADER + STATUS_REPLY_LENGTH];
static uint8_t login_check_reply[HEADER + 4];

static void build_replies(void) {
    header(login_reply, CMD_LOGIN_REPLY, LOGIN_REPLY_LENGTH); /* result 0, no presets, no cruises, empty id */
    header(video_on_reply, CMD_VIDEO_ON_REPLY, STATUS_REPLY_LENGTH);
    header(audio_on_refused, CMD_AUDIO_ON_REPLY, STATUS_REPLY_LENGTH);
    put32(audio_on_refused + HEADER, 1);
    header(speaker_on_refused, CMD_SPEAKER_ON_REPLY, STATUS_REPLY_LENGTH);
    put32(speaker_on_refused + HEADER, 1);
    header(speaker_off_reply, CMD_SPEAKER_OFF_REPLY, STATUS_REPLY_LENGTH);
    header(login_check_reply, CMD_LOGIN_CHECK_REPLY, 4);
}

/* ---- the video: a ring of whole wire frames, one copy per thread (epoch timestamps are patched in place) -- */

static size_t wire_frame;  /* 12 + 36 + frame_bytes */
static size_t ring_frames; /* a multiple of gop */
static size_t ring_bytes;
static int ring_fd = -1; /* --sendfile: the ring in a memfd, sent with sendfile(2) (no copy in the sender) */

static size_t nal(uint8_t *p, const uint8_t *unit, size_t n) {
    static const uint8_t start[] = {0, 0, 0, 1};
    memcpy(p, start, 4);
    memcpy(p + 4, unit, n);
    return 4 + n;
}

/* One frame's H.264 data, exactly frame_bytes long. */
static void h264(uint8_t *p, size_t size, int key) {
    uint8_t buf[128];
    size_t n = 0;
    static const uint8_t aud_key[] = {0x09, 0x10}, aud[] = {0x09, 0x30};
    n += nal(buf + n, key ? aud_key : aud, 2);
    if (key) {
        n += nal(buf + n, SPS, sizeof SPS);
        n += nal(buf + n, PPS, sizeof PPS);
        n += nal(buf + n, IDR_SLICE, sizeof IDR_SLICE);
    } else {
        n += nal(buf + n, P_SLICE, sizeof P_SLICE);
    }
    if (size < n) { /* tiny frames: a truncated access unit (documented: --frame-bytes >= 64 to stay whole) */
        memcpy(p, buf, size);
        return;
    }
    memcpy(p, buf, n);
    size_t pad = size - n;
    if (pad >= 6) { /* filler NAL unit: 00 00 00 01 0C ff .. ff 80 */
        uint8_t *f = p + n;
        f[0] = 0; f[1] = 0; f[2] = 0; f[3] = 1; f[4] = 12;
        memset(f + 5, 0xff, pad - 6);
        f[pad - 1] = 0x80;
    } else {
        memset(p + n, 0, pad); /* trailing zero bytes (allowed after a NAL unit) */
    }
}

static uint8_t *build_ring(void) {
    uint8_t *r = aligned_alloc(4096, (ring_bytes + 4095) / 4096 * 4096);
    if (!r) {
        perror("aligned_alloc");
        exit(1);
    }
    uint32_t bit_rate = (uint32_t) ((uint64_t) opt.frame_bytes * 8 * (uint64_t) opt.fps);
    for (size_t i = 0; i < ring_frames; i++) {
        uint8_t *f = r + i * wire_frame;
        int key = i % (size_t) opt.gop == 0;
        header(f, CMD_VIDEO_DATA, (uint32_t) (MEDIA_HEADER + opt.frame_bytes));
        uint8_t *m = f + HEADER;
        put64(m, (uint64_t) i * 1000 / (uint64_t) opt.fps); /* milliseconds, overwritten with --epoch-timestamps */
        put32(m + 8, (uint32_t) opt.frame_bytes);
        put32(m + 12, 0);
        put32(m + 16, key ? 1 : 0);
        put32(m + 20, (uint32_t) opt.width);
        put32(m + 24, (uint32_t) opt.height);
        put32(m + 28, (uint32_t) opt.fps);
        put32(m + 32, bit_rate);
        h264(m + MEDIA_HEADER, (size_t) opt.frame_bytes, key);
    }
    return r;
}

/* ---- connections and workers -------------------------------------------------------------------------------- */

struct worker;

struct conn {
    int fd;
    struct worker *w;
    /* input */
    uint8_t in[IN_CAP];
    size_t in_len;
    int preamble_done;
    uint64_t skip; /* payload bytes of an over-long request still to discard */
    /* control output (replies), written only at video frame boundaries */
    uint8_t *ctl;
    size_t ctl_len, ctl_off, ctl_cap;
    /* video */
    int streaming;
    size_t vpos;        /* byte offset in the ring */
    size_t frame_left;  /* paced: bytes of the current frame still to send (0: at a boundary, nothing due) */
    uint64_t due_ns;    /* paced: when the next frame is due */
    long heap_idx;      /* paced: position in the worker's heap, -1 if not in it */
    int blocked;        /* the last send hit EAGAIN: wait for EPOLLOUT */
    int runnable;       /* in the worker's runnable ring (can send now and has something to send) */
    struct conn *rprev, *rnext;
};

struct stats {
    uint64_t open, connections, logins, video_on, sent, skipped, bytes;
    uint64_t idle_ns; /* time the sender threads waited in epoll with nothing they could send (sockets full) */
};

struct worker {
    int id;
    pthread_t thread;
    int ep;
    int efd; /* eventfd: new connections or stop */
    uint8_t *ring;
    struct stats st; /* written by this worker only; read by the main thread with relaxed atomic loads */
    pthread_mutex_t lock;
    int *pending; /* accepted descriptors handed over by the main thread */
    size_t pending_len, pending_cap;
    int stop;
    struct conn **heap; /* paced: min-heap by due_ns */
    size_t heap_len, heap_cap;
    struct conn *rhead, *rtail; /* the runnable ring, served round-robin one quantum (--span bytes) at a time */
};

static struct worker *workers;
static volatile int stopping;

#define STAT_ADD(w, field, n) __atomic_store_n(&(w)->st.field, (w)->st.field + (n), __ATOMIC_RELAXED)

/* -- paced scheduling: a binary min-heap of connections by due time -- */

static void heap_swap(struct worker *w, size_t a, size_t b) {
    struct conn *t = w->heap[a];
    w->heap[a] = w->heap[b];
    w->heap[b] = t;
    w->heap[a]->heap_idx = (long) a;
    w->heap[b]->heap_idx = (long) b;
}

static void heap_up(struct worker *w, size_t i) {
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (w->heap[p]->due_ns <= w->heap[i]->due_ns) break;
        heap_swap(w, p, i);
        i = p;
    }
}

static void heap_down(struct worker *w, size_t i) {
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < w->heap_len && w->heap[l]->due_ns < w->heap[m]->due_ns) m = l;
        if (r < w->heap_len && w->heap[r]->due_ns < w->heap[m]->due_ns) m = r;
        if (m == i) break;
        heap_swap(w, i, m);
        i = m;
    }
}

static void heap_push(struct worker *w, struct conn *c) {
    if (w->heap_len == w->heap_cap) {
        w->heap_cap = w->heap_cap ? 2 * w->heap_cap : 1024;
        w->heap = realloc(w->heap, w->heap_cap * sizeof *w->heap);
        if (!w->heap) { perror("realloc"); exit(1); }
    }
    c->heap_idx = (long) w->heap_len;
    w->heap[w->heap_len++] = c;
    heap_up(w, (size_t) c->heap_idx);
}

static void heap_remove(struct worker *w, struct conn *c) {
    if (c->heap_idx < 0) return;
    size_t i = (size_t) c->heap_idx;
    c->heap_idx = -1;
    w->heap_len--;
    if (i == w->heap_len) return;
    w->heap[i] = w->heap[w->heap_len];
    w->heap[i]->heap_idx = (long) i;
    heap_down(w, i);
    heap_up(w, i);
}

/* -- the runnable ring: connections that may send now, served in turn so that none waits long -- */

static void runnable_add(struct conn *c) {
    struct worker *w = c->w;
    if (c->runnable) return;
    c->runnable = 1;
    c->rnext = NULL;
    c->rprev = w->rtail;
    if (w->rtail) w->rtail->rnext = c; else w->rhead = c;
    w->rtail = c;
}

static void runnable_del(struct conn *c) {
    struct worker *w = c->w;
    if (!c->runnable) return;
    c->runnable = 0;
    if (c->rprev) c->rprev->rnext = c->rnext; else w->rhead = c->rnext;
    if (c->rnext) c->rnext->rprev = c->rprev; else w->rtail = c->rprev;
    c->rprev = c->rnext = NULL;
}

/* -- connection life -- */

static void conn_close(struct conn *c) {
    struct worker *w = c->w;
    heap_remove(w, c);
    runnable_del(c);
    epoll_ctl(w->ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->ctl);
    free(c);
    STAT_ADD(w, open, (uint64_t) -1);
}

static void ctl_append(struct conn *c, const uint8_t *p, size_t n) {
    if (c->ctl_off == c->ctl_len) {
        c->ctl_off = c->ctl_len = 0;
    }
    if (c->ctl_len + n > c->ctl_cap) {
        if (c->ctl_len + n > (1u << 20)) { /* a client that sends requests but never reads */
            return;
        }
        c->ctl_cap = (c->ctl_len + n) * 2;
        c->ctl = realloc(c->ctl, c->ctl_cap);
        if (!c->ctl) { perror("realloc"); exit(1); }
    }
    memcpy(c->ctl + c->ctl_len, p, n);
    c->ctl_len += n;
}

/* Overwrites the timestamps of the frames that start in [from, to) of the worker's ring with the wall clock. */
static void stamp(struct worker *w, size_t from, size_t to) {
    size_t first = (from + wire_frame - 1) / wire_frame * wire_frame;
    if (first >= to) return;
    uint64_t now = epoch_us();
    for (size_t s = first; s < to; s += wire_frame) {
        put64(w->ring + s + HEADER, now);
    }
}

enum { FLUSH_DONE = 0, FLUSH_MORE = 1, FLUSH_BLOCKED = 2, FLUSH_CLOSED = -1 };

/*
 * Sends what may be sent now: pending replies at the next frame boundary (the rest of a frame in progress is sent
 * first, whatever the budget), then video: paced, the rest of the due frame; unpaced, up to budget bytes.
 * Returns FLUSH_DONE (nothing more to send), FLUSH_MORE (unpaced: the budget is spent, the socket may take more),
 * FLUSH_BLOCKED (the socket is full: wait for EPOLLOUT) or FLUSH_CLOSED (the connection failed and was closed).
 */
static int conn_flush(struct conn *c, size_t budget) {
    struct worker *w = c->w;
    for (;;) {
        int ctl = c->ctl_off < c->ctl_len;
        size_t to_boundary = opt.paced ? (c->frame_left % wire_frame)
                                       : (c->streaming ? (wire_frame - c->vpos % wire_frame) % wire_frame : 0);
        const uint8_t *p;
        size_t n;
        int video;
        if (ctl && to_boundary == 0) {
            p = c->ctl + c->ctl_off;
            n = c->ctl_len - c->ctl_off;
            video = 0;
        } else if (c->streaming) {
            size_t allow = opt.paced ? c->frame_left : ctl ? to_boundary : budget;
            if (allow == 0) return opt.paced ? FLUSH_DONE : FLUSH_MORE;
            n = ring_bytes - c->vpos;
            if (n > allow) n = allow;
            if (opt.epoch && !opt.paced) stamp(w, c->vpos, c->vpos + n);
            p = w->ring ? w->ring + c->vpos : NULL; /* NULL: sendfile from ring_fd */
            video = 1;
        } else {
            return FLUSH_DONE;
        }
        ssize_t k;
        if (video && ring_fd >= 0) {
            off_t off = (off_t) c->vpos;
            k = sendfile(c->fd, ring_fd, &off, n);
        } else {
            k = send(c->fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        }
        if (k < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                c->blocked = 1;
                return FLUSH_BLOCKED;
            }
            if (errno == EINTR) continue;
            conn_close(c);
            return FLUSH_CLOSED;
        }
        size_t sent = (size_t) k;
        if (video) {
            size_t before = c->vpos / wire_frame;
            c->vpos += sent;
            size_t frames = c->vpos / wire_frame - before;
            if (c->vpos == ring_bytes) c->vpos = 0;
            if (opt.paced) c->frame_left -= sent;
            else if (!ctl) budget -= sent < budget ? sent : budget;
            STAT_ADD(w, sent, frames);
            STAT_ADD(w, bytes, sent);
        } else {
            c->ctl_off += sent;
        }
        if (sent < n) {
            c->blocked = 1; /* the socket is full: EPOLLOUT (edge-triggered) says when it drains */
            return FLUSH_BLOCKED;
        }
    }
}

/* Flushes c and puts it in (or keeps it out of) the runnable ring accordingly. */
static void conn_serve(struct conn *c, size_t budget) {
    int r = conn_flush(c, budget);
    if (r == FLUSH_MORE) {
        runnable_add(c);
    } else if (r != FLUSH_CLOSED) {
        runnable_del(c);
    }
}

static void start_video(struct conn *c) {
    if (c->streaming) return;
    c->streaming = 1;
    c->vpos = 0; /* frame 0 is a key frame */
    STAT_ADD(c->w, video_on, 1);
    if (opt.paced) {
        c->frame_left = 0;
        c->due_ns = mono_ns();
        heap_push(c->w, c);
    } else {
        runnable_add(c); /* after the reply (conn_read's caller flushes replies first) */
    }
}

/* Handles one request; returns -1 if the connection is to be closed. */
static int request(struct conn *c, uint32_t command, const uint8_t *payload, uint32_t length) {
    (void) payload;
    (void) length;
    switch (command) {
        case CMD_LOGIN:
            STAT_ADD(c->w, logins, 1);
            ctl_append(c, login_reply, sizeof login_reply);
            break;
        case CMD_LOGIN_CHECK:
            ctl_append(c, login_check_reply, sizeof login_check_reply);
            break;
        case CMD_VIDEO_ON:
            ctl_append(c, video_on_reply, sizeof video_on_reply);
            start_video(c);
            break;
        case CMD_AUDIO_ON:
            ctl_append(c, audio_on_refused, sizeof audio_on_refused);
            break;
        case CMD_SPEAKER_ON:
            ctl_append(c, speaker_on_refused, sizeof speaker_on_refused);
            break;
        case CMD_SPEAKER_OFF:
            ctl_append(c, speaker_off_reply, sizeof speaker_off_reply);
            break;
        case CMD_CLOSE:
            return -1;
        default: /* AUDIO_OFF, TALK_DATA, unknown ids: a camera ignores them here */
            break;
    }
    return 0;
}

/* Parses what is in c->in; returns -1 if the connection is to be closed. */
static int parse(struct conn *c) {
    size_t at = 0;
    if (!c->preamble_done) {
        if (c->in_len >= 8 && memcmp(c->in + 4, "FOSC", 4) == 0) {
            c->preamble_done = 1; /* no preamble (older firmware's media port) */
        } else {
            void *end = memmem(c->in, c->in_len, "\r\n\r\n", 4);
            if (!end) {
                return c->in_len >= IN_CAP ? -1 : 0;
            }
            at = (size_t) ((uint8_t *) end - c->in) + 4;
            c->preamble_done = 1;
        }
    }
    for (;;) {
        if (c->skip > 0) {
            size_t n = c->in_len - at;
            if (n > c->skip) n = (size_t) c->skip;
            at += n;
            c->skip -= n;
            if (c->skip > 0) break;
        }
        while (at < c->in_len && (c->in[at] == '\r' || c->in[at] == '\n')) at++; /* stray CR/LF */
        if (c->in_len - at < HEADER) break;
        const uint8_t *h = c->in + at;
        if (memcmp(h + 4, "FOSC", 4) != 0) {
            return -1; /* out of step */
        }
        uint32_t command = get32(h), length = get32(h + 8);
        if ((size_t) length > IN_CAP - HEADER) {
            at += HEADER;
            c->skip = length; /* TALK_DATA or anything long: not needed here */
            if (request(c, command, NULL, 0) < 0) return -1;
            continue;
        }
        if (c->in_len - at < HEADER + (size_t) length) break;
        if (request(c, command, h + HEADER, length) < 0) return -1;
        at += HEADER + length;
    }
    memmove(c->in, c->in + at, c->in_len - at);
    c->in_len -= at;
    return 0;
}

/* Reads until EAGAIN; returns -1 if the connection was closed. */
static int conn_read(struct conn *c) {
    for (;;) {
        ssize_t k = recv(c->fd, c->in + c->in_len, IN_CAP - c->in_len, MSG_DONTWAIT);
        if (k == 0) {
            conn_close(c);
            return -1;
        }
        if (k < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
            if (errno == EINTR) continue;
            conn_close(c);
            return -1;
        }
        c->in_len += (size_t) k;
        if (parse(c) < 0) {
            conn_close(c);
            return -1;
        }
    }
}

static void add_conn(struct worker *w, int fd) {
    struct conn *c = calloc(1, sizeof *c);
    if (!c) { perror("calloc"); exit(1); }
    c->fd = fd;
    c->w = w;
    c->heap_idx = -1;
    STAT_ADD(w, open, 1);
    STAT_ADD(w, connections, 1);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET, .data.ptr = c};
    if (epoll_ctl(w->ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
        perror("epoll_ctl");
        close(fd);
        free(c);
        STAT_ADD(w, open, (uint64_t) -1);
    }
}

/* Paced: frames that fell due; returns the epoll timeout in ms until the next one (-1: none). */
static int run_due(struct worker *w) {
    uint64_t period = 1000000000ull / (uint64_t) opt.fps;
    uint64_t now = mono_ns();
    while (w->heap_len > 0 && w->heap[0]->due_ns <= now) {
        struct conn *c = w->heap[0];
        if (now - c->due_ns > 1000000000ull) { /* more than 1 s behind: drop the backlog, as a camera would */
            uint64_t missed = (now - c->due_ns) / period;
            STAT_ADD(w, skipped, missed);
            if (c->frame_left == 0) { /* never move the cursor inside a frame that is partly sent */
                c->vpos = (c->vpos + (missed % ring_frames) * wire_frame) % ring_bytes;
            }
            c->due_ns += missed * period;
        }
        c->due_ns += period;
        heap_down(w, 0);
        if (c->frame_left > 0 || c->ctl_off < c->ctl_len || c->blocked) {
            /* the previous frame is still not out: skip this one (the client is not keeping up) */
            if (c->frame_left == 0) {
                c->vpos = (c->vpos + wire_frame) % ring_bytes;
            }
            STAT_ADD(w, skipped, 1);
            continue;
        }
        c->frame_left = wire_frame;
        if (opt.epoch) put64(w->ring + c->vpos + HEADER, epoch_us());
        conn_serve(c, 0); /* may close c (and remove it from the heap) */
    }
    if (w->heap_len == 0) return -1;
    uint64_t wait = w->heap[0]->due_ns > now ? w->heap[0]->due_ns - now : 0;
    return (int) ((wait + 999999) / 1000000);
}

/* Connections served from the runnable ring between two looks at epoll (replies and logins wait at most this). */
#define BATCH 16

static void *worker_main(void *arg) {
    struct worker *w = arg;
    struct epoll_event evs[256];
    for (;;) {
        int timeout = opt.paced ? run_due(w) : -1;
        if (w->rhead) timeout = 0;
        uint64_t t0 = timeout != 0 ? mono_ns() : 0;
        int n = epoll_wait(w->ep, evs, 256, timeout);
        if (timeout != 0) STAT_ADD(w, idle_ns, mono_ns() - t0);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("epoll_wait");
            exit(1);
        }
        for (int i = 0; i < n; i++) {
            if (evs[i].data.ptr == NULL) { /* the eventfd */
                uint64_t v;
                if (read(w->efd, &v, sizeof v) < 0 && errno != EAGAIN) perror("read eventfd");
                pthread_mutex_lock(&w->lock);
                int stop = w->stop;
                size_t np = w->pending_len;
                int fds[1024];
                if (np > 1024) np = 1024;
                memcpy(fds, w->pending, np * sizeof(int));
                memmove(w->pending, w->pending + np, (w->pending_len - np) * sizeof(int));
                w->pending_len -= np;
                if (w->pending_len > 0) { /* more to take: wake up again */
                    uint64_t one = 1;
                    if (write(w->efd, &one, sizeof one) < 0) perror("write eventfd");
                }
                pthread_mutex_unlock(&w->lock);
                if (stop) return NULL;
                for (size_t k = 0; k < np; k++) add_conn(w, fds[k]);
                continue;
            }
            struct conn *c = evs[i].data.ptr;
            uint32_t e = evs[i].events;
            if (e & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
                if (conn_read(c) < 0) continue;
                if (e & (EPOLLHUP | EPOLLERR)) {
                    conn_close(c);
                    continue;
                }
            }
            if (e & EPOLLOUT) c->blocked = 0;
            /* replies now (budget 0: no bulk video here); bulk video waits for its turn in the ring */
            if (!c->blocked) conn_serve(c, 0);
        }
        for (int i = 0; i < BATCH && w->rhead; i++) {
            struct conn *c = w->rhead;
            runnable_del(c);
            conn_serve(c, opt.span);
        }
    }
}

/* ---- main thread: listeners, accepting, standard input, signals, reports --------------------------------- */

static void totals(struct stats *t) {
    memset(t, 0, sizeof *t);
    for (int i = 0; i < opt.threads; i++) {
        struct stats *s = &workers[i].st;
        t->open += __atomic_load_n(&s->open, __ATOMIC_RELAXED);
        t->connections += __atomic_load_n(&s->connections, __ATOMIC_RELAXED);
        t->logins += __atomic_load_n(&s->logins, __ATOMIC_RELAXED);
        t->video_on += __atomic_load_n(&s->video_on, __ATOMIC_RELAXED);
        t->sent += __atomic_load_n(&s->sent, __ATOMIC_RELAXED);
        t->skipped += __atomic_load_n(&s->skipped, __ATOMIC_RELAXED);
        t->bytes += __atomic_load_n(&s->bytes, __ATOMIC_RELAXED);
        t->idle_ns += __atomic_load_n(&s->idle_ns, __ATOMIC_RELAXED);
    }
}

static void print_stats(FILE *f) {
    struct stats t;
    totals(&t);
    fprintf(f, "STATS open=%llu connections=%llu logins=%llu video_on=%llu sent=%llu skipped=%llu bytes=%llu "
               "cpu_ns=%llu gc_ms=0 uptime_ns=%llu idle_ns=%llu threads=%d\n",
            (unsigned long long) t.open, (unsigned long long) t.connections, (unsigned long long) t.logins,
            (unsigned long long) t.video_on, (unsigned long long) t.sent, (unsigned long long) t.skipped,
            (unsigned long long) t.bytes, (unsigned long long) cpu_ns(),
            (unsigned long long) (mono_ns() - start_ns), (unsigned long long) t.idle_ns, opt.threads);
    fflush(f);
}

static int listen_on(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) { perror("socket"); exit(1); }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    if (inet_pton(AF_INET, opt.bind, &a.sin_addr) != 1) {
        fprintf(stderr, "fosc-loadgen: --bind wants an IPv4 address: %s\n", opt.bind);
        exit(2);
    }
    if (bind(fd, (struct sockaddr *) &a, sizeof a) < 0) {
        fprintf(stderr, "fosc-loadgen: bind %s:%d: %s\n", opt.bind, port, strerror(errno));
        exit(1);
    }
    if (listen(fd, 4096) < 0) { perror("listen"); exit(1); }
    return fd;
}

static int bound_port(int fd) {
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *) &a, &len);
    return ntohs(a.sin_port);
}

static void usage(FILE *f) {
    fprintf(f,
            "usage: fosc-loadgen [options]\n"
            "  --port P             first port to listen on (default 0: an ephemeral port per listener)\n"
            "  --ports K            listen on K ports: P .. P+K-1 (default 1)\n"
            "  --bind ADDR          IPv4 address to listen on (default 127.0.0.1)\n"
            "  --threads T          sender threads; connections are dealt round-robin (default 1)\n"
            "  --frame-bytes B      H.264 data bytes per VIDEO_DATA frame; wire frame = 12 + 36 + B (default 600)\n"
            "  --gop N              a key frame (with SPS and PPS) every N frames (default 25)\n"
            "  --fps F              frame rate in the media header; frames/s per connection with --paced (default 25)\n"
            "  --width W --height H picture size in the media header (default 640 x 360, as the embedded SPS)\n"
            "  --unpaced            send while the socket takes it (the default)\n"
            "  --paced              send --fps frames a second per connection; a frame due while the previous\n"
            "                       one is not out is skipped (counted)\n"
            "  --epoch-timestamps   media timestamps = wall clock in epoch microseconds when the frame is written\n"
            "                       (default: milliseconds of stream time); pass --epoch-timestamps true to the\n"
            "                       fleet benchmark to measure delivery delay\n"
            "  --span BYTES         unpaced: at most this many bytes per send() (default 262144)\n"
            "  --sendfile           send video with sendfile(2) from a memfd holding the frames: the kernel\n"
            "                       references the pages instead of copying them (cheaper sender; not with\n"
            "                       --epoch-timestamps, whose stamps are written into the frames as they go)\n"
            "  --sndbuf BYTES       SO_SNDBUF of every connection (default: the kernel's autotuning)\n"
            "  --report SECONDS     print a progress line to standard error every SECONDS (default: never)\n"
            "  --exit-on-eof        stop at the end of standard input (default: only STOP, SIGTERM, SIGINT)\n"
            "Standard input: STATS (prints a STATS line), STOP. Standard output: PORTS ..., STATS lines.\n");
}

static void parse_args(int argc, char **argv) {
    enum { O_PORT = 256, O_PORTS, O_BIND, O_THREADS, O_FRAME, O_GOP, O_FPS, O_W, O_H, O_PACED, O_UNPACED, O_EPOCH,
           O_SPAN, O_SNDBUF, O_REPORT, O_EOF, O_SENDFILE, O_HELP };
    static struct option lo[] = {
        {"port", 1, 0, O_PORT}, {"ports", 1, 0, O_PORTS}, {"bind", 1, 0, O_BIND}, {"threads", 1, 0, O_THREADS},
        {"frame-bytes", 1, 0, O_FRAME}, {"gop", 1, 0, O_GOP}, {"fps", 1, 0, O_FPS}, {"width", 1, 0, O_W},
        {"height", 1, 0, O_H}, {"paced", 0, 0, O_PACED}, {"unpaced", 0, 0, O_UNPACED},
        {"epoch-timestamps", 0, 0, O_EPOCH}, {"span", 1, 0, O_SPAN}, {"sndbuf", 1, 0, O_SNDBUF},
        {"report", 1, 0, O_REPORT}, {"exit-on-eof", 0, 0, O_EOF}, {"sendfile", 0, 0, O_SENDFILE}, {"help", 0, 0, O_HELP}, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", lo, NULL)) != -1) {
        switch (c) {
            case O_PORT: opt.port = atoi(optarg); break;
            case O_PORTS: opt.ports = atoi(optarg); break;
            case O_BIND: opt.bind = optarg; break;
            case O_THREADS: opt.threads = atoi(optarg); break;
            case O_FRAME: opt.frame_bytes = atoi(optarg); break;
            case O_GOP: opt.gop = atoi(optarg); break;
            case O_FPS: opt.fps = atoi(optarg); break;
            case O_W: opt.width = atoi(optarg); break;
            case O_H: opt.height = atoi(optarg); break;
            case O_PACED: opt.paced = 1; break;
            case O_UNPACED: opt.paced = 0; break;
            case O_EPOCH: opt.epoch = 1; break;
            case O_SPAN: opt.span = (size_t) atol(optarg); break;
            case O_SNDBUF: opt.sndbuf = atoi(optarg); break;
            case O_REPORT: opt.report = atof(optarg); break;
            case O_EOF: opt.exit_on_eof = 1; break;
            case O_SENDFILE: opt.sendfile = 1; break;
            case 'h': case O_HELP: usage(stdout); exit(0);
            default: usage(stderr); exit(2);
        }
    }
    if (optind < argc || opt.ports < 1 || opt.threads < 1 || opt.frame_bytes < 0 || opt.gop < 1 || opt.fps < 1
        || opt.span < 1 || opt.port < 0 || opt.port + (opt.port ? opt.ports - 1 : 0) > 65535
        || opt.frame_bytes > (4 << 20) - MEDIA_HEADER || (opt.sendfile && opt.epoch)) {
        usage(stderr);
        exit(2);
    }
}

int main(int argc, char **argv) {
    parse_args(argc, argv);
    start_ns = mono_ns();
    build_replies();
    wire_frame = HEADER + MEDIA_HEADER + (size_t) opt.frame_bytes;
    /* at least 4 MiB of frames (more than a socket buffer), whole GOPs */
    ring_frames = ((4u << 20) / wire_frame + 1 + (size_t) opt.gop - 1) / (size_t) opt.gop * (size_t) opt.gop;
    ring_bytes = ring_frames * wire_frame;
    if (opt.sendfile) {
        uint8_t *r = build_ring();
        ring_fd = memfd_create("fosc-loadgen-frames", MFD_CLOEXEC);
        size_t done = 0;
        while (ring_fd >= 0 && done < ring_bytes) {
            ssize_t k = write(ring_fd, r + done, ring_bytes - done);
            if (k <= 0) { perror("write memfd"); return 1; }
            done += (size_t) k;
        }
        if (ring_fd < 0) { perror("memfd_create"); return 1; }
        free(r);
    }

    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL); /* inherited by the workers; the main thread reads a signalfd */

    workers = calloc((size_t) opt.threads, sizeof *workers);
    for (int i = 0; i < opt.threads; i++) {
        struct worker *w = &workers[i];
        w->id = i;
        w->ep = epoll_create1(EPOLL_CLOEXEC);
        w->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        w->ring = ring_fd >= 0 ? NULL : build_ring();
        pthread_mutex_init(&w->lock, NULL);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
        epoll_ctl(w->ep, EPOLL_CTL_ADD, w->efd, &ev);
        pthread_create(&w->thread, NULL, worker_main, w);
    }

    int ep = epoll_create1(EPOLL_CLOEXEC);
    int *lfd = calloc((size_t) opt.ports, sizeof(int));
    printf("PORTS");
    for (int i = 0; i < opt.ports; i++) {
        lfd[i] = listen_on(opt.port ? opt.port + i : 0);
        struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t) i};
        epoll_ctl(ep, EPOLL_CTL_ADD, lfd[i], &ev);
        printf(" %d", bound_port(lfd[i]));
    }
    printf("\n");
    fflush(stdout);
    fprintf(stderr, "fosc-loadgen: %d port(s) on %s, %d thread(s), %s, %d-byte frames (%zu on the wire), "
                    "key frame every %d, %d fps%s%s\n",
            opt.ports, opt.bind, opt.threads, opt.paced ? "paced" : "unpaced", opt.frame_bytes, wire_frame, opt.gop,
            opt.fps, opt.epoch ? ", epoch timestamps" : "", opt.sendfile ? ", sendfile" : "");

    int sfd = signalfd(-1, &sigs, SFD_NONBLOCK | SFD_CLOEXEC);
    const uint64_t SIG_TAG = 1ull << 40, STDIN_TAG = 1ull << 41;
    struct epoll_event sev = {.events = EPOLLIN, .data.u64 = SIG_TAG};
    epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &sev);
    struct epoll_event iev = {.events = EPOLLIN, .data.u64 = STDIN_TAG};
    int stdin_open = epoll_ctl(ep, EPOLL_CTL_ADD, 0, &iev) == 0; /* fails for a regular file or /dev/null */
    char line[256];
    size_t line_len = 0;

    uint64_t next_report = opt.report > 0 ? mono_ns() + (uint64_t) (opt.report * 1e9) : 0;
    struct stats last;
    totals(&last);
    uint64_t last_cpu = cpu_ns(), last_t = mono_ns();
    uint64_t rr = 0;
    int running = 1;
    while (running) {
        int timeout = -1;
        if (next_report) {
            uint64_t now = mono_ns();
            timeout = next_report > now ? (int) ((next_report - now) / 1000000 + 1) : 0;
        }
        struct epoll_event evs[64];
        int n = epoll_wait(ep, evs, 64, timeout);
        if (n < 0 && errno != EINTR) { perror("epoll_wait"); return 1; }
        for (int i = 0; i < n; i++) {
            uint64_t tag = evs[i].data.u64;
            if (tag == SIG_TAG) {
                struct signalfd_siginfo si;
                while (read(sfd, &si, sizeof si) == sizeof si) {
                    if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT) running = 0;
                }
            } else if (tag == STDIN_TAG) {
                ssize_t k = read(0, line + line_len, sizeof line - 1 - line_len);
                if (k <= 0) {
                    epoll_ctl(ep, EPOLL_CTL_DEL, 0, NULL);
                    stdin_open = 0;
                    if (opt.exit_on_eof) running = 0;
                    continue;
                }
                line_len += (size_t) k;
                char *nl;
                while ((nl = memchr(line, '\n', line_len)) != NULL) {
                    *nl = 0;
                    char *cmd = line;
                    while (*cmd == ' ' || *cmd == '\t') cmd++;
                    size_t cl = strlen(cmd);
                    while (cl > 0 && (cmd[cl - 1] == '\r' || cmd[cl - 1] == ' ')) cmd[--cl] = 0;
                    if (strcmp(cmd, "STOP") == 0) {
                        running = 0;
                    } else if (strcmp(cmd, "STATS") == 0) {
                        print_stats(stdout);
                    } else if (cl > 0) {
                        printf("ERROR unknown command %s\n", cmd);
                        fflush(stdout);
                    }
                    size_t used = (size_t) (nl - line) + 1;
                    memmove(line, line + used, line_len - used);
                    line_len -= used;
                }
                if (line_len == sizeof line - 1) line_len = 0; /* an over-long line: dropped */
            } else {
                int l = lfd[tag];
                for (;;) {
                    int fd = accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (fd < 0) {
                        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED) {
                            fprintf(stderr, "fosc-loadgen: accept: %s\n", strerror(errno));
                        }
                        break;
                    }
                    int one = 1;
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    if (opt.sndbuf > 0) setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &opt.sndbuf, sizeof opt.sndbuf);
                    struct worker *w = &workers[rr++ % (uint64_t) opt.threads];
                    pthread_mutex_lock(&w->lock);
                    if (w->pending_len == w->pending_cap) {
                        w->pending_cap = w->pending_cap ? 2 * w->pending_cap : 256;
                        w->pending = realloc(w->pending, w->pending_cap * sizeof(int));
                    }
                    w->pending[w->pending_len++] = fd;
                    pthread_mutex_unlock(&w->lock);
                    uint64_t one64 = 1;
                    if (write(w->efd, &one64, sizeof one64) < 0) perror("write eventfd");
                }
            }
        }
        if (next_report && mono_ns() >= next_report) {
            struct stats t;
            totals(&t);
            uint64_t now = mono_ns(), cpu = cpu_ns();
            double dt = (now - last_t) / 1e9;
            fprintf(stderr, "fosc-loadgen: %.1f s: open %llu, %.0f frames/s, %.1f MB/s, skipped %llu, CPU %.0f %% of a "
                            "core, sender threads waiting for socket space %.0f %% of the time\n",
                    (now - start_ns) / 1e9, (unsigned long long) t.open, (t.sent - last.sent) / dt,
                    (t.bytes - last.bytes) / dt / 1e6, (unsigned long long) (t.skipped - last.skipped),
                    100.0 * (cpu - last_cpu) / 1e9 / dt, 100.0 * (t.idle_ns - last.idle_ns) / 1e9 / dt / opt.threads);
            last = t;
            last_cpu = cpu;
            last_t = now;
            next_report += (uint64_t) (opt.report * 1e9);
        }
    }
    (void) stdin_open;
    print_stats(stdout);
    struct stats t;
    totals(&t);
    double up = (mono_ns() - start_ns) / 1e9;
    fprintf(stderr, "fosc-loadgen: stopped after %.1f s: %llu connections, %llu logins, %llu frames sent "
                    "(%llu skipped), %.1f MB, CPU %.2f s\n",
            up, (unsigned long long) t.connections, (unsigned long long) t.logins, (unsigned long long) t.sent,
            (unsigned long long) t.skipped, t.bytes / 1e6, cpu_ns() / 1e9);
    return 0; /* the kernel closes every socket */
}
