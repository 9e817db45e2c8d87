package io.gnomon.cli;

import io.gnomon.adapter.nts.CertificateMaker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gnomon nts-certificate --host NAME…}: a private CA and an NTS-KE server certificate for this box. */
@Command(name = "nts-certificate",
        mixinStandardHelpOptions = true,
        description = {"Make a private certificate authority and a server certificate for NTS-KE (P-256 ECDSA).",
                "Install the printed CA file on every client (chrony: ntstrustedcerts; NTPsec: ca;"
                        + " ntpd-rs: certificate-authority) and compare its fingerprint there."})
final class NtsCertificateCommand implements Callable<Integer> {
    static final Path DEFAULT_DIR = Path.of("/var/lib/gnomon");

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "NAME", required = true,
            description = "A DNS name or IP address clients use for this server; repeatable.")
    private List<String> hosts = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to write nts-ca.pem, nts-ca.key, nts-server.pem and nts-server.key. Default: " + "/var/lib/gnomon.")
    private Path dir = DEFAULT_DIR;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            CertificateMaker.Made made = CertificateMaker.make(dir, hosts, Instant.now());
            out.println("CA certificate (install on clients): " + made.caCertificate().toAbsolutePath());
            out.println("CA SHA-256 fingerprint: " + made.caFingerprint());
            out.println("server certificate: " + made.serverCertificate().toAbsolutePath() + " (valid "
                    + CertificateMaker.SERVER_LIFETIME.toDays() + " days, names " + String.join(", ", hosts) + ")");
            out.println("server key: " + made.serverKey().toAbsolutePath());
            out.println("in gnomon.conf: nts-certificate " + made.serverCertificate().toAbsolutePath()
                    + " / nts-key " + made.serverKey().toAbsolutePath());
            out.println("chrony client: server NAME iburst nts  +  ntstrustedcerts " + made.caCertificate().toAbsolutePath());
            out.flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("gnomon nts-certificate: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
