package com.sharedmobility.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts two {@link TestIssuer}s before the stack of a production-profile class: the one its process-app trusts
 * (system property {@value #ISSUER}, for {@code ${e2e.issuer}} in {@link StackSettings}) and a foreign one whose
 * tokens must be refused. Register it before {@link RentalStackExtension}; they stop when the run ends.
 */
public final class TestIssuerExtension implements BeforeAllCallback, ParameterResolver {

  public static final String ISSUER = "e2e.issuer";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestIssuerExtension.class);

  /** The issuers of this run, once started. */
  public record Issuers(TestIssuer trusted, TestIssuer foreign) implements ExtensionContext.Store.CloseableResource {

    @Override
    public void close() {
      trusted.close();
      foreign.close();
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    issuers(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Issuers.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return issuers(context);
  }

  private static Issuers issuers(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Issuers.class, k -> {
      Issuers issuers = new Issuers(TestIssuer.start(), TestIssuer.start());
      System.setProperty(ISSUER, issuers.trusted().uri());
      return issuers;
    }, Issuers.class);
  }
}
