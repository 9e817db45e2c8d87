package io.gnomon.gps;

import io.gnomon.nmea.FieldValue;
import io.gnomon.nmea.NmeaSentence;
import io.gnomon.nmea.NmeaTimeOfDay;
import io.gnomon.time.MonotonicTime;
import java.util.ArrayList;
import java.util.List;

/** The sentences of one receiver cycle, collected by {@link EpochAssembler}. Mutable, package-private. */
final class Cycle {

    final MonotonicTime firstByteArrival;
    MonotonicTime lastArrival;
    NmeaTimeOfDay timeOfDay;
    final List<NmeaSentence> sentences = new ArrayList<>();

    Cycle(MonotonicTime firstByteArrival) {
        this.firstByteArrival = firstByteArrival;
        this.lastArrival = firstByteArrival;
    }

    void add(NmeaSentence s) {
        sentences.add(s);
        lastArrival = s.source().firstByteArrival();
        if (timeOfDay == null && s.timeOfDay() instanceof FieldValue.Present<NmeaTimeOfDay> p) {
            timeOfDay = p.value();
        }
    }

    <T extends NmeaSentence> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (NmeaSentence s : sentences) {
            if (type.isInstance(s)) {
                out.add(type.cast(s));
            }
        }
        return out;
    }
}
