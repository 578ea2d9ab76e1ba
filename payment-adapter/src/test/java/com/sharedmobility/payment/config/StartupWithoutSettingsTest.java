package com.sharedmobility.payment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sharedmobility.payment.PaymentAdapterApplication;
import com.sharedmobility.payment.security.ApiUsers;
import com.sharedmobility.support.settings.MissingSettingsException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** Outside the local profile nothing has a default: without its accounts the service does not start. */
@ExtendWith(OutputCaptureExtension.class)
class StartupWithoutSettingsTest {

  /** Command-line arguments outrank environment variables, so the machine's environment cannot fill gaps. */
  private static final List<String> COMPLETE = List.of(
      "--spring.profiles.active=production",
      "--server.port=0",
      "--spring.datasource.url=jdbc:h2:mem:payment-startup-test;DB_CLOSE_DELAY=-1",
      "--spring.datasource.username=sa",
      "--PAYMENT_CLIENT_USERNAME=process-app-prod",
      "--PAYMENT_CLIENT_PASSWORD=client-secret-of-24-chars-1",
      "--PAYMENT_OPERATOR_USERNAME=operator",
      "--PAYMENT_OPERATOR_PASSWORD=operator-secret-of-24-chars-2");

  @Test
  void refusesToStartWithoutAnAccountPasswordAndNamesIt(CapturedOutput output) {
    assertThatThrownBy(() -> start(without("PAYMENT_CLIENT_PASSWORD")))
        .isInstanceOf(MissingSettingsException.class)
        .hasMessage("missing settings: PAYMENT_CLIENT_PASSWORD");

    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("PAYMENT_CLIENT_PASSWORD is not set")
        .doesNotContain("operator-secret-of-24-chars-2");
  }

  @Test
  void namesEveryMissingAccountSettingAtOnce(CapturedOutput output) {
    List<String> args = without("PAYMENT_CLIENT_USERNAME", "PAYMENT_CLIENT_PASSWORD", "PAYMENT_OPERATOR_USERNAME",
        "PAYMENT_OPERATOR_PASSWORD");

    assertThatThrownBy(() -> start(args))
        .isInstanceOfSatisfying(MissingSettingsException.class, missing -> assertThat(missing.names())
            .containsExactly("PAYMENT_CLIENT_USERNAME", "PAYMENT_CLIENT_PASSWORD", "PAYMENT_OPERATOR_USERNAME",
                "PAYMENT_OPERATOR_PASSWORD"));
    assertThat(output).contains("PAYMENT_CLIENT_USERNAME, PAYMENT_CLIENT_PASSWORD, PAYMENT_OPERATOR_USERNAME, "
        + "PAYMENT_OPERATOR_PASSWORD are not set");
  }

  @Test
  void refusesToStartWithoutADatabase(CapturedOutput output) {
    assertThatThrownBy(() -> start(without("spring.datasource.url", "PAYMENT_OPERATOR_USERNAME")))
        .isInstanceOfSatisfying(MissingSettingsException.class, missing -> assertThat(missing.names())
            .containsExactly("SPRING_DATASOURCE_URL", "PAYMENT_OPERATOR_USERNAME"));
    assertThat(output).doesNotContain("HikariPool-");
  }

  @Test
  void refusesABlankPassword() {
    List<String> args = new ArrayList<>(COMPLETE);
    args.replaceAll(arg -> arg.startsWith("--PAYMENT_OPERATOR_PASSWORD=") ? "--PAYMENT_OPERATOR_PASSWORD=  " : arg);

    assertThatThrownBy(() -> start(args))
        .isInstanceOf(MissingSettingsException.class)
        .hasMessage("missing settings: PAYMENT_OPERATOR_PASSWORD");
  }

  @Test
  void startsWithAllSettingsAndNeverLogsAPassword(CapturedOutput output) {
    try (ConfigurableApplicationContext context = start(COMPLETE)) {
      ApiUsers users = context.getBean(ApiUsers.class);
      assertThat(users.client().username()).isEqualTo("process-app-prod");
      assertThat(users.operator().username()).isEqualTo("operator");
      assertThat(users.toString()).doesNotContain("client-secret-of-24-chars-1").doesNotContain("operator-secret-of-24-chars-2");
    }
    assertThat(output).doesNotContain("client-secret-of-24-chars-1").doesNotContain("secret-2")
        .doesNotContain("Using generated security password");
  }

  private static List<String> without(String... names) {
    List<String> args = new ArrayList<>(COMPLETE);
    for (String name : names) {
      args.replaceAll(arg -> arg.startsWith("--" + name + "=") ? "--" + name + "=" : arg);
    }
    return args;
  }

  private static ConfigurableApplicationContext start(List<String> args) {
    return SpringApplication.run(PaymentAdapterApplication.class, args.toArray(String[]::new));
  }
}
