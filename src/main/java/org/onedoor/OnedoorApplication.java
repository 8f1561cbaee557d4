package org.onedoor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * onedoor: case handling for "double random, one public" (双随机、一公开) joint inspections.
 * The code is packaged by feature; see docs/design.md, "Where a change goes".
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OnedoorApplication {

  public static void main(String[] args) {
    SpringApplication.run(OnedoorApplication.class, args);
  }
}
