package io.gnomon.discipline;

/**
 * What the kernel says about its clock (struct timex after clock_adjtime).
 *
 * @param frequencyPpm     the frequency correction the kernel applies, ppm (timex.freq / 2^16); positive speeds the clock up
 * @param tickMicros       microseconds added per tick (timex.tick; nominally 1 000 000 / USER_HZ)
 * @param maxErrorMicros   timex.maxerror: the kernel's bound on its error, µs (it grows by 500 ppm on its own)
 * @param estErrorMicros   timex.esterror, µs
 * @param unsynchronised   STA_UNSYNC is set
 * @param leap             STA_INS / STA_DEL
 * @param status           the raw timex.status bits (STA_*) for diagnostics
 * @param taiOffsetSeconds timex.tai (TAI − UTC the kernel was told; 0 when nobody told it)
 * @param clockState       clock_adjtime's return value: TIME_OK 0, TIME_INS 1, TIME_DEL 2, TIME_OOP 3, TIME_WAIT 4, TIME_ERROR 5
 */
public record KernelClockState(double frequencyPpm, long tickMicros, long maxErrorMicros, long estErrorMicros,
                               boolean unsynchronised, KernelLeap leap, int status, int taiOffsetSeconds,
                               int clockState) {
}
