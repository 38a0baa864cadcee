package be.petition.registry.server;

import java.util.Locale;

/** Confluent's registry modes this registry supports: READONLY refuses every change but mode changes. */
enum RegistryMode {
    READWRITE, READONLY;

    static RegistryMode parse(String text) {
        if (text != null) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported below with Confluent's error code
            }
        }
        throw new RegistryServerException(422, RegistryServerException.INVALID_MODE, "Invalid mode"
                + (text == null ? "" : " '" + text + "'") + ". Valid values are READWRITE and READONLY");
    }
}
