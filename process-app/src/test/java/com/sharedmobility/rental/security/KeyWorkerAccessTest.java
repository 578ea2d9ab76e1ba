package com.sharedmobility.rental.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.rental.RentalTestBase;
import com.sharedmobility.rental.config.KeyWorkerAccount;
import com.sharedmobility.rental.process.RentalProcess;
import com.sharedmobility.rental.readmodel.RentalStatus;
import com.sharedmobility.rental.usecase.ApplyForRental;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.impl.FetchAndLockContextListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The key worker at engine REST: no Camunda user, only the external-task operations, and those without the engine's
 * authorization checks, while Camunda users keep theirs.
 */
class KeyWorkerAccessTest extends RentalTestBase {

  private static final String FETCH = "/engine-rest/external-task/fetchAndLock";
  private static final String FETCH_ISSUE_KEY = "{\"workerId\":\"%s\",\"maxTasks\":10,\"topics\":[{\"topicName\":\""
      + RentalProcess.Topics.ISSUE_KEY + "\",\"lockDuration\":30000}]}";

  @LocalServerPort
  int port;
  @Autowired
  ApplyForRental applyForRental;
  @Autowired
  KeyWorkerAccount keyWorkerAccount;
  @Autowired
  ObjectMapper json;

  private final HttpClient http = HttpClient.newHttpClient();

  /** Engine REST's long polling is one per JVM: another test context that closed may have stopped it. */
  @BeforeEach
  void longPollingRuns() {
    FetchAndLockContextListener.getFetchAndLockHandler().start();
  }

  @AfterEach
  void removeTestUsers() {
    for (String user : new String[] {"keyworker", "nobody"}) {
      engine.getAuthorizationService().createAuthorizationQuery().userIdIn(user).list()
          .forEach(grant -> engine.getAuthorizationService().deleteAuthorization(grant.getId()));
      engine.getIdentityService().deleteUser(user);
    }
  }

  @Test
  void theKeyWorkerFetchesAndCompletesKeyTasksThoughItIsNoCamundaUser() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String rentalId = applyForRental.apply("alice", "bike-01", 1, null, null).id();
    assertThat(engine.getIdentityService().createUserQuery().userId("keyworker").count()).isZero();

    JsonNode tasks = json.readTree(call("keyworker", "keyworker", "POST", FETCH, FETCH_ISSUE_KEY.formatted("w1")).body());
    assertThat(tasks.findValuesAsText("businessKey")).containsExactly(rentalId);

    HttpResponse<String> completed = call("keyworker", "keyworker", "POST",
        "/engine-rest/external-task/" + tasks.get(0).get("id").asText() + "/complete",
        "{\"workerId\":\"w1\",\"variables\":{\"key\":{\"value\":\"4711\",\"type\":\"String\"}}}");

    assertThat(completed.statusCode()).isEqualTo(204);
    assertThat(jdbc.sql("SELECT status FROM rental WHERE id = ?").param(rentalId).query(String.class).single())
        .isEqualTo(RentalStatus.ACTIVE.name());
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource({
      "GET, /engine-rest/process-definition, 403",
      "GET, /engine-rest/external-task, 403",
      "POST, /engine-rest/process-definition/key/rental/start, 403",
      // a way round the rule through the path is refused before any filter (Spring Security's firewall)
      "POST, /engine-rest/external-task/../process-definition/key/rental/start, 400",
      "POST, /engine-rest/external-task/%2e%2e/process-definition/key/rental/start, 400",
      "DELETE, /engine-rest/process-instance/00000000-0000-0000-0000-000000000000, 403",
      "POST, /engine-rest/external-task/fetchAndLock, 200"})
  void theKeyWorkerMayOnlyWorkOnExternalTasks(String method, String path, int status) throws Exception {
    assertThat(call("keyworker", "keyworker", method, path, FETCH_ISSUE_KEY.formatted("w2")).statusCode())
        .isEqualTo(status);
  }

  @Test
  void theKeyWorkerWithAWrongPasswordGets401AndNoTask() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    applyForRental.apply("alice", "bike-02", 1, null, null);

    HttpResponse<String> response = call("keyworker", "guessed", "POST", FETCH, FETCH_ISSUE_KEY.formatted("w3"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"default\"");
    assertThat(engine.getExternalTaskService().createExternalTaskQuery().locked().count()).isZero();
  }

  @Test
  void aCamundaUserStillFetchesOnlyWhatItIsGranted() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    applyForRental.apply("alice", "bike-03", 1, null, null);
    User nobody = engine.getIdentityService().newUser("nobody");
    nobody.setPassword("nobody");
    engine.getIdentityService().saveUser(nobody);

    HttpResponse<String> response = call("nobody", "nobody", "POST", FETCH, FETCH_ISSUE_KEY.formatted("w4"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body())).isEmpty();
    assertThat(engine.getExternalTaskService().createExternalTaskQuery().locked().count()).isZero();
  }

  /** A poll that waits from before a rental was applied for takes its key task as soon as it exists. */
  @Test
  void aWaitingPollTakesATaskCreatedAfterItBegan() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    java.util.concurrent.CompletableFuture<HttpResponse<String>> poll = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> {
          try {
            return call("keyworker", "keyworker", "POST", FETCH, "{\"workerId\":\"w6\",\"maxTasks\":1,"
                + "\"asyncResponseTimeout\":15000,\"topics\":[{\"topicName\":\"" + RentalProcess.Topics.ISSUE_KEY
                + "\",\"lockDuration\":30000,\"processVariables\":{\"mobilityId\":\"bike-05\"}}]}");
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    Thread.sleep(2_000);
    long start = System.nanoTime();
    String rentalId = applyForRental.apply("alice", "bike-05", 1, null, null).id();
    HttpResponse<String> response = poll.get(20, java.util.concurrent.TimeUnit.SECONDS);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(json.readTree(response.body()).findValuesAsText("businessKey")).containsExactly(rentalId);
    assertThat(tookMillis).as("ms from the application until the waiting poll had its key task").isLessThan(3_000);
  }

  /**
   * A waiting long poll is woken by the engine only for tasks created on its own node; a task another node created,
   * or one whose lock ran out, is seen at ClusterFetchRecheck's next look, not when the poll's 20 s are over.
   */
  @Test
  void aWaitingPollTakesATaskThatNoNewTaskOnThisNodeAnnouncedWithinASecond() throws Exception {
    when(payments.charge(any(), any())).thenReturn(CHARGED);
    String rentalId = applyForRental.apply("alice", "bike-04", 1, null, null).id();
    // held by a worker that died: its lock runs out in a second, and nothing tells the waiting poll
    assertThat(engine.getExternalTaskService().fetchAndLock(1, "dead-worker")
        .topic(RentalProcess.Topics.ISSUE_KEY, 1_000).businessKey(rentalId).execute()).hasSize(1);

    long start = System.nanoTime();
    HttpResponse<String> response = call("keyworker", "keyworker", "POST", FETCH, ("{\"workerId\":\"w5\","
        + "\"maxTasks\":1,\"asyncResponseTimeout\":15000,\"topics\":[{\"topicName\":\""
        + RentalProcess.Topics.ISSUE_KEY + "\",\"lockDuration\":30000,\"businessKey\":\"" + rentalId + "\"}]}"));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(json.readTree(response.body()).findValuesAsText("businessKey")).containsExactly(rentalId);
    assertThat(tookMillis).as("ms until the poll took the task (its lock ran out after 1 000 ms)").isLessThan(3_000);
  }

  /** A Camunda user of the key worker's name, with grants, as earlier versions made it, goes at the next start. */
  @Test
  void theKeyWorkersCamundaUserOfEarlierVersionsIsRemoved() {
    User old = engine.getIdentityService().newUser("keyworker");
    old.setPassword("keyworker");
    engine.getIdentityService().saveUser(old);
    Authorization grant = engine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId("keyworker");
    grant.setResource(Resources.PROCESS_INSTANCE);
    grant.setResourceId(Authorization.ANY);
    grant.addPermission(Permissions.UPDATE);
    engine.getAuthorizationService().saveAuthorization(grant);

    keyWorkerAccount.retireCamundaUser();

    assertThat(engine.getIdentityService().createUserQuery().userId("keyworker").count()).isZero();
    assertThat(engine.getAuthorizationService().createAuthorizationQuery().userIdIn("keyworker").count()).isZero();
  }

  private HttpResponse<String> call(String user, String password, String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .method(method, method.equals("GET") || method.equals("DELETE")
            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
