package io.gnomon.gps;

/**
 * One satellite signal a receiver reported in view (GSV). {@code constellation} from the GSV talker;
 * {@code signalId} the NMEA 4.1 signal id or -1; elevation/azimuth/snr -1 when empty (snr empty = not tracked);
 * {@code used} when a GSA of the same cycle lists the satellite as used in the fix.
 */
public record SatelliteSignal(String constellation, int prn, int signalId, int elevation, int azimuth, int snr,
                              boolean used) {
}
