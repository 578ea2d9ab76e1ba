package com.sharedmobility.key.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sharedmobility.key.KeyAdapterApplication;
import com.sharedmobility.key.security.ApiUsers;
import com.sharedmobility.support.settings.MissingSettingsException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Outside the local profile nothing has a default: without its settings the service does not start. */
@ExtendWith(OutputCaptureExtension.class)
class StartupWithoutSettingsTest {

  /** Command-line arguments outrank environment variables, so the machine's environment cannot fill gaps. */
  private static final List<String> COMPLETE = List.of(
      "--spring.profiles.active=production",
      "--server.port=0",
      "--camunda.bpm.client.disable-auto-fetching=true",
      "--SPRING_DATASOURCE_URL=jdbc:h2:mem:startup-test;DB_CLOSE_DELAY=-1",
      "--SPRING_DATASOURCE_USERNAME=sa",
      "--KEYS_VEHICLE_USERNAME=vehicle-unit",
      "--KEYS_VEHICLE_PASSWORD=vehicle-secret-of-24-chars-1",
      "--KEY_CLIENT_USERNAME=process-app",
      "--KEY_CLIENT_PASSWORD=process-secret-of-24-chars-3",
      "--KEYS_OPERATOR_USERNAME=operator",
      "--KEYS_OPERATOR_PASSWORD=operator-secret-of-24-chars-2",
      "--ENGINE_REST_USERNAME=",
      "--ENGINE_REST_PASSWORD=");

  @Test
  void refusesToStartWithoutAnAccountPasswordAndNamesIt(CapturedOutput output) {
    assertThatThrownBy(() -> start(without("KEYS_OPERATOR_PASSWORD")))
        .isInstanceOf(MissingSettingsException.class)
        .hasMessage("missing settings: KEYS_OPERATOR_PASSWORD");

    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("KEYS_OPERATOR_PASSWORD is not set")
        .doesNotContain("vehicle-secret-of-24-chars-1");
  }

  @Test
  void namesEveryMissingSettingAtOnce() {
    List<String> args = without("SPRING_DATASOURCE_URL", "KEYS_VEHICLE_USERNAME", "KEYS_VEHICLE_PASSWORD",
        "KEY_CLIENT_USERNAME", "KEY_CLIENT_PASSWORD", "KEYS_OPERATOR_USERNAME", "KEYS_OPERATOR_PASSWORD");

    assertThatThrownBy(() -> start(args))
        .isInstanceOfSatisfying(MissingSettingsException.class, missing -> assertThat(missing.names())
            .containsExactly("SPRING_DATASOURCE_URL", "KEYS_VEHICLE_USERNAME", "KEYS_VEHICLE_PASSWORD",
                "KEY_CLIENT_USERNAME", "KEY_CLIENT_PASSWORD", "KEYS_OPERATOR_USERNAME", "KEYS_OPERATOR_PASSWORD"));
  }

  @Test
  void refusesToStartWithoutADatabaseInsteadOfFallingBackToAnEmbeddedOne(CapturedOutput output) {
    assertThatThrownBy(() -> start(without("SPRING_DATASOURCE_URL")))
        .isInstanceOf(MissingSettingsException.class)
        .hasMessage("missing settings: SPRING_DATASOURCE_URL");
    assertThat(output).doesNotContain("HikariPool-");
  }

  @Test
  void refusesAnEngineUserWithoutPassword() {
    List<String> args = new ArrayList<>(COMPLETE);
    args.replaceAll(arg -> arg.equals("--ENGINE_REST_USERNAME=") ? "--ENGINE_REST_USERNAME=worker" : arg);

    assertThatThrownBy(() -> start(args))
        .rootCause()
        .isInstanceOf(MissingSettingsException.class)
        .hasMessage("missing settings: ENGINE_REST_PASSWORD");
  }

  @Test
  void refusesAnAccountPasswordTooShortToBeAGeneratedSecret(CapturedOutput output) {
    List<String> args = new ArrayList<>(COMPLETE);
    args.replaceAll(arg -> arg.startsWith("--KEYS_VEHICLE_PASSWORD=") ? "--KEYS_VEHICLE_PASSWORD=vehicle-2026" : arg);

    assertThatThrownBy(() -> start(args))
        .rootCause()
        .hasMessage("KEYS_VEHICLE_PASSWORD must be a generated secret of at least 24 characters"
            + " (e.g. openssl rand -base64 32)");
    assertThat(output).doesNotContain("vehicle-2026");
  }

  @Test
  void startsWithAllSettings() {
    try (ConfigurableApplicationContext context = start(COMPLETE)) {
      assertThat(context.getBean(ApiUsers.class).vehicle().username()).isEqualTo("vehicle-unit");
      assertThat(context.getBean(ApiUsers.class).operator().username()).isEqualTo("operator");
    }
  }

  private static List<String> without(String... names) {
    List<String> args = new ArrayList<>(COMPLETE);
    for (String name : names) {
      args.replaceAll(arg -> arg.startsWith("--" + name + "=") ? "--" + name + "=" : arg);
    }
    return args;
  }

  private static ConfigurableApplicationContext start(List<String> args) {
    return SpringApplication.run(KeyAdapterApplication.class, args.toArray(String[]::new));
  }
}
