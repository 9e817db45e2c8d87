package io.gnomon.leap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The copy of leap-seconds.list shipped in test resources (public domain, from IERS/IETF via tzdata). */
public final class LeapSecondTables {
    private LeapSecondTables() {}

    public static String shippedText() {
        try (InputStream in = LeapSecondTables.class.getResourceAsStream("leap-seconds.list")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LeapSecondTable shipped() {
        return ((LeapSecondTable.Parsed.Table) LeapSecondTable.parse(shippedText())).table();
    }
}
