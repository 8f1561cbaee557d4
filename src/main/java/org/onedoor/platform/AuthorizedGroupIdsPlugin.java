package org.onedoor.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes Camunda's {@code selectAuthorizedGroupIds} cheap on PostgreSQL when many tasks are open.
 *
 * <p>Every authorization-checked command calls {@code
 * AuthorizationManager.filterAuthenticatedGroupIds}, which loads (once per command) {@code SELECT
 * distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A} (Authorization.xml, Camunda 7.24), drops
 * NULL and keeps the authenticated user's groups that occur in it. Each open task with candidate
 * groups has its own authorization rows, so with 100,000 open tasks that DISTINCT reads ~100,000
 * index entries (~40 ms) per command.
 *
 * <p>On PostgreSQL this plugin maps the statement to {@code onedoorSelectAuthorizedGroupIdsLooseScan}
 * (AuthorizedGroupIds.postgres.xml): a recursive CTE that walks {@code ACT_IDX_AUTH_GROUP_ID} from
 * one distinct group id to the next, so it reads one entry per distinct group. It returns the same
 * non-NULL group ids; the NULL the original may return is dropped by Camunda anyway. Authorization
 * decisions are unchanged (PostgresStartupTest compares both statements on the same data).
 *
 * <p>Upgrade safety: it uses Camunda's own per-database statement mapping ({@link
 * DbSqlSessionFactory#mapStatement}) and adds a statement next to Camunda's, touching neither
 * Camunda's mapping nor its classes. If a Camunda version no longer has {@code
 * selectAuthorizedGroupIds} the mapping is simply unused. The engine's (static, shared) mapping
 * table for PostgreSQL is copied, not changed. Other databases keep Camunda's statement.
 */
@Component
public class AuthorizedGroupIdsPlugin extends AbstractProcessEnginePlugin {

  static final String CAMUNDA_STATEMENT = "selectAuthorizedGroupIds";
  static final String LOOSE_SCAN_STATEMENT = "onedoorSelectAuthorizedGroupIdsLooseScan";
  private static final String MAPPER = "org/onedoor/platform/AuthorizedGroupIds.postgres.xml";

  private static final Logger log = LoggerFactory.getLogger(AuthorizedGroupIdsPlugin.class);

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!"postgres".equals(configuration.getDatabaseType())) {
      log.debug("database type {}: Camunda's {} unchanged", configuration.getDatabaseType(), CAMUNDA_STATEMENT);
      return;
    }
    Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      // a shared SqlSessionFactory (useSharedSqlSessionFactory) may have it already
      if (!mybatis.hasStatement(LOOSE_SCAN_STATEMENT, false)) {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(MAPPER)) {
          if (in == null) {
            throw new IllegalStateException(MAPPER + " not on the class path");
          }
          new XMLMapperBuilder(in, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
    Map<String, String> mappings = new HashMap<>();
    if (sessions.getStatementMappings() != null) {
      mappings.putAll(sessions.getStatementMappings());
    }
    mappings.put(CAMUNDA_STATEMENT, LOOSE_SCAN_STATEMENT);
    sessions.setStatementMappings(mappings);
    log.info("{} mapped to {} (loose index scan)", CAMUNDA_STATEMENT, LOOSE_SCAN_STATEMENT);
  }
}
