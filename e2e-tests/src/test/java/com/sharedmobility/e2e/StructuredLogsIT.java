package com.sharedmobility.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The three packaged services log as on Kubernetes ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}, which the stack
 * sets): every line they wrote to the console is one ECS JSON object, and none wrote a log file into its temporary
 * directory (the only writable place of its container) or beside its jar.
 */
@Order(5)
class StructuredLogsIT extends E2eTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyServiceLogsEcsJsonLinesOnTheConsoleAndNoFile() throws IOException {
    // something to log for each: an application and its key
    awaitActive(stack.alice(), rentalId(stack.alice().apply(stack.claimVehicle().id(), 24)));

    for (ServiceProcess service : List.of(stack.processApp(), stack.paymentAdapter(), stack.keyAdapter())) {
      List<String> lines = linesSinceStart(service.logFile());
      List<String> notJson = new ArrayList<>();
      for (String line : lines) {
        JsonNode json = parse(line);
        if (json == null || !json.path("ecs").has("version") || !json.has("message")) {
          notJson.add(line);
        }
      }
      assertThat(lines).as("lines %s logged", service.name()).hasSizeGreaterThan(10);
      assertThat(notJson).as("lines of %s that are not ECS JSON", service.name()).isEmpty();
      try (Stream<Path> files = Files.walk(stack.temporaryDirectory(service.name()))) {
        assertThat(files.filter(f -> f.getFileName().toString().endsWith(".log")))
            .as("log files in the temporary directory of %s", service.name()).isEmpty();
      }
      try (Stream<Path> files = Files.list(Path.of("..", moduleOf(service.name()), "target"))) {
        assertThat(files.filter(f -> f.getFileName().toString().endsWith(".log")))
            .as("log files beside the jar of %s", service.name()).isEmpty();
      }
    }
  }

  /** The lines after the stack's banner of the service's last start (its command line is the line after it). */
  private static List<String> linesSinceStart(Path log) throws IOException {
    List<String> all = Files.readAllLines(log);
    int banner = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).startsWith("===== e2e: starting")) {
        banner = i;
      }
    }
    return all.subList(Math.min(banner + 2, all.size()), all.size()).stream().filter(l -> !l.isBlank()).toList();
  }

  private static String moduleOf(String serviceName) {
    return serviceName.startsWith(RentalStack.PROCESS_APP) ? RentalStack.PROCESS_APP : serviceName;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }
}
