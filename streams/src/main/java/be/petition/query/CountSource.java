package be.petition.query;

/**
 * Where the read side gets its counts: the stores of every instance ({@link CountReader}), or fixed counts in tests,
 * so answers can be checked without a broker.
 */
public interface CountSource {
    /** The counts of {@code [from, to)} in a store. */
    CountRead read(String store, String from, String to);

    /** One count of a store. */
    CountRead get(String store, String key);
}
