package io.gnomon.nts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Symmetric keys for NTP MACs (RFC 5905 §7.3, RFC 8573), from a chrony/ntpd key file: one key a line,
 * {@code ID [TYPE] KEY}, TYPE one of MD5 (the default), SHA1, SHA256, SHA384, SHA512, AES128, AES256; KEY as
 * {@code HEX:…}, {@code ASCII:…} or bare ASCII; {@code #} starts a comment. The MAC is the digest of key then
 * packet (truncated to 20 bytes in NTPv4, as chrony does) or AES-CMAC of the packet (16 bytes). Immutable;
 * never printed.
 */
public final class SymmetricKeys {

    public enum Type {
        MD5("MD5", 16), SHA1("SHA-1", 20), SHA256("SHA-256", 32), SHA384("SHA-384", 48), SHA512("SHA-512", 64),
        AES128(null, 16), AES256(null, 16);

        final String digest;
        final int length;

        Type(String digest, int length) {
            this.digest = digest;
            this.length = length;
        }

        boolean cmac() {
            return digest == null;
        }
    }

    record Key(Type type, byte[] secret) {
        @Override
        public String toString() {
            return "Key[" + type + "]";
        }
    }

    /** A line the parser could not use: its number and why (never the key). */
    public record LineError(int line, String reason) {
    }

    /** The keys, and the lines that were refused. */
    public record Parsed(SymmetricKeys keys, List<LineError> errors) {
    }

    private final Map<Integer, Key> keys;

    private SymmetricKeys(Map<Integer, Key> keys) {
        this.keys = Map.copyOf(keys);
    }

    public int size() {
        return keys.size();
    }

    public boolean has(int id) {
        return keys.containsKey(id);
    }

    public static Parsed parse(String text) {
        Map<Integer, Key> keys = new HashMap<>();
        List<LineError> errors = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            String[] f = line.trim().split("\\s+");
            if (f.length == 1 && f[0].isEmpty()) {
                continue;
            }
            if (f.length < 2 || f.length > 3) {
                errors.add(new LineError(i + 1, "expected 'ID [TYPE] KEY'"));
                continue;
            }
            long id;
            try {
                id = Long.parseLong(f[0]);
            } catch (NumberFormatException e) {
                errors.add(new LineError(i + 1, "key id is not a number"));
                continue;
            }
            if (id < 1 || id > 0xFFFF_FFFFL) {
                errors.add(new LineError(i + 1, "key id must be 1 to 4294967295"));
                continue;
            }
            Type type;
            try {
                type = f.length == 3 ? Type.valueOf(f[1].toUpperCase(Locale.ROOT)) : Type.MD5;
            } catch (IllegalArgumentException e) {
                errors.add(new LineError(i + 1, "unsupported key type (MD5, SHA1, SHA256, SHA384, SHA512, AES128, AES256)"));
                continue;
            }
            byte[] secret = secret(f[f.length - 1]);
            if (secret == null || secret.length == 0) {
                errors.add(new LineError(i + 1, "key is not HEX:digits, ASCII:text or text"));
                continue;
            }
            if (type == Type.AES128 && secret.length != 16 || type == Type.AES256 && secret.length != 32) {
                errors.add(new LineError(i + 1, type + " needs a " + (type == Type.AES128 ? 16 : 32) + "-byte key"));
                continue;
            }
            keys.put((int) id, new Key(type, secret));
        }
        return new Parsed(new SymmetricKeys(keys), errors);
    }

    private static byte[] secret(String s) {
        if (s.regionMatches(true, 0, "HEX:", 0, 4)) {
            try {
                return HexFormat.of().parseHex(s.substring(4));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (s.regionMatches(true, 0, "ASCII:", 0, 6)) {
            s = s.substring(6);
        }
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The MAC of {@code data} with key {@code id}, {@code length} bytes long; null when the key is unknown or
     * cannot make a MAC that long (a digest is truncated, never extended; CMAC is always 16).
     */
    byte[] mac(int id, byte[] data, int length) {
        Key k = keys.get(id);
        if (k == null || length > k.type().length || (k.type().cmac() && length != 16) || length < 16) {
            return null;
        }
        byte[] full;
        if (k.type().cmac()) {
            CMac cmac = new CMac(AESEngine.newInstance());
            cmac.init(new KeyParameter(k.secret()));
            cmac.update(data, 0, data.length);
            full = new byte[16];
            cmac.doFinal(full, 0);
        } else {
            try {
                MessageDigest d = MessageDigest.getInstance(k.type().digest);
                d.update(k.secret());
                d.update(data);
                full = d.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(k.type() + " missing from this JDK", e);
            }
        }
        return java.util.Arrays.copyOf(full, length);
    }

    /** The MAC length chrony sends and accepts for this key in this NTP version (v4: at most 20 bytes). */
    int macLength(int id, int version) {
        Key k = keys.get(id);
        if (k == null) {
            return -1;
        }
        return version == 4 ? Math.min(k.type().length, 20) : k.type().length;
    }

    @Override
    public String toString() {
        return "SymmetricKeys[" + keys.size() + " keys]";
    }
}
