package org.onedoor.platform;

import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/**
 * Builds the Camunda engine only after Flyway has migrated our own tables.
 *
 * <p>Without this the engine comes first: the web server's filters need the IdentityService
 * (SecurityConfig), so the engine is built while the web server starts, long before Spring Boot
 * creates the {@code flywayInitializer}. Flyway then finds a schema that is no longer empty
 * (Camunda's ACT_* tables) and, with {@code baseline-on-migrate}, records a baseline instead of
 * running from V1. Declaring the engine beans as "depending on database initialization" makes
 * Spring Boot's {@code DatabaseInitializationDependencyConfigurer} put Flyway first, so engine
 * plugins, delegates and listeners may use onedoor's tables from the first moment.
 *
 * <p>Consequence: a Flyway migration cannot touch Camunda's tables on an empty database (they do
 * not exist yet). Changes to ACT_* tables go to {@link ParentTaskIndexPlugin}-style engine plugins.
 *
 * <p>Registered in META-INF/spring.factories.
 */
public class EngineAfterFlywayDetector
    extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

  @Override
  protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
    return Set.of(ProcessEngineConfigurationImpl.class, ProcessEngine.class);
  }
}
