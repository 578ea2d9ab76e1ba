package com.sharedmobility.key.worker;

import com.sharedmobility.key.store.InvalidKeyRequestException;
import com.sharedmobility.rental.process.RentalProcess.Variables;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.client.task.ExternalTask;

/** Reads the process variables a key task needs; a missing or malformed one can never succeed on retry. */
final class TaskVariables {

  private TaskVariables() {
  }

  /** The rental id variable, else the business key, which the process sets to the same id. */
  static String rentalId(ExternalTask task) {
    Object value = task.getVariable(Variables.RENTAL_ID);
    if (value == null && task.getBusinessKey() != null) {
      return task.getBusinessKey();
    }
    return requiredString(value, Variables.RENTAL_ID);
  }

  static String string(ExternalTask task, String name) {
    return requiredString(task.getVariable(name), name);
  }

  static Duration duration(ExternalTask task, String name) {
    String value = string(task, name);
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidKeyRequestException("variable '" + name + "' is not an ISO-8601 duration: '" + value + "'");
    }
  }

  private static String requiredString(Object value, String name) {
    if (value instanceof String text && !text.isBlank()) {
      return text;
    }
    throw new InvalidKeyRequestException("variable '" + name + "' must be a non-blank string, not " + value);
  }
}
