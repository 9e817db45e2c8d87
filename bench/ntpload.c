/*
 * ntpload: an NTP load generator for loopback benchmarks (Gnomon's scripts/bench).
 *
 * Closed loop (--inflight N: N requests outstanding, each reply triggers the next) or open loop
 * (--rate R: R requests per second whatever comes back). Batches with sendmmsg/recvmmsg; T4 is the
 * kernel's receive timestamp (SO_TIMESTAMPNS), T1 is read just before the sendmmsg carrying the request.
 * Every reply is checked: 48+ bytes, mode 4, not a Kiss-o'-Death, origin == the cookie we sent,
 * T1 <= T2 <= T3 <= T4 (each against this host's CLOCK_REALTIME, which the server on loopback shares).
 * Prints one line of key=value results (with --interval S, also one line per S seconds while it runs: the
 * soak uses that). Loopback only: the server address must be 127.0.0.0/8.
 * Also reported, to tell a slow server from a starved generator: gen_gap_max (the longest pause between two
 * turns of the generator's own loop, in microseconds) and gen_rx_drops (replies the kernel dropped because
 * the generator's sockets were full, from SO_RXQ_OVFL).
 *
 * Build: gcc -O2 -o ntpload ntpload.c
 */
#define _GNU_SOURCE
#include "ntpwire.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAX_SOCKETS 16
#define NTP_UNIX_OFFSET 2208988800ULL
#define TIMEOUT_NS 1000000000LL

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t ntp_to_ns(uint64_t ntp) {
    int64_t sec = (int64_t) (ntp >> 32) - (int64_t) NTP_UNIX_OFFSET;
    uint64_t frac = ntp & 0xffffffffULL;
    return sec * 1000000000LL + (int64_t) ((frac * 1000000000ULL) >> 32);
}

/* growable sample arrays of int32 nanoseconds */
typedef struct { int32_t *v; size_t n, cap; } samples;
static void add(samples *s, int64_t x) {
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1 << 20;
        s->v = realloc(s->v, s->cap * sizeof(int32_t));
        if (!s->v) { perror("realloc"); exit(1); }
    }
    if (x > INT32_MAX) x = INT32_MAX;
    if (x < INT32_MIN) x = INT32_MIN;
    s->v[s->n++] = (int32_t) x;
}
static int cmp32(const void *a, const void *b) {
    int32_t x = *(const int32_t *) a, y = *(const int32_t *) b;
    return (x > y) - (x < y);
}
static double pct(samples *s, double p) {
    if (s->n == 0) return -1;
    size_t i = (size_t) (p / 100.0 * (double) (s->n - 1) + 0.5);
    return s->v[i] / 1000.0; /* microseconds */
}

static long proc_sys_ticks; /* stime of the last proc_cpu_ticks reading */
static long proc_cpu_ticks(int pid) {
    if (pid <= 0) return -1;
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')'); /* the command name may contain spaces */
    if (!p) return -1;
    /* after ") ": field 3 is state; utime is field 14, stime 15 */
    long utime = 0, stime = 0;
    int field = 2;
    for (char *t = p + 1; *t; t++) {
        if (*t == ' ') {
            field++;
            if (field == 14) utime = strtol(t + 1, NULL, 10);
            if (field == 15) { stime = strtol(t + 1, NULL, 10); break; }
        }
    }
    proc_sys_ticks = stime;
    return utime + stime;
}

typedef struct {
    int fd;
    /* closed loop: one cookie slot per in-flight request */
    int nslots;
    int64_t *t1;       /* send time of the slot's outstanding request, 0 when none */
    uint32_t *seq;     /* the slot's current sequence number */
} client;

static struct {
    samples rtt, t21, t43;
    long sent, received, bad_mode, bad_origin, bad_order, t3_after_t4, t2_before_t1, kod, no_kernel_ts, timeouts, late;
    int64_t gap_max;
} st;

static uint32_t rxq_drops[MAX_SOCKETS]; /* SO_RXQ_OVFL: the kernel's running count of drops per socket */
static long rx_drops_total(int nsock) {
    long t = 0;
    for (int k = 0; k < nsock; k++) t += rxq_drops[k];
    return t;
}

static void clear_stats(void) {
    samples rtt = st.rtt, t21 = st.t21, t43 = st.t43;
    memset(&st, 0, sizeof st);
    st.rtt = rtt; st.t21 = t21; st.t43 = t43;
    st.rtt.n = st.t21.n = st.t43.n = 0;
}

/* one result line for a window of `secs` seconds */
static void report(const char *label, const char *window, int closed_loop, double load, double secs,
                   long replies_in_window, long lost, long outstanding, double cpu_server, double cpu_server_sys,
                   double gen_cpu, long gen_rx_drops) {
    qsort(st.rtt.v, st.rtt.n, sizeof(int32_t), cmp32);
    qsort(st.t21.v, st.t21.n, sizeof(int32_t), cmp32);
    qsort(st.t43.v, st.t43.n, sizeof(int32_t), cmp32);
    printf("label=%s%s mode=%s load=%g seconds=%.2f sent=%ld replies=%ld rps=%.0f lost=%ld late=%ld outstanding=%ld"
           " bad_mode=%ld bad_origin=%ld bad_order=%ld t3_after_t4=%ld t2_before_t1=%ld kod=%ld no_kernel_ts=%ld"
           " rtt_p50=%.2f rtt_p99=%.2f t21_p50=%.2f t21_p99=%.2f t43_p1=%.2f t43_p50=%.2f t43_p99=%.2f t43_min=%.2f"
           " cpu_server=%.1f cpu_server_sys=%.1f cpu_gen=%.1f gen_gap_max=%.0f gen_rx_drops=%ld\n",
           label, window, closed_loop ? "closed" : "open", load, secs, st.sent,
           st.received, replies_in_window / secs, lost, st.late, outstanding, st.bad_mode, st.bad_origin, st.bad_order, st.t3_after_t4, st.t2_before_t1,
           st.kod, st.no_kernel_ts, pct(&st.rtt, 50), pct(&st.rtt, 99), pct(&st.t21, 50), pct(&st.t21, 99),
           pct(&st.t43, 1), pct(&st.t43, 50), pct(&st.t43, 99), st.t43.n ? st.t43.v[0] / 1000.0 : -1,
           cpu_server, cpu_server_sys, gen_cpu, st.gap_max / 1000.0, gen_rx_drops);
    fflush(stdout);
}

static double rusage_cpu(struct rusage *a, struct rusage *b, double secs) {
    return ((b->ru_utime.tv_sec - a->ru_utime.tv_sec) + (b->ru_stime.tv_sec - a->ru_stime.tv_sec)
            + ((b->ru_utime.tv_usec - a->ru_utime.tv_usec) + (b->ru_stime.tv_usec - a->ru_stime.tv_usec)) * 1e-6)
           / secs * 100;
}

static int measuring = 0;

static void usage(void) {
    fprintf(stderr, "usage: ntpload --server 127.0.0.1:PORT (--inflight N | --rate R) [--seconds S]"
            " [--warmup S] [--sockets K] [--pid SERVER_PID] [--label TEXT] [--interval S]\n");
    exit(2);
}

int main(int argc, char **argv) {
    const char *server = NULL, *label = "run";
    int inflight = 0, nsock = 4, pid = 0;
    double rate = 0, seconds = 5, warmup = 1, interval = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--server") && i + 1 < argc) server = argv[++i];
        else if (!strcmp(argv[i], "--inflight") && i + 1 < argc) inflight = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--rate") && i + 1 < argc) rate = atof(argv[++i]);
        else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--warmup") && i + 1 < argc) warmup = atof(argv[++i]);
        else if (!strcmp(argv[i], "--sockets") && i + 1 < argc) nsock = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--pid") && i + 1 < argc) pid = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--label") && i + 1 < argc) label = argv[++i];
        else if (!strcmp(argv[i], "--interval") && i + 1 < argc) interval = atof(argv[++i]);
        else usage();
    }
    if (!server || (inflight <= 0) == (rate <= 0) || nsock < 1 || nsock > MAX_SOCKETS) usage();
    if (inflight > 0 && nsock > inflight) nsock = inflight;
    const int closed_loop = inflight > 0;
    int resend = closed_loop;

    struct sockaddr_in to = {.sin_family = AF_INET};
    char host[64];
    const char *colon = strrchr(server, ':');
    if (!colon || colon - server >= (long) sizeof host) usage();
    memcpy(host, server, colon - server);
    host[colon - server] = 0;
    to.sin_port = htons((uint16_t) atoi(colon + 1));
    if (inet_pton(AF_INET, host, &to.sin_addr) != 1 || (ntohl(to.sin_addr.s_addr) >> 24) != 127) {
        fprintf(stderr, "ntpload: the server must be a 127.0.0.0/8 address\n");
        return 2;
    }

    /* open loop: cookies index a ring large enough for 2 s of requests */
    int ring = rate > 0 ? (int) (rate * 2) + BATCH : 0;
    client cl[MAX_SOCKETS];
    for (int k = 0; k < nsock; k++) {
        cl[k].fd = socket(AF_INET, SOCK_DGRAM, 0);
        int one = 1, big = 8 << 20;
        setsockopt(cl[k].fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
        setsockopt(cl[k].fd, SOL_SOCKET, SO_RXQ_OVFL, &one, sizeof one);
        setsockopt(cl[k].fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
        setsockopt(cl[k].fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
        if (connect(cl[k].fd, (struct sockaddr *) &to, sizeof to) < 0) { perror("connect"); return 1; }
        cl[k].nslots = inflight > 0 ? inflight / nsock + (k < inflight % nsock) : ring / nsock + 1;
        cl[k].t1 = calloc(cl[k].nslots, sizeof(int64_t));
        cl[k].seq = calloc(cl[k].nslots, sizeof(uint32_t));
    }

    static unsigned char txbuf[BATCH][48], rxbuf[BATCH][128], ctl[BATCH][64];
    struct mmsghdr txv[BATCH], rxv[BATCH];
    struct iovec txi[BATCH], rxi[BATCH];
    memset(txv, 0, sizeof txv);
    for (int i = 0; i < BATCH; i++) {
        txi[i].iov_base = txbuf[i]; txi[i].iov_len = 48;
        txv[i].msg_hdr.msg_iov = &txi[i]; txv[i].msg_hdr.msg_iovlen = 1;
        rxi[i].iov_base = rxbuf[i]; rxi[i].iov_len = sizeof rxbuf[i];
    }

    /* queue of slots to (re)send per socket */
    int *pending[MAX_SOCKETS], npending[MAX_SOCKETS];
    int next_open_slot[MAX_SOCKETS];
    for (int k = 0; k < nsock; k++) {
        pending[k] = malloc(sizeof(int) * (cl[k].nslots + BATCH));
        npending[k] = 0;
        next_open_slot[k] = 0;
        if (inflight > 0)
            for (int s = 0; s < cl[k].nslots; s++) pending[k][npending[k]++] = s;
    }

    struct rusage ru0, ru1;
    int64_t start = now_ns();
    int64_t measure_from = start + (int64_t) (warmup * 1e9);
    int64_t end = measure_from + (int64_t) (seconds * 1e9);
    long cpu0 = -1, sys0 = 0, sys_at_end = 0;
    double sent_open = 0; /* open loop: requests due so far */
    long open_issued = 0;
    int64_t last_timeout_scan = start;
    int rr = 0;

    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0); /* short sleeps in the open loop */
    int64_t drain_until = 0;
    long replies_in_window = -1;
    long cpu_at_end = -1;
    struct rusage ru_at_end;
    int64_t window_end = end;
    int64_t last_turn = 0, next_report = 0, report_from = 0;
    long report_cpu = 0, report_sys = 0, report_received = 0, report_drops = 0, window_no = 0;
    struct rusage report_ru;
    for (;;) {
        int64_t now = now_ns();
        if (measuring && last_turn && now - last_turn > st.gap_max) st.gap_max = now - last_turn;
        last_turn = now;
        if (!measuring && now >= measure_from) {
            measuring = 1;
            clear_stats();
            cpu0 = proc_cpu_ticks(pid);
            sys0 = proc_sys_ticks;
            getrusage(RUSAGE_SELF, &ru0);
            measure_from = now;
            if (interval > 0) {
                report_from = now; next_report = now + (int64_t) (interval * 1e9);
                report_cpu = cpu0; report_sys = sys0; report_ru = ru0; report_received = 0;
                report_drops = rx_drops_total(nsock);
            }
        }
        if (interval > 0 && measuring && !drain_until && now >= next_report && now < end) {
            /* a window's line; the totals line at the end covers the whole run (its samples are this
             * window's onwards: percentiles in the final line are then those of the last window) */
            double wsecs = (now - report_from) * 1e-9;
            long cpu = proc_cpu_ticks(pid), sys = proc_sys_ticks;
            struct rusage ru;
            getrusage(RUSAGE_SELF, &ru);
            char window[32];
            snprintf(window, sizeof window, " window=%ld", ++window_no);
            long drops = rx_drops_total(nsock);
            st.received -= report_received; /* st counts since the last window */
            /* The window's percentiles sort millions of samples (seconds of CPU at 100k/s): a child process
             * does it on its copy-on-write snapshot, at low priority, so the send schedule never stalls for it
             * (a stall here made the generator send its backlog in one burst, and the server's socket overflow
             * was the generator's doing). Without fork, report inline. */
            fflush(stdout);
            pid_t child = fork();
            if (child <= 0) {
                if (child == 0) {
                    if (nice(19) == -1) { /* priority unchanged: still correct, only slower */ }
                }
                report(label, window, closed_loop, closed_loop ? (double) inflight : rate, wsecs, st.received,
                       st.timeouts, 0,
                       (cpu >= 0 && report_cpu >= 0) ? (double) (cpu - report_cpu) / sysconf(_SC_CLK_TCK) / wsecs * 100 : -1,
                       (cpu >= 0 && report_cpu >= 0) ? (double) (sys - report_sys) / sysconf(_SC_CLK_TCK) / wsecs * 100 : -1,
                       rusage_cpu(&report_ru, &ru, wsecs), drops - report_drops);
                if (child == 0) {
                    _exit(0);
                }
            }
            clear_stats();
            report_received = 0;
            report_from = now; next_report = now + (int64_t) (interval * 1e9);
            report_cpu = cpu; report_sys = sys; report_ru = ru; report_drops = drops;
        }
        if (now >= end && drain_until == 0) {
            /* stop sending; keep receiving 300 ms so only real losses stay outstanding */
            drain_until = now + 300000000LL;
            window_end = now;
            replies_in_window = st.received;
            cpu_at_end = proc_cpu_ticks(pid);
            sys_at_end = proc_sys_ticks;
            getrusage(RUSAGE_SELF, &ru_at_end);
            for (int k = 0; k < nsock; k++) npending[k] = 0;
            resend = 0; /* no new requests while draining */
        }
        if (drain_until && now >= drain_until) break;

        /* open loop: issue what is due, round robin over sockets */
        if (rate > 0 && !drain_until) {
            sent_open = (double) (now - start) * 1e-9 * rate;
            while (open_issued < (long) sent_open) {
                int k = rr++ % nsock;
                int s = next_open_slot[k];
                next_open_slot[k] = (s + 1) % cl[k].nslots;
                if (cl[k].t1[s] != 0) { if (measuring) st.timeouts++; cl[k].t1[s] = 0; }
                if (npending[k] < cl[k].nslots + BATCH - 1) pending[k][npending[k]++] = s;
                open_issued++;
            }
        }

        /* send pending requests */
        for (int k = 0; k < nsock; k++) {
            while (npending[k] > 0) {
                int n = npending[k] < BATCH ? npending[k] : BATCH;
                int64_t t1 = now_ns();
                for (int i = 0; i < n; i++) {
                    int s = pending[k][npending[k] - n + i];
                    cl[k].seq[s]++;
                    memset(txbuf[i], 0, 48);
                    txbuf[i][0] = 0x23; /* LI 0, version 4, mode 3 */
                    put64(txbuf[i] + 40, ((uint64_t) (uint32_t) s << 32) | cl[k].seq[s]);
                    cl[k].t1[s] = t1;
                }
                int r = sendmmsg(cl[k].fd, txv, n, 0);
                if (r < 0) {
                    if (errno == EAGAIN || errno == ENOBUFS || errno == ECONNREFUSED) { r = n; }
                    else { perror("sendmmsg"); return 1; }
                }
                if (measuring) st.sent += r;
                npending[k] -= n;
            }
        }

        /* receive what is there */
        int got_any = 0;
        for (int k = 0; k < nsock; k++) {
            for (int i = 0; i < BATCH; i++) {
                memset(&rxv[i].msg_hdr, 0, sizeof rxv[i].msg_hdr);
                rxv[i].msg_hdr.msg_iov = &rxi[i]; rxv[i].msg_hdr.msg_iovlen = 1;
                rxv[i].msg_hdr.msg_control = ctl[i]; rxv[i].msg_hdr.msg_controllen = sizeof ctl[i];
            }
            int n = recvmmsg(cl[k].fd, rxv, BATCH, MSG_DONTWAIT, NULL);
            if (n <= 0) continue;
            got_any = 1;
            int64_t fallback_t4 = now_ns();
            for (int i = 0; i < n; i++) {
                int64_t t4 = 0;
                for (struct cmsghdr *c = CMSG_FIRSTHDR(&rxv[i].msg_hdr); c; c = CMSG_NXTHDR(&rxv[i].msg_hdr, c)) {
                    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
                        struct timespec ts;
                        memcpy(&ts, CMSG_DATA(c), sizeof ts);
                        t4 = (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
                    } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                        memcpy(&rxq_drops[k], CMSG_DATA(c), sizeof rxq_drops[k]);
                    }
                }
                if (t4 == 0) { t4 = fallback_t4; if (measuring) st.no_kernel_ts++; }
                unsigned char *p = rxbuf[i];
                if (rxv[i].msg_len < 48 || (p[0] & 7) != 4) { if (measuring) st.bad_mode++; continue; }
                uint64_t origin = get64(p + 24);
                uint32_t s = (uint32_t) (origin >> 32), seq = (uint32_t) origin;
                if (s >= (uint32_t) cl[k].nslots || cl[k].seq[s] != seq || cl[k].t1[s] == 0) {
                    if (measuring) { if (s < (uint32_t) cl[k].nslots) st.late++; else st.bad_origin++; }
                    continue;
                }
                int64_t t1 = cl[k].t1[s];
                cl[k].t1[s] = 0;
                if (resend) pending[k][npending[k]++] = (int) s;
                if (p[1] == 0) { if (measuring) st.kod++; continue; }
                int64_t t2 = ntp_to_ns(get64(p + 32)), t3 = ntp_to_ns(get64(p + 40));
                if (!measuring) continue;
                st.received++;
                if (!(t1 <= t2 && t2 <= t3 && t3 <= t4)) st.bad_order++;
                if (t3 > t4) st.t3_after_t4++;
                if (t2 < t1) st.t2_before_t1++;
                add(&st.rtt, t4 - t1);
                add(&st.t21, t2 - t1);
                add(&st.t43, t4 - t3);
            }
        }

        /* closed loop: requests without an answer for 1 s are lost; send them again */
        if (resend && now - last_timeout_scan > 100000000LL) {
            last_timeout_scan = now;
            for (int k = 0; k < nsock; k++)
                for (int s = 0; s < cl[k].nslots; s++)
                    if (cl[k].t1[s] != 0 && now - cl[k].t1[s] > TIMEOUT_NS) {
                        cl[k].t1[s] = 0;
                        if (measuring) st.timeouts++;
                        pending[k][npending[k]++] = s;
                    }
        }

        if (!got_any && (rate <= 0 || open_issued >= (long) sent_open)) {
            struct pollfd pf[MAX_SOCKETS];
            for (int k = 0; k < nsock; k++) { pf[k].fd = cl[k].fd; pf[k].events = POLLIN; }
            /* open loop: wake in time for the next request; closed loop: wait for a reply */
            if (rate > 0 && !drain_until) {
                struct timespec d = {0, 20000};
                nanosleep(&d, NULL);
                continue;
            }
            poll(pf, nsock, 10);
        }
    }
    int64_t stop = window_end;
    long cpu1 = cpu_at_end;
    ru1 = ru_at_end;
    /* open loop: what is still outstanding after a short drain counts as lost */
    long outstanding = 0;
    for (int k = 0; k < nsock; k++)
        for (int s = 0; s < cl[k].nslots; s++)
            if (cl[k].t1[s] != 0) outstanding++;

    while (wait(NULL) > 0 || errno == EINTR) { /* window lines first, then the totals line */
    }
    if (interval > 0 && window_no > 0) { /* the final line covers the last window only */
        measure_from = report_from;
        cpu0 = report_cpu; sys0 = report_sys; ru0 = report_ru;
        replies_in_window -= report_received;
    }
    double secs = (stop - measure_from) * 1e-9;
    double cpu_server = (cpu0 >= 0 && cpu1 >= 0) ? (double) (cpu1 - cpu0) / sysconf(_SC_CLK_TCK) / secs * 100 : -1;
    double cpu_server_sys = (cpu0 >= 0 && cpu1 >= 0) ? (double) (sys_at_end - sys0) / sysconf(_SC_CLK_TCK) / secs * 100 : -1;
    long lost = st.timeouts + outstanding;
    st.received -= report_received;
    report(label, interval > 0 ? " window=last" : "", closed_loop, closed_loop ? (double) inflight : rate, secs,
           replies_in_window, lost, outstanding, cpu_server, cpu_server_sys, rusage_cpu(&ru0, &ru1, secs),
           rx_drops_total(nsock) - (interval > 0 ? report_drops : 0));
    return 0;
}
