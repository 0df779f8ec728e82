package dev.fosc.testkit.junit5;

import dev.fosc.testkit.FakeCamera;
import dev.fosc.testkit.FakeCameraProfile;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a {@link FakeCamera} for the annotated test class or method and injects it into parameters of type
 * {@link FakeCamera} (test methods, {@code @BeforeEach}/{@code @AfterEach}; with {@link Lifecycle#PER_CLASS}
 * also {@code @BeforeAll}/{@code @AfterAll} and constructors).
 *
 * <pre>{@code
 * @WithFakeCamera(user = "admin", password = "secret", profile = FakeCameraProfile.R2C)
 * class MyNvrTest {
 *     @Test
 *     void logsIn(FakeCamera camera) { ... camera.port() ... camera.awaitLoginCount(1, Duration.ofSeconds(5)); }
 * }
 * }</pre>
 *
 * An annotation on a method overrides the class's for that method. For settings the annotation cannot
 * express, register {@link FakeCameraExtension} programmatically.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeCameraExtension.class)
@SuppressWarnings("exports") // JUnit is read static on purpose: see FakeCameraExtension
public @interface WithFakeCamera {

    /** One camera per test, or one shared by the tests of the class. */
    enum Lifecycle {
        /** A fresh camera for every test (the default). */
        PER_TEST,
        /** One camera for the whole class, started before {@code @BeforeAll}. */
        PER_CLASS
    }

    /** {@return the user the camera accepts} */
    String user() default FakeCamera.DEFAULT_USER;

    /** {@return the password the camera accepts} */
    String password() default FakeCamera.DEFAULT_PASSWORD;

    /** {@return the firmware variant} */
    FakeCameraProfile profile() default FakeCameraProfile.FI9821W_V2;

    /** {@return video frames per second} */
    int fps() default FakeCamera.DEFAULT_FPS;

    /** {@return the idle timeout in milliseconds} */
    long idleTimeoutMillis() default 60_000;

    /** {@return whether clients send the SERVERPUSH preamble} */
    boolean preamble() default true;

    /** {@return one camera per test or per class} */
    Lifecycle lifecycle() default Lifecycle.PER_TEST;
}
