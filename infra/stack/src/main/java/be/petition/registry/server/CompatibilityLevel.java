package be.petition.registry.server;

import java.util.Locale;

/** Confluent's compatibility levels: which earlier versions a new schema is checked against, and in which direction. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    /** The level of a registry nobody configured, as in Confluent's. */
    public static final CompatibilityLevel DEFAULT = BACKWARD;

    /** The new schema must read data written with the old ones. */
    final boolean backward;
    /** The old schemas must read data written with the new one. */
    final boolean forward;
    /** Checked against every earlier version rather than only the latest. */
    final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Parses a level as clients send it (any case); throws 42203 for anything else. */
    public static CompatibilityLevel parse(String text) {
        if (text != null) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // falls through to the registry's own error
            }
        }
        throw RegistryServerException.invalidCompatibilityLevel(text);
    }
}
