package io.gnomon.gps;

import io.gnomon.nmea.FramingReject;
import io.gnomon.nmea.NmeaSentence;

/** What a {@link GpsReceiver} reports. Only {@link #epoch} is required. */
public interface ReceiverListener {

    void epoch(Epoch epoch);

    default void sentence(NmeaSentence sentence) {
    }

    default void framingReject(FramingReject reject) {
    }
}
