package org.onedoor.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link EngineApiCalls} on both engine REST APIs (see {@link EngineApiGuard}). */
@Configuration
public class EngineApiGuardConfig {

  @Bean
  FilterRegistrationBean<EngineApiCalls> engineApiCalls(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
      @Value("${spring.jersey.application-path:/engine-rest}") String restPath) {
    FilterRegistrationBean<EngineApiCalls> registration = new FilterRegistrationBean<>(new EngineApiCalls());
    registration.setName("engine-api-calls");
    registration.addUrlPatterns(restPath + "/*", webappPath + "/api/engine/*");
    // after Spring Security (the Basic-authenticated caller is known) and the orQueries guard
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
    return registration;
  }
}
