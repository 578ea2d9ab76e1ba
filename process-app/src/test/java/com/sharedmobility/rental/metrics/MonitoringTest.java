package com.sharedmobility.rental.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.payment.PaymentDeclinedException;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import com.sharedmobility.rental.readmodel.RentalView;
import com.sharedmobility.rental.usecase.ApplyForRental;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What Prometheus scrapes: who may, and that the rental and engine figures follow what happens. */
class MonitoringTest extends RentalTestBase {

  @LocalServerPort
  int port;
  @Autowired
  ApplyForRental applyForRental;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void onlyStaffMayScrape() throws Exception {
    assertThat(scrape(null).statusCode()).isEqualTo(401);
    assertThat(scrape("alice").statusCode()).isEqualTo(403);
    assertThat(scrape("ops").statusCode()).isEqualTo(200);
    assertThat(scrape("admin").statusCode()).isEqualTo(200);
  }

  @Test
  void showsTheBreakerTheEngineAndTheJvm() throws Exception {
    String metrics = scrape("ops").body();

    assertThat(metrics).contains("resilience4j_circuitbreaker_state{name=\"payment\",state=\"closed\"} 1.0",
        "camunda_incidents_open{type=\"failedJob\"}", "camunda_jobs_due", "jvm_memory_used_bytes",
        "http_server_requests_seconds");
  }

  @Test
  void countsRentalsByOutcomeAndTheKeyTasksWaiting() throws Exception {
    double activeBefore = value(scrape("ops").body(), "rental_outcomes_total{outcome=\"ACTIVE\"}");
    double rejectedBefore = value(scrape("ops").body(), "rental_outcomes_total{outcome=\"REJECTED\"}");
    double activationsBefore = value(scrape("ops").body(), "rental_activation_seconds_count");
    when(payments.charge(any(), any())).thenReturn(CHARGED);

    RentalView paid = applyForRental.apply("alice", "car-02", 1, null, null);
    String waiting = scrape("ops").body();

    assertThat(value(waiting, "camunda_external_tasks_open{topic=\"issue-key\"}")).isEqualTo(1);
    assertThat(value(waiting, "rental_key_issue_oldest_age_seconds")).isGreaterThanOrEqualTo(0);
    assertThat(value(waiting, "rental_outcomes_total{outcome=\"ACTIVE\"}")).isEqualTo(activeBefore);

    complete(externalTask(engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(paid.id()).singleResult()), withVariables(Variables.KEY, "1234"));
    when(payments.charge(any(), any())).thenThrow(new PaymentDeclinedException("declined"));
    applyForRental.apply("bob", "car-03", 1, null, null);
    String after = scrape("ops").body();

    assertThat(value(after, "camunda_external_tasks_open{topic=\"issue-key\"}")).isZero();
    assertThat(value(after, "rental_outcomes_total{outcome=\"ACTIVE\"}")).isEqualTo(activeBefore + 1);
    assertThat(value(after, "rental_outcomes_total{outcome=\"REJECTED\"}")).isEqualTo(rejectedBefore + 1);
    assertThat(value(after, "rental_activation_seconds_count")).isEqualTo(activationsBefore + 1);
  }

  private HttpResponse<String> scrape(String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The value of one sample line of the Prometheus text format. */
  private static double value(String metrics, String sample) {
    Matcher line = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
    assertThat(line.find()).as("sample %s in%n%s", sample, metrics).isTrue();
    return Double.parseDouble(line.group(1));
  }
}
