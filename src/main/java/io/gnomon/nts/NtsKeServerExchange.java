package io.gnomon.nts;

import java.util.ArrayList;
import java.util.List;

/**
 * The NTS-KE server's answer to one request (RFC 8915 §4), as a function: request records and the TLS
 * exporter in, response records out. No sockets; the adapter moves the bytes.
 *
 * <ul>
 *   <li>an unrecognised record with the critical bit → Error 0 (unrecognized critical record);
 *   <li>no Next Protocol record, two of them, one not critical, an odd-length body, more than one AEAD record,
 *       or Error/Warning/New Cookie records from a client → Error 1 (bad request);
 *   <li>NTPv4 (0) not offered → Next Protocol with an empty body; AES-SIV-CMAC-256 (15) not offered →
 *       AEAD record with an empty body; neither gets cookies;
 *   <li>otherwise: Next Protocol [0], AEAD [15], Server and Port when configured, {@value #COOKIES} new cookies.
 * </ul>
 */
public final class NtsKeServerExchange {
    public static final int COOKIES = 8;
    public static final String EXPORTER_LABEL = "EXPORTER-network-time-security";

    /** The TLS exporter of the session (RFC 5705 / RFC 8446 §7.5). */
    @FunctionalInterface
    public interface KeyExporter {
        byte[] export(String label, byte[] context, int length);
    }

    /** What the response tells the client about where to send NTP: null server / port 0 → not sent. */
    public record NtpEndpoint(String server, int port) {
        public static final NtpEndpoint SAME = new NtpEndpoint(null, 0);
    }

    /** The response, and whether keys were handed out (for counting). */
    public record Response(List<NtsKeRecord> records, Outcome outcome) {
    }

    public enum Outcome { COOKIES_ISSUED, NO_COMMON_PROTOCOL, NO_COMMON_AEAD, BAD_REQUEST, UNRECOGNIZED_CRITICAL }

    private NtsKeServerExchange() {
    }

    public static Response respond(List<NtsKeRecord> request, KeyExporter exporter, CookieKeys master,
                                   NtpEndpoint endpoint, Randomness random) {
        int[] protocols = null;
        int[] aeads = null;
        for (NtsKeRecord r : request) {
            switch (r.type()) {
                case NtsKeRecord.END_OF_MESSAGE -> {
                }
                case NtsKeRecord.NEXT_PROTOCOL -> {
                    if (protocols != null || !r.critical() || r.shorts() == null) {
                        return error(NtsKeRecord.ERROR_BAD_REQUEST, Outcome.BAD_REQUEST);
                    }
                    protocols = r.shorts();
                }
                case NtsKeRecord.AEAD_ALGORITHM -> {
                    if (aeads != null || r.shorts() == null) {
                        return error(NtsKeRecord.ERROR_BAD_REQUEST, Outcome.BAD_REQUEST);
                    }
                    aeads = r.shorts();
                }
                case NtsKeRecord.ERROR, NtsKeRecord.WARNING, NtsKeRecord.NEW_COOKIE ->
                        { return error(NtsKeRecord.ERROR_BAD_REQUEST, Outcome.BAD_REQUEST); }
                case NtsKeRecord.SERVER, NtsKeRecord.PORT -> {
                    // a client's preference; we answer with where we serve
                }
                default -> {
                    if (r.critical()) {
                        return error(NtsKeRecord.ERROR_UNRECOGNIZED_CRITICAL_RECORD, Outcome.UNRECOGNIZED_CRITICAL);
                    }
                }
            }
        }
        if (protocols == null) {
            return error(NtsKeRecord.ERROR_BAD_REQUEST, Outcome.BAD_REQUEST);
        }
        List<NtsKeRecord> out = new ArrayList<>();
        if (!contains(protocols, NtsKeRecord.PROTOCOL_NTPV4)) {
            out.add(NtsKeRecord.ofShorts(true, NtsKeRecord.NEXT_PROTOCOL));
            out.add(NtsKeMessage.endOfMessage());
            return new Response(out, Outcome.NO_COMMON_PROTOCOL);
        }
        out.add(NtsKeRecord.ofShorts(true, NtsKeRecord.NEXT_PROTOCOL, NtsKeRecord.PROTOCOL_NTPV4));
        if (aeads == null || !contains(aeads, AesSiv.AEAD_ID)) {
            out.add(NtsKeRecord.ofShorts(true, NtsKeRecord.AEAD_ALGORITHM));
            out.add(NtsKeMessage.endOfMessage());
            return new Response(out, Outcome.NO_COMMON_AEAD);
        }
        out.add(NtsKeRecord.ofShorts(true, NtsKeRecord.AEAD_ALGORITHM, AesSiv.AEAD_ID));
        if (endpoint.server() != null) {
            out.add(new NtsKeRecord(true, NtsKeRecord.SERVER,
                    endpoint.server().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        if (endpoint.port() != 0) {
            out.add(NtsKeRecord.ofShorts(true, NtsKeRecord.PORT, endpoint.port()));
        }
        SessionKeys keys = new SessionKeys(AesSiv.AEAD_ID,
                exporter.export(EXPORTER_LABEL, context(AesSiv.AEAD_ID, 0), AesSiv.KEY_LENGTH),
                exporter.export(EXPORTER_LABEL, context(AesSiv.AEAD_ID, 1), AesSiv.KEY_LENGTH));
        for (int i = 0; i < COOKIES; i++) {
            out.add(new NtsKeRecord(false, NtsKeRecord.NEW_COOKIE, Cookies.make(keys, master, random)));
        }
        keys.wipe();
        out.add(NtsKeMessage.endOfMessage());
        return new Response(out, Outcome.COOKIES_ISSUED);
    }

    /** RFC 8915 §5.1: protocol id NTPv4 (2 bytes), AEAD id (2 bytes), 0 for client-to-server or 1 for server-to-client. */
    public static byte[] context(int aead, int direction) {
        return new byte[] {0, 0, (byte) (aead >>> 8), (byte) aead, (byte) direction};
    }

    private static Response error(int code, Outcome outcome) {
        return new Response(List.of(NtsKeRecord.ofShorts(true, NtsKeRecord.ERROR, code), NtsKeMessage.endOfMessage()),
                outcome);
    }

    private static boolean contains(int[] values, int wanted) {
        for (int v : values) {
            if (v == wanted) {
                return true;
            }
        }
        return false;
    }
}
