# Sourced by scripts: finds a JDK >= 25 and exports JAVA_HOME, or explains what to install.
# Order: $JAVA_HOME if it is >= 25, then /usr/lib/jvm/*, then `java` on PATH.

gnomon_java_major() {  # $1 = path to a java binary; prints its feature version or nothing
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

gnomon_find_jdk() {
    local need=25 candidate major
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
        major=$(gnomon_java_major "$candidate/bin/java")
        if [ -n "$major" ] && [ "$major" -ge "$need" ]; then
            export JAVA_HOME="$candidate"
            return 0
        fi
    done
    if command -v java >/dev/null 2>&1; then
        local java_bin
        java_bin=$(readlink -f "$(command -v java)")
        major=$(gnomon_java_major "$java_bin")
        if [ -n "$major" ] && [ "$major" -ge "$need" ]; then
            export JAVA_HOME="$(dirname "$(dirname "$java_bin")")"
            return 0
        fi
    fi
    cat >&2 <<MSG
gnomon: no Java Development Kit 25 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/*, and java on PATH).
  On Debian trixie / Raspberry Pi OS trixie:  sudo apt-get install openjdk-25-jdk-headless
  Elsewhere: install any JDK 25 (e.g. Temurin 25) and set JAVA_HOME to it.
MSG
    return 1
}
