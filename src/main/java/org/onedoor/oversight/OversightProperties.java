package org.onedoor.oversight;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The targets of the supervision dashboard that a province may set ({@code onedoor.oversight}).
 *
 * @param jointShareTarget the least share of joint (cross-department) inspections among all inspections
 *     opened in a year (the provincial target: 0.20, i.e. 20 %); between 0 and 1
 */
@ConfigurationProperties("onedoor.oversight")
public record OversightProperties(Double jointShareTarget) {

  public OversightProperties {
    jointShareTarget = jointShareTarget == null ? 0.20 : jointShareTarget;
    if (jointShareTarget.isNaN() || jointShareTarget < 0 || jointShareTarget > 1) {
      throw new IllegalArgumentException("onedoor.oversight.joint-share-target must be between 0 and 1");
    }
  }
}
