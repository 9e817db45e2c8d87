package io.gnomon.config;

/**
 * One rejected line of a configuration file: where, and why.
 *
 * @param file   the file name as the user gave it
 * @param line   1-based line number; 0 when the problem is the file as a whole (e.g. a required directive is missing)
 * @param reason what is wrong, in words an operator can act on
 */
public record ConfigError(String file, int line, String reason) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }
}
