package io.gnomon.adapter.nts;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the NTS-KE certificate and picks up new files without a restart (e.g. after an ACME renewal): before
 * each handshake {@link #reloadIfChanged()} compares the files' modification times and sizes; changed files
 * that load and match are used from the next handshake, files that do not keep the old pair with one log line.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private static final Logger log = LoggerFactory.getLogger("gnomon.nts");
    private static final String ALIAS = "nts";

    private final Clock clock;
    private volatile NtsCredentials current;
    private volatile String stamp;

    ReloadingKeyManager(NtsCredentials initial, Clock clock) {
        this.current = initial;
        this.clock = clock;
        this.stamp = stamp(initial);
    }

    NtsCredentials current() {
        return current;
    }

    /** @return true when new files were taken */
    synchronized boolean reloadIfChanged() {
        NtsCredentials c = current;
        String now = stamp(c);
        if (now.equals(stamp)) {
            return false;
        }
        stamp = now;
        try {
            current = NtsCredentials.load(c.certificateFile(), c.keyFile(), clock.instant());
            log.info("NTS-KE certificate reloaded from {} (valid until {})", c.certificateFile(), current.notAfter());
            return true;
        } catch (NtsCredentials.Refused e) {
            log.warn("NTS-KE certificate files changed but cannot be used, keeping the previous ones: {}", e.getMessage());
            return false;
        }
    }

    private static String stamp(NtsCredentials c) {
        return stamp(c.certificateFile()) + "/" + stamp(c.keyFile());
    }

    private static String stamp(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() + ":" + Files.size(p);
        } catch (java.io.IOException e) {
            return "missing";
        }
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return fits(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return fits(keyType) ? ALIAS : null;
    }

    private boolean fits(String keyType) {
        String algorithm = current.key().getAlgorithm();
        return keyType == null || keyType.equals(algorithm) || (keyType.startsWith("EC") && algorithm.equals("EC"))
                || (keyType.equals("RSASSA-PSS") && algorithm.equals("RSA"));
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? current.chain().clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? current.key() : null;
    }
}
