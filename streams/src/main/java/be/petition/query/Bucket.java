package be.petition.query;

import be.petition.topology.CountKeys;
import be.petition.topology.StoreNames;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The buckets of history: Brussels calendar hours or days, each in its own store. */
public enum Bucket {
    HOUR("hour", StoreNames.COUNTS_BY_HOUR) {
        @Override
        String key(Instant start) {
            return CountKeys.formatHour(start);
        }

        @Override
        Instant next(Instant start) {
            return start.plus(1, ChronoUnit.HOURS);
        }

        @Override
        public String label(Instant start) {
            return start.toString();
        }
    },
    DAY("day", StoreNames.COUNTS_BY_DAY) {
        @Override
        String key(Instant start) {
            return CountKeys.day(start).toString();
        }

        @Override
        Instant next(Instant start) {
            return CountKeys.day(start).plusDays(1).atStartOfDay(CountKeys.ZONE).toInstant();
        }

        @Override
        public String label(Instant start) {
            return key(start);
        }
    };

    private final String parameter;
    private final String store;

    Bucket(String parameter, String store) {
        this.parameter = parameter;
        this.store = store;
    }

    /** {@code hour} or {@code day}: the parameter, and the name of a row's time field. */
    public String parameter() {
        return parameter;
    }

    String store() {
        return store;
    }

    /** The bucket's part of a store key. */
    abstract String key(Instant start);

    /** The start of the following bucket. */
    abstract Instant next(Instant start);

    /** How the API writes the bucket starting at {@code start}: an instant for hours, a date for days. */
    public abstract String label(Instant start);
}
