package com.sharedmobility.e2e;

import com.sharedmobility.e2e.FaultInjectionTest.Outcome;
import com.sharedmobility.e2e.RentalStack.Mobility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open stream of applications at a fixed rate, as customers' clients make them: alice and bob in turn, each
 * application for a vehicle of its own (no 409 from a live rental) and one hour, with an {@code Idempotency-Key};
 * a {@code 503} is waited out for its {@code Retry-After} and the same application sent again, up to
 * {@link #ATTEMPTS} times. Every answer is recorded, so that a window of the stream (a restart) can be judged.
 */
final class ApplicationStream {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationStream.class);
  private static final int ATTEMPTS = 6;
  private static final int CALLERS = 64;
  /** Vehicles enough for this many applications per second over the longest stream. */
  private static final int MOST_PER_SECOND = 60;

  /** One answer (or none) to one attempt of one application. */
  record Answer(int application, int attempt, Outcome outcome, String rentalId) {

    int status() {
      return outcome.status();
    }

    boolean refused() {
      return status() == 503 && retryAfter() != null;
    }

    /** What a client may take in its stride: paid, pending, or refused with a time to come back. */
    boolean expected() {
      return status() == 201 || status() == 202 || refused();
    }

    String retryAfter() {
      return outcome.answered() ? outcome.response().headers().firstValue("Retry-After").orElse(null) : null;
    }
  }

  /** What a window of the stream saw: applications sent in it, refusals, answers no client should get. */
  record Window(String name, Instant from, Instant to, int applications, int refused, List<Answer> failed,
                List<Answer> refusals) {

    double refusedShare() {
      return applications == 0 ? 0 : (double) refused / applications;
    }

    /** The refusals by reason, the first answers no client should get, and the invariants' tables. */
    String details(Invariants.Result result) {
      return "\nRefusals by reason: " + refusalReasons() + "\n\nFailed answers: " + failed.stream().limit(20)
          .map(a -> "#" + a.application() + " " + a.outcome()).toList() + "\n\n" + result.invariantTable() + "\n"
          + result.figureTable() + "\n";
    }

    /** How many refusals said what: the problem's detail, its figures left out. */
    Map<String, Long> refusalReasons() {
      return refusals.stream().collect(java.util.stream.Collectors.groupingBy(
          a -> String.valueOf(a.outcome().response().text("detail")).replaceAll("\\d+", "N"), java.util.TreeMap::new,
          java.util.stream.Collectors.counting()));
    }
  }

  private final RentalStack stack;
  private final List<Mobility> vehicles;
  private final List<Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
  /** Rentals answered 201 or 202: id to customer. */
  private final Map<String, String> accepted = new ConcurrentHashMap<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

  /** A stream of at most {@code longest}, with vehicles of its own. */
  ApplicationStream(RentalStack stack, Duration longest, String vehiclePrefix) {
    this.stack = stack;
    this.vehicles = stack.addVehicles(vehiclePrefix, (int) (MOST_PER_SECOND * longest.toSeconds()));
  }

  /**
   * The closed maximum, as bench/run.sh measures it: {@code users} customers each applying again as soon as they
   * have their answer (after the {@code Retry-After} of a refusal); paid applications per second over
   * {@code measured}, after {@code warmUp} of the same. These applications are not part of the stream's answers.
   */
  double closedMaximum(int users, Duration warmUp, Duration measured) throws InterruptedException {
    Instant from = Instant.now().plus(warmUp);
    Instant to = from.plus(measured);
    AtomicInteger paid = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      String customer = u % 2 == 0 ? "alice" : "bob";
      Thread user = new Thread(() -> {
        while (Instant.now().isBefore(to)) {
          int application = sent.getAndIncrement();
          Outcome outcome = FaultInjectionTest.call(() -> stack.customer(customer).apply(
              vehicles.get(application).id(), 1, null, UUID.randomUUID().toString()));
          if (outcome.status() == 201 && outcome.end().isAfter(from) && outcome.end().isBefore(to)) {
            paid.incrementAndGet();
          }
          if (outcome.status() == 503) {
            sleepFor(outcome.response().headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L));
          }
        }
      }, "closed-user-" + u);
      user.start();
      threads.add(user);
    }
    for (Thread t : threads) {
      t.join();
    }
    return paid.get() / (double) measured.toSeconds();
  }

  private static void sleepFor(long seconds) {
    try {
      Thread.sleep(Duration.ofSeconds(seconds).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Applications at {@code rate} per second from now on, until {@link #stop()}. */
  void start(double rate) {
    arrivals.scheduleAtFixedRate(() -> {
      int application = sent.getAndIncrement();
      if (application >= vehicles.size()) {
        return;
      }
      try {
        callers.execute(() -> apply(application));
      } catch (RejectedExecutionException streamOver) {
        LOG.debug("stream over: application #{} not made", application);
      }
    }, 0, (long) (1_000_000 / rate), TimeUnit.MICROSECONDS);
  }

  /** Stops the arrivals and waits for the applications under way, their Retry-After waits included. */
  void stop() throws InterruptedException {
    arrivals.shutdownNow();
    callers.shutdown();
    if (!callers.awaitTermination(3, TimeUnit.MINUTES)) {
      callers.shutdownNow();
      throw new IllegalStateException("applications still under way 3 min after the stream ended");
    }
  }

  private void apply(int application) {
    String customer = application % 2 == 0 ? "alice" : "bob";
    Mobility vehicle = vehicles.get(application);
    String idempotencyKey = UUID.randomUUID().toString();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Outcome outcome = FaultInjectionTest.call(() -> stack.customer(customer).apply(vehicle.id(), 1, null,
          idempotencyKey));
      String id = outcome.answered() ? outcome.response().text("id") : null;
      Answer answer = new Answer(application, attempt, outcome, id);
      answers.add(answer);
      if (answer.status() == 201 || answer.status() == 202) {
        accepted.put(id, customer);
      }
      if (!answer.refused()) {
        return;
      }
      sleepFor(Long.parseLong(answer.retryAfter()));
    }
  }

  Map<String, String> accepted() {
    return Map.copyOf(accepted);
  }

  List<Answer> answers() {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  /** The answers to applications whose first attempt started in [from, to). */
  Window window(String name, Instant from, Instant to) {
    List<Answer> all = answers();
    java.util.Set<Integer> inWindow = new java.util.HashSet<>();
    for (Answer a : all) {
      if (a.attempt() == 1 && !a.outcome().start().isBefore(from) && a.outcome().start().isBefore(to)) {
        inWindow.add(a.application());
      }
    }
    List<Answer> mine = all.stream().filter(a -> inWindow.contains(a.application())).toList();
    List<Answer> refusals = mine.stream().filter(Answer::refused).toList();
    return new Window(name, from, to, inWindow.size(), refusals.size(),
        mine.stream().filter(a -> !a.expected()).toList(), refusals);
  }
}
