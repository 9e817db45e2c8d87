package io.gnomon.gps;

import io.gnomon.nmea.NmeaSentence;

/** Reads fix validity from the sentences of a cycle. Each test says why a sentence does or does not report a fix. */
final class FixJudge {

    private FixJudge() {
    }

    /**
     * RMC status A, and the 2.3 mode is not N. The 4.1 navigational status is not a fix indicator: 'V' there means
     * "the equipment gives no navigational status" (u-blox always prints it), so it is kept but not judged.
     */
    static String rmcProblem(NmeaSentence.Rmc r) {
        if (r.status() != 'A') {
            return r.address() + " status " + printable(r.status()) + ": receiver says its data is not valid";
        }
        if (r.mode() == 'N') {
            return r.address() + " mode N: no fix";
        }
        return null;
    }

    /** GGA quality 1–5 (GPS, DGPS, PPS, RTK, float RTK); 0 none, 6 estimated, 7 manual, 8 simulator are not fixes. */
    static String ggaProblem(NmeaSentence.Gga g) {
        int q = g.quality();
        return q >= 1 && q <= 5 ? null : g.address() + " quality " + (q < 0 ? "unreadable" : q) + ": no real fix";
    }

    static String gllProblem(NmeaSentence.Gll g) {
        if (g.status() != 'A') {
            return g.address() + " status " + printable(g.status()) + ": not valid";
        }
        if (g.mode() == 'N' || g.mode() == 'E' || g.mode() == 'M' || g.mode() == 'S') {
            return g.address() + " mode " + g.mode() + ": no real fix";
        }
        return null;
    }

    static String gnsProblem(NmeaSentence.Gns g) {
        for (char c : g.modes().toCharArray()) {
            if ("ADPRFH".indexOf(c) >= 0) {
                return null;
            }
        }
        return g.address() + " modes '" + g.modes() + "': no constellation has a fix";
    }

    static FixStatus status(Cycle c) {
        boolean reported = false;
        boolean valid = false;
        boolean vetoed = false; // an RMC of the cycle says its data is not valid: no other sentence outvotes it
        int quality = -1;
        int fixType = -1;
        int used = -1;
        for (NmeaSentence s : c.sentences) {
            switch (s) {
                case NmeaSentence.Rmc r -> {
                    reported = true;
                    valid |= rmcProblem(r) == null;
                    vetoed |= rmcProblem(r) != null;
                }
                case NmeaSentence.Gga g -> {
                    reported = true;
                    valid |= ggaProblem(g) == null;
                    quality = Math.max(quality, g.quality());
                    used = Math.max(used, g.satellitesUsed());
                }
                case NmeaSentence.Gll g -> {
                    reported = true;
                    valid |= gllProblem(g) == null;
                }
                case NmeaSentence.Gns g -> {
                    reported = true;
                    valid |= gnsProblem(g) == null;
                    used = Math.max(used, g.satellitesUsed());
                }
                case NmeaSentence.Gsa g -> fixType = Math.max(fixType, g.fixType());
                default -> {
                }
            }
        }
        return new FixStatus(valid && !vetoed, reported, quality, fixType, used);
    }

    static String printable(char c) {
        return c == '\0' ? "(empty)" : String.valueOf(c);
    }
}
