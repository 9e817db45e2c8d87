package io.gnomon.daemon;

import io.gnomon.adapter.nts.CookieKeyFile;
import io.gnomon.adapter.nts.NtsCredentials;
import io.gnomon.adapter.nts.NtsKeServer;
import io.gnomon.adapter.nts.NtsService;
import io.gnomon.adapter.udp.ListenAddress;
import io.gnomon.adapter.udp.ListenException;
import io.gnomon.ntp.RequestAuthenticator;
import io.gnomon.nts.Authentication;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/** Starts what {@link AuthSettings} asks for, for a composition root: NTS-KE, the cookie keys, the authenticator. */
final class AuthenticationAtStart {

    /** What was started; {@link #close()} stops it. */
    record Started(io.gnomon.ntp.Authentication authenticator, NtsService nts) implements AutoCloseable {
        /** "; NTS-KE on …" for the start line, or empty. */
        String describe() {
            return nts == null ? "" : "; " + nts.describe();
        }

        Optional<String> expiryWarning() {
            return nts == null ? Optional.empty() : nts.expiryWarning();
        }

        /** Tells NTS-KE clients the NTP port once the NTP sockets are bound. */
        void ntpBound(List<ListenAddress> listening) {
            if (nts != null && !listening.isEmpty()) {
                nts.ntpPort(listening.getFirst().port());
            }
        }

        String closingCounters() {
            return nts == null ? "" : " " + nts.keServer().counters();
        }

        @Override
        public void close() {
            if (nts != null) {
                nts.close();
            }
        }
    }

    private AuthenticationAtStart() {
    }

    /**
     * @param stateFile the frequency state file, whose directory keeps the cookie keys; null: keys in memory
     * @throws IllegalArgumentException the certificate or key is refused (the message names the file)
     * @throws ListenException          the NTS-KE port cannot be bound
     */
    static Started start(AuthSettings settings, List<ListenAddress> listen, Path stateFile, Logger log)
            throws ListenException {
        io.gnomon.nts.SymmetricRequests symmetric = null;
        if (settings.keyFile() != null) {
            io.gnomon.nts.SymmetricKeys keys = io.gnomon.adapter.nts.KeyFile.load(settings.keyFile());
            symmetric = new io.gnomon.nts.SymmetricRequests(keys);
            log.info("symmetric keys: {} from {}", keys.size(), settings.keyFile());
        }
        if (!settings.nts()) {
            log.info("NTS off: no certificate configured (give nts-certificate and nts-key, or make a private CA with"
                    + " 'gnomon nts-certificate --host NAME'; docs/SECURITY.md)");
            return new Started(symmetric == null ? new io.gnomon.ntp.Authentication.Off()
                    : new io.gnomon.nts.CoreAuthenticator(new Authentication(null, symmetric)), null);
        }
        ListenAddress ke = settings.ntsKeListen() != null ? settings.ntsKeListen()
                : listen.getFirst().withPort(NtsKeServer.DEFAULT_PORT);
        Path keyFile = stateFile == null ? null
                : stateFile.toAbsolutePath().resolveSibling(CookieKeyFile.NAME);
        try {
            NtsService nts = NtsService.start(new NtsService.Settings(settings.ntsCertificate(), settings.ntsKey(),
                    ke.socketAddress(), keyFile), Clock.systemUTC());
            nts.expiryWarning().ifPresent(log::warn);
            return new Started(new io.gnomon.nts.CoreAuthenticator(new Authentication(nts.requests(), symmetric)), nts);
        } catch (NtsCredentials.Refused e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IOException e) {
            throw ListenException.of(ke, e);
        }
    }
}
