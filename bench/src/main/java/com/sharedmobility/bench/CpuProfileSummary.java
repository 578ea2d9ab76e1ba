package com.sharedmobility.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU went, from a JFR recording: each execution sample is charged to the library of its topmost
 * recognised frame (a sample in PostgreSQL's driver called from MyBatis called from the engine counts as the
 * driver), so that the shares add up to 100 % and wrappers such as the security filter chain do not count for what
 * runs inside them.
 *
 * <pre>java -cp ... com.sharedmobility.bench.CpuProfileSummary service.jfr</pre>
 */
public final class CpuProfileSummary {

  /** Package prefixes by library, tried in this order on each frame (engine REST before the engine). */
  private static final Map<String, List<String>> LIBRARIES = new LinkedHashMap<>();

  static {
    LIBRARIES.put("Scala FEEL (DMN expressions)", List.of("camundajar.", "org.camunda.feel."));
    LIBRARIES.put("DMN engine, Java FEEL, JUEL", List.of("org.camunda.bpm.dmn.", "org.camunda.bpm.impl.juel."));
    LIBRARIES.put("PostgreSQL driver", List.of("org.postgresql."));
    LIBRARIES.put("HikariCP", List.of("com.zaxxer.hikari."));
    LIBRARIES.put("MyBatis (engine persistence)", List.of("org.apache.ibatis."));
    LIBRARIES.put("Hibernate", List.of("org.hibernate."));
    LIBRARIES.put("Jackson", List.of("com.fasterxml.jackson."));
    LIBRARIES.put("logging", List.of("ch.qos.logback.", "org.slf4j."));
    LIBRARIES.put("Feign", List.of("feign."));
    LIBRARIES.put("Micrometer", List.of("io.micrometer."));
    LIBRARIES.put("Camunda engine REST", List.of("org.camunda.bpm.engine.rest.", "org.glassfish.jersey."));
    LIBRARIES.put("Camunda engine", List.of("org.camunda.bpm.engine."));
    LIBRARIES.put("Camunda external task client", List.of("org.camunda.bpm.client."));
    LIBRARIES.put("Tomcat, HTTP", List.of("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
        "org.apache.hc.", "java.net.http.", "jdk.internal.net.http."));
    LIBRARIES.put("Spring", List.of("org.springframework."));
    LIBRARIES.put("service code", List.of("com.sharedmobility."));
  }

  private CpuProfileSummary() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: CpuProfileSummary <recording.jfr>");
      System.exit(2);
    }
    Map<String, Integer> samples = new LinkedHashMap<>();
    int total = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
        continue;
      }
      samples.merge(libraryOf(event.getStackTrace().getFrames()), 1, Integer::sum);
      total++;
    }
    System.out.println(total + " CPU samples");
    int all = Math.max(total, 1);
    samples.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> System.out.printf("%-32s %5.1f %%%n", e.getKey(), 100.0 * e.getValue() / all));
  }

  private static String libraryOf(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      String type = frame.getMethod().getType().getName();
      for (Map.Entry<String, List<String>> library : LIBRARIES.entrySet()) {
        if (library.getValue().stream().anyMatch(type::startsWith)) {
          return library.getKey();
        }
      }
    }
    return "JDK and other";
  }
}
