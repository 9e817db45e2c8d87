/*
 * ntpflood: a flood of NTP requests from many loopback source addresses, plus one polite client (scripts/flood).
 *
 * On Linux all of 127.0.0.0/8 is local (route "local 127.0.0.0/8 dev lo"), so any 127.x.y.z can be a source
 * without adding aliases. The flood goes out of ONE socket bound to 0.0.0.0:P; each datagram names its own
 * source address with an IP_PKTINFO control message (ipi_spec_dst), and every reply, whatever 127.x.y.z it
 * is sent to, comes back to port P and this socket (IP_PKTINFO on receive names which source it was for).
 *
 * Source i (of --sources N, from --first, default 127.1.0.0: 127.1.0.1 … 127.1.0.254, 127.1.1.1 …, skipping
 * addresses ending in .0 and .255) sends --burst B requests back to back, then the
 * next source; a round covers every source; rounds repeat for --seconds, paced to --rate datagrams/s. Every
 * tenth source also sends one mode 6 (ntpq readvar, 12 bytes) and one mode 7 (ntpdc monlist, 48 bytes) query.
 * Meanwhile a polite client bound to --polite (default 127.0.0.2) sends one request every --polite-every
 * seconds and waits up to 1 s for its reply.
 *
 * Counted and printed (key=value): flood requests sent, replies by kind (answered = mode 4 stratum > 0,
 * kod_rate = stratum 0 refid RATE with LI 3, unsync = other stratum 0 replies, other), replies larger than their request, replies to a mode 6/7
 * query's source that are not NTP mode 4 (must be 0), distinct sources that received a KoD; the polite
 * client's polls, valid answers (mode 4, stratum 1..15, origin = its transmit time), KoDs and timeouts.
 * Loopback only: the server must be 127.0.0.0/8.
 *
 * Build: gcc -O2 -o ntpflood ntpflood.c
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
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64

static int64_t mono_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct {
    long sent, mode67_sent, replies, answered, kod_rate, unsync, other, larger, mode67_answered, kod_sources;
    long polite_polls, polite_ok, polite_kod, polite_unsync, polite_timeouts, polite_bad;
} st;

static unsigned char *kissed; /* per source: got a KoD */
static uint32_t first_addr;
static long nsources;

static void usage(void) {
    fprintf(stderr, "usage: ntpflood --server 127.0.0.1:PORT [--sources N] [--first 127.1.0.0] [--burst B]"
            " [--rate R] [--seconds S] [--polite 127.0.0.2] [--polite-every S]\n");
    exit(2);
}

/* a reply on the flood socket: judge it, attribute it to its source by the destination address */
static void judge(const unsigned char *p, int len, uint32_t dst, int request_len) {
    st.replies++;
    if (len > request_len) st.larger++;
    long off = (long) dst - (long) first_addr;
    long src = (off >> 8) * 254 + (off & 255) - 1;
    int in_range = off >= 0 && (off & 255) >= 1 && (off & 255) <= 254 && src < nsources;
    if (len < 48 || (p[0] & 7) != 4) {
        st.other++;
        if (in_range && src % 10 == 9) st.mode67_answered++;
        return;
    }
    if (p[1] == 0) {
        if (memcmp(p + 12, "RATE", 4) == 0 && (p[0] >> 6) == 3) {
            st.kod_rate++;
            if (in_range && !kissed[src]) { kissed[src] = 1; st.kod_sources++; }
        } else {
            st.unsync++; /* stratum 0 without RATE: the server cannot vouch for its time */
        }
        return;
    }
    st.answered++;
}

/* Receives what is waiting (up to BATCH replies, without blocking) and judges each with the address it was sent to. */
static unsigned char rxbuf[BATCH][128], rxctl[BATCH][64] __attribute__((aligned(8)));
static struct mmsghdr rxv[BATCH];
static struct iovec rxi[BATCH];

static int receive_replies(int fd) {
    for (int i = 0; i < BATCH; i++) {
        memset(&rxv[i].msg_hdr, 0, sizeof rxv[i].msg_hdr);
        rxi[i].iov_base = rxbuf[i]; rxi[i].iov_len = sizeof rxbuf[i];
        rxv[i].msg_hdr.msg_iov = &rxi[i]; rxv[i].msg_hdr.msg_iovlen = 1;
        rxv[i].msg_hdr.msg_control = rxctl[i]; rxv[i].msg_hdr.msg_controllen = sizeof rxctl[i];
    }
    int got = recvmmsg(fd, rxv, BATCH, MSG_DONTWAIT, NULL);
    for (int i = 0; i < got; i++) {
        uint32_t dst = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&rxv[i].msg_hdr); c; c = CMSG_NXTHDR(&rxv[i].msg_hdr, c))
            if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO)
                dst = ntohl(((struct in_pktinfo *) CMSG_DATA(c))->ipi_addr.s_addr);
        judge(rxbuf[i], (int) rxv[i].msg_len, dst, 48);
    }
    return got;
}

int main(int argc, char **argv) {
    const char *server = NULL, *first = "127.1.0.0", *polite = "127.0.0.2";
    nsources = 50000;
    int burst = 20;
    double rate = 100000, seconds = 20, polite_every = 1.0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--server") && i + 1 < argc) server = argv[++i];
        else if (!strcmp(argv[i], "--sources") && i + 1 < argc) nsources = atol(argv[++i]);
        else if (!strcmp(argv[i], "--first") && i + 1 < argc) first = argv[++i];
        else if (!strcmp(argv[i], "--burst") && i + 1 < argc) burst = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--rate") && i + 1 < argc) rate = atof(argv[++i]);
        else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--polite") && i + 1 < argc) polite = argv[++i];
        else if (!strcmp(argv[i], "--polite-every") && i + 1 < argc) polite_every = atof(argv[++i]);
        else usage();
    }
    if (!server || nsources < 1 || burst < 1 || burst > BATCH || rate <= 0) usage();

    struct sockaddr_in to = {.sin_family = AF_INET}, polite_at = {.sin_family = AF_INET};
    char host[64];
    const char *colon = strrchr(server, ':');
    if (!colon || colon - server >= (long) sizeof host) usage();
    memcpy(host, server, colon - server);
    host[colon - server] = 0;
    to.sin_port = htons((uint16_t) atoi(colon + 1));
    struct in_addr fa;
    if (inet_pton(AF_INET, host, &to.sin_addr) != 1 || (ntohl(to.sin_addr.s_addr) >> 24) != 127
        || inet_pton(AF_INET, first, &fa) != 1 || inet_pton(AF_INET, polite, &polite_at.sin_addr) != 1) {
        fprintf(stderr, "ntpflood: server, --first and --polite must be IPv4 addresses, the server in 127.0.0.0/8\n");
        return 2;
    }
    first_addr = ntohl(fa.s_addr);
    if ((first_addr & 255) != 0 || (first_addr >> 24) != 127
        || ((first_addr + (uint32_t) (nsources / 254 + 1) * 256) >> 24) != 127) {
        fprintf(stderr, "ntpflood: --first must end in .0 and the sources must stay inside 127.0.0.0/8\n");
        return 2;
    }
    kissed = calloc(nsources, 1);

    /* the flood socket: wildcard address, one port for every source */
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int one = 1, big = 8 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
    setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof one);
    struct sockaddr_in any = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (bind(fd, (struct sockaddr *) &any, sizeof any) < 0) { perror("bind flood socket"); return 1; }

    /* the polite client: its own address, connected */
    int pfd = socket(AF_INET, SOCK_DGRAM, 0);
    if (bind(pfd, (struct sockaddr *) &polite_at, sizeof polite_at) < 0) { perror("bind polite client"); return 1; }
    if (connect(pfd, (struct sockaddr *) &to, sizeof to) < 0) { perror("connect polite client"); return 1; }

    static unsigned char txbuf[BATCH + 2][48];
    static char txctl[BATCH + 2][CMSG_SPACE(sizeof(struct in_pktinfo))] __attribute__((aligned(8)));
    struct mmsghdr txv[BATCH + 2];
    struct iovec txi[BATCH + 2];
    memset(txv, 0, sizeof txv);
    for (int i = 0; i < BATCH + 2; i++) {
        txi[i].iov_base = txbuf[i];
        txv[i].msg_hdr.msg_name = &to; txv[i].msg_hdr.msg_namelen = sizeof to;
        txv[i].msg_hdr.msg_iov = &txi[i]; txv[i].msg_hdr.msg_iovlen = 1;
        txv[i].msg_hdr.msg_control = txctl[i]; txv[i].msg_hdr.msg_controllen = sizeof txctl[i];
        struct cmsghdr *c = CMSG_FIRSTHDR(&txv[i].msg_hdr);
        c->cmsg_level = IPPROTO_IP; c->cmsg_type = IP_PKTINFO; c->cmsg_len = CMSG_LEN(sizeof(struct in_pktinfo));
    }

    int64_t start = mono_ns(), end = start + (int64_t) (seconds * 1e9);
    int64_t next_poll = start, poll_sent_at = 0;
    uint64_t poll_tag = 0;
    long source = 0, rounds = 0, due_sent = 0;
    for (;;) {
        int64_t now = mono_ns();
        if (now >= end && poll_sent_at == 0) break;
        /* the polite client */
        if (poll_sent_at == 0 && now >= next_poll && now < end) {
            unsigned char q[48] = {0x23};
            put64(q + 40, ++poll_tag);
            if (send(pfd, q, 48, 0) == 48) { st.polite_polls++; poll_sent_at = now; }
            next_poll = now + (int64_t) (polite_every * 1e9);
        }
        if (poll_sent_at) {
            unsigned char r[128];
            ssize_t n = recv(pfd, r, sizeof r, MSG_DONTWAIT);
            if (n > 0) {
                if (n >= 48 && (r[0] & 7) == 4 && get64(r + 24) == poll_tag) {
                    if (r[1] == 0 && memcmp(r + 12, "RATE", 4) == 0) st.polite_kod++;
                    else if (r[1] == 0) st.polite_unsync++;
                    else if (r[1] <= 15 && (r[0] >> 6) != 3) st.polite_ok++;
                    else st.polite_bad++;
                    poll_sent_at = 0;
                } else {
                    st.polite_bad++;
                }
            } else if (now - poll_sent_at > 1000000000LL) {
                st.polite_timeouts++;
                poll_sent_at = 0;
            }
        }
        /* the flood, paced: one source's burst at a time */
        long due = (long) ((double) (now - start) * 1e-9 * rate);
        if (now < end && due - due_sent >= burst) {
            uint32_t src = first_addr + (uint32_t) (source / 254) * 256 + 1 + (uint32_t) (source % 254);
            int n = 0;
            if (source % 10 == 9) { /* mode 6 readvar, mode 7 monlist */
                memset(txbuf[n], 0, 48); txbuf[n][0] = 0x16; txbuf[n][1] = 0x02; txi[n].iov_len = 12; n++;
                memset(txbuf[n], 0, 48); txbuf[n][0] = 0x17; txbuf[n][2] = 3; txbuf[n][3] = 42; txi[n].iov_len = 48; n++;
            }
            int mode67 = n;
            for (int k = 0; k < burst; k++, n++) {
                memset(txbuf[n], 0, 48);
                txbuf[n][0] = 0x23;
                put64(txbuf[n] + 40, ((uint64_t) source << 32) | (uint64_t) k);
                txi[n].iov_len = 48;
            }
            for (int i = 0; i < n; i++) {
                struct in_pktinfo *pi = (struct in_pktinfo *) CMSG_DATA((struct cmsghdr *) (void *) txctl[i]);
                memset(pi, 0, sizeof *pi);
                pi->ipi_spec_dst.s_addr = htonl(src);
            }
            int r = sendmmsg(fd, txv, n, 0);
            if (r < 0 && errno != EAGAIN && errno != ENOBUFS) { perror("sendmmsg (source address)"); return 1; }
            if (r > 0) {
                st.sent += r > mode67 ? r - mode67 : 0;
                st.mode67_sent += r < mode67 ? r : mode67;
            }
            due_sent += burst;
            if (++source == nsources) { source = 0; rounds++; }
        }
        /* replies */
        int got = receive_replies(fd);
        if (got <= 0 && (now >= end || due - due_sent < burst)) {
            struct timespec d = {0, 20000};
            nanosleep(&d, NULL);
        }
    }
    /* drain late replies for 300 ms */
    int64_t drain_end = mono_ns() + 300000000LL;
    while (mono_ns() < drain_end) {
        struct pollfd pf = {.fd = fd, .events = POLLIN};
        if (poll(&pf, 1, 20) <= 0) continue;
        receive_replies(fd);
    }
    double secs = (double) (mono_ns() - start) * 1e-9 - 0.3;
    long sources_reached = rounds > 0 ? nsources : source;
    printf("seconds=%.2f sources=%ld sources_reached=%ld rounds=%ld burst=%d sent=%ld sent_rate=%.0f mode67_sent=%ld"
           " replies=%ld answered=%ld kod_rate=%ld unsync=%ld other=%ld larger_than_request=%ld mode67_answered=%ld"
           " kod_sources=%ld polite_polls=%ld polite_ok=%ld polite_kod=%ld polite_unsync=%ld polite_timeouts=%ld"
           " polite_bad=%ld\n",
           secs, nsources, sources_reached, rounds, burst, st.sent, st.sent / secs, st.mode67_sent, st.replies,
           st.answered, st.kod_rate, st.unsync, st.other, st.larger, st.mode67_answered, st.kod_sources,
           st.polite_polls, st.polite_ok, st.polite_kod, st.polite_unsync, st.polite_timeouts, st.polite_bad);
    return 0;
}
