package com.sharedmobility.e2e;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Starts the {@link RentalStack} once for the whole test run (all classes in the failsafe JVM share it),
 * stops it when the run ends, injects it as a parameter, and prints the services' log tails when a test
 * fails.
 *
 * <pre>
 * &#64;ExtendWith(RentalStackExtension.class)
 * class SomethingIT {
 *   static RentalStack stack;
 *   &#64;BeforeAll static void stack(RentalStack s) { stack = s; }
 * }
 * </pre>
 */
public final class RentalStackExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RentalStackExtension.class);
  private static final int LOG_LINES = 60;

  /** A start that failed once fails every later class at once instead of trying for minutes again. */
  private static RuntimeException startFailure;

  @Override
  public void beforeAll(ExtensionContext context) {
    stack(context);
  }

  private static synchronized RentalStack stack(ExtensionContext context) {
    if (startFailure != null) {
      throw new IllegalStateException("the rental stack did not start (see the first failure)", startFailure);
    }
    try {
      return context.getRoot().getStore(NAMESPACE)
          .getOrComputeIfAbsent("stack", k -> new StackResource(RentalStack.start()), StackResource.class)
          .stack();
    } catch (RuntimeException e) {
      startFailure = e;
      throw e;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == RentalStack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return stack(extensionContext);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    StackResource resource = context.getRoot().getStore(NAMESPACE).get("stack", StackResource.class);
    if (resource != null) {
      System.err.println("\n===== " + context.getDisplayName() + " failed: " + cause
          + "\n===== log tails of the services (full logs in " + resource.stack().logDir() + ")"
          + resource.stack().logTails(LOG_LINES));
    }
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    // nothing to add
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    // nothing to add
  }

  private record StackResource(RentalStack stack) implements ExtensionContext.Store.CloseableResource {

    @Override
    public void close() {
      stack.close();
    }
  }
}
