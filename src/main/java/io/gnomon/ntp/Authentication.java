package io.gnomon.ntp;

/**
 * How the server core treats what follows a request's 48-byte header (extension fields, a MAC): {@link Off}, or
 * an {@link Authenticator} (symmetric keys, NTS). The framing of extension fields and MACs is checked by the core
 * either way ({@link DropReason#UNALIGNED_LENGTH}, {@link DropReason#BAD_EXTENSION_OR_MAC}).
 */
public sealed interface Authentication permits Authentication.Off, Authenticator {

    /** Extension fields and MACs are ignored: every valid request gets a plain 48-byte reply. */
    record Off() implements Authentication {
    }
}
