package org.onedoor.archalpha;

import org.onedoor.archbeta.BetaController;
import org.onedoor.archbeta.BetaGreeted;

/**
 * Fixture for ArchitectureRulesNameTheOffenderTest: a service that calls another feature's controller.
 * Not a Spring bean: component scanning must not find the fixtures.
 */
public class AlphaService {

  public String greeting(BetaController beta) {
    return beta.hello();
  }

  public BetaGreeted greeted() {
    return new BetaGreeted("你好");
  }
}
