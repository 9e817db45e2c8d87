package io.gnomon.nmea;

/** Where the framer delivers what it cut out of the byte stream. */
public interface FramerOutput {

    void sentence(FramedSentence sentence);

    void rejected(FramingReject reject);
}
