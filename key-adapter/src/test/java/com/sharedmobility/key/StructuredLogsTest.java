package com.sharedmobility.key;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sharedmobility.key.worker.FetchFailureLogFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterators;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;

/**
 * As on Kubernetes ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}): every line JSON on the console, no log file, and
 * the fetch failure filter still in front.
 */
@SpringBootTest(properties = {"logging.structured.format.console=ecs",
    "camunda.bpm.client.disable-auto-fetching=true"})
@ActiveProfiles("local")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

  @Test
  void logsJsonToTheConsoleOnlyWithTheFetchFailureFilterInFront(CapturedOutput output) throws Exception {
    LoggerFactory.getLogger(StructuredLogsTest.class).info("structured probe");

    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : output.getOut().split("\n")) {
      if (line.contains("structured probe")) {
        lines.add(json.readTree(line));
      }
    }
    assertThat(lines).singleElement().satisfies(line -> {
      assertThat(line.path("message").asText()).isEqualTo("structured probe");
      assertThat(line.path("ecs").path("version").asText()).isNotBlank();
      assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
    });
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(logging.getTurboFilterList()).hasAtLeastOneElementOfType(FetchFailureLogFilter.class);
    Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    assertThat(StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(root.iteratorForAppenders(), 0), false))
        .isNotEmpty().noneMatch(FileAppender.class::isInstance);
  }
}
