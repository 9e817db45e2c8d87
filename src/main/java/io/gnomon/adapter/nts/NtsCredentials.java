package io.gnomon.adapter.nts;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The NTS-KE server's certificate chain and private key, read from the operator's PEM files (the server
 * certificate first, then any intermediates; the key as PKCS#8 or traditional EC/RSA). Never printed.
 */
public record NtsCredentials(Path certificateFile, Path keyFile, X509Certificate[] chain, PrivateKey key) {

    /** Why the files cannot be used; the message names the file and never holds key material. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    public Instant notAfter() {
        return chain[0].getNotAfter().toInstant();
    }

    /**
     * Reads both files and checks them at {@code now}: a certificate not yet valid or expired, or a key that is
     * not the certificate's, is refused with one line naming the file.
     */
    public static NtsCredentials load(Path certificateFile, Path keyFile, Instant now) throws Refused {
        X509Certificate[] chain = readChain(certificateFile);
        PrivateKey key = readKey(keyFile);
        X509Certificate leaf = chain[0];
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw new Refused(certificateFile + ": certificate expired on " + leaf.getNotAfter().toInstant()
                    + " (renew it, or make a new one with gnomon nts-certificate)");
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw new Refused(certificateFile + ": certificate not valid before " + leaf.getNotBefore().toInstant()
                    + " (is this machine's clock right?)");
        }
        if (!matches(key, leaf)) {
            throw new Refused(keyFile + ": this private key does not belong to the certificate in " + certificateFile);
        }
        return new NtsCredentials(certificateFile, keyFile, chain, key);
    }

    private static X509Certificate[] readChain(Path file) throws Refused {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            JcaX509CertificateConverter convert = new JcaX509CertificateConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(convert.getCertificate(h));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new Refused(file + ": not a readable PEM certificate file (" + e.getClass().getSimpleName() + ")");
        }
        if (chain.isEmpty()) {
            throw new Refused(file + ": no CERTIFICATE block in it");
        }
        return chain.toArray(X509Certificate[]::new);
    }

    private static PrivateKey readKey(Path file) throws Refused {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            JcaPEMKeyConverter convert = new JcaPEMKeyConverter();
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return convert.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return convert.getPrivateKey(info);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the exception's message could quote the file: say only what kind of failure it was
            throw new Refused(file + ": not a readable PEM private key (" + e.getClass().getSimpleName() + ")");
        }
        throw new Refused(file + ": no unencrypted PRIVATE KEY block in it");
    }

    /** Whether the key signs what the certificate's public key verifies. */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] probe = "gnomon-nts-key-check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            Signature v = Signature.getInstance(algorithm);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "NtsCredentials[" + certificateFile + ", " + keyFile + "]";
    }
}
