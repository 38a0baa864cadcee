package be.petition.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Confluent Schema Registry REST API over {@link RegistryCore}: paths, bodies and error codes as Confluent's. */
final class RegistryRoutes {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryCore registry;
    private final RegistryAccess access;

    RegistryRoutes(RegistryCore registry, RegistryAccess access) {
        this.registry = registry;
        this.access = access;
    }

    /** Every route that changes something is wrapped in {@link RegistryAccess#admin}; the others are reads. */
    void addTo(RoutesConfig routes) {
        routes.before(access::authenticate);
        routes.get("/", ctx -> send(ctx, JSON.createObjectNode()));
        routes.get("/schemas/types", ctx -> send(ctx, List.of(RegistryCore.AVRO)));

        routes.get("/mode", ctx -> send(ctx, mode(registry.globalMode())));
        routes.put("/mode", access.admin(ctx -> send(ctx, mode(registry.setGlobalMode(requestedMode(ctx))))));
        routes.get("/mode/{subject}", ctx -> send(ctx, mode(registry.subjectMode(ctx.pathParam("subject"),
                "true".equalsIgnoreCase(ctx.queryParam("defaultToGlobal"))))));
        routes.put("/mode/{subject}", access.admin(ctx ->
                send(ctx, mode(registry.setSubjectMode(ctx.pathParam("subject"), requestedMode(ctx))))));
        routes.delete("/mode/{subject}", access.admin(ctx ->
                send(ctx, mode(registry.deleteSubjectMode(ctx.pathParam("subject"))))));

        routes.get("/subjects", ctx -> send(ctx, registry.subjects(deleted(ctx))));
        routes.get("/subjects/{subject}/versions", ctx ->
                send(ctx, registry.versionNumbers(ctx.pathParam("subject"), deleted(ctx))));
        routes.post("/subjects/{subject}/versions", access.admin(ctx -> {
            JsonNode body = body(ctx);
            int id = registry.register(ctx.pathParam("subject"), text(body, "schemaType"), text(body, "schema"));
            send(ctx, JSON.createObjectNode().put("id", id));
        }));
        routes.get("/subjects/{subject}/versions/{version}", ctx ->
                send(ctx, version(registry.version(ctx.pathParam("subject"), ctx.pathParam("version"), deleted(ctx)))));
        routes.get("/subjects/{subject}/versions/{version}/schema", ctx -> {
            SchemaVersion version = registry.version(ctx.pathParam("subject"), ctx.pathParam("version"), deleted(ctx));
            ctx.contentType(CONTENT_TYPE).result(version.schema());
        });
        routes.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> {
            registry.version(ctx.pathParam("subject"), ctx.pathParam("version"), deleted(ctx));
            send(ctx, List.of()); // schema references are not supported, so nothing refers to anything
        });
        routes.post("/subjects/{subject}", ctx -> {
            JsonNode body = body(ctx);
            send(ctx, version(registry.lookup(ctx.pathParam("subject"), text(body, "schemaType"), text(body, "schema"),
                    deleted(ctx))));
        });
        routes.delete("/subjects/{subject}", access.admin(ctx ->
                send(ctx, registry.deleteSubject(ctx.pathParam("subject"), permanent(ctx)))));
        routes.delete("/subjects/{subject}/versions/{version}", access.admin(ctx ->
                send(ctx, registry.deleteVersion(ctx.pathParam("subject"), ctx.pathParam("version"), permanent(ctx)))));

        routes.get("/schemas/ids/{id}", ctx ->
                send(ctx, JSON.createObjectNode().put("schema", registry.schemaById(id(ctx)))));
        routes.get("/schemas/ids/{id}/schema", ctx ->
                ctx.contentType(CONTENT_TYPE).result(registry.schemaById(id(ctx))));
        routes.get("/schemas/ids/{id}/subjects", ctx ->
                send(ctx, registry.usesOf(id(ctx), deleted(ctx)).stream().map(SchemaVersion::subject).distinct().toList()));
        routes.get("/schemas/ids/{id}/versions", ctx -> {
            ArrayNode uses = JSON.createArrayNode();
            registry.usesOf(id(ctx), deleted(ctx)).forEach(v ->
                    uses.addObject().put("subject", v.subject()).put("version", v.version()));
            send(ctx, uses);
        });

        routes.post("/compatibility/subjects/{subject}/versions", ctx ->
                compatibility(ctx, null));
        routes.post("/compatibility/subjects/{subject}/versions/{version}", ctx ->
                compatibility(ctx, ctx.pathParam("version")));

        routes.get("/config", ctx -> send(ctx, level("compatibilityLevel", registry.globalLevel())));
        routes.put("/config", access.admin(ctx ->
                send(ctx, level("compatibility", registry.setGlobalLevel(requestedLevel(ctx))))));
        routes.delete("/config", access.admin(ctx ->
                send(ctx, level("compatibilityLevel", registry.deleteGlobalLevel()))));
        routes.get("/config/{subject}", ctx -> send(ctx, level("compatibilityLevel",
                registry.subjectLevel(ctx.pathParam("subject"), "true".equalsIgnoreCase(ctx.queryParam("defaultToGlobal"))))));
        routes.put("/config/{subject}", access.admin(ctx -> send(ctx, level("compatibility",
                registry.setSubjectLevel(ctx.pathParam("subject"), requestedLevel(ctx))))));
        routes.delete("/config/{subject}", access.admin(ctx -> send(ctx, level("compatibilityLevel",
                registry.deleteSubjectLevel(ctx.pathParam("subject"))))));

        routes.exception(RegistryServerException.class, (e, ctx) -> {
            if (e.httpStatus() >= 500) {
                internalError(ctx, e.httpStatus(), e.errorCode(), e);
                return;
            }
            if (e.httpStatus() == 401) {
                ctx.header("WWW-Authenticate", RegistryAccess.REALM);
            }
            error(ctx, e.httpStatus(), e.errorCode(), e.getMessage());
        });
        // Javalin's own answers (unknown path, wrong method...) worded as Confluent's Jersey words them
        routes.exception(HttpResponseException.class, (e, ctx) ->
                error(ctx, e.getStatus(), e.getStatus(), "HTTP " + e.getStatus() + " " + HttpStatus.getMessage(e.getStatus())));
        routes.exception(Exception.class, (e, ctx) ->
                internalError(ctx, 500, RegistryServerException.STORE_ERROR, e));
    }

    /** The details go to the log under an id; the client gets the id only (messages can hold hosts, topics, data). */
    private static void internalError(Context ctx, int status, int code, Exception e) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("{} {} failed, error id {}", ctx.method(), ctx.path(), errorId, e);
        error(ctx, status, code, "Internal server error, error id " + errorId
                + ": the registry's log has the details under this id");
    }

    private void compatibility(Context ctx, String version) {
        JsonNode body = body(ctx);
        List<String> problems = registry.compatibility(ctx.pathParam("subject"), version, text(body, "schemaType"),
                text(body, "schema"));
        ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if ("true".equalsIgnoreCase(ctx.queryParam("verbose"))) {
            problems.forEach(answer.putArray("messages")::add);
            if (problems.isEmpty()) {
                answer.putArray("messages");
            }
        }
        send(ctx, answer);
    }

    private static RegistryMode requestedMode(Context ctx) {
        return RegistryMode.parse(text(body(ctx), "mode"));
    }

    private static ObjectNode mode(RegistryMode mode) {
        return JSON.createObjectNode().put("mode", mode.name());
    }

    private static CompatibilityLevel requestedLevel(Context ctx) {
        return CompatibilityLevel.parse(text(body(ctx), "compatibility"));
    }

    private static ObjectNode level(String field, CompatibilityLevel level) {
        return JSON.createObjectNode().put(field, level.name());
    }

    private static ObjectNode version(SchemaVersion version) {
        return JSON.createObjectNode()
                .put("subject", version.subject())
                .put("version", version.version())
                .put("id", version.id())
                .put("schema", version.schema());
    }

    private static boolean deleted(Context ctx) {
        return "true".equalsIgnoreCase(ctx.queryParam("deleted"));
    }

    private static boolean permanent(Context ctx) {
        return "true".equalsIgnoreCase(ctx.queryParam("permanent"));
    }

    private static int id(Context ctx) {
        String text = ctx.pathParam("id");
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw RegistryServerException.schemaNotFound("Schema " + text + " not found: ids are whole numbers");
        }
    }

    private static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                throw new RegistryServerException(400, 400, "The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new RegistryServerException(400, 400,
                    "The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
    }

    private static void send(Context ctx, Object answer) {
        ctx.contentType(CONTENT_TYPE).result(JSON.valueToTree(answer).toString());
    }

    private static void error(Context ctx, int status, int code, String message) {
        ObjectNode body = JSON.createObjectNode().put("error_code", code).put("message", message);
        ctx.status(status).contentType(CONTENT_TYPE).result(body.toString());
    }
}
