package com.sharedmobility.e2e;

import com.sharedmobility.e2e.RentalStack.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a {@link RentalStack} for the test classes (all classes in the failsafe JVM with the same settings share
 * it), stops it when the run ends, injects it as a parameter, and prints the services' log tails when a test
 * fails.
 *
 * <p>Classes without {@link StackSettings} share the default stack. A class that asks for other settings gets a
 * stack with those; the one running before is stopped first, so that no more than three service JVMs compete for
 * the machine. The classes run in {@code @Order} order, so the classes of one stack follow each other.
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

  private static final Logger LOG = LoggerFactory.getLogger(RentalStackExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RentalStackExtension.class);
  private static final int LOG_LINES = 60;

  /** The stack running now; closed when the next settings are asked for, or at the end of the run. */
  private static RentalStack current;

  /** A start that failed once fails every later class with the same settings at once instead of trying again. */
  private static final Map<Settings, RuntimeException> START_FAILURES = new HashMap<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    stack(context);
  }

  private static synchronized RentalStack stack(ExtensionContext context) {
    Settings wanted = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), StackSettings.class)
        .map(Settings::of)
        .orElse(Settings.DEFAULT);
    if (current != null && current.settings().equals(wanted)) {
      return current;
    }
    RuntimeException failure = START_FAILURES.get(wanted);
    if (failure != null) {
      throw new IllegalStateException("the " + wanted + " did not start (see the first failure)", failure);
    }
    // closes whatever stack runs when the whole run ends
    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("closer", k -> new CurrentStackCloser(),
        CurrentStackCloser.class);
    if (current != null) {
      LOG.info("{} needs the {}: stopping the {}", context.getDisplayName(), wanted, current);
      current.close();
      current = null;
    }
    try {
      current = RentalStack.start(wanted);
      return current;
    } catch (RuntimeException e) {
      START_FAILURES.put(wanted, e);
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
    RentalStack stack;
    synchronized (RentalStackExtension.class) {
      stack = current;
    }
    if (stack != null) {
      System.err.println("\n===== " + context.getDisplayName() + " failed: " + cause
          + "\n===== log tails of the services (full logs in " + stack.logDir() + ")"
          + stack.logTails(LOG_LINES));
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

  private static final class CurrentStackCloser implements ExtensionContext.Store.CloseableResource {

    @Override
    public void close() {
      synchronized (RentalStackExtension.class) {
        if (current != null) {
          current.close();
          current = null;
        }
      }
    }
  }
}
