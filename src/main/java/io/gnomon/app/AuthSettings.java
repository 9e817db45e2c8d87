package io.gnomon.app;

import java.nio.file.Path;

/**
 * What authentication a server was asked for: NTS (certificate and key files, and where NTS-KE listens; null
 * address: the first NTP listen address, port 4460) — both files or neither.
 */
record AuthSettings(Path ntsCertificate, Path ntsKey, io.gnomon.adapter.udp.ListenAddress ntsKeListen) {
    static final AuthSettings NONE = new AuthSettings(null, null, null);

    AuthSettings {
        if ((ntsCertificate == null) != (ntsKey == null)) {
            throw new IllegalArgumentException(ntsCertificate == null
                    ? "--nts-key needs --nts-certificate (the certificate the key belongs to)"
                    : "--nts-certificate needs --nts-key (the certificate's private key)");
        }
    }

    boolean nts() {
        return ntsCertificate != null;
    }
}
