package io.gnomon.gps;

/**
 * One satellite signal a receiver reported in view (GSV). {@code constellation} from the talker or NMEA 4.1
 * system id; {@code signalId} the NMEA 4.1 signal id or -1; elevation/azimuth/snr -1 when empty (snr empty =
 * not tracked).
 */
public record SatelliteSignal(String constellation, int prn, int signalId, int elevation, int azimuth, int snr) {
}
