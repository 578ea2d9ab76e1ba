package com.sharedmobility.rental;

import com.sharedmobility.rental.payment.PaymentAdapter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * One Spring context as deployed outside the local profile: secrets from settings, no seeded users, customers as
 * bearer tokens. The token provider is replaced by a key pair made here, so tokens can be forged, tampered with and
 * expired at will.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:production-profile;DB_CLOSE_DELAY=-1",
    "rental.security.issuer-uri=" + ProductionProfileTestBase.ISSUER})
@TestPropertySource(locations = ProductionProfileTestBase.ACCOUNTS)
@ActiveProfiles("production")
// imported: a nested test configuration of a superclass is not picked up by its subclasses
@Import(ProductionProfileTestBase.ProviderKeys.class)
public abstract class ProductionProfileTestBase {

  /** The production profile's settings of the tests: the service accounts and what the tests switch off. */
  public static final String ACCOUNTS = "classpath:production-accounts.properties";
  /** Every service account's secret there. */
  public static final String SECRET = "test-secret-of-24-chars-or-more";

  protected static final String ISSUER = "https://login.example.test/realms/shared-mobility";
  protected static final KeyPair PROVIDER_KEY = rsaKeyPair();

  @MockitoBean
  protected PaymentAdapter payments;

  @TestConfiguration
  static class ProviderKeys {

    @Bean
    @Primary
    JwtDecoder testProviderDecoder() {
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) PROVIDER_KEY.getPublic()).build();
      decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
      return decoder;
    }
  }

  protected static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
