package dev.sluice.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against an emulator started on a random loopback port; static fields of type
 * {@code Emulator} are filled in and test methods may take an {@code Emulator} parameter.
 *
 * <pre>
 * &#64;WithEmulator(seed = {"accounts=100", "contacts=50"})
 * class MyTest { static Emulator emulator; … }
 * </pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(EmulatorExtension.class)
public @interface WithEmulator {
    /** Rows to generate, as {@code TABLE=ROWS}. */
    String[] seed() default {};

    /** Accept any bearer token on the Web API. */
    boolean noAuth() default false;
}
