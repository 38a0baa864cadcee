package be.petition.registry.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code petition registry hash-password}: prints a users-file line, so no password is ever written down. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Reads a password (from the terminal without echo, or one line of standard input) and prints"
                + " the line for registry.auth.users.file: `NAME: pbkdf2-sha256$..., ROLE`.")
public final class HashPasswordCommand implements Callable<Integer> {

    @Option(names = "--user", required = true, description = "The user name (no ':', '=' or spaces).")
    String user;

    @Option(names = "--role", required = true, description = "readonly (reads) or admin (reads and changes).")
    String role;

    @Option(names = "--iterations", description = "PBKDF2 iterations (default ${DEFAULT-VALUE}).")
    int iterations = PasswordHash.DEFAULT_ITERATIONS;

    @Override
    public Integer call() throws IOException {
        if (!user.matches("[^\\s:=#!,]+")) {
            throw new IllegalArgumentException("The user name must not be empty nor hold spaces, ':', '=', '#', '!' or ','");
        }
        if (!role.equals("readonly") && !role.equals("admin")) {
            throw new IllegalArgumentException("The role is readonly or admin, not " + role);
        }
        char[] password = readPassword();
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("No password given");
        }
        try {
            System.out.println(user + ": " + PasswordHash.create(password, iterations) + ", " + role);
        } finally {
            Arrays.fill(password, '\0');
        }
        return 0;
    }

    private static char[] readPassword() throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, again)) {
                throw new IllegalArgumentException("The passwords differ");
            }
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? null : line.toCharArray();
    }
}
