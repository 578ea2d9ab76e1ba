package com.sharedmobility.rental.tasklist;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidator;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidatorContext;
import org.springframework.stereotype.Component;

/**
 * The key an operator enters in the form "Issue key manually": exactly four digits, as every key the vehicles accept.
 * The key service would reject anything else later (KEY_REJECTED); the form says so while the operator types.
 */
@Component("manualKeyValidator")
public class ManualKeyValidator implements FormFieldValidator {

  private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");

  @Override
  public boolean validate(Object submittedValue, FormFieldValidatorContext context) {
    return submittedValue instanceof String key && FOUR_DIGITS.matcher(key).matches();
  }
}
