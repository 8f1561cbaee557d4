package org.onedoor.archbeta;

import org.onedoor.archalpha.AlphaService;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fixture for ArchitectureRulesNameTheOffenderTest: a controller that closes a cycle with archalpha.
 * Abstract, so Spring's component scanning of the test class path never registers it.
 */
@RestController
public abstract class BetaController {

  private final AlphaService alpha;

  protected BetaController(AlphaService alpha) {
    this.alpha = alpha;
  }

  public String hello() {
    return "hello from " + alpha.getClass().getSimpleName();
  }
}
