package dev.fosc.testkit.junit5;

import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The JUnit 5 extension that starts a {@link FakeCamera} before a test (or a class) and closes it after,
 * injecting it into parameters of type {@link FakeCamera}.
 *
 * <p>Two ways to use it:
 * <ul>
 *   <li>Declaratively, with {@link WithFakeCamera} on a class or method.</li>
 *   <li>Programmatically, with any builder setting:
 * <pre>{@code
 * @RegisterExtension
 * static FakeCameraExtension cameraExtension = FakeCameraExtension.perClass(
 *         FakeCamera.builder().password("pw").loginRateLimit(Duration.ofSeconds(1)));
 *
 * @Test
 * void test(FakeCamera camera) { ... }   // or cameraExtension.camera()
 * }</pre>
 *   A per-class camera needs a {@code static} field (JUnit calls {@code beforeAll} only on those); with an
 *   instance field the camera is per test.</li>
 * </ul>
 *
 * <p>Cameras are kept in the extension context's store, so parallel test classes do not share them. A
 * method-level camera hides a class-level one for that method. The builder given to {@link #perTest} or
 * {@link #perClass} is never changed (each camera is built from a {@linkplain FakeCamera.Builder#copy() copy}
 * named after its test), so one builder may serve several extensions, in parallel too.
 */
// JUnit's types in this API come from a module dev.fosc.testkit requires static, not transitive, on purpose: code
// that compiles against the fake camera alone must not need JUnit. Whoever uses this extension reads JUnit already.
@SuppressWarnings("exports")
public final class FakeCameraExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

    private static final String KEY = "camera";

    private final FakeCamera.Builder builder;
    private final boolean perClass;

    /** Used by {@link WithFakeCamera}: settings from the annotation. */
    public FakeCameraExtension() {
        this(null, false);
    }

    private FakeCameraExtension(FakeCamera.Builder builder, boolean perClass) {
        this.builder = builder;
        this.perClass = perClass;
    }

    /**
     * {@return a fresh camera from {@code builder} for every test}
     *
     * @param builder the builder
     */
    public static FakeCameraExtension perTest(FakeCamera.Builder builder) {
        return new FakeCameraExtension(Objects.requireNonNull(builder, "builder"), false);
    }

    /**
     * {@return one camera from {@code builder} for the whole class (register it in a {@code static} field)}
     *
     * @param builder the builder
     */
    public static FakeCameraExtension perClass(FakeCamera.Builder builder) {
        return new FakeCameraExtension(Objects.requireNonNull(builder, "builder"), true);
    }

    private ExtensionContext.Namespace namespace() {
        return ExtensionContext.Namespace.create(FakeCameraExtension.class, this);
    }

    /**
     * The camera of the running test (the nearest: method-level, else class-level) for programmatic use.
     *
     * <p>It follows the extension's latest callback: when tests of one class run in parallel, inject the camera
     * as a parameter instead.
     *
     * @throws IllegalStateException outside a test, or if no camera runs
     * @return the camera of the running test (the nearest: method-level, else class-level) for programmatic use
     */
    public FakeCamera camera() {
        FakeCamera c = current;
        if (c == null) {
            throw new IllegalStateException("no fake camera is running (use it inside a test)");
        }
        return c;
    }

    private volatile FakeCamera current;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (builder != null ? perClass : classAnnotation(context)
                .map(a -> a.lifecycle() == WithFakeCamera.Lifecycle.PER_CLASS).orElse(false)) {
            FakeCamera camera = newCamera(context, true);
            context.getStore(namespace()).put(KEY, camera);
            current = camera;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<WithFakeCamera> onMethod = builder == null ? methodAnnotation(context) : Optional.empty();
        FakeCamera inherited = context.getStore(namespace()).get(KEY, FakeCamera.class);
        if (inherited != null && onMethod.isEmpty()) {
            current = inherited;
            return;
        }
        FakeCamera camera = newCamera(context, false);
        context.getStore(namespace()).put(KEY, camera);
        current = camera;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeOwned(context);
        current = context.getParent().map(p -> p.getStore(namespace()).get(KEY, FakeCamera.class)).orElse(null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeOwned(context);
        current = null;
    }

    /** Closes the camera stored at this context's own level (not a parent's). */
    private void closeOwned(ExtensionContext context) {
        FakeCamera here = context.getStore(namespace()).get(KEY, FakeCamera.class);
        FakeCamera parent = context.getParent().map(p -> p.getStore(namespace()).get(KEY, FakeCamera.class))
                .orElse(null);
        if (here != null && here != parent) {
            context.getStore(namespace()).remove(KEY);
            here.close();
        }
    }

    private FakeCamera newCamera(ExtensionContext context, boolean classLevel) {
        FakeCamera.Builder b;
        if (builder != null) {
            // a copy: the user's builder may be shared by other extensions running in parallel
            b = builder.copy();
        } else {
            Optional<WithFakeCamera> a = classLevel ? Optional.empty() : methodAnnotation(context);
            b = fromAnnotation(a.or(() -> classAnnotation(context)).orElse(null));
        }
        return b.name(context.getDisplayName()).start();
    }

    /** The annotation on the test method, if any. */
    private static Optional<WithFakeCamera> methodAnnotation(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, WithFakeCamera.class));
    }

    /** The annotation on the test class (or an enclosing class), if any. */
    private static Optional<WithFakeCamera> classAnnotation(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<WithFakeCamera> a = c.get().getTestClass()
                    .flatMap(type -> AnnotationSupport.findAnnotation(type, WithFakeCamera.class));
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    private static FakeCamera.Builder fromAnnotation(WithFakeCamera a) {
        FakeCamera.Builder b = FakeCamera.builder();
        if (a != null) {
            b.user(a.user()).password(a.password()).profile(a.profile()).fps(a.fps())
                    .idleTimeout(Duration.ofMillis(a.idleTimeoutMillis())).preamble(a.preamble());
        }
        return b;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == FakeCamera.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        FakeCamera camera = extensionContext.getStore(namespace()).get(KEY, FakeCamera.class);
        if (camera == null) {
            throw new ParameterResolutionException("no fake camera runs here: a per-test camera starts after the "
                    + "test instance is created and after @BeforeAll; use a per-class camera to inject it there");
        }
        return camera;
    }
}
