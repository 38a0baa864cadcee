package be.petition.serde;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 instantiates a generated class by name only if that class is trusted (a guard against schemas that
 * name arbitrary classes). The serdes trust exactly the record and enum classes of the types the application
 * itself hands them; names from writer schemas fetched from a registry are never trusted this way.
 */
final class TrustedAvroClasses {
    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

    static {
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                type -> NAMES.contains(type.getName())));
    }

    private TrustedAvroClasses() {
    }

    /** Trusts the classes generated for the named types of a schema the application compiled in. */
    static void trust(Schema schema) {
        collect(schema, ConcurrentHashMap.newKeySet());
    }

    private static void collect(Schema schema, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    NAMES.add(SpecificData.getClassName(schema));
                    schema.getFields().forEach(field -> collect(field.schema(), seen));
                }
            }
            case ENUM, FIXED -> NAMES.add(SpecificData.getClassName(schema));
            case UNION -> schema.getTypes().forEach(type -> collect(type, seen));
            case ARRAY -> collect(schema.getElementType(), seen);
            case MAP -> collect(schema.getValueType(), seen);
            default -> {
            }
        }
    }
}
