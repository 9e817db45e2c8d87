package io.gnomon.adapter.nts;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority and a server certificate for the box's names (P-256 ECDSA): for LANs where
 * no public CA can vouch for the NTP server's name. Writes {@code nts-ca.pem} (install on clients),
 * {@code nts-ca.key} (0600, kept to issue the next server certificate), {@code nts-server.pem} and
 * {@code nts-server.key} (0600).
 */
public final class CertificateMaker {
    public static final Duration CA_LIFETIME = Duration.ofDays(3650);
    public static final Duration SERVER_LIFETIME = Duration.ofDays(825);

    /** What was written, and the CA's SHA-256 fingerprint for clients to compare. */
    public record Made(Path caCertificate, Path serverCertificate, Path serverKey, String caFingerprint) {
    }

    private CertificateMaker() {
    }

    /** @param names DNS names or IP addresses the clients use to reach this server */
    public static Made make(Path dir, List<String> names, Instant now) throws IOException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one --host NAME is needed");
        }
        try {
            SecureRandom random = new SecureRandom();
            KeyPair ca = ecKeyPair(random);
            KeyPair server = ecKeyPair(random);
            X500Name caName = new X500Name("CN=Gnomon NTS CA " + names.getFirst());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

            X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_LIFETIME)), caName, ca.getPublic());
            caBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            caBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            caBuilder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
            X509Certificate caCert = sign(caBuilder, ca);

            X509v3CertificateBuilder sBuilder = new JcaX509v3CertificateBuilder(caName, serial(random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVER_LIFETIME)),
                    new X500Name("CN=" + names.getFirst()), server.getPublic());
            sBuilder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            sBuilder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            sBuilder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            sBuilder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(names));
            sBuilder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
            X509Certificate serverCert = sign(sBuilder, ca);

            Files.createDirectories(dir);
            Path caPem = dir.resolve("nts-ca.pem");
            Path serverPem = dir.resolve("nts-server.pem");
            Path serverKey = dir.resolve("nts-server.key");
            writePublic(caPem, pem(caCert));
            writePrivate(dir.resolve("nts-ca.key"), pem(new JcaPKCS8Generator(ca.getPrivate(), null)));
            writePublic(serverPem, pem(serverCert) + pem(caCert));
            writePrivate(serverKey, pem(new JcaPKCS8Generator(server.getPrivate(), null)));
            return new Made(caPem, serverPem, serverKey, fingerprint(caCert));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the certificates: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the DER certificate, as colon-separated upper-case hex (what openssl x509 -fingerprint prints). */
    public static String fingerprint(X509Certificate cert) throws GeneralSecurityException {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    }

    private static GeneralNames subjectAltNames(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String n : names) {
            out.add(looksLikeAddress(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
        }
        return new GeneralNames(out.toArray(GeneralName[]::new));
    }

    private static boolean looksLikeAddress(String n) {
        if (n.contains(":")) {
            return true;
        }
        if (!n.matches("[0-9.]+")) {
            return false;
        }
        try {
            InetAddress.ofLiteral(n);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static KeyPair ecKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(64, random).setBit(63);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(o);
        }
        return s.toString();
    }

    private static void writePublic(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.US_ASCII);
    }

    private static void writePrivate(Path p, String text) throws IOException {
        Files.deleteIfExists(p);
        Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(p, text, StandardCharsets.US_ASCII);
    }
}
