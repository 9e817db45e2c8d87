package io.gnomon.nmea;

import java.util.List;

/**
 * A decoded sentence. Time-bearing fields are {@link FieldValue}s, so a bad hour or date is a value with a
 * reason, not an exception. Status characters are kept as printed ('\0' when the field is absent, which happens
 * in older NMEA versions that lack it).
 */
public sealed interface NmeaSentence {

    SentenceAddress address();

    FramedSentence source();

    /** The sentence's own time of day, when its type carries one. */
    default FieldValue<NmeaTimeOfDay> timeOfDay() {
        return FieldValue.empty();
    }

    /** RMC. {@code status} 'A' valid / 'V' warning; {@code mode} (NMEA 2.3+) 'A','D','E','N',...; {@code navStatus} (4.1+). */
    record Rmc(SentenceAddress address, FramedSentence source, FieldValue<NmeaTimeOfDay> timeOfDay, char status,
               FieldValue<NmeaDate> date, char mode, char navStatus) implements NmeaSentence {
    }

    /** ZDA: time, date with four-digit year, local zone (ignored for UTC). */
    record Zda(SentenceAddress address, FramedSentence source, FieldValue<NmeaTimeOfDay> timeOfDay,
               FieldValue<NmeaDate> date) implements NmeaSentence {
    }

    /** GGA. {@code quality} 0 = no fix, -1 = unreadable; {@code satellitesUsed} -1 when absent. */
    record Gga(SentenceAddress address, FramedSentence source, FieldValue<NmeaTimeOfDay> timeOfDay, int quality,
               int satellitesUsed, double hdop) implements NmeaSentence {
    }

    /** GLL. {@code status} 'A'/'V'; {@code mode} (2.3+). */
    record Gll(SentenceAddress address, FramedSentence source, FieldValue<NmeaTimeOfDay> timeOfDay, char status,
               char mode) implements NmeaSentence {
    }

    /** GNS. {@code modes} one character per constellation ('N' = no fix); {@code navStatus} (4.1+). */
    record Gns(SentenceAddress address, FramedSentence source, FieldValue<NmeaTimeOfDay> timeOfDay, String modes,
               int satellitesUsed, char navStatus) implements NmeaSentence {
    }

    /** GSA. {@code fixType} 1 none, 2 2D, 3 3D; {@code systemId} (4.1+) -1 when absent. */
    record Gsa(SentenceAddress address, FramedSentence source, char selection, int fixType, List<Integer> satellites,
               double pdop, double hdop, double vdop, int systemId) implements NmeaSentence {
    }

    /** One GSV part. {@code signalId} (4.1+) -1 when absent. */
    record Gsv(SentenceAddress address, FramedSentence source, int totalMessages, int messageNumber,
               int satellitesInView, List<SatelliteView> satellites, int signalId) implements NmeaSentence {
    }

    /** A satellite as GSV lists it; -1 for an empty elevation, azimuth or SNR (SNR empty = not tracked). */
    record SatelliteView(int prn, int elevation, int azimuth, int snr) {
    }

    /** TXT: a receiver's text message (antenna status, firmware, ...). */
    record Txt(SentenceAddress address, FramedSentence source, int totalMessages, int messageNumber, int textType,
               String text) implements NmeaSentence {
    }

    /** A sentence type with no decoder (or a proprietary one): counted, not an error. */
    record Unknown(SentenceAddress address, FramedSentence source) implements NmeaSentence {
    }

    /** A known type whose structure is wrong (too few fields); {@code reason} says what. */
    record Malformed(SentenceAddress address, FramedSentence source, String reason) implements NmeaSentence {
    }
}
