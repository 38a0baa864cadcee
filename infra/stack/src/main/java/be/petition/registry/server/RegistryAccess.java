package be.petition.registry.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who may do what. With users ({@link RegistryUsers}), every request needs HTTP basic auth (401 otherwise) and
 * changes need the admin role (403 otherwise); without, the registry is open, as on {@code petition up}.
 */
final class RegistryAccess {
    static final String REALM = "Basic realm=\"schema-registry\"";
    private static final String ROLE = "registry.role";

    private final RegistryUsers users;

    private RegistryAccess(RegistryUsers users) {
        this.users = users;
    }

    static RegistryAccess open() {
        return new RegistryAccess(null);
    }

    static RegistryAccess basic(RegistryUsers users) {
        return new RegistryAccess(users);
    }

    boolean enabled() {
        return users != null;
    }

    /** Runs before every request, known path or not, so an anonymous client learns nothing. */
    void authenticate(Context ctx) {
        if (users == null) {
            return;
        }
        String header = ctx.header("Authorization");
        RegistryUsers.Role role = null;
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                pair = "";
            }
            int colon = pair.indexOf(':');
            if (colon > 0) {
                role = users.authenticate(pair.substring(0, colon), pair.substring(colon + 1)).orElse(null);
            }
        }
        if (role == null) {
            throw new RegistryServerException(401, RegistryServerException.UNAUTHORIZED,
                    "Unauthorized: this registry needs HTTP basic auth with a known user and password");
        }
        ctx.attribute(ROLE, role);
    }

    /** The handler, for admins only: registering, deleting and every config or mode change. */
    Handler admin(Handler handler) {
        return ctx -> {
            if (users != null && ctx.attribute(ROLE) != RegistryUsers.Role.ADMIN) {
                throw new RegistryServerException(403, RegistryServerException.FORBIDDEN,
                        "User cannot access the resource: " + ctx.method() + " " + ctx.path() + " needs the admin role");
            }
            handler.handle(ctx);
        };
    }
}
