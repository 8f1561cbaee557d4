package org.onedoor.archalpha;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.JdbcTemplate;

/** Fixture for ArchitectureRulesNameTheOffenderTest: a delegate that writes SQL itself. */
public class AlphaDelegate implements JavaDelegate {

  private final JdbcTemplate jdbc;

  public AlphaDelegate(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void execute(DelegateExecution execution) {
    jdbc.update("update alpha set done = true");
  }
}
