package be.petition.registry.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/** Checks a new schema against earlier versions with Avro's own {@link SchemaCompatibility}, as Confluent's registry does. */
final class CompatibilityChecker {

    /** An earlier version to check against. */
    record Earlier(int version, Schema schema) {
    }

    private CompatibilityChecker() {
    }

    /**
     * The reasons the new schema breaks the level, in Confluent's message style; empty when compatible.
     *
     * @param earlier the live earlier versions, oldest first; only the latest counts unless the level is transitive
     */
    static List<String> check(CompatibilityLevel level, Schema candidate, List<Earlier> earlier) {
        List<String> messages = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return messages;
        }
        List<Earlier> scope = new ArrayList<>(level.transitive ? earlier : earlier.subList(earlier.size() - 1,
                earlier.size()));
        Collections.reverse(scope); // newest first, as Confluent reports them
        for (Earlier old : scope) {
            List<String> found = new ArrayList<>();
            if (level.backward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema()), "new", "old", found);
            }
            if (level.forward) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate), "old", "new", found);
            }
            if (!found.isEmpty()) {
                messages.addAll(found);
                messages.add("{oldSchemaVersion: " + old.version() + "}");
                messages.add("{oldSchema: '" + old.schema() + "'}");
                messages.add("{compatibility: '" + level + "'}");
            }
        }
        return messages;
    }

    private static void describe(SchemaCompatibility.SchemaPairCompatibility pair, String reader, String writer,
                                 List<String> into) {
        for (Incompatibility problem : pair.getResult().getIncompatibilities()) {
            into.add("{errorType:'" + problem.getType() + "', description:'The " + reader + " schema cannot read"
                    + " data written with the " + writer + " schema at path '" + problem.getLocation() + "': "
                    + problem.getMessage() + "', additionalInfo:'" + problem.getMessage() + "'}");
        }
    }
}
