package io.gnomon.nmea;

/**
 * A calendar date as a receiver printed it. {@code yearDigits} is 2 for RMC's ddmmyy (century unknown; the
 * year is then 0..99) and 4 for ZDA. The date has not been checked against GPS week rollover or an anchor:
 * that is {@code io.gnomon.gps.DateResolver}'s job.
 */
public record NmeaDate(int year, int month, int day, int yearDigits) {

    @Override
    public String toString() {
        return yearDigits == 2
                ? String.format("%02d-%02d-yy%02d", day, month, year)
                : String.format("%04d-%02d-%02d", year, month, day);
    }
}
