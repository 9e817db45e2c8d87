package io.gnomon.status;

/**
 * One sample of the charted values. NaN where a value was unknown at that moment.
 *
 * @param epochSecond          UTC seconds since 1970
 * @param ntpRequestsPerSecond requests received per second since the previous sample
 */
public record HistoryRow(long epochSecond, double offsetSeconds, double jitterSeconds, double frequencyPpm,
                         double ntpRequestsPerSecond) {
}
