package com.sharedmobility.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The monitoring of k8s/monitoring: the alerts are a rules file promtool accepts, the very alerts the runbook
 * explains, and the dashboard's every query is PromQL that promtool parses. promtool comes from Debian's prometheus
 * package (monitoring/install.sh, run by the build before the tests).
 */
class MonitoringTest {

  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path MONITORING = MODULE.resolve("monitoring");
  private static final Path WORK = MODULE.resolve("target/monitoring");

  @Test
  void theAlertsAreARulesFileThatPromtoolAccepts() throws Exception {
    Path rules = write("rental-alerts.yml", rulesFile());

    Promtool checked = promtool("check", "rules", rules.toString());

    assertThat(checked.exitCode()).as(checked.output()).isZero();
    assertThat(checked.output()).contains("SUCCESS: " + alertNames().size() + " rules found");
  }

  @Test
  void theAlertsAreThoseTheRunbookExplains() throws IOException {
    String runbook = Files.readString(MODULE.resolve("../docs/operations.md"));
    String table = runbook.substring(runbook.indexOf("## Alerts"), runbook.indexOf("## Good to know"));
    List<String> explained = new ArrayList<>();
    Matcher row = Pattern.compile("(?m)^\\| ([A-Z][A-Za-z]+) \\|").matcher(table);
    while (row.find()) {
      explained.add(row.group(1));
    }

    assertThat(alertNames()).containsExactlyInAnyOrderElementsOf(explained);
  }

  /** Each panel's query, made a recording rule, so that promtool parses it as it parses the alerts. */
  @Test
  void everyQueryOfTheDashboardIsPromqlThatPromtoolParses() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
    ObjectNode file = Kustomize.YAML.createObjectNode();
    ArrayNode recording = file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("targets")).as("queries of panel %s", panel.path("title")).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        recording.addObject().put("record", "dashboard:panel_" + panel.path("id").asInt() + "_"
            + target.path("refId").asText()).put("expr", target.path("expr").asText());
      }
    }
    Path rules = write("dashboard-queries.yml", file);

    Promtool checked = promtool("check", "rules", rules.toString());

    assertThat(checked.exitCode()).as(checked.output()).isZero();
    assertThat(dashboard.path("uid").asText()).isEqualTo("shared-mobility");
  }

  @Test
  void theKustomizationShipsTheRuleAndTheDashboardForGrafanasSidecar() {
    JsonNode kustomization = Kustomize.read(MONITORING.resolve("kustomization.yaml")).get(0);

    assertThat(kustomization.path("resources").get(0).asText()).isEqualTo("prometheus-rule.yaml");
    JsonNode dashboard = kustomization.path("configMapGenerator").get(0);
    assertThat(dashboard.path("files").get(0).asText()).isEqualTo("grafana-dashboard.json");
    assertThat(dashboard.path("options").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
    assertThat(rule().path("kind").asText()).isEqualTo("PrometheusRule");
  }

  private static JsonNode rule() {
    return Kustomize.read(MONITORING.resolve("prometheus-rule.yaml")).get(0);
  }

  /** The PrometheusRule's spec: a plain Prometheus rules file. */
  private static JsonNode rulesFile() {
    return rule().path("spec");
  }

  private static List<String> alertNames() {
    List<String> names = new ArrayList<>();
    rulesFile().path("groups").forEach(group -> group.path("rules").forEach(r -> names.add(r.path("alert").asText())));
    return names;
  }

  private static Path write(String name, JsonNode content) throws IOException {
    Files.createDirectories(WORK);
    Path file = WORK.resolve(name);
    Kustomize.YAML.writeValue(file.toFile(), content);
    return file;
  }

  record Promtool(int exitCode, String output) {
  }

  private static Promtool promtool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    return new Promtool(process.exitValue(), output);
  }
}
