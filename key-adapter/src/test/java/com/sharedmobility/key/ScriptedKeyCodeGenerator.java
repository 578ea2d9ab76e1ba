package com.sharedmobility.key;

import com.sharedmobility.key.store.KeyCodeGenerator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Draws the codes a test scripts, then random ones; counts draws so a test can see collisions being redrawn. A test
 * may also run something at the next draw, which an issue makes inside its transaction after reading the rental's
 * row: that places a concurrent transaction exactly there.
 */
public class ScriptedKeyCodeGenerator implements KeyCodeGenerator {

  private final Queue<String> script = new ConcurrentLinkedQueue<>();
  private final AtomicInteger draws = new AtomicInteger();
  private final AtomicReference<Runnable> atNextDraw = new AtomicReference<>();

  public void script(String... codes) {
    script.addAll(List.of(codes));
  }

  /** Runs {@code action} once, in the thread of the next draw, before it draws. */
  public void atNextDraw(Runnable action) {
    atNextDraw.set(action);
  }

  public int draws() {
    return draws.get();
  }

  public void reset() {
    script.clear();
    draws.set(0);
    atNextDraw.set(null);
  }

  @Override
  public String nextCode() {
    Runnable action = atNextDraw.getAndSet(null);
    if (action != null) {
      action.run();
    }
    draws.incrementAndGet();
    String scripted = script.poll();
    return scripted != null ? scripted : "%04d".formatted(ThreadLocalRandom.current().nextInt(10_000));
  }
}
