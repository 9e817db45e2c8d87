package io.gnomon.daemon;

import java.nio.file.Path;

/**
 * What authentication a server was asked for: NTS (certificate and key files, and where NTS-KE listens; null
 * address: the first NTP listen address, port 4460) — both files or neither; and a chrony/ntpd key file for
 * symmetric-key MACs (null: none).
 */
public record AuthSettings(Path ntsCertificate, Path ntsKey, io.gnomon.adapter.udp.ListenAddress ntsKeListen, Path keyFile) {
    public static final AuthSettings NONE = new AuthSettings(null, null, null, null);

    public AuthSettings(Path ntsCertificate, Path ntsKey, io.gnomon.adapter.udp.ListenAddress ntsKeListen) {
        this(ntsCertificate, ntsKey, ntsKeListen, null);
    }

    public AuthSettings {
        if ((ntsCertificate == null) != (ntsKey == null)) {
            throw new IllegalArgumentException(ntsCertificate == null
                    ? "--nts-key needs --nts-certificate (the certificate the key belongs to)"
                    : "--nts-certificate needs --nts-key (the certificate's private key)");
        }
    }

    public boolean nts() {
        return ntsCertificate != null;
    }
}
