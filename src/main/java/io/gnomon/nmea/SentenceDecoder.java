package io.gnomon.nmea;

import java.util.List;

/** Decodes one sentence type. {@code fields.get(0)} is the address field. */
@FunctionalInterface
public interface SentenceDecoder {

    NmeaSentence decode(SentenceAddress address, FramedSentence source, List<String> fields);
}
