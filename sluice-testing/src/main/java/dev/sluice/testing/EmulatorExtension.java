package dev.sluice.testing;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorBuilder;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts an {@link Emulator} on a random loopback port before a test class
 * and stops it after. Register it with {@code @RegisterExtension} to configure it, or use
 * {@link WithEmulator}. Test methods and constructors may declare an {@link Emulator} parameter.
 *
 * <pre>
 * &#64;RegisterExtension
 * static EmulatorExtension emulator = EmulatorExtension.withDefaults().configure(b -> b.seed("accounts", 100));
 * </pre>
 *
 * Not thread-safe; one instance per test class.
 */
public final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private Consumer<EmulatorBuilder> configuration = b -> { };
    private Emulator emulator;

    /** An extension with the emulator's defaults (tokens required, sample org, no generated rows). */
    public static EmulatorExtension withDefaults() {
        return new EmulatorExtension();
    }

    /** Adds builder settings applied before start, e.g. {@code b -> b.seed("accounts", 100).noAuth(true)}. */
    public EmulatorExtension configure(Consumer<EmulatorBuilder> more) {
        Consumer<EmulatorBuilder> before = configuration;
        configuration = b -> {
            before.accept(b);
            more.accept(b);
        };
        return this;
    }

    /** The running emulator (between beforeAll and afterAll). */
    public Emulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs only while the test class runs");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getTestClass().map(c -> c.getAnnotation(WithEmulator.class)).ifPresent(this::apply);
        EmulatorBuilder builder = Emulator.builder().host("127.0.0.1").port(0);
        configuration.accept(builder);
        emulator = builder.start();
        injectStaticFields(context);
    }

    private void apply(WithEmulator annotation) {
        configure(b -> {
            b.noAuth(annotation.noAuth());
            for (String s : annotation.seed()) {
                int eq = s.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("@WithEmulator seed '" + s + "' must be TABLE=ROWS");
                }
                b.seed(s.substring(0, eq).trim(), Integer.parseInt(s.substring(eq + 1).trim()));
            }
        });
    }

    private void injectStaticFields(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        for (Field f : type.getDeclaredFields()) {
            if (f.getType() == Emulator.class && Modifier.isStatic(f.getModifiers())) {
                try {
                    f.setAccessible(true);
                    if (f.get(null) == null) {
                        f.set(null, emulator);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot set " + f, e);
                }
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
