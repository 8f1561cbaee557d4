package org.onedoor.credit;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.onedoor.directory.Uscc;
import org.onedoor.platform.web.BadRequestException;
import org.onedoor.platform.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A business's credit class and risk level with their history (staff), and the monthly recalculation (admins). */
@RestController
class CreditController {

  private final CreditFeedback feedback;

  CreditController(CreditFeedback feedback) {
    this.feedback = feedback;
  }

  @GetMapping("/api/v1/entities/{uscc}/credit")
  CreditFeedback.EntityCredit credit(@PathVariable String uscc) {
    String code = Uscc.normalise(uscc);
    Uscc.problem(code).ifPresent(p -> {
      throw new BadRequestException("uscc", p);
    });
    return feedback.of(code).orElseThrow(() -> new NotFoundException("uscc", "名录库中没有 " + code));
  }

  /** Runs this month's recalculation now (it runs by itself on the 1st); 409 when it has run. */
  @PostMapping("/api/management/v1/credit-recalculations")
  @ResponseStatus(HttpStatus.CREATED)
  CreditFeedback.Recalculation recalculate(Authentication user) {
    var now = ClockUtil.now().toInstant();
    return feedback.recalculate(feedback.period(now), user.getName(), now);
  }
}
