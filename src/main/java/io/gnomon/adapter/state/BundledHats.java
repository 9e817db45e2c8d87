package io.gnomon.adapter.state;

import io.gnomon.config.HatProfile;
import io.gnomon.config.HatProfileParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The board profiles shipped inside the jar (board/hats/*.hat, copied to io/gnomon/board/hats/ by Maven). */
public final class BundledHats {

    /** The profiles the jar carries; a test checks this list against board/hats/. */
    public static final List<String> NAMES = List.of("adafruit-ultimate-gps", "uputronics-gps-rtc", "waveshare-l76x",
            "generic-usb");

    private BundledHats() {
    }

    /** The named profile, or empty when there is no such profile (or it does not parse: a build error tests catch). */
    public static Optional<HatProfile> find(String name) {
        if (!HatProfileParser.isName(name)) {
            return Optional.empty();
        }
        try (InputStream in = BundledHats.class.getResourceAsStream("/io/gnomon/board/hats/" + name + ".hat")) {
            if (in == null) {
                return Optional.empty();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return HatProfileParser.parse(name + ".hat", text) instanceof HatProfileParser.Result.Valid v
                    ? Optional.of(v.profile()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
