package com.sharedmobility.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environment variables a service reads, taken from its sources, so that a misspelt variable in a manifest
 * (which the service would silently ignore) fails the build.
 */
final class ServiceSettings {

  /** What each service refuses to start without (RequiredSettingsCheck, RentalProperties, CustomerTokens, OidcLogin). */
  static final Map<String, List<String>> REQUIRED = Map.of(
      "process-app", List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
          "OAUTH2_ISSUER_URI", "OAUTH2_CLIENT_ID", "PAYMENT_URL", "PAYMENT_CLIENT_USERNAME", "PAYMENT_CLIENT_PASSWORD",
          "KEY_SERVICE_URL", "KEY_CLIENT_USERNAME", "KEY_CLIENT_PASSWORD", "KEY_WORKER_USERNAME", "KEY_WORKER_PASSWORD",
          "RENTAL_OPERATOR_USERNAME", "RENTAL_OPERATOR_PASSWORD"),
      "payment-adapter", List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
          "PAYMENT_CLIENT_USERNAME", "PAYMENT_CLIENT_PASSWORD", "PAYMENT_OPERATOR_USERNAME",
          "PAYMENT_OPERATOR_PASSWORD"),
      "key-adapter", List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
          "ENGINE_REST_URL", "ENGINE_REST_USERNAME", "ENGINE_REST_PASSWORD", "KEYS_VEHICLE_USERNAME",
          "KEYS_VEHICLE_PASSWORD", "KEY_CLIENT_USERNAME", "KEY_CLIENT_PASSWORD", "KEYS_OPERATOR_USERNAME",
          "KEYS_OPERATOR_PASSWORD"));

  /** Read through Spring's relaxed binding of its own and Camunda's properties, or by the JVM itself. */
  private static final Pattern BOUND_BY_FRAMEWORK =
      Pattern.compile("(SPRING|SERVER|MANAGEMENT|LOGGING|CAMUNDA_BPM)_[A-Z0-9_]+|JAVA_TOOL_OPTIONS");
  /** ${NAME} and ${NAME:default} in application.yml, "NAME" in Java (settings read under the variable's name). */
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)[:}]");
  private static final Pattern JAVA_NAME = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");

  private final Path repository;
  private final Map<String, Set<String>> readByService = new HashMap<>();

  /** @param repository the project's root, where the service modules are */
  ServiceSettings(Path repository) {
    this.repository = repository;
  }

  /** The variables the service's own sources (and service-support's) name. */
  Set<String> read(String service) {
    Set<String> names = new HashSet<>();
    collect(repository.resolve(service).resolve("src/main/resources"), ".yml", PLACEHOLDER, names);
    collect(repository.resolve(service).resolve("src/main/java"), ".java", JAVA_NAME, names);
    collect(repository.resolve("service-support/src/main/java"), ".java", JAVA_NAME, names);
    return names;
  }

  boolean reads(String service, String variable) {
    return BOUND_BY_FRAMEWORK.matcher(variable).matches()
        || readByService.computeIfAbsent(service, this::read).contains(variable);
  }

  private static void collect(Path directory, String suffix, Pattern pattern, Set<String> names) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
        Matcher matcher = pattern.matcher(Files.readString(file));
        while (matcher.find()) {
          names.add(matcher.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(directory.toString(), e);
    }
  }
}
