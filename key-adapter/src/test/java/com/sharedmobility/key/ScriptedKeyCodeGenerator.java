package com.sharedmobility.key;

import com.sharedmobility.key.store.KeyCodeGenerator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Draws the codes a test scripts, then random ones; counts draws so a test can see collisions being redrawn. */
public class ScriptedKeyCodeGenerator implements KeyCodeGenerator {

  private final Queue<String> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger draws = new AtomicInteger();

  public void script(String... codes) {
    script.addAll(List.of(codes));
  }

  public int draws() {
    return draws.get();
  }

  public void reset() {
    script.clear();
    draws.set(0);
  }

  @Override
  public String nextCode() {
    draws.incrementAndGet();
    String scripted = script.poll();
    return scripted != null ? scripted : "%04d".formatted(ThreadLocalRandom.current().nextInt(10_000));
  }
}
