package be.petition.stack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts ONE {@link EmbeddedStack} per test JVM, shared by every test class that uses
 * {@code @ExtendWith(EmbeddedStackExtension.class)}, and stops it when the test run ends. Tests reach it with
 * {@link #stack()} or an {@link EmbeddedStack} parameter. Tests that stop a broker must start their own
 * {@link be.petition.broker.EmbeddedBroker}, never stop this one.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedStackExtension.class);
    private static volatile EmbeddedStack current;

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    /** The running stack; only valid in a test class extended with this extension. */
    public static EmbeddedStack stack() {
        EmbeddedStack stack = current;
        if (stack == null) {
            throw new IllegalStateException("No embedded stack is running: annotate the test class with"
                    + " @ExtendWith(EmbeddedStackExtension.class)");
        }
        return stack;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    private static EmbeddedStack shared(ExtensionContext context) {
        // the root store lives until the whole run ends, then closes what it holds
        Shared shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, type -> new Shared(EmbeddedStack.start()), Shared.class);
        current = shared.stack;
        return shared.stack;
    }

    /** Clears {@link #stack()} when the run ends and the store closes the stack. */
    private record Shared(EmbeddedStack stack) implements AutoCloseable {
        @Override
        public void close() {
            current = null;
            stack.close();
        }
    }
}
