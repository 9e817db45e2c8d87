/* Big-endian 64-bit fields of an NTP packet (timestamps), shared by the load generators. */
#ifndef NTPWIRE_H
#define NTPWIRE_H
#include <stdint.h>

static inline uint64_t get64(const unsigned char *p) {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | p[i];
    return v;
}

static inline void put64(unsigned char *p, uint64_t v) {
    for (int i = 7; i >= 0; i--) { p[i] = v & 0xff; v >>= 8; }
}
#endif
